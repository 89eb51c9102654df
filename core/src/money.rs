//! Money: a `rust_decimal` amount with its currency, and integer minor units at rest.
//!
//! No floating point anywhere. Arithmetic between two currencies is a programming error and
//! panics; amounts that come from outside (JSON, CSV, config) are parsed with
//! [`Money::parse`], which refuses more decimals than the currency has.

use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

/// An ISO 4217 currency as the shop floor uses it: its code, how many minor digits are in
/// practice used, and its symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Currency {
    pub code: &'static str,
    /// Digits after the decimal point used in practice (IDR: 0, USD: 2).
    pub minor_units: u32,
    pub symbol: &'static str,
}

/// Rupiah, where Kasir starts: what an empty report is in until it is given its ledger's
/// currency. Never a fallback for a stored code that does not read (that is an error).
impl Default for Currency {
    fn default() -> Currency {
        Currency::IDR
    }
}

impl Currency {
    pub const IDR: Currency = Currency { code: "IDR", minor_units: 0, symbol: "Rp" };
    pub const USD: Currency = Currency { code: "USD", minor_units: 2, symbol: "$" };
    pub const EUR: Currency = Currency { code: "EUR", minor_units: 2, symbol: "€" };
    pub const SGD: Currency = Currency { code: "SGD", minor_units: 2, symbol: "S$" };
    pub const MYR: Currency = Currency { code: "MYR", minor_units: 2, symbol: "RM" };

    const KNOWN: [Currency; 5] = [Self::IDR, Self::USD, Self::EUR, Self::SGD, Self::MYR];

    /// Looks a currency up by its ISO code (case-insensitive).
    pub fn from_code(code: &str) -> Option<Currency> {
        Self::KNOWN.into_iter().find(|c| c.code.eq_ignore_ascii_case(code))
    }

    /// The smallest amount this currency can hold, e.g. 0.01 for USD and 1 for IDR.
    pub fn minor_step(self) -> Decimal {
        Decimal::new(1, self.minor_units)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Currency::from_code(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown currency '{code}'")))
    }
}

/// Why an amount from outside was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("'{0}' is not a number")]
    NotANumber(String),
    #[error("'{value}' has more decimals than {currency} allows ({allowed})")]
    TooManyDecimals { value: String, currency: &'static str, allowed: u32 },
    #[error("amount {0} is too large")]
    TooLarge(String),
}

/// An amount of money in one currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

/// Largest amount kept at rest: far beyond any till, and safe to sum in an `i64`.
const MAX_MINOR: i64 = 1_000_000_000_000_000;

impl Money {
    pub fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    pub fn zero(currency: Currency) -> Money {
        Money { amount: Decimal::ZERO, currency }
    }

    /// From integer minor units (how money is stored): 12_500 IDR is Rp 12.500, 1_999 USD is $19.99.
    pub fn from_minor(minor: i64, currency: Currency) -> Money {
        Money { amount: Decimal::new(minor, currency.minor_units), currency }
    }

    /// Parses a decimal amount in major units ("12500", "19.99"), refusing sub-minor digits.
    pub fn parse(text: &str, currency: Currency) -> Result<Money, MoneyError> {
        let t = text.trim();
        let amount: Decimal = t.parse().map_err(|_| MoneyError::NotANumber(t.to_owned()))?;
        Money::from_decimal(amount, currency).map_err(|e| match e {
            MoneyError::TooManyDecimals { currency, allowed, .. } => {
                MoneyError::TooManyDecimals { value: t.to_owned(), currency, allowed }
            }
            other => other,
        })
    }

    /// Accepts an exact amount: refuses more decimals than the currency has.
    pub fn from_decimal(amount: Decimal, currency: Currency) -> Result<Money, MoneyError> {
        let normal = amount.normalize();
        if normal.scale() > currency.minor_units {
            return Err(MoneyError::TooManyDecimals {
                value: amount.to_string(),
                currency: currency.code,
                allowed: currency.minor_units,
            });
        }
        let money = Money { amount: normal, currency };
        if money.try_minor().is_none() {
            return Err(MoneyError::TooLarge(amount.to_string()));
        }
        Ok(money)
    }

    pub fn amount(self) -> Decimal {
        self.amount
    }

    pub fn currency(self) -> Currency {
        self.currency
    }

    /// Integer minor units. Panics if the amount is not a whole number of minor units
    /// (round first): storing an unrounded amount would silently lose money.
    pub fn minor(self) -> i64 {
        self.try_minor().unwrap_or_else(|| {
            panic!("{} {} is not a whole number of minor units", self.amount, self.currency.code)
        })
    }

    fn try_minor(self) -> Option<i64> {
        let scaled = self.amount.checked_mul(Decimal::from(10i64.pow(self.currency.minor_units)))?;
        if scaled.fract() != Decimal::ZERO {
            return None;
        }
        let minor: i64 = scaled.try_into().ok()?;
        (minor.abs() <= MAX_MINOR).then_some(minor)
    }

    /// Rounds half away from zero to the currency's minor unit (commercial rounding).
    pub fn round(self) -> Money {
        Money {
            amount: self
                .amount
                .round_dp_with_strategy(self.currency.minor_units, RoundingStrategy::MidpointAwayFromZero),
            currency: self.currency,
        }
    }

    /// Multiplies by a plain factor (a quantity or a rate); the result is not rounded.
    pub fn times(self, factor: Decimal) -> Money {
        Money { amount: self.amount * factor, currency: self.currency }
    }

    pub fn is_zero(self) -> bool {
        self.amount.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    pub fn is_positive(self) -> bool {
        self.amount.is_sign_positive() && !self.amount.is_zero()
    }

    pub fn min(self, other: Money) -> Money {
        self.same_currency(other);
        if self.amount <= other.amount { self } else { other }
    }

    pub fn max(self, other: Money) -> Money {
        self.same_currency(other);
        if self.amount >= other.amount { self } else { other }
    }

    fn same_currency(self, other: Money) {
        assert_eq!(
            self.currency.code, other.currency.code,
            "mixing currencies {} and {}",
            self.currency.code, other.currency.code
        );
    }

    /// Formats for a locale: `Rp 12.500` (in both languages), `$1,234.50` (en).
    pub fn format(self, locale: Locale) -> String {
        crate::format::format_money(self, locale)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        self.same_currency(rhs);
        Money { amount: self.amount + rhs.amount, currency: self.currency }
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        self.same_currency(rhs);
        Money { amount: self.amount - rhs.amount, currency: self.currency }
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        *self = *self - rhs;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money { amount: -self.amount, currency: self.currency }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.format(Locale::Id))
    }
}

/// The two languages Kasir speaks; they also decide number formatting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    /// Bahasa Indonesia (id-ID): `Rp 12.500`, `1,5`.
    #[default]
    #[serde(rename = "id-ID", alias = "id")]
    Id,
    /// English: `1.5`, `$1,234.50` (Rupiah stays `Rp 12.500`, as on the receipt).
    #[serde(rename = "en", alias = "en-US")]
    En,
}

/// Sums amounts of one currency; `currency` is used when `items` is empty.
pub fn sum<I: IntoIterator<Item = Money>>(currency: Currency, items: I) -> Money {
    items.into_iter().fold(Money::zero(currency), |a, b| a + b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn minor_units_round_trip_for_rupiah_and_cents() {
        assert_eq!(Money::from_minor(12_500, Currency::IDR).amount(), dec!(12500));
        assert_eq!(Money::from_minor(1_999, Currency::USD).amount(), dec!(19.99));
        assert_eq!(Money::parse("19.99", Currency::USD).unwrap().minor(), 1_999);
        assert_eq!(Money::parse("12500", Currency::IDR).unwrap().minor(), 12_500);
    }

    #[test]
    fn parse_refuses_sub_minor_digits_and_garbage() {
        assert_eq!(
            Money::parse("12500.5", Currency::IDR),
            Err(MoneyError::TooManyDecimals { value: "12500.5".into(), currency: "IDR", allowed: 0 })
        );
        assert!(Money::parse("1.00", Currency::IDR).is_ok(), "trailing zeros are not real decimals");
        assert_eq!(Money::parse("abc", Currency::IDR), Err(MoneyError::NotANumber("abc".into())));
        assert!(Money::parse("1e30", Currency::IDR).is_err());
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(Money::new(dec!(2.5), Currency::IDR).round().minor(), 3);
        assert_eq!(Money::new(dec!(-2.5), Currency::IDR).round().minor(), -3);
        assert_eq!(Money::new(dec!(1.005), Currency::USD).round().minor(), 101);
    }

    #[test]
    #[should_panic(expected = "not a whole number")]
    fn unrounded_money_cannot_be_stored() {
        Money::new(dec!(0.5), Currency::IDR).minor();
    }

    #[test]
    #[should_panic(expected = "mixing currencies")]
    fn currencies_do_not_mix() {
        let _ = Money::zero(Currency::IDR) + Money::zero(Currency::USD);
    }
}
