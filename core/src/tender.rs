//! Tenders and settlement: several tenders per sale, change only from cash, cash rounding to
//! a store step booked as its own amount.
//!
//! Settlement rules:
//! - Non-cash tenders (card, QRIS/e-wallet, voucher, customer account) are applied first and
//!   may not exceed what is due: no change is ever given from them.
//! - If any cash is tendered, the part left for cash is rounded to the store's cash step
//!   (e.g. Rp 100); the difference is the *rounding* amount, booked separately so that
//!   `tendered − change = total + rounding` always holds.
//! - A sale settles only when fully paid.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::{Currency, Money};

/// How a customer pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TenderKind {
    Cash,
    Card,
    /// Indonesia's national QR standard.
    Qris,
    /// E-wallets paid outside QRIS (OVO, GoPay, DANA, ShopeePay deep links).
    EWallet,
    Voucher,
    /// On the customer's account, paid later.
    CustomerAccount,
    /// Credit from goods returned in the same exchange: paid out by the return, taken in by
    /// the sale, so that only the difference changes hands.
    Exchange,
}

impl TenderKind {
    /// The tenders a customer pays or is refunded with (exchange credit only ever comes
    /// from an exchange).
    pub const ALL: [TenderKind; 6] = [
        TenderKind::Cash,
        TenderKind::Card,
        TenderKind::Qris,
        TenderKind::EWallet,
        TenderKind::Voucher,
        TenderKind::CustomerAccount,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TenderKind::Cash => "cash",
            TenderKind::Card => "card",
            TenderKind::Qris => "qris",
            TenderKind::EWallet => "e_wallet",
            TenderKind::Voucher => "voucher",
            TenderKind::CustomerAccount => "customer_account",
            TenderKind::Exchange => "exchange",
        }
    }

    pub fn from_code(code: &str) -> Option<TenderKind> {
        Self::ALL.into_iter().chain([TenderKind::Exchange]).find(|k| k.code() == code)
    }
}

/// One payment towards a sale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tender {
    pub kind: TenderKind,
    pub amount: Money,
    /// Card approval code, QRIS reference, voucher number…
    pub reference: Option<String>,
}

/// How the cash part is rounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// To the nearest step, halves up (Rp 150 → Rp 200 with a Rp 100 step).
    #[default]
    Nearest,
    /// Always down, in the customer's favour.
    Down,
    /// Always up.
    Up,
}

/// The store's cash rounding rule. A step of one minor unit means no rounding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CashRounding {
    pub step_minor: i64,
    pub mode: RoundingMode,
}

impl CashRounding {
    pub const NONE: CashRounding = CashRounding { step_minor: 1, mode: RoundingMode::Nearest };

    /// Rounds an amount in minor units to the step.
    pub fn apply(self, minor: i64) -> i64 {
        let step = self.step_minor.max(1);
        let floor = minor.div_euclid(step) * step;
        let rest = minor - floor;
        match self.mode {
            _ if rest == 0 => minor,
            RoundingMode::Down => floor,
            RoundingMode::Up => floor + step,
            RoundingMode::Nearest if rest * 2 >= step => floor + step,
            RoundingMode::Nearest => floor,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PaymentError {
    #[error("tender {index} ({kind}) must be more than zero")]
    NonPositiveTender { index: usize, kind: &'static str },
    #[error("not fully paid: {remaining} still due")]
    Underpaid { remaining: Money },
    #[error("non-cash tenders ({non_cash}) exceed the amount due ({due}); change is only given from cash")]
    NonCashExceedsDue { non_cash: Money, due: Money },
    #[error("cash tendered but nothing is left to pay in cash")]
    CashNotNeeded,
    #[error("tender {index} is in {found}, the sale is in {expected}")]
    WrongCurrency { index: usize, found: &'static str, expected: &'static str },
}

/// The outcome of paying a total with tenders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settlement {
    pub total: Money,
    /// Cash rounding, positive when the customer pays more than the total.
    pub rounding: Money,
    /// total + rounding.
    pub amount_due: Money,
    pub tendered: Money,
    pub change: Money,
}

/// Settles `total` with `tenders` under the store's cash rounding rule.
pub fn settle(total: Money, tenders: &[Tender], rounding: CashRounding) -> Result<Settlement, PaymentError> {
    let c: Currency = total.currency();
    let zero = Money::zero(c);
    for (index, t) in tenders.iter().enumerate() {
        if t.amount.currency() != c {
            return Err(PaymentError::WrongCurrency {
                index,
                found: t.amount.currency().code,
                expected: c.code,
            });
        }
        if !t.amount.is_positive() {
            return Err(PaymentError::NonPositiveTender { index, kind: t.kind.code() });
        }
    }
    let non_cash = tenders.iter().filter(|t| t.kind != TenderKind::Cash).fold(zero, |a, t| a + t.amount);
    let cash = tenders.iter().filter(|t| t.kind == TenderKind::Cash).fold(zero, |a, t| a + t.amount);
    let has_cash = tenders.iter().any(|t| t.kind == TenderKind::Cash);

    if non_cash.amount() > total.amount() {
        return Err(PaymentError::NonCashExceedsDue { non_cash, due: total });
    }
    let left_for_cash = total - non_cash;
    if !has_cash {
        if left_for_cash.is_positive() {
            return Err(PaymentError::Underpaid { remaining: left_for_cash });
        }
        return Ok(Settlement { total, rounding: zero, amount_due: total, tendered: non_cash, change: zero });
    }
    let cash_due = Money::from_minor(rounding.apply(left_for_cash.minor()), c);
    if cash_due.is_zero() {
        return Err(PaymentError::CashNotNeeded);
    }
    if cash.amount() < cash_due.amount() {
        return Err(PaymentError::Underpaid { remaining: cash_due - cash });
    }
    let rounding_amount = cash_due - left_for_cash;
    Ok(Settlement {
        total,
        rounding: rounding_amount,
        amount_due: total + rounding_amount,
        tendered: cash + non_cash,
        change: cash - cash_due,
    })
}

/// What is still to pay given the tenders so far, for the payment screen; rounds the cash
/// part as `settle` would if the rest were paid in cash. Never negative.
pub fn remaining_due(total: Money, tenders: &[Tender], rounding: CashRounding) -> Money {
    let c = total.currency();
    let paid = tenders.iter().fold(Money::zero(c), |a, t| a + t.amount);
    let left = total - paid;
    if left.is_positive() { Money::from_minor(rounding.apply(left.minor()), c) } else { Money::zero(c) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idr(n: i64) -> Money {
        Money::from_minor(n, Currency::IDR)
    }

    fn t(kind: TenderKind, n: i64) -> Tender {
        Tender { kind, amount: idr(n), reference: None }
    }

    const STEP_100: CashRounding = CashRounding { step_minor: 100, mode: RoundingMode::Nearest };

    #[test]
    fn cash_gives_change_after_rounding() {
        let s = settle(idr(12_450), &[t(TenderKind::Cash, 20_000)], STEP_100).unwrap();
        assert_eq!(s.rounding, idr(50));
        assert_eq!(s.amount_due, idr(12_500));
        assert_eq!(s.change, idr(7_500));
    }

    #[test]
    fn card_pays_exactly_without_rounding() {
        let s = settle(idr(12_450), &[t(TenderKind::Card, 12_450)], STEP_100).unwrap();
        assert_eq!((s.rounding, s.change), (idr(0), idr(0)));
    }

    #[test]
    fn split_rounds_only_the_cash_part() {
        let s = settle(idr(50_049), &[t(TenderKind::Qris, 30_000), t(TenderKind::Cash, 50_000)], STEP_100)
            .unwrap();
        assert_eq!(s.rounding, idr(-49));
        assert_eq!(s.change, idr(30_000));
        assert_eq!(s.tendered - s.change, s.total + s.rounding);
    }

    #[test]
    fn refusals() {
        assert_eq!(
            settle(idr(10_000), &[t(TenderKind::Cash, 5_000)], STEP_100),
            Err(PaymentError::Underpaid { remaining: idr(5_000) })
        );
        assert!(matches!(
            settle(idr(10_000), &[t(TenderKind::Card, 20_000)], STEP_100),
            Err(PaymentError::NonCashExceedsDue { .. })
        ));
        assert!(matches!(
            settle(idr(10_000), &[t(TenderKind::Card, 10_000), t(TenderKind::Cash, 5_000)], STEP_100),
            Err(PaymentError::CashNotNeeded)
        ));
        assert!(matches!(
            settle(idr(10_000), &[t(TenderKind::Cash, 0)], STEP_100),
            Err(PaymentError::NonPositiveTender { index: 0, .. })
        ));
        assert_eq!(
            settle(idr(10_000), &[t(TenderKind::Card, 4_000)], STEP_100),
            Err(PaymentError::Underpaid { remaining: idr(6_000) })
        );
    }

    #[test]
    fn rounding_modes() {
        let down = CashRounding { step_minor: 100, mode: RoundingMode::Down };
        let up = CashRounding { step_minor: 100, mode: RoundingMode::Up };
        assert_eq!(STEP_100.apply(12_450), 12_500);
        assert_eq!(STEP_100.apply(12_449), 12_400);
        assert_eq!(down.apply(12_499), 12_400);
        assert_eq!(up.apply(12_401), 12_500);
        assert_eq!(up.apply(12_400), 12_400);
        assert_eq!(CashRounding::NONE.apply(12_449), 12_449);
    }

    #[test]
    fn remaining_due_for_the_payment_screen() {
        assert_eq!(remaining_due(idr(12_450), &[t(TenderKind::Card, 2_000)], STEP_100), idr(10_500));
        assert_eq!(remaining_due(idr(12_450), &[t(TenderKind::Cash, 20_000)], STEP_100), idr(0));
    }
}
