//! Products as the catalogue holds them, and the snapshot a cart line keeps so that a later
//! price change never alters an open cart or a committed sale.

use crate::money::Money;
use crate::tax::{DppBase, TaxRate};

/// A catalogue product.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    pub sku: String,
    /// EAN/UPC codes, and for weighed goods the 7-digit variable-measure key.
    pub barcodes: Vec<String>,
    pub name: String,
    pub category: String,
    /// Selling unit: `pcs`, `kg`, `btl`, …
    pub unit: String,
    /// Price per unit (per kg for weighed goods).
    pub unit_price: Money,
    pub tax_class: String,
    pub tax_rate: TaxRate,
    /// The share of the net price the tax is charged on (the tax class's DPP base).
    pub dpp: DppBase,
    /// Shelf prices in Indonesia normally include PPN.
    pub price_includes_tax: bool,
    pub sold_by_weight: bool,
    pub active: bool,
    /// The store's stock as of the last sync, less this terminal's sales not yet sent (see
    /// the terminal's `store::catalogue::stock`); `None` when head office never sent one.
    pub stock: Option<crate::Quantity>,
}

impl Product {
    pub fn snapshot(&self) -> ProductSnapshot {
        ProductSnapshot {
            sku: self.sku.clone(),
            name: self.name.clone(),
            category: self.category.clone(),
            unit: self.unit.clone(),
            unit_price: self.unit_price,
            tax_class: self.tax_class.clone(),
            tax_rate: self.tax_rate,
            dpp: self.dpp,
            price_includes_tax: self.price_includes_tax,
            sold_by_weight: self.sold_by_weight,
        }
    }
}

/// What a cart line remembers of its product at the moment it was added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductSnapshot {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub unit: String,
    pub unit_price: Money,
    pub tax_class: String,
    pub tax_rate: TaxRate,
    pub dpp: DppBase,
    pub price_includes_tax: bool,
    pub sold_by_weight: bool,
}
