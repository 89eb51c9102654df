//! Changing a line (quantity or weight, price, discount) or the whole order's discount.
//! The edit is worked out on a copy of the cart; the checkout screen then asks for a
//! manager when the result goes past what the cashier may do alone.

use iced::widget::{column, container, row, text, toggler};
use iced::{Element, Length, Task};
use kasir_core::document::Approval;
use kasir_core::format::format_quantity;
use kasir_core::policy::Action;
use kasir_core::{Cart, CartLine, Discount, LineId, Locale, Money, Quantity};
use rust_decimal::Decimal;

use super::{Message, Purpose, State};
use crate::gui::payment::normalize_amount;
use crate::gui::widgets::{dialog, dialog_buttons, error_text, field};
use crate::gui::{Context, call};
use crate::messages::limits::StockNote;
use crate::messages::{Explain, Said, Text};
use crate::store::users;

pub const QUANTITY_ID: &str = "edit-quantity";
pub const PRICE_ID: &str = "edit-price";
pub const DISCOUNT_ID: &str = "edit-discount";

/// The dialog's fields, in Tab order (an order discount has only the last).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Quantity,
    Price,
    Discount,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::Quantity, Field::Price, Field::Discount];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Line(LineId),
    Order,
}

/// The fields of the edit dialog, as typed.
#[derive(Debug, Clone)]
pub struct Editor {
    pub target: Target,
    pub quantity: String,
    /// Empty: the catalogue price.
    pub price: String,
    /// Empty: no discount.
    pub discount: String,
    pub percent: bool,
    pub error: Option<String>,
    /// Opened to take the weight of a weighed product.
    pub weigh: bool,
    /// Where typed keys go.
    pub field: Field,
    /// The store's stock of the line's product, once the back end has said it.
    pub stock: Option<StockNote>,
}

impl Editor {
    pub fn for_line(line: &CartLine, l: Locale) -> Editor {
        let (discount, percent) = discount_text(line.discount, l);
        Editor {
            target: Target::Line(line.id),
            quantity: format_quantity(line.quantity, l),
            price: line.price_override.map(|p| plain(p.amount(), l)).unwrap_or_default(),
            discount,
            percent,
            error: None,
            weigh: false,
            field: Field::Quantity,
            stock: None,
        }
    }

    /// Asks for the weight of a weighed product added without one.
    pub fn for_weight(line: &CartLine, l: Locale) -> Editor {
        Editor { quantity: String::new(), weigh: true, ..Editor::for_line(line, l) }
    }

    pub fn for_order(cart: &Cart, l: Locale) -> Editor {
        let (discount, percent) = discount_text(cart.order_discount(), l);
        Editor {
            target: Target::Order,
            quantity: String::new(),
            price: String::new(),
            discount,
            percent,
            error: None,
            weigh: false,
            field: Field::Discount,
            stock: None,
        }
    }

    /// The field keys go to when the dialog opens.
    pub fn first_field(&self) -> Field {
        match self.target {
            Target::Line(_) => Field::Quantity,
            Target::Order => Field::Discount,
        }
    }

    /// The cart with this edit made, or what is wrong with the fields.
    pub fn apply(&self, cart: &Cart, l: Locale) -> Result<Cart, String> {
        let currency = cart.currency();
        let mut cart = cart.clone();
        let discount = if self.discount.trim().is_empty() {
            None
        } else if self.percent {
            let typed = self.discount.trim().replace(',', ".");
            let p: Decimal = typed
                .parse()
                .map_err(|_| format!("{}: '{}'", Text::DiscountNotNumber.get(l), self.discount))?;
            Some(Discount::Percent(p))
        } else {
            let m = Money::parse(&normalize_amount(&self.discount, l), currency)
                .map_err(|e| format!("{}: {e}", Text::Discount.get(l)))?;
            Some(Discount::Amount(m.amount()))
        };
        match self.target {
            Target::Order => cart.set_order_discount(discount).map_err(|e| e.explain(l))?,
            Target::Line(id) => {
                let quantity =
                    Quantity::parse(&self.quantity).map_err(|e| format!("{}: {e}", Text::Quantity.get(l)))?;
                cart.set_quantity(id, quantity).map_err(|e| e.explain(l))?;
                let price = if self.price.trim().is_empty() {
                    None
                } else {
                    let m = Money::parse(&normalize_amount(&self.price, l), currency)
                        .map_err(|e| format!("{}: {e}", Text::Price.get(l)))?;
                    Some(m.amount())
                };
                // Typing the catalogue price back is no override.
                let price = price
                    .filter(|p| cart.line(id).is_some_and(|line| line.product.unit_price.amount() != *p));
                cart.set_price_override(id, price).map_err(|e| e.explain(l))?;
                cart.set_line_discount(id, discount).map_err(|e| e.explain(l))?;
            }
        }
        Ok(cart)
    }

    pub fn view<'a>(&'a self, cart: &'a Cart, l: Locale) -> Element<'a, Message> {
        let title = match (self.target, self.weigh) {
            (Target::Order, _) => Text::OrderDiscount.get(l),
            (Target::Line(_), true) => Text::EnterWeight.get(l),
            (Target::Line(_), false) => Text::ChangeLine.get(l),
        };
        let line = match self.target {
            Target::Line(id) => cart.line(id),
            Target::Order => None,
        };
        let subtitle = line.map(|line| {
            text(format!(
                "{} — {} / {}",
                line.product.name,
                line.product.unit_price.format(l),
                line.product.unit
            ))
            .size(16)
        });
        // The store's stock, marked when low (nothing when it is not known).
        let stock = self.stock.as_ref().map(|n| {
            let t = text(n.explain(l)).size(14);
            if n.low { t.style(text::danger) } else { t }
        });
        let input = |id: &'static str, label: &'static str, value: &'a str, which: Field| {
            field(id, label, value, self.field == which, false, Message::EditorField(which))
        };
        let line_fields = line.map(|line| {
            let qty_label =
                if line.product.sold_by_weight { Text::WeightKg.get(l) } else { Text::Quantity.get(l) };
            column![
                text(qty_label).size(14),
                input(QUANTITY_ID, qty_label, &self.quantity, Field::Quantity),
                text(Text::UnitPriceHint.get(l)).size(14),
                input(PRICE_ID, Text::CataloguePrice.get(l), &self.price, Field::Price),
            ]
            .spacing(6)
        });
        let discount_label =
            if self.percent { Text::DiscountPercent.get(l) } else { Text::DiscountAmount.get(l) };
        let error = self.error.as_deref().map(error_text);
        dialog(
            column![text(title).size(22)]
                .push(subtitle)
                .push(stock)
                .push(line_fields)
                .push(text(discount_label).size(14))
                .push(
                    row![
                        container(input(DISCOUNT_ID, discount_label, &self.discount, Field::Discount))
                            .width(Length::Fill),
                        toggler(self.percent).label("%").on_toggle(Message::EditorPercent),
                    ]
                    .spacing(10)
                    .align_y(iced::Alignment::Center),
                )
                .push(error)
                .push(text(format!("{} · {}", Text::DialogKeys.get(l), Text::DiscountKeys.get(l))).size(13))
                .push(dialog_buttons(
                    l,
                    Message::Dismiss,
                    Text::ApplyEnter.get(l),
                    Some(Message::EditorApply),
                ))
                .spacing(8)
                .width(440),
        )
    }
}

fn discount_text(d: Option<Discount>, l: Locale) -> (String, bool) {
    match d {
        None => (String::new(), true),
        Some(Discount::Percent(p)) => (plain(p, l), true),
        Some(Discount::Amount(a)) => (plain(a, l), false),
    }
}

/// A number as a cashier would type it back: no thousands separator, the locale's decimal mark.
fn plain(d: Decimal, l: Locale) -> String {
    let s = d.normalize().to_string();
    match l {
        Locale::Id => s.replace('.', ","),
        Locale::En => s,
    }
}

impl State {
    /// Makes the edit in the dialog; past the cashier's limits it waits for a manager.
    pub(super) fn apply_edit(&mut self, ctx: &Context, cashier: &users::User) -> Task<Message> {
        let l = ctx.locale;
        let Some(editor) = &mut self.editor else { return Task::none() };
        let edited = match editor.apply(&self.cart, l) {
            Ok(cart) => cart,
            Err(e) => {
                editor.error = Some(e);
                return Task::none();
            }
        };
        let target = editor.target;
        self.editor = None;
        let before = std::mem::replace(&mut self.cart, edited);
        let approvals_before = self.approvals.clone();
        // An approval covers the price or discount it was given for; a new one asks again.
        let cart = &self.cart;
        self.approvals.retain(|a| !changed_since(a, target, &before, cart));
        let mut needed = self.missing(ctx, cashier);
        // Lowering a quantity here is the same as with `−`: like removing a line, it waits
        // for someone the permission table allows, unless the cashier may do it alone.
        if let Target::Line(id) = target {
            let quantity = |cart: &Cart| cart.line(id).map(|line| line.quantity);
            let lower =
                matches!((quantity(&before), quantity(&self.cart)), (Some(was), Some(now)) if now < was);
            if lower && !ctx.config.permissions.may_do_alone(cashier.role, Action::DecreaseQuantity) {
                needed.push((Action::DecreaseQuantity, Some(id)));
            }
        }
        if needed.is_empty() {
            return Task::none();
        }
        self.ask(Purpose::Edit { before, approvals_before, needed })
    }
}

/// Whether `a` was given for a price or discount that this edit changed.
fn changed_since(a: &Approval, target: Target, before: &Cart, after: &Cart) -> bool {
    let price = a.action == Action::PriceOverride;
    let discount = a.action == Action::DiscountOverLimit;
    match target {
        Target::Order => discount && a.line.is_none() && before.order_discount() != after.order_discount(),
        Target::Line(id) if a.line == Some(id) => {
            let (Some(b), Some(n)) = (before.line(id), after.line(id)) else { return true };
            (price && b.price_override != n.price_override)
                || (discount && (b.discount != n.discount || b.quantity != n.quantity))
        }
        Target::Line(_) => false,
    }
}

/// Asks the back end for the store's stock of `line`'s product, for the editor just opened.
pub fn look_up_stock(ctx: &Context, line: &CartLine) -> Task<Message> {
    let (sku, unit, low_at) = (line.product.sku.clone(), line.product.unit.clone(), ctx.config.stock.low_at);
    call(ctx, move |b| b.catalogue.store_stock(&sku).map_err(Said::new))
        .map(move |r| Message::EditorStock(r.ok().flatten().map(|q| StockNote::new(q, &unit, low_at))))
}
