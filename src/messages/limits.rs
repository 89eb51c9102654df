//! The store's ceilings and its stock in the cashier's words: a quantity or an amount over
//! what one line or one sale may hold, and a sale that would take stock below zero.

use kasir_core::limits::LimitError;
use kasir_core::{Locale, Money, Quantity};

use super::names::{money, number, qty};
use super::{Explain, pick};
use crate::sale::checkout::StockShort;

/// The store's stock of a product as the counter shows it beside a search hit or in the line
/// editor: `Stok 12 pcs`, marked when it is at or below the store's low mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StockNote {
    pub on_hand: Quantity,
    pub unit: String,
    pub low: bool,
}

impl StockNote {
    /// The note for `on_hand` of a product sold in `unit`, low at or below `low_at`.
    pub fn new(on_hand: Quantity, unit: &str, low_at: Quantity) -> StockNote {
        StockNote { on_hand, unit: unit.to_owned(), low: on_hand <= low_at }
    }
}

impl Explain for StockNote {
    fn explain(&self, l: Locale) -> String {
        let StockNote { on_hand, unit, low } = self;
        let amount = qty(*on_hand, l);
        match (low, on_hand.is_positive()) {
            (false, _) => pick(l, format!("Stok {amount} {unit}"), format!("Stock {amount} {unit}")),
            (true, true) => {
                pick(l, format!("Stok {amount} {unit} · menipis"), format!("Stock {amount} {unit} · low"))
            }
            (true, false) => {
                pick(l, format!("Stok {amount} {unit} · habis"), format!("Stock {amount} {unit} · out"))
            }
        }
    }
}

impl Explain for StockShort {
    fn explain(&self, l: Locale) -> String {
        let StockShort { sku, name, on_hand, wanted } = self;
        let (on_hand, wanted) = (qty(*on_hand, l), qty(*wanted, l));
        pick(
            l,
            format!(
                "Stok {name} ({sku}) tidak cukup: diminta {wanted}, stok toko {on_hand}. \
                 Toko ini tidak menjual melebihi stok."
            ),
            format!(
                "Not enough {name} ({sku}) in stock: {wanted} wanted, the store has {on_hand}. \
                 This store does not sell below zero stock."
            ),
        )
    }
}

impl Explain for LimitError {
    fn explain(&self, l: Locale) -> String {
        match self {
            LimitError::Quantity { product, asked, max, by_weight } => {
                let (asked, max) = (number(*asked, l), qty(*max, l));
                let unit = match by_weight {
                    true => "kg",
                    false => pick(l, "buah", "pieces"),
                };
                match product {
                    Some(name) => pick(
                        l,
                        format!(
                            "Jumlah {name} terlalu banyak: {asked}. Satu baris paling banyak {max} {unit}."
                        ),
                        format!("Too many {name}: {asked}. One line takes at most {max} {unit}."),
                    ),
                    None => pick(
                        l,
                        format!(
                            "Jumlah {asked} terlalu banyak untuk satu baris (paling banyak {max}). \
                             Periksa angka sebelum tanda *."
                        ),
                        format!(
                            "A quantity of {asked} is too many for one line (at most {max}). \
                             Check the number before the *."
                        ),
                    ),
                }
            }
            LimitError::LineAmount { product, amount, max } => {
                let (amount, max) = (money(*amount, l), money(Money::new(*max, amount.currency()), l));
                pick(
                    l,
                    format!("Nilai baris {product} menjadi {amount}, melebihi batas {max} per baris."),
                    format!(
                        "The line {product} would come to {amount}, over the limit of {max} for one line."
                    ),
                )
            }
            LimitError::SaleAmount { total, max } => {
                let (total, max) = (money(*total, l), money(Money::new(*max, total.currency()), l));
                pick(
                    l,
                    format!("Total belanja menjadi {total}, melebihi batas {max} per transaksi."),
                    format!("The sale would come to {total}, over the limit of {max} for one sale."),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stock_note_marks_low_and_empty_shelves() {
        let note = |units, l| StockNote::new(Quantity::units(units), "pcs", Quantity::units(5)).explain(l);
        assert_eq!(note(1200, Locale::Id), "Stok 1.200 pcs");
        assert_eq!(note(1200, Locale::En), "Stock 1,200 pcs");
        assert_eq!(note(5, Locale::Id), "Stok 5 pcs · menipis");
        assert_eq!(note(-2, Locale::Id), "Stok -2 pcs · habis");
        assert_eq!(note(0, Locale::En), "Stock 0 pcs · out");
    }
}
