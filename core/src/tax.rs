//! Tax rates and classes (PPN and friends), and how a price splits into net and tax.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A tax rate in basis points: 1100 is 11 %. Integer so it hashes and stores exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TaxRate(u32);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TaxRateError {
    #[error("tax rate '{0}' is not a percentage between 0 and 100 with at most two decimals")]
    Invalid(String),
}

impl TaxRate {
    pub const ZERO: TaxRate = TaxRate(0);

    pub fn from_basis_points(bp: u32) -> TaxRate {
        TaxRate(bp)
    }

    /// From a percentage such as `11` or `12.5`.
    pub fn from_percent(p: Decimal) -> Result<TaxRate, TaxRateError> {
        let bp = p * Decimal::from(100);
        if p < Decimal::ZERO || p > Decimal::from(100) || bp.fract() != Decimal::ZERO {
            return Err(TaxRateError::Invalid(p.to_string()));
        }
        Ok(TaxRate(u32::try_from(bp).map_err(|_| TaxRateError::Invalid(p.to_string()))?))
    }

    pub fn basis_points(self) -> u32 {
        self.0
    }

    /// The rate as a fraction: 0.11 for 11 %.
    pub fn fraction(self) -> Decimal {
        Decimal::new(i64::from(self.0), 4)
    }

    pub fn percent(self) -> Decimal {
        Decimal::new(i64::from(self.0), 2).normalize()
    }
}

/// A named tax class from the store's config, e.g. `PPN` at 11 % or `BEBAS` at 0 %.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxClass {
    pub code: String,
    pub rate: TaxRate,
}

/// Where tax is rounded. Both are used in practice; the result differs by at most a few
/// minor units per document, and both always balance (net + tax = gross).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxMode {
    /// Each line's tax is rounded on its own; the document's tax is the sum of the lines.
    #[default]
    PerLine,
    /// Tax is computed and rounded once per rate on the document's summed amounts, then
    /// spread back over the lines (largest remainder) so lines still add up.
    PerDocument,
}
