//! Who may do what at the counter. The rules live here, in the core, so that the GUI, the
//! headless commands and any future channel enforce the same thing.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cart::{Cart, CartTotals, LineId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Cashier,
    Manager,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Cashier => "cashier",
            Role::Manager => "manager",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        match code {
            "cashier" => Some(Role::Cashier),
            "manager" => Some(Role::Manager),
            _ => None,
        }
    }
}

/// Something a cashier needs a manager's PIN for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    PriceOverride,
    DiscountOverLimit,
    VoidLine,
    VoidSale,
    NoSale,
    /// Refunding goods brought back.
    Return,
    /// Taking the Z (closing the business day) or reading the X.
    CloseDay,
}

/// How long a user's PIN stays locked after `failures` wrong PINs in a row: from the third
/// one on, 5 s, then twice as long each time, up to 5 minutes.
pub fn pin_lockout(failures: u32) -> Option<std::time::Duration> {
    (failures >= 3).then(|| std::time::Duration::from_secs((5u64 << (failures - 3).min(6)).min(300)))
}

/// The approvals in `needed` that `given` does not cover (same action, same line).
pub fn missing_approvals(
    needed: &[(Action, Option<LineId>)],
    given: &[crate::document::Approval],
) -> Vec<(Action, Option<LineId>)> {
    needed
        .iter()
        .filter(|(action, line)| !given.iter().any(|a| a.action == *action && a.line == *line))
        .copied()
        .collect()
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::PriceOverride => "price_override",
            Action::DiscountOverLimit => "discount_over_limit",
            Action::VoidLine => "void_line",
            Action::VoidSale => "void_sale",
            Action::NoSale => "no_sale",
            Action::Return => "return",
            Action::CloseDay => "close_day",
        }
    }
}

/// Store limits from the config.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest discount, as a percent of the amount it applies to, that a cashier may
    /// give alone (line or order).
    pub cashier_max_discount_percent: Decimal,
}

/// True when `role` may do `action` without anyone else's approval.
pub fn may_do_alone(role: Role, action: Action) -> bool {
    match (role, action) {
        (Role::Manager, _) => true,
        (Role::Cashier, _) => false,
    }
}

/// The approvals a sale rung up by `role` needs before it may be committed.
pub fn approvals_needed(
    cart: &Cart,
    totals: &CartTotals,
    role: Role,
    limits: Limits,
) -> Vec<(Action, Option<LineId>)> {
    let mut needed = Vec::new();
    if role == Role::Manager {
        return needed;
    }
    let hundred = Decimal::from(100);
    let over = |discount: Decimal, base: Decimal| {
        !discount.is_zero()
            && (base.is_zero() || discount * hundred > base * limits.cashier_max_discount_percent)
    };
    for (line, t) in cart.lines().iter().zip(&totals.lines) {
        if line.price_override.is_some_and(|p| p != line.product.unit_price) {
            needed.push((Action::PriceOverride, Some(line.id)));
        }
        if over(t.line_discount.amount(), t.extended.amount()) {
            needed.push((Action::DiscountOverLimit, Some(line.id)));
        }
    }
    let after_lines = totals.subtotal - totals.line_discounts;
    if over(totals.order_discount.amount(), after_lines.amount()) {
        needed.push((Action::DiscountOverLimit, None));
    }
    needed
}

#[cfg(test)]
mod lockout_tests {
    use std::time::Duration;

    use super::pin_lockout;

    #[test]
    fn a_pin_locks_from_the_third_wrong_one_for_longer_each_time() {
        assert_eq!(pin_lockout(2), None);
        assert_eq!(pin_lockout(3), Some(Duration::from_secs(5)));
        assert_eq!(pin_lockout(4), Some(Duration::from_secs(10)));
        assert_eq!(pin_lockout(12), Some(Duration::from_secs(300)));
    }
}
