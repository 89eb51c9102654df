//! Shifts and cash: the opening float, cash paid in and out, and the count at the close by
//! denomination. The expected cash is worked out from the ledger's figures, never typed;
//! the difference from the count is recorded as over or short, never forced to zero.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::Currency;

/// Rupiah notes and coins in circulation, largest first (Rp 1.000 exists as both).
pub const IDR_DENOMINATIONS: &[i64] =
    &[100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50];
/// Cent currencies: notes and coins in minor units.
pub const CENT_DENOMINATIONS: &[i64] = &[10_000, 5_000, 2_000, 1_000, 500, 100, 50, 25, 10, 5, 1];

/// The denominations a drawer of `currency` holds, in minor units, largest first.
pub fn denominations(currency: Currency) -> &'static [i64] {
    if currency.minor_units == 0 { IDR_DENOMINATIONS } else { CENT_DENOMINATIONS }
}

/// How many of one note or coin were counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DenominationCount {
    /// Face value in minor units.
    pub value: i64,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CountError {
    #[error("{value} is not a {currency} note or coin (known: {known})")]
    UnknownDenomination { value: i64, currency: &'static str, known: String },
    #[error("{value} is counted twice")]
    Repeated { value: i64 },
}

/// Checks a count and returns its total in minor units.
pub fn count_total(counts: &[DenominationCount], currency: Currency) -> Result<i64, CountError> {
    let known = denominations(currency);
    for (i, c) in counts.iter().enumerate() {
        if !known.contains(&c.value) {
            return Err(CountError::UnknownDenomination {
                value: c.value,
                currency: currency.code,
                known: known.iter().map(i64::to_string).collect::<Vec<_>>().join(", "),
            });
        }
        if counts[..i].iter().any(|o| o.value == c.value) {
            return Err(CountError::Repeated { value: c.value });
        }
    }
    Ok(counts.iter().map(|c| c.value * i64::from(c.count)).sum())
}

/// The cash movements of one shift, in minor units, all from the ledger.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashFlows {
    pub float: i64,
    /// Cash tendered on sales.
    pub cash_sales: i64,
    /// Change given on those sales.
    pub change: i64,
    pub cash_in: i64,
    pub cash_out: i64,
    /// Cash paid back on returns.
    pub cash_refunds: i64,
    /// Cash handed back when a committed sale was voided (its cash less its change).
    pub voided_cash: i64,
}

impl CashFlows {
    /// What the drawer should hold: float + cash sales − change + cash in − cash out − cash
    /// refunds − cash handed back on voids.
    pub fn expected(&self) -> i64 {
        self.float + self.cash_sales - self.change + self.cash_in
            - self.cash_out
            - self.cash_refunds
            - self.voided_cash
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftOpenBody {
    /// Consecutive per terminal, from 1.
    pub shift_no: u64,
    /// The counted opening float, in minor units.
    pub float: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftCloseBody {
    pub shift_no: u64,
    /// The sequence of the shift's opening document: the shift is every document after it
    /// up to this one.
    pub opened_seq: u64,
    pub flows: CashFlows,
    pub expected: i64,
    pub counts: Vec<DenominationCount>,
    pub counted: i64,
    /// Counted − expected: positive over, negative short.
    pub over_short: i64,
}

impl ShiftCloseBody {
    /// The closing document for a shift whose flows the ledger has summed.
    pub fn new(
        shift_no: u64,
        opened_seq: u64,
        flows: CashFlows,
        counts: Vec<DenominationCount>,
        currency: Currency,
    ) -> Result<ShiftCloseBody, CountError> {
        let counted = count_total(&counts, currency)?;
        let expected = flows.expected();
        Ok(ShiftCloseBody {
            shift_no,
            opened_seq,
            flows,
            expected,
            counts,
            counted,
            over_short: counted - expected,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_cash_follows_the_formula_and_a_shortfall_is_kept() {
        let flows = CashFlows {
            float: 500_000,
            cash_sales: 1_250_000,
            change: 180_000,
            cash_in: 100_000,
            cash_out: 50_000,
            cash_refunds: 20_000,
            voided_cash: 10_000,
        };
        assert_eq!(flows.expected(), 500_000 + 1_250_000 - 180_000 + 100_000 - 50_000 - 20_000 - 10_000);
        let counts = vec![
            DenominationCount { value: 100_000, count: 15 },
            DenominationCount { value: 50_000, count: 1 },
            DenominationCount { value: 20_000, count: 1 },
            DenominationCount { value: 10_000, count: 4 },
            DenominationCount { value: 500, count: 2 },
        ];
        let close = ShiftCloseBody::new(1, 1, flows, counts, Currency::IDR).unwrap();
        assert_eq!(close.counted, 1_611_000);
        assert_eq!(close.expected, 1_590_000);
        assert_eq!(close.over_short, 21_000);
    }

    #[test]
    fn a_count_names_what_is_wrong() {
        let bad = [DenominationCount { value: 75_000, count: 1 }];
        let e = count_total(&bad, Currency::IDR).unwrap_err();
        assert!(e.to_string().starts_with("75000 is not a IDR note or coin"), "{e}");
        let twice =
            [DenominationCount { value: 1_000, count: 1 }, DenominationCount { value: 1_000, count: 2 }];
        assert_eq!(count_total(&twice, Currency::IDR), Err(CountError::Repeated { value: 1_000 }));
    }
}
