//! Barcode checking and decoding: EAN-13, EAN-8 and UPC-A check digits, and GS1
//! variable-measure (in-store, prefix 02 / 20–29) barcodes that carry a weight or a price.
//!
//! Pure functions: nothing here looks anything up. The catalogue maps what [`classify`]
//! returns to a product.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a barcode was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BarcodeError {
    #[error("barcode is empty")]
    Empty,
    #[error("barcode '{0}' contains a character that is not a digit")]
    NotDigits(String),
    #[error("barcode '{0}' has {1} digits; expected EAN-13 (13), UPC-A (12) or EAN-8 (8)")]
    BadLength(String, usize),
    #[error("barcode '{code}' has check digit {found}, expected {expected}")]
    BadCheckDigit { code: String, found: u8, expected: u8 },
}

/// The GS1 check digit for `digits` (the code without its check digit): weights 3,1,3,…
/// from the right. Works for EAN-8, UPC-A (12), EAN-13 and GTIN-14 bodies.
pub fn check_digit(digits: &[u8]) -> u8 {
    let sum: u32 =
        digits.iter().rev().enumerate().map(|(i, d)| u32::from(*d) * if i % 2 == 0 { 3 } else { 1 }).sum();
    ((10 - sum % 10) % 10) as u8
}

/// Appends the check digit to a string of digits (e.g. 12 digits → a valid EAN-13).
/// Panics if `body` is not all ASCII digits; meant for generating codes, not reading them.
pub fn with_check_digit(body: &str) -> String {
    let digits: Vec<u8> = body
        .bytes()
        .map(|b| {
            assert!(b.is_ascii_digit(), "with_check_digit: '{body}' is not all digits");
            b - b'0'
        })
        .collect();
    format!("{body}{}", check_digit(&digits))
}

/// Validates an EAN-13, UPC-A or EAN-8 code (digits only, correct length, correct check digit).
pub fn validate_gtin(code: &str) -> Result<(), BarcodeError> {
    if code.is_empty() {
        return Err(BarcodeError::Empty);
    }
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BarcodeError::NotDigits(code.to_owned()));
    }
    if !matches!(code.len(), 8 | 12 | 13) {
        return Err(BarcodeError::BadLength(code.to_owned(), code.len()));
    }
    let digits: Vec<u8> = code.bytes().map(|b| b - b'0').collect();
    let (body, check) = digits.split_at(digits.len() - 1);
    let expected = check_digit(body);
    if check[0] != expected {
        return Err(BarcodeError::BadCheckDigit { code: code.to_owned(), found: check[0], expected });
    }
    Ok(())
}

/// What a variable-measure barcode's value field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// Weight in grams (five digits: up to 99.999 kg).
    WeightGrams,
    /// Price in the currency's major units (for IDR: Rupiah; five digits up to 99.999).
    Price,
}

/// One store rule: EAN-13 codes starting with `prefix` are variable-measure codes laid out as
/// prefix (2 digits) + item reference (5 digits) + value (5 digits) + check digit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariableMeasureRule {
    pub prefix: String,
    pub kind: MeasureKind,
}

/// The default rules: 20–24 carry a weight in grams, 25–29 and 02 carry a price.
/// Stores change this in their config; GS1 leaves the split to each country and retailer.
pub fn default_variable_measure_rules() -> Vec<VariableMeasureRule> {
    let mut rules: Vec<VariableMeasureRule> = (20..=24)
        .map(|p| VariableMeasureRule { prefix: p.to_string(), kind: MeasureKind::WeightGrams })
        .collect();
    rules.extend((25..=29).map(|p| VariableMeasureRule { prefix: p.to_string(), kind: MeasureKind::Price }));
    rules.push(VariableMeasureRule { prefix: "02".into(), kind: MeasureKind::Price });
    rules
}

/// A scanned code, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scanned {
    /// An ordinary product code (EAN-13, UPC-A or EAN-8), looked up as is.
    Gtin(String),
    /// A variable-measure code: look the product up by `item_key` (prefix + item reference,
    /// 7 digits, stored as one of the product's barcodes) and use the value.
    VariableMeasure { item_key: String, measure: Measure },
}

/// The value carried by a variable-measure code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Kilograms, with three decimals.
    Weight(Decimal),
    /// A price in major currency units.
    Price(Decimal),
}

/// Validates a scanned code and decodes variable-measure codes according to `rules`.
pub fn classify(code: &str, rules: &[VariableMeasureRule]) -> Result<Scanned, BarcodeError> {
    let code = code.trim();
    // A weighed product's 7-digit item key typed by hand (no weight in it): looked up as is.
    if is_variable_measure_key(code, rules) {
        return Ok(Scanned::Gtin(code.to_owned()));
    }
    validate_gtin(code)?;
    if code.len() == 13
        && let Some(rule) = rules.iter().find(|r| code.starts_with(r.prefix.as_str()))
    {
        let item_key = code[..7].to_owned();
        let value: i64 = code[7..12].parse().expect("validated digits");
        let measure = match rule.kind {
            MeasureKind::WeightGrams => Measure::Weight(Decimal::new(value, 3)),
            MeasureKind::Price => Measure::Price(Decimal::from(value)),
        };
        return Ok(Scanned::VariableMeasure { item_key, measure });
    }
    Ok(Scanned::Gtin(code.to_owned()))
}

/// True when `key` is a 7-digit variable-measure item key under one of `rules`
/// (how a weighed product's barcode is written in the catalogue).
pub fn is_variable_measure_key(key: &str, rules: &[VariableMeasureRule]) -> bool {
    key.len() == 7
        && key.bytes().all(|b| b.is_ascii_digit())
        && rules.iter().any(|r| key.starts_with(r.prefix.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn an_item_key_typed_alone_is_looked_up_as_is() {
        let rules = [VariableMeasureRule { prefix: "21".into(), kind: MeasureKind::WeightGrams }];
        assert_eq!(classify("2100123", &rules).unwrap(), Scanned::Gtin("2100123".into()));
        assert!(classify("3100123", &rules).is_err(), "not under a variable-measure prefix");
    }

    #[test]
    fn known_codes_validate() {
        // Real printed codes: an Indonesian EAN-13, a UPC-A and an EAN-8.
        validate_gtin("8992388101016").unwrap();
        validate_gtin("036000291452").unwrap();
        validate_gtin("96385074").unwrap();
    }

    #[test]
    fn wrong_check_digit_names_the_expected_one() {
        let err = validate_gtin("8992388101017").unwrap_err();
        assert_eq!(err, BarcodeError::BadCheckDigit { code: "8992388101017".into(), found: 7, expected: 6 });
        assert!(err.to_string().contains("expected 6"));
    }

    #[test]
    fn bad_shapes_are_refused() {
        assert_eq!(validate_gtin(""), Err(BarcodeError::Empty));
        assert!(matches!(validate_gtin("89923881010a6"), Err(BarcodeError::NotDigits(_))));
        assert!(matches!(validate_gtin("12345"), Err(BarcodeError::BadLength(_, 5))));
    }

    #[test]
    fn with_check_digit_round_trips() {
        assert_eq!(with_check_digit("899238810101"), "8992388101016");
        validate_gtin(&with_check_digit("210012301250")).unwrap();
    }

    #[test]
    fn weight_code_decodes_to_kilograms() {
        let code = with_check_digit("210012301250");
        let scanned = classify(&code, &default_variable_measure_rules()).unwrap();
        assert_eq!(
            scanned,
            Scanned::VariableMeasure { item_key: "2100123".into(), measure: Measure::Weight(dec!(1.250)) }
        );
    }

    #[test]
    fn price_code_decodes_to_rupiah() {
        let code = with_check_digit("250004512500");
        let scanned = classify(&code, &default_variable_measure_rules()).unwrap();
        assert_eq!(
            scanned,
            Scanned::VariableMeasure { item_key: "2500045".into(), measure: Measure::Price(dec!(12500)) }
        );
    }

    #[test]
    fn ordinary_code_is_not_variable_measure() {
        let scanned = classify("8992388101016", &default_variable_measure_rules()).unwrap();
        assert_eq!(scanned, Scanned::Gtin("8992388101016".into()));
        assert!(is_variable_measure_key("2100123", &default_variable_measure_rules()));
        assert!(!is_variable_measure_key("8992388", &default_variable_measure_rules()));
    }
}
