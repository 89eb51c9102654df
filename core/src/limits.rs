//! Ceilings on one line and one sale: the most pieces, the most weight, the largest line
//! amount and the largest sale a till takes before it asks whether a finger slipped.
//!
//! A cashier who types `999999*` instead of `9*`, or scans a carton's code 24 times over a
//! line of a thousand, makes a sale no shop meant; it then has to be voided with a manager,
//! and if it is paid by card the money has gone. The cart refuses any change that would
//! put one of its lines or its total over these ceilings, before anything enters it, so no
//! cart ever holds such a line (see [`crate::cart::Cart`]).

use rust_decimal::Decimal;
use thiserror::Error;

use crate::money::Money;
use crate::quantity::Quantity;

/// The ceilings a cart keeps. Build with [`Ceilings::new`], which refuses nonsense.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ceilings {
    pieces: Quantity,
    weight: Quantity,
    line_amount: Decimal,
    sale_amount: Decimal,
}

/// A ceiling that cannot be one: zero, negative, or a sale smaller than one of its lines.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CeilingError {
    #[error("{setting} must be more than zero (got {value})")]
    NotPositive { setting: &'static str, value: Decimal },
    #[error("{setting} {value} has more than three decimals")]
    TooPrecise { setting: &'static str, value: Decimal },
    #[error("{setting} {value} is more than a quantity can hold")]
    TooLarge { setting: &'static str, value: Decimal },
    #[error("max_sale_amount {sale} is less than max_line_amount {line}: one line could never be sold alone")]
    SaleBelowLine { sale: Decimal, line: Decimal },
}

/// What the cart refused, with what the cashier needs to see to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LimitError {
    /// More pieces or kilograms on one line than the store allows. `product` is `None` when
    /// the number was refused before any product was looked up (typed `99999999*code`).
    #[error("quantity {asked} is more than {max} allowed on one line{}", on(.product))]
    Quantity { product: Option<String>, asked: Decimal, max: Quantity, by_weight: bool },
    /// A line whose amount (price × quantity, or with tax on top) is over the line ceiling
    /// (`max`, in the amount's currency).
    #[error("line amount {amount} of {product} is more than {max} allowed on one line")]
    LineAmount { product: String, amount: Money, max: Decimal },
    /// The sale's total would pass the sale ceiling (`max`, in the total's currency).
    #[error("sale total {total} would be more than {max} allowed for one sale")]
    SaleAmount { total: Money, max: Decimal },
}

fn on(product: &Option<String>) -> String {
    product.as_ref().map(|p| format!(" ({p})")).unwrap_or_default()
}

impl Ceilings {
    /// What a minimarket would pick (see `config/default.toml` for the reasons): 9,999
    /// pieces, 999 kg, Rp 100,000,000 a line, Rp 500,000,000 a sale.
    pub const DEFAULT: Ceilings = Ceilings {
        pieces: Quantity::from_milli(9_999_000),
        weight: Quantity::from_milli(999_000),
        line_amount: Decimal::from_parts(100_000_000, 0, 0, false, 0),
        sale_amount: Decimal::from_parts(500_000_000, 0, 0, false, 0),
    };

    /// Checks each ceiling: all more than zero, quantities to the gram, and a sale ceiling
    /// no smaller than a line's.
    pub fn new(
        pieces: Decimal,
        weight_kg: Decimal,
        line_amount: Decimal,
        sale_amount: Decimal,
    ) -> Result<Ceilings, CeilingError> {
        let quantity = |setting: &'static str, value: Decimal| {
            if value <= Decimal::ZERO {
                return Err(CeilingError::NotPositive { setting, value });
            }
            Quantity::from_decimal(value).map_err(|e| match e {
                crate::quantity::QuantityError::TooPrecise(_) => CeilingError::TooPrecise { setting, value },
                _ => CeilingError::TooLarge { setting, value },
            })
        };
        let amount = |setting: &'static str, value: Decimal| {
            if value <= Decimal::ZERO {
                return Err(CeilingError::NotPositive { setting, value });
            }
            Ok(value)
        };
        let pieces = quantity("max_pieces_per_line", pieces)?;
        if !pieces.is_whole() {
            return Err(CeilingError::TooPrecise {
                setting: "max_pieces_per_line",
                value: pieces.to_decimal(),
            });
        }
        let weight = quantity("max_kg_per_line", weight_kg)?;
        let line_amount = amount("max_line_amount", line_amount)?;
        let sale_amount = amount("max_sale_amount", sale_amount)?;
        if sale_amount < line_amount {
            return Err(CeilingError::SaleBelowLine { sale: sale_amount, line: line_amount });
        }
        Ok(Ceilings { pieces, weight, line_amount, sale_amount })
    }

    /// The most pieces on one line.
    pub fn pieces(&self) -> Quantity {
        self.pieces
    }

    /// The most kilograms (or litres) on one weighed line.
    pub fn weight(&self) -> Quantity {
        self.weight
    }

    /// The largest amount of one line, in the cart's currency.
    pub fn line_amount(&self) -> Decimal {
        self.line_amount
    }

    /// The largest total of one sale, in the cart's currency.
    pub fn sale_amount(&self) -> Decimal {
        self.sale_amount
    }

    /// The most a line of goods sold this way may hold.
    pub fn quantity_for(&self, by_weight: bool) -> Quantity {
        if by_weight { self.weight } else { self.pieces }
    }

    /// Checks a quantity for one line of `product` (`None`: not looked up yet).
    pub fn check_quantity(
        &self,
        product: Option<&str>,
        asked: Decimal,
        by_weight: bool,
    ) -> Result<(), LimitError> {
        let max = self.quantity_for(by_weight);
        if asked > max.to_decimal() {
            return Err(LimitError::Quantity { product: product.map(str::to_owned), asked, max, by_weight });
        }
        Ok(())
    }

    /// A number typed before `*` in the scan field, checked before the code is looked up:
    /// anything over the larger of the two quantity ceilings is a quantity problem,
    /// whatever the code turns out to be (the cart checks the product's own ceiling).
    pub fn check_typed(&self, asked: Decimal) -> Result<(), LimitError> {
        let largest = self.pieces.max(self.weight);
        if asked > largest.to_decimal() {
            return Err(LimitError::Quantity { product: None, asked, max: largest, by_weight: false });
        }
        Ok(())
    }
}

impl Default for Ceilings {
    fn default() -> Ceilings {
        Ceilings::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_defaults_are_what_the_config_file_says() {
        let c = Ceilings::DEFAULT;
        assert_eq!((c.pieces(), c.weight()), (Quantity::units(9_999), Quantity::units(999)));
        assert_eq!((c.line_amount(), c.sale_amount()), (dec!(100000000), dec!(500000000)));
        assert_eq!(Ceilings::new(dec!(9999), dec!(999), dec!(100000000), dec!(500000000)), Ok(c));
    }

    #[test]
    fn nonsense_is_refused_by_name() {
        let e = Ceilings::new(dec!(0), dec!(999), dec!(1), dec!(1)).unwrap_err();
        assert_eq!(e, CeilingError::NotPositive { setting: "max_pieces_per_line", value: dec!(0) });
        let e = Ceilings::new(dec!(10), dec!(-1), dec!(1), dec!(1)).unwrap_err();
        assert_eq!(e, CeilingError::NotPositive { setting: "max_kg_per_line", value: dec!(-1) });
        assert!(matches!(
            Ceilings::new(dec!(10.5), dec!(1), dec!(1), dec!(1)),
            Err(CeilingError::TooPrecise { setting: "max_pieces_per_line", .. })
        ));
        assert!(matches!(
            Ceilings::new(dec!(10), dec!(1), dec!(0), dec!(1)),
            Err(CeilingError::NotPositive { setting: "max_line_amount", .. })
        ));
        assert!(matches!(
            Ceilings::new(dec!(10), dec!(1), dec!(100), dec!(99)),
            Err(CeilingError::SaleBelowLine { .. })
        ));
    }

    #[test]
    fn a_typed_number_over_the_ceiling_is_a_quantity_problem() {
        let c = Ceilings::DEFAULT;
        assert_eq!(
            c.check_typed(dec!(99999999)),
            Err(LimitError::Quantity {
                product: None,
                asked: dec!(99999999),
                max: Quantity::units(9_999),
                by_weight: false
            })
        );
        assert_eq!(c.check_typed(dec!(9999)), Ok(()));
    }
}
