//! The cart: lines, quantities, price overrides, discounts, and the arithmetic that turns
//! them into net, tax and gross amounts.
//!
//! # Rounding policy
//! 1. A line's extended price is `unit price × quantity`, rounded half away from zero to the
//!    currency's minor unit.
//! 2. A line discount (percent of the extended price, or an amount) is rounded the same way
//!    and capped at the extended price: a line never goes below zero.
//! 3. An order discount is computed on the sum of the lines after their own discounts, capped
//!    at that sum, and spread over the lines in proportion to their amounts by the largest
//!    remainder method, so that the lines' shares add up to the discount exactly.
//! 4. Tax per line ([`TaxMode::PerLine`]): each line's tax is rounded on its own. Tax per
//!    document ([`TaxMode::PerDocument`]): the lines of one rate and one price basis
//!    (tax-inclusive or not) are summed, the tax on the sum is rounded once, and spread back
//!    over those lines by largest remainder.
//! 5. Tax is charged at rate r on the DPP (*dasar pengenaan pajak*), the share b of the net
//!    price the tax class names (11/12 for PPN 12 % on ordinary goods since 2025, 1/1 when
//!    the whole price is the base). See [`crate::tax::split`].
//!    Tax-exclusive line: net = amount, DPP = net × b, tax = DPP × r, gross = net + tax.
//!    Tax-inclusive line: gross = amount, tax = amount × b·r / (1 + b·r), net = gross − tax,
//!    DPP = net × b. Each of these is rounded once, half away from zero; per document, the
//!    DPP and the tax of a group are spread back over its lines by largest remainder.
//! 6. The cart total is the sum of the lines' gross amounts. Cash rounding (to a store step
//!    such as Rp 100) is not part of the cart: it happens at payment and is booked as its own
//!    amount (see [`crate::tender`]).
//!
//! So at every moment: Σ line gross = total, and net + tax = gross for each line, each rate
//! and the whole cart.
//!
//! # Ceilings
//! Every change that could make a line or the sale larger (adding, merging a scan into the
//! line before, a new quantity, a price, taking a discount away) is tried and undone again
//! if it would put a line's quantity or amount, or the sale's total, over the cart's
//! [`Ceilings`]: no cart ever holds a line or a total over them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::limits::{Ceilings, LimitError};
use crate::money::{Currency, Money};
use crate::product::ProductSnapshot;
use crate::quantity::Quantity;
use crate::tax::{self, DppBase, TaxMode, TaxRate};

/// A discount on a line or on the whole order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Discount {
    /// Percent of the amount, 0–100 (e.g. `10` or `12.5`).
    Percent(Decimal),
    /// A fixed amount, in the cart's currency.
    Amount(Decimal),
}

/// Stable id of a cart line for the screen to refer to (not its position).
pub type LineId = u32;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CartError {
    #[error("quantity must be more than zero (got {0})")]
    NonPositiveQuantity(Quantity),
    #[error("'{0}' is sold by the piece; the quantity must be a whole number (got {1})")]
    FractionalPieces(String, Quantity),
    #[error("price must not be negative (got {0})")]
    NegativePrice(Decimal),
    #[error("discount percent must be between 0 and 100 (got {0})")]
    BadPercent(Decimal),
    #[error("discount amount must not be negative (got {0})")]
    NegativeDiscount(Decimal),
    #[error("amount {0} has more decimals than {1} allows")]
    TooPrecise(Decimal, &'static str),
    #[error("no line {0} in the cart")]
    NoSuchLine(LineId),
    /// The change would put a line or the sale over the store's ceilings; nothing changed.
    #[error(transparent)]
    Limit(#[from] LimitError),
}

/// One line in the cart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CartLine {
    pub id: LineId,
    pub product: ProductSnapshot,
    /// The code that was scanned, if the line came from a scan.
    pub barcode: Option<String>,
    pub quantity: Quantity,
    /// A price set by hand instead of the catalogue price (needs approval, see `policy`).
    pub price_override: Option<Money>,
    pub discount: Option<Discount>,
}

impl CartLine {
    /// The unit price charged: the override if any, else the catalogue price.
    pub fn unit_price(&self) -> Money {
        self.price_override.unwrap_or(self.product.unit_price)
    }
}

/// The cart of the sale in progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cart {
    currency: Currency,
    tax_mode: TaxMode,
    lines: Vec<CartLine>,
    order_discount: Option<Discount>,
    next_id: LineId,
    ceilings: Ceilings,
}

/// Computed amounts of one line, all rounded to the currency's minor unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineTotals {
    pub id: LineId,
    /// Unit price × quantity.
    pub extended: Money,
    pub line_discount: Money,
    /// This line's share of the order discount.
    pub order_discount: Money,
    pub net: Money,
    /// The part of `net` the tax is charged on (equal to `net` when the base is 1/1).
    pub dpp: Money,
    pub tax: Money,
    pub gross: Money,
}

/// Net, DPP, tax and gross of one tax rate and DPP base on one price basis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxSummary {
    pub tax_class: String,
    pub rate: TaxRate,
    pub dpp_base: DppBase,
    pub price_includes_tax: bool,
    pub net: Money,
    pub dpp: Money,
    pub tax: Money,
    pub gross: Money,
}

/// Everything the screen, the receipt and the ledger show of a cart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CartTotals {
    pub lines: Vec<LineTotals>,
    pub taxes: Vec<TaxSummary>,
    /// Σ extended prices, before any discount.
    pub subtotal: Money,
    pub line_discounts: Money,
    pub order_discount: Money,
    pub net: Money,
    pub tax: Money,
    /// What the customer owes before cash rounding.
    pub total: Money,
    /// Pieces count one each; a weighed line counts as one item.
    pub item_count: Quantity,
}

impl Cart {
    /// An empty cart under the default ceilings ([`Ceilings::DEFAULT`]).
    pub fn new(currency: Currency, tax_mode: TaxMode) -> Cart {
        Cart::with_ceilings(currency, tax_mode, Ceilings::DEFAULT)
    }

    /// An empty cart under the store's own ceilings (`[limits]` in the terminal's config).
    pub fn with_ceilings(currency: Currency, tax_mode: TaxMode, ceilings: Ceilings) -> Cart {
        Cart { currency, tax_mode, lines: Vec::new(), order_discount: None, next_id: 1, ceilings }
    }

    /// An empty cart like this one: same currency, tax mode and ceilings.
    pub fn emptied(&self) -> Cart {
        Cart::with_ceilings(self.currency, self.tax_mode, self.ceilings)
    }

    pub fn ceilings(&self) -> Ceilings {
        self.ceilings
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    pub fn tax_mode(&self) -> TaxMode {
        self.tax_mode
    }

    pub fn lines(&self) -> &[CartLine] {
        &self.lines
    }

    pub fn line(&self, id: LineId) -> Option<&CartLine> {
        self.lines.iter().find(|l| l.id == id)
    }

    /// The line's number on the receipt (its position, from 1).
    pub fn line_no(&self, id: LineId) -> Option<u32> {
        self.lines.iter().position(|l| l.id == id).map(|p| p as u32 + 1)
    }

    pub fn order_discount(&self) -> Option<Discount> {
        self.order_discount
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Adds a product. Scanning the same piece-goods product again right after adds to the
    /// last line instead of a new one, as cashiers expect; weighed goods and lines with a
    /// discount or an override always get their own line.
    pub fn add(
        &mut self,
        product: ProductSnapshot,
        quantity: Quantity,
        barcode: Option<String>,
    ) -> Result<LineId, CartError> {
        check_product(&product, quantity, self.currency)?;
        self.guarded(|cart| {
            if let Some(last) = cart.lines.last_mut()
                && !product.sold_by_weight
                && last.product == product
                && last.price_override.is_none()
                && last.discount.is_none()
            {
                last.quantity = last.quantity + quantity;
                return Ok(last.id);
            }
            Ok(cart.push(product, quantity, barcode))
        })
    }

    /// Adds a product on a line of its own, never merged with the line before (for a line
    /// that is about to get its own price or discount).
    pub fn add_separate(
        &mut self,
        product: ProductSnapshot,
        quantity: Quantity,
        barcode: Option<String>,
    ) -> Result<LineId, CartError> {
        check_product(&product, quantity, self.currency)?;
        self.guarded(|cart| Ok(cart.push(product, quantity, barcode)))
    }

    fn push(&mut self, product: ProductSnapshot, quantity: Quantity, barcode: Option<String>) -> LineId {
        let id = self.next_id;
        self.next_id += 1;
        self.lines.push(CartLine { id, product, barcode, quantity, price_override: None, discount: None });
        id
    }

    pub fn set_quantity(&mut self, id: LineId, quantity: Quantity) -> Result<(), CartError> {
        self.guarded(|cart| {
            let line = cart.line_mut(id)?;
            check_quantity(&line.product, quantity)?;
            line.quantity = quantity;
            Ok(())
        })
    }

    pub fn remove(&mut self, id: LineId) -> Result<CartLine, CartError> {
        let pos = self.lines.iter().position(|l| l.id == id).ok_or(CartError::NoSuchLine(id))?;
        Ok(self.lines.remove(pos))
    }

    pub fn set_price_override(&mut self, id: LineId, price: Option<Decimal>) -> Result<(), CartError> {
        let currency = self.currency;
        let price = price.map(|p| exact_money(p, currency)).transpose()?;
        if let Some(p) = price
            && p.is_negative()
        {
            return Err(CartError::NegativePrice(p.amount()));
        }
        self.guarded(|cart| {
            cart.line_mut(id)?.price_override = price;
            Ok(())
        })
    }

    pub fn set_line_discount(&mut self, id: LineId, discount: Option<Discount>) -> Result<(), CartError> {
        if let Some(d) = discount {
            check_discount(d, self.currency)?;
        }
        self.guarded(|cart| {
            cart.line_mut(id)?.discount = discount;
            Ok(())
        })
    }

    pub fn set_order_discount(&mut self, discount: Option<Discount>) -> Result<(), CartError> {
        if let Some(d) = discount {
            check_discount(d, self.currency)?;
        }
        self.guarded(|cart| {
            cart.order_discount = discount;
            Ok(())
        })
    }

    /// Makes `change`, then keeps it only if the cart is still within its ceilings: on any
    /// error the cart is as it was.
    ///
    /// A change adds a line or sets a line's quantity, price or discount, or the order's
    /// discount, so what it can touch is kept aside without copying the products: this runs
    /// at every scan, and cloning a whole cart each time made a 20-line sale's arithmetic a
    /// third slower.
    fn guarded<T>(&mut self, change: impl FnOnce(&mut Cart) -> Result<T, CartError>) -> Result<T, CartError> {
        let kept: Vec<_> = self.lines.iter().map(|l| (l.quantity, l.price_override, l.discount)).collect();
        let (next_id, order_discount) = (self.next_id, self.order_discount);
        let outcome = change(self).and_then(|v| Ok(self.within(self.ceilings).map(|()| v)?));
        if outcome.is_err() {
            self.lines.truncate(kept.len());
            for (line, (quantity, price_override, discount)) in self.lines.iter_mut().zip(kept) {
                (line.quantity, line.price_override, line.discount) = (quantity, price_override, discount);
            }
            (self.next_id, self.order_discount) = (next_id, order_discount);
        }
        outcome
    }

    /// Checks the cart against `ceilings`: each line's quantity, each line's amount (price ×
    /// quantity, and with tax when the tax comes on top), and the sale's total. The screen's
    /// cart is checked at every change; the sale path checks again against the store's own
    /// ceilings (a parked cart may have been rung up under others).
    pub fn within(&self, ceilings: Ceilings) -> Result<(), LimitError> {
        let c = self.currency;
        let max_line = ceilings.line_amount();
        // Quantities and extended prices first, in decimals: a wild quantity × price must be
        // refused before the totals (integer minor units) are computed from it.
        for line in &self.lines {
            let p = &line.product;
            ceilings.check_quantity(Some(&p.name), line.quantity.to_decimal(), p.sold_by_weight)?;
            let extended = line.unit_price().amount().checked_mul(line.quantity.to_decimal());
            if extended.is_none_or(|e| e > ceilings.line_amount()) {
                let amount = Money::new(extended.unwrap_or(Decimal::MAX), c).round();
                return Err(LimitError::LineAmount { product: p.name.clone(), amount, max: max_line });
            }
        }
        // Most carts are far below the ceilings: when even every line's price × quantity with
        // its tax on top, plus a rupiah of rounding a line, fits under both ceilings, no line's
        // amount and no total can pass them (discounts only take away), and the totals need not
        // be computed at every scan.
        let mut bound = Decimal::ZERO;
        for line in &self.lines {
            let extended = line.unit_price().amount() * line.quantity.to_decimal();
            // Tax counted on top whatever the mode: a looser bound, never a wrong one.
            let on_top = extended * line.product.tax_rate.fraction();
            bound += extended.abs() + on_top.abs() + Decimal::ONE;
        }
        if bound <= ceilings.line_amount().min(ceilings.sale_amount()) {
            return Ok(());
        }
        let totals = self.totals();
        for (line, t) in self.lines.iter().zip(&totals.lines) {
            if t.gross.amount() > ceilings.line_amount() {
                return Err(LimitError::LineAmount {
                    product: line.product.name.clone(),
                    amount: t.gross,
                    max: max_line,
                });
            }
        }
        // The sale's ceiling is on what the customer pays (a discount may bring it under).
        if totals.total.amount() > ceilings.sale_amount() {
            return Err(LimitError::SaleAmount { total: totals.total, max: ceilings.sale_amount() });
        }
        Ok(())
    }

    fn line_mut(&mut self, id: LineId) -> Result<&mut CartLine, CartError> {
        self.lines.iter_mut().find(|l| l.id == id).ok_or(CartError::NoSuchLine(id))
    }

    /// Computes every amount of the cart (see the module doc for the rounding policy).
    pub fn totals(&self) -> CartTotals {
        let c = self.currency;
        let zero = Money::zero(c);

        // Steps 1–2: extended price and line discount.
        let mut extended = Vec::with_capacity(self.lines.len());
        let mut line_disc = Vec::with_capacity(self.lines.len());
        for line in &self.lines {
            let ext = line.unit_price().times(line.quantity.to_decimal()).round();
            let disc = discount_amount(line.discount, ext).min(ext);
            extended.push(ext);
            line_disc.push(disc);
        }
        let after_line: Vec<i64> = extended.iter().zip(&line_disc).map(|(e, d)| (*e - *d).minor()).collect();

        // Step 3: order discount, spread by largest remainder.
        let after_sum = Money::from_minor(after_line.iter().sum(), c);
        let order_disc = discount_amount(self.order_discount, after_sum).min(after_sum);
        let shares = allocate(order_disc.minor(), &after_line);
        let amounts: Vec<i64> = after_line.iter().zip(&shares).map(|(a, s)| a - s).collect();

        // Steps 4–5: tax on the DPP.
        let (taxes_minor, dpps_minor) = match self.tax_mode {
            TaxMode::PerLine => self
                .lines
                .iter()
                .zip(&amounts)
                .map(|(l, a)| {
                    let p = &l.product;
                    let s = tax::split(*a, p.tax_rate, p.dpp, p.price_includes_tax);
                    (s.tax, s.dpp)
                })
                .unzip::<i64, i64, Vec<i64>, Vec<i64>>(),
            TaxMode::PerDocument => {
                let mut taxes = vec![0i64; self.lines.len()];
                let mut dpps = vec![0i64; self.lines.len()];
                for (rate, dpp, inclusive) in self.tax_groups() {
                    let members: Vec<usize> = (0..self.lines.len())
                        .filter(|&i| {
                            let p = &self.lines[i].product;
                            p.tax_rate == rate && p.dpp == dpp && p.price_includes_tax == inclusive
                        })
                        .collect();
                    let weights: Vec<i64> = members.iter().map(|&i| amounts[i]).collect();
                    let group = tax::split(weights.iter().sum(), rate, dpp, inclusive);
                    for (&i, t) in members.iter().zip(allocate(group.tax, &weights)) {
                        taxes[i] = t;
                    }
                    // The group's DPP spread over the lines' nets (amounts less their tax).
                    let nets: Vec<i64> = members
                        .iter()
                        .map(|&i| if inclusive { amounts[i] - taxes[i] } else { amounts[i] })
                        .collect();
                    for (&i, d) in members.iter().zip(allocate(group.dpp, &nets)) {
                        dpps[i] = d;
                    }
                }
                (taxes, dpps)
            }
        };

        let mut lines = Vec::with_capacity(self.lines.len());
        for (i, line) in self.lines.iter().enumerate() {
            let amount = amounts[i];
            let tax = taxes_minor[i];
            let (net, gross) =
                if line.product.price_includes_tax { (amount - tax, amount) } else { (amount, amount + tax) };
            lines.push(LineTotals {
                id: line.id,
                extended: extended[i],
                line_discount: line_disc[i],
                order_discount: Money::from_minor(shares[i], c),
                net: Money::from_minor(net, c),
                dpp: Money::from_minor(dpps_minor[i], c),
                tax: Money::from_minor(tax, c),
                gross: Money::from_minor(gross, c),
            });
        }

        let mut taxes: Vec<TaxSummary> = Vec::new();
        for (line, lt) in self.lines.iter().zip(&lines) {
            let p = &line.product;
            match taxes.iter_mut().find(|t| {
                t.rate == p.tax_rate
                    && t.dpp_base == p.dpp
                    && t.price_includes_tax == p.price_includes_tax
                    && t.tax_class == p.tax_class
            }) {
                Some(t) => {
                    t.net += lt.net;
                    t.dpp += lt.dpp;
                    t.tax += lt.tax;
                    t.gross += lt.gross;
                }
                None => taxes.push(TaxSummary {
                    tax_class: p.tax_class.clone(),
                    rate: p.tax_rate,
                    dpp_base: p.dpp,
                    price_includes_tax: p.price_includes_tax,
                    net: lt.net,
                    dpp: lt.dpp,
                    tax: lt.tax,
                    gross: lt.gross,
                }),
            }
        }
        taxes.sort_by(|a, b| {
            (a.rate, &a.tax_class, a.price_includes_tax, a.dpp_base).cmp(&(
                b.rate,
                &b.tax_class,
                b.price_includes_tax,
                b.dpp_base,
            ))
        });

        let sum = |f: fn(&LineTotals) -> Money| lines.iter().map(f).fold(zero, |a, b| a + b);
        let item_count = self
            .lines
            .iter()
            .map(|l| if l.product.sold_by_weight { Quantity::ONE } else { l.quantity })
            .fold(Quantity::default(), |a, b| a + b);
        CartTotals {
            subtotal: sum(|l| l.extended),
            line_discounts: sum(|l| l.line_discount),
            order_discount: order_disc,
            net: sum(|l| l.net),
            tax: sum(|l| l.tax),
            total: sum(|l| l.gross),
            taxes,
            lines,
            item_count,
        }
    }

    /// The distinct (rate, DPP base, tax-inclusive) groups in the cart, in first-seen order.
    fn tax_groups(&self) -> Vec<(TaxRate, DppBase, bool)> {
        let mut groups = Vec::new();
        for l in &self.lines {
            let key = (l.product.tax_rate, l.product.dpp, l.product.price_includes_tax);
            if !groups.contains(&key) {
                groups.push(key);
            }
        }
        groups
    }
}

fn check_product(product: &ProductSnapshot, q: Quantity, currency: Currency) -> Result<(), CartError> {
    check_quantity(product, q)?;
    if product.unit_price.is_negative() {
        return Err(CartError::NegativePrice(product.unit_price.amount()));
    }
    assert_eq!(product.unit_price.currency(), currency, "product priced in another currency");
    Ok(())
}

fn check_quantity(product: &ProductSnapshot, q: Quantity) -> Result<(), CartError> {
    if !q.is_positive() {
        return Err(CartError::NonPositiveQuantity(q));
    }
    if !product.sold_by_weight && !q.is_whole() {
        return Err(CartError::FractionalPieces(product.name.clone(), q));
    }
    Ok(())
}

fn exact_money(amount: Decimal, currency: Currency) -> Result<Money, CartError> {
    Money::from_decimal(amount, currency).map_err(|_| CartError::TooPrecise(amount, currency.code))
}

fn check_discount(d: Discount, currency: Currency) -> Result<(), CartError> {
    match d {
        Discount::Percent(p) if p < Decimal::ZERO || p > Decimal::from(100) => Err(CartError::BadPercent(p)),
        Discount::Amount(a) if a < Decimal::ZERO => Err(CartError::NegativeDiscount(a)),
        Discount::Amount(a) => exact_money(a, currency).map(|_| ()),
        Discount::Percent(_) => Ok(()),
    }
}

/// The discount's amount on `base`, rounded; not yet capped.
fn discount_amount(d: Option<Discount>, base: Money) -> Money {
    match d {
        None => Money::zero(base.currency()),
        Some(Discount::Percent(p)) => base.times(p / Decimal::from(100)).round(),
        Some(Discount::Amount(a)) => Money::new(a, base.currency()),
    }
}

/// Splits `total` (≥ 0) over `weights` (each ≥ 0) in proportion, by the largest remainder
/// method: the shares add up to `total` exactly, and no share exceeds its weight when
/// `total` ≤ Σ weights. Ties go to the earlier line so the result is deterministic.
pub fn allocate(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i128 = weights.iter().map(|w| i128::from(*w)).sum();
    if sum == 0 || total == 0 {
        return vec![0; weights.len()];
    }
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = i128::from(total) * i128::from(*w);
        shares.push((exact / sum) as i64);
        remainders.push((exact % sum, i));
    }
    let mut left = total - shares.iter().sum::<i64>();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders {
        if left == 0 {
            break;
        }
        shares[i] += 1;
        left -= 1;
    }
    shares
}

#[cfg(test)]
#[path = "cart_tests.rs"]
mod tests;
