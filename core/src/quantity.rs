//! Quantities: whole pieces or weights to the gram, held as integer thousandths so that they
//! are exact, hash the same everywhere and store as plain integers.

use std::fmt;
use std::ops::{Add, Neg, Sub};

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

/// Thousandths of a unit (pieces, kg, litres). `Quantity::from_milli(1250)` is 1.25.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(i64);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QuantityError {
    #[error("quantity '{0}' has more than three decimals")]
    TooPrecise(String),
    #[error("quantity '{0}' is out of range")]
    OutOfRange(String),
    #[error("'{0}' is not a number")]
    NotANumber(String),
}

/// The largest quantity on one line: a million units is a typing error, not a sale.
const MAX_MILLI: i64 = 1_000_000 * 1000;

impl Quantity {
    pub const ONE: Quantity = Quantity(1000);

    pub const fn from_milli(milli: i64) -> Quantity {
        Quantity(milli)
    }

    pub const fn units(n: i64) -> Quantity {
        Quantity(n * 1000)
    }

    pub fn milli(self) -> i64 {
        self.0
    }

    pub fn from_decimal(d: Decimal) -> Result<Quantity, QuantityError> {
        let scaled = d * Decimal::from(1000);
        if scaled.fract() != Decimal::ZERO {
            return Err(QuantityError::TooPrecise(d.to_string()));
        }
        let milli: i64 = scaled.try_into().map_err(|_| QuantityError::OutOfRange(d.to_string()))?;
        if milli.abs() > MAX_MILLI {
            return Err(QuantityError::OutOfRange(d.to_string()));
        }
        Ok(Quantity(milli))
    }

    pub fn parse(text: &str) -> Result<Quantity, QuantityError> {
        let t = text.trim().replace(',', ".");
        let d: Decimal = t.parse().map_err(|_| QuantityError::NotANumber(text.trim().to_owned()))?;
        Quantity::from_decimal(d)
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 3)
    }

    /// (By reference, for serde's `skip_serializing_if`.)
    pub fn is_zero(&self) -> bool {
        self.0 == 0
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    pub fn is_whole(self) -> bool {
        self.0 % 1000 == 0
    }
}

impl Add for Quantity {
    type Output = Quantity;
    fn add(self, rhs: Quantity) -> Quantity {
        Quantity(self.0 + rhs.0)
    }
}

impl Sub for Quantity {
    type Output = Quantity;
    fn sub(self, rhs: Quantity) -> Quantity {
        Quantity(self.0 - rhs.0)
    }
}

impl Neg for Quantity {
    type Output = Quantity;
    fn neg(self) -> Quantity {
        Quantity(-self.0)
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_decimal().normalize())
    }
}

/// On the wire a quantity is a decimal string ("1.25") so people can write scripts by hand.
impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Int(i64),
            // A JSON number such as 1.25 arrives as f64; its shortest round-trip text is
            // exactly what was typed for any quantity of up to 15 digits, and that text is
            // what gets parsed into a decimal. No arithmetic is done in floating point.
            Number(f64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Int(n) => Quantity::from_decimal(Decimal::from(n)),
            Raw::Number(x) => Quantity::parse(&x.to_string()),
            Raw::Text(t) => Quantity::parse(&t),
        }
        .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn grams_are_exact() {
        assert_eq!(Quantity::from_decimal(dec!(1.25)).unwrap().milli(), 1250);
        assert_eq!(Quantity::parse("0,375").unwrap().milli(), 375);
        assert_eq!(Quantity::from_milli(1250).to_string(), "1.25");
    }

    #[test]
    fn too_precise_or_huge_is_refused() {
        assert_eq!(Quantity::parse("1.0005"), Err(QuantityError::TooPrecise("1.0005".into())));
        assert!(matches!(Quantity::parse("99999999"), Err(QuantityError::OutOfRange(_))));
        assert!(matches!(Quantity::parse("x"), Err(QuantityError::NotANumber(_))));
    }

    #[test]
    fn json_accepts_numbers_and_strings() {
        let q: Quantity = serde_json::from_str("3").unwrap();
        assert_eq!(q, Quantity::units(3));
        let q: Quantity = serde_json::from_str("1.25").unwrap();
        assert_eq!(q.milli(), 1250);
        let q: Quantity = serde_json::from_str("\"0.5\"").unwrap();
        assert_eq!(q.milli(), 500);
        assert_eq!(serde_json::to_string(&Quantity::from_milli(500)).unwrap(), "\"0.5\"");
    }
}
