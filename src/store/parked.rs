//! Parked carts: a sale put aside so the next customer can be served, recalled later. They
//! are drafts in their own table, never in the ledger, and they keep the prices they were
//! rung up at (a price change never alters a cart in progress).

use chrono::{DateTime, FixedOffset};
use kasir_core::document::{Approval, canonical_time};
use kasir_core::limits::Ceilings;
use kasir_core::tax::{DppBase, TaxRate};
use kasir_core::{Cart, CartError, Currency, Discount, Money, ProductSnapshot, Quantity, TaxMode};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::Ledger;

#[derive(Debug, Error)]
pub enum ParkError {
    #[error("there is nothing in the cart to park")]
    Empty,
    #[error("no parked cart {0}")]
    NotFound(i64),
    #[error("parked cart {id} cannot be read: {reason}")]
    Unreadable { id: i64, reason: String },
    #[error("the cart cannot be written down to park it: {0}")]
    Encode(String),
    #[error("parked carts: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// The stored form of a cart and its approvals.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ParkedSale {
    pub currency: String,
    pub tax_mode: TaxMode,
    pub lines: Vec<ParkedLine>,
    pub order_discount: Option<Discount>,
    pub approvals: Vec<Approval>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ParkedLine {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub unit: String,
    pub unit_price: i64,
    pub tax_class: String,
    pub tax_rate_bp: u32,
    /// The tax class's DPP base when the line was rung up (absent: the whole price).
    #[serde(default, skip_serializing_if = "DppBase::is_full")]
    pub dpp: DppBase,
    pub price_includes_tax: bool,
    pub sold_by_weight: bool,
    pub barcode: Option<String>,
    pub quantity: Quantity,
    pub price_override: Option<i64>,
    pub discount: Option<Discount>,
}

/// One entry of the parked list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParkedEntry {
    pub id: i64,
    pub parked_at: String,
    pub cashier: String,
    pub label: String,
    pub total: Money,
}

impl ParkedSale {
    pub fn from_cart(cart: &Cart, approvals: &[Approval]) -> ParkedSale {
        ParkedSale {
            currency: cart.currency().code.to_owned(),
            tax_mode: cart.tax_mode(),
            lines: cart
                .lines()
                .iter()
                .map(|l| ParkedLine {
                    sku: l.product.sku.clone(),
                    name: l.product.name.clone(),
                    category: l.product.category.clone(),
                    unit: l.product.unit.clone(),
                    unit_price: l.product.unit_price.minor(),
                    tax_class: l.product.tax_class.clone(),
                    tax_rate_bp: l.product.tax_rate.basis_points(),
                    dpp: l.product.dpp,
                    price_includes_tax: l.product.price_includes_tax,
                    sold_by_weight: l.product.sold_by_weight,
                    barcode: l.barcode.clone(),
                    quantity: l.quantity,
                    price_override: l.price_override.map(|p| p.minor()),
                    discount: l.discount,
                })
                .collect(),
            order_discount: cart.order_discount(),
            // Recalling renumbers the lines 1, 2, 3…, so approvals keep the line's position.
            approvals: approvals
                .iter()
                .map(|a| Approval { line: a.line.and_then(|id| cart.line_no(id)), ..a.clone() })
                .collect(),
        }
    }

    /// Rebuilds the cart exactly as it was parked, under the store's `ceilings` (a store that
    /// raised them must get back the big cart it parked); says what is wrong with one that
    /// cannot be.
    pub fn to_cart(&self, ceilings: Ceilings) -> Result<Cart, String> {
        let currency = Currency::from_code(&self.currency)
            .ok_or_else(|| format!("currency '{}' is not one this Kasir knows", self.currency))?;
        self.rebuild(currency, ceilings).map_err(|e| e.to_string())
    }

    fn rebuild(&self, currency: Currency, ceilings: Ceilings) -> Result<Cart, CartError> {
        let mut cart = Cart::with_ceilings(currency, self.tax_mode, ceilings);
        for l in &self.lines {
            let product = ProductSnapshot {
                sku: l.sku.clone(),
                name: l.name.clone(),
                category: l.category.clone(),
                unit: l.unit.clone(),
                unit_price: Money::from_minor(l.unit_price, currency),
                tax_class: l.tax_class.clone(),
                tax_rate: TaxRate::from_basis_points(l.tax_rate_bp),
                dpp: l.dpp,
                price_includes_tax: l.price_includes_tax,
                sold_by_weight: l.sold_by_weight,
            };
            let id = cart.add_separate(product, l.quantity, l.barcode.clone())?;
            cart.set_price_override(id, l.price_override.map(|p| Money::from_minor(p, currency).amount()))?;
            cart.set_line_discount(id, l.discount)?;
        }
        cart.set_order_discount(self.order_discount)?;
        Ok(cart)
    }
}

impl Ledger {
    /// Parks a cart; returns its number in the parked list.
    pub fn park(
        &self,
        cashier: &str,
        cart: &Cart,
        approvals: &[Approval],
        now: DateTime<FixedOffset>,
    ) -> Result<i64, ParkError> {
        if cart.is_empty() {
            return Err(ParkError::Empty);
        }
        let totals = cart.totals();
        let mut label: String =
            cart.lines().iter().take(3).map(|l| l.product.name.as_str()).collect::<Vec<_>>().join(", ");
        if cart.lines().len() > 3 {
            label.push_str(&format!(" +{}", cart.lines().len() - 3));
        }
        let json = serde_json::to_string(&ParkedSale::from_cart(cart, approvals))
            .map_err(|e| ParkError::Encode(e.to_string()))?;
        let conn = self.conn();
        conn.execute(
            "INSERT INTO parked_carts (parked_at, cashier, label, total, cart) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![canonical_time::format(&now), cashier, label, totals.total.minor(), json],
        )?;
        Ok(conn.last_insert_rowid())
    }

    /// The parked carts, oldest first.
    pub fn parked(&self) -> Result<Vec<ParkedEntry>, ParkError> {
        let currency = self.currency();
        let mut stmt = self
            .conn()
            .prepare("SELECT id, parked_at, cashier, label, total FROM parked_carts ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(ParkedEntry {
                id: r.get(0)?,
                parked_at: r.get(1)?,
                cashier: r.get(2)?,
                label: r.get(3)?,
                total: Money::from_minor(r.get(4)?, currency),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Takes a parked cart back out of the list (in one transaction: it is either recalled or
    /// still parked, never both nor lost).
    pub fn recall(&self, id: i64, ceilings: Ceilings) -> Result<(Cart, Vec<Approval>), ParkError> {
        let tx = self.conn().unchecked_transaction()?;
        let json: Option<String> =
            tx.query_row("SELECT cart FROM parked_carts WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        let json = json.ok_or(ParkError::NotFound(id))?;
        let sale: ParkedSale =
            serde_json::from_str(&json).map_err(|e| ParkError::Unreadable { id, reason: e.to_string() })?;
        let cart = sale.to_cart(ceilings).map_err(|reason| ParkError::Unreadable { id, reason })?;
        tx.execute("DELETE FROM parked_carts WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok((cart, sale.approvals))
    }
}
