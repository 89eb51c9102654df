//! Who may do what at the counter. The rules live here, in the core, so that the GUI, the
//! headless commands and any future channel enforce the same thing.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cart::{Cart, CartTotals, LineId};

/// A user's role. Roles are ordered: a cashier < a supervisor < a manager; a role may do
/// alone whatever the [`Permissions`] table gives to it or to any lesser role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Cashier,
    Supervisor,
    Manager,
}

impl Role {
    /// Every role, least first.
    pub const ALL: [Role; 3] = [Role::Cashier, Role::Supervisor, Role::Manager];

    pub fn code(self) -> &'static str {
        match self {
            Role::Cashier => "cashier",
            Role::Supervisor => "supervisor",
            Role::Manager => "manager",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Something the [`Permissions`] table says who may do alone; anyone below needs the
/// approval of someone who may.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    PriceOverride,
    DiscountOverLimit,
    /// Removing a line from the sale in progress.
    VoidLine,
    /// Lowering a line's quantity in the sale in progress (treated like removing a line
    /// by default).
    DecreaseQuantity,
    VoidSale,
    NoSale,
    /// Paying cash into the drawer.
    CashIn,
    /// Taking cash out of the drawer.
    CashOut,
    /// Refunding goods brought back.
    Return,
    /// Reading the X (the day so far, nothing closed).
    ReadX,
    /// Taking the Z (closing the business day).
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
    /// Every action, in the order the table lists them.
    pub const ALL: [Action; 11] = [
        Action::PriceOverride,
        Action::DiscountOverLimit,
        Action::VoidLine,
        Action::DecreaseQuantity,
        Action::VoidSale,
        Action::NoSale,
        Action::CashIn,
        Action::CashOut,
        Action::Return,
        Action::ReadX,
        Action::CloseDay,
    ];

    /// The action's code: in documents' approvals and as its key in `[permissions]`.
    pub fn code(self) -> &'static str {
        match self {
            Action::PriceOverride => "price_override",
            Action::DiscountOverLimit => "discount_over_limit",
            Action::VoidLine => "void_line",
            Action::DecreaseQuantity => "decrease_quantity",
            Action::VoidSale => "void_sale",
            Action::NoSale => "no_sale",
            Action::CashIn => "cash_in",
            Action::CashOut => "cash_out",
            Action::Return => "return",
            Action::ReadX => "read_x",
            Action::CloseDay => "close_day",
        }
    }

    pub fn from_code(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// Which role may do what: for each [`Action`], the least [`Role`] that may do it alone.
/// A user below that role needs the approval of a user at or above it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Permissions {
    least: [Role; Action::ALL.len()],
}

impl Permissions {
    /// The table a store has unless its config says otherwise: a manager for everything but
    /// paying cash in (any cashier); removing a line and lowering a quantity alike.
    pub const DEFAULT: Permissions = Permissions {
        least: [
            Role::Manager, // price_override
            Role::Manager, // discount_over_limit
            Role::Manager, // void_line
            Role::Manager, // decrease_quantity
            Role::Manager, // void_sale
            Role::Manager, // no_sale
            Role::Cashier, // cash_in
            Role::Manager, // cash_out
            Role::Manager, // return
            Role::Manager, // read_x
            Role::Manager, // close_day
        ],
    };

    /// The least role that may do `action` alone.
    pub fn least(&self, action: Action) -> Role {
        self.least[action as usize]
    }

    /// The same table with `action` given to `role` and everyone above.
    #[must_use]
    pub fn with(mut self, action: Action, role: Role) -> Permissions {
        self.least[action as usize] = role;
        self
    }

    /// True when `role` may do `action` without anyone else's approval.
    pub fn may_do_alone(&self, role: Role, action: Action) -> bool {
        role >= self.least(action)
    }

    /// Reads `[permissions]` entries (action code → role code) over `self`; an unknown
    /// action or role is refused, naming the key.
    pub fn configured<'a>(
        mut self,
        entries: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Permissions, PermissionError> {
        for (key, value) in entries {
            let action =
                Action::from_code(key).ok_or_else(|| PermissionError::UnknownAction(key.to_owned()))?;
            let role = Role::from_code(value).ok_or_else(|| PermissionError::UnknownRole {
                key: key.to_owned(),
                role: value.to_owned(),
            })?;
            self = self.with(action, role);
        }
        Ok(self)
    }
}

impl Default for Permissions {
    fn default() -> Self {
        Permissions::DEFAULT
    }
}

/// A `[permissions]` entry that names no action or no role.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PermissionError {
    #[error("permissions.{0} is not an action: one of {list}", list = action_list())]
    UnknownAction(String),
    #[error("permissions.{key} = '{role}' is not a role: cashier, supervisor or manager")]
    UnknownRole { key: String, role: String },
}

fn action_list() -> String {
    Action::ALL.map(Action::code).join(", ")
}

/// Store limits from the config.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest discount, as a percent of the amount it applies to, that a role below
    /// `discount_over_limit` in the [`Permissions`] table may give alone (line or order).
    pub cashier_max_discount_percent: Decimal,
    /// The most a line and a sale may hold (`[limits] max_*`): the cart refuses more.
    pub ceilings: crate::limits::Ceilings,
}

/// True when `role` may do `action` alone under the default table ([`Permissions::DEFAULT`]);
/// a store's own table is `Config::permissions`, use [`Permissions::may_do_alone`] on it.
pub fn may_do_alone(role: Role, action: Action) -> bool {
    Permissions::DEFAULT.may_do_alone(role, action)
}

/// The approvals a sale rung up by `role` needs before it may be committed.
pub fn approvals_needed(
    cart: &Cart,
    totals: &CartTotals,
    role: Role,
    limits: Limits,
    permissions: &Permissions,
) -> Vec<(Action, Option<LineId>)> {
    let mut needed = Vec::new();
    let price_ok = permissions.may_do_alone(role, Action::PriceOverride);
    let discount_ok = permissions.may_do_alone(role, Action::DiscountOverLimit);
    let hundred = Decimal::from(100);
    let over = |discount: Decimal, base: Decimal| {
        !discount.is_zero()
            && (base.is_zero() || discount * hundred > base * limits.cashier_max_discount_percent)
    };
    for (line, t) in cart.lines().iter().zip(&totals.lines) {
        if !price_ok && line.price_override.is_some_and(|p| p != line.product.unit_price) {
            needed.push((Action::PriceOverride, Some(line.id)));
        }
        if !discount_ok && over(t.line_discount.amount(), t.extended.amount()) {
            needed.push((Action::DiscountOverLimit, Some(line.id)));
        }
    }
    let after_lines = totals.subtotal - totals.line_discounts;
    if !discount_ok && over(totals.order_discount.amount(), after_lines.amount()) {
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

#[cfg(test)]
mod permission_tests {
    use super::{Action, PermissionError, Permissions, Role, may_do_alone};

    /// Every action × every role against the default table.
    #[test]
    fn the_default_table_keeps_the_counter_as_it_was_but_cash_out_needs_a_manager() {
        for action in Action::ALL {
            for role in Role::ALL {
                let expected = match (role, action) {
                    (Role::Manager, _) => true,
                    (_, Action::CashIn) => true,
                    (Role::Cashier | Role::Supervisor, _) => false,
                };
                assert_eq!(
                    Permissions::DEFAULT.may_do_alone(role, action),
                    expected,
                    "{} doing {} alone",
                    role.code(),
                    action.code()
                );
                assert_eq!(may_do_alone(role, action), expected);
            }
        }
        assert_eq!(Permissions::DEFAULT.least(Action::CashOut), Role::Manager);
        assert_eq!(
            Permissions::DEFAULT.least(Action::DecreaseQuantity),
            Permissions::DEFAULT.least(Action::VoidLine),
            "lowering a quantity is treated like removing the line"
        );
        assert_eq!(Permissions::default(), Permissions::DEFAULT);
    }

    #[test]
    fn roles_are_ordered_and_every_code_reads_back() {
        assert!(Role::Cashier < Role::Supervisor && Role::Supervisor < Role::Manager);
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        for action in Action::ALL {
            assert_eq!(Action::from_code(action.code()), Some(action));
        }
        assert_eq!(Role::from_code("owner"), None);
        assert_eq!(Action::from_code("close"), None);
        // Roles and actions are written to documents and the feed by these names.
        assert_eq!(serde_json::to_string(&Role::Supervisor).ok().as_deref(), Some("\"supervisor\""));
        assert_eq!(serde_json::to_string(&Action::CashOut).ok().as_deref(), Some("\"cash_out\""));
    }

    /// Every action × every role against a configured table.
    #[test]
    fn a_configured_table_gives_each_action_to_its_least_role_and_everyone_above() {
        let table = Permissions::DEFAULT
            .configured([
                ("price_override", "supervisor"),
                ("cash_out", "supervisor"),
                ("cash_in", "manager"),
                ("read_x", "cashier"),
            ])
            .unwrap();
        for action in Action::ALL {
            let least = match action {
                Action::PriceOverride | Action::CashOut => Role::Supervisor,
                Action::ReadX => Role::Cashier,
                _ => Role::Manager,
            };
            assert_eq!(table.least(action), least, "{}", action.code());
            for role in Role::ALL {
                assert_eq!(
                    table.may_do_alone(role, action),
                    role >= least,
                    "{} {}",
                    role.code(),
                    action.code()
                );
            }
        }
    }

    #[test]
    fn an_unknown_action_or_role_is_refused_by_its_key() {
        let e = Permissions::DEFAULT.configured([("refund", "manager")]).unwrap_err();
        assert_eq!(e, PermissionError::UnknownAction("refund".into()));
        assert!(e.to_string().starts_with("permissions.refund is not an action"), "{e}");
        let e = Permissions::DEFAULT.configured([("cash_out", "owner")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "permissions.cash_out = 'owner' is not a role: cashier, supervisor or manager"
        );
    }
}

#[cfg(test)]
mod approval_tests {
    use rust_decimal::Decimal;

    use super::{Action, Limits, Permissions, Role, approvals_needed};
    use crate::cart::{Cart, Discount, LineId};
    use crate::product::ProductSnapshot;
    use crate::tax::{DppBase, TaxRate};
    use crate::{Currency, Money, Quantity, TaxMode};

    fn limits() -> Limits {
        Limits { cashier_max_discount_percent: Decimal::from(10), ceilings: Default::default() }
    }

    /// One line at 10,000 sold at 9,000, and 20 % off the order.
    fn cart() -> (Cart, LineId) {
        let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
        let product = ProductSnapshot {
            sku: "A".into(),
            name: "Produk A".into(),
            category: "Umum".into(),
            unit: "pcs".into(),
            unit_price: Money::from_minor(10_000, Currency::IDR),
            tax_class: "T0".into(),
            tax_rate: TaxRate::from_basis_points(0),
            dpp: DppBase::FULL,
            price_includes_tax: true,
            sold_by_weight: false,
        };
        let id = cart.add(product, Quantity::units(1), None).unwrap();
        cart.set_price_override(id, Some(Decimal::from(9_000))).unwrap();
        cart.set_order_discount(Some(Discount::Percent(Decimal::from(20)))).unwrap();
        (cart, id)
    }

    #[test]
    fn the_table_decides_whose_sale_needs_which_approvals() {
        let (cart, id) = cart();
        let totals = cart.totals();
        let both = vec![(Action::PriceOverride, Some(id)), (Action::DiscountOverLimit, None)];
        let needed = |role, table: &Permissions| approvals_needed(&cart, &totals, role, limits(), table);
        assert_eq!(needed(Role::Cashier, &Permissions::DEFAULT), both);
        assert_eq!(needed(Role::Supervisor, &Permissions::DEFAULT), both);
        assert_eq!(needed(Role::Manager, &Permissions::DEFAULT), vec![]);

        let table = Permissions::DEFAULT.with(Action::PriceOverride, Role::Supervisor);
        assert_eq!(needed(Role::Cashier, &table), both);
        assert_eq!(needed(Role::Supervisor, &table), vec![(Action::DiscountOverLimit, None)]);
        let table = table.with(Action::DiscountOverLimit, Role::Cashier);
        assert_eq!(needed(Role::Cashier, &table), vec![(Action::PriceOverride, Some(id))]);
        assert_eq!(needed(Role::Supervisor, &table), vec![]);
    }
}
