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

/// The share of a price that tax is charged on: the DPP (*dasar pengenaan pajak*) as a
/// fraction of the net price. Since 2025 (PMK 131/2024) most goods carry PPN 12 % on a DPP of
/// 11/12 of the price (11 % in effect); luxury goods carry 12 % on the whole price (1/1).
/// Kept in lowest terms, so `22/24` and `11/12` are the same base. Written `"11/12"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DppBase {
    num: u32,
    den: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DppError {
    #[error("DPP '{0}' is not a fraction like 11/12 with 0 < numerator ≤ denominator ≤ 10000")]
    Invalid(String),
}

impl DppBase {
    /// The whole net price is the base (tax as before DPP rules).
    pub const FULL: DppBase = DppBase { num: 1, den: 1 };
    /// 11/12: the base for PPN 12 % on ordinary goods since 2025.
    pub const ELEVEN_TWELFTHS: DppBase = DppBase { num: 11, den: 12 };

    /// `num/den` in lowest terms; refused unless 0 < num ≤ den ≤ 10000.
    pub fn new(num: u32, den: u32) -> Result<DppBase, DppError> {
        if num == 0 || num > den || den > 10_000 {
            return Err(DppError::Invalid(format!("{num}/{den}")));
        }
        let g = gcd(num, den);
        Ok(DppBase { num: num / g, den: den / g })
    }

    pub fn numerator(self) -> u32 {
        self.num
    }

    pub fn denominator(self) -> u32 {
        self.den
    }

    /// Whether the whole net price is the base (the default, never written in documents).
    pub fn is_full(&self) -> bool {
        self.num == self.den
    }

    /// The base as a decimal fraction (exact when the denominator divides a power of ten).
    pub fn fraction(self) -> Decimal {
        Decimal::from(self.num) / Decimal::from(self.den)
    }

    /// `amount × num / den` in minor units, rounded half away from zero.
    pub fn of(self, amount: i64) -> i64 {
        div_round(i128::from(amount) * i128::from(self.num), i128::from(self.den))
    }
}

impl Default for DppBase {
    fn default() -> DppBase {
        DppBase::FULL
    }
}

impl std::fmt::Display for DppBase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

impl std::str::FromStr for DppBase {
    type Err = DppError;

    fn from_str(s: &str) -> Result<DppBase, DppError> {
        let bad = || DppError::Invalid(s.to_owned());
        let (n, d) = s.trim().split_once('/').ok_or_else(bad)?;
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(n.trim()) || !digits(d.trim()) {
            return Err(bad());
        }
        let n: u32 = n.trim().parse().map_err(|_| bad())?;
        let d: u32 = d.trim().parse().map_err(|_| bad())?;
        DppBase::new(n, d).map_err(|_| bad())
    }
}

impl Serialize for DppBase {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DppBase {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DppBase, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// `a / b` rounded half away from zero (`b` > 0), saturating at the bounds of `i64`.
fn div_round(a: i128, b: i128) -> i64 {
    let q = a / b;
    let r = a % b;
    let q = if 2 * r.abs() >= b { q + a.signum() } else { q };
    i64::try_from(q).unwrap_or(if q < 0 { i64::MIN } else { i64::MAX })
}

/// How an amount of one rate and base splits, in minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaxSplit {
    pub net: i64,
    /// The DPP: the part of `net` the tax is charged on.
    pub dpp: i64,
    pub tax: i64,
    pub gross: i64,
}

/// Splits `amount` (minor units, ≥ 0) charged at `rate` on base `dpp`, rounding half away
/// from zero:
/// - tax-exclusive (`amount` is the net): DPP = net × base, tax = DPP × rate (on the DPP as
///   rounded, so the printed DPP × rate gives the printed tax), gross = net + tax;
/// - tax-inclusive (`amount` is the gross): gross = net × (1 + base × rate), so
///   tax = gross × base·rate / (1 + base·rate), net = gross − tax, DPP = net × base.
///
/// With the whole price as base (1/1) this is exactly the arithmetic without DPP.
pub fn split(amount: i64, rate: TaxRate, dpp: DppBase, inclusive: bool) -> TaxSplit {
    let a = i128::from(amount);
    let bp = i128::from(rate.basis_points());
    let (n, d) = (i128::from(dpp.num), i128::from(dpp.den));
    if inclusive {
        // gross × (n/d)(bp/10000) / (1 + (n/d)(bp/10000)) = gross × n·bp / (d·10000 + n·bp)
        let tax = div_round(a * n * bp, d * 10_000 + n * bp);
        let net = amount - tax;
        TaxSplit { net, dpp: dpp.of(net), tax, gross: amount }
    } else {
        let base = dpp.of(amount);
        let tax = div_round(i128::from(base) * bp, 10_000);
        TaxSplit { net: amount, dpp: base, tax, gross: amount + tax }
    }
}

/// A named tax class from the store's config, e.g. `PPN` at 11 % or `BEBAS` at 0 %, with the
/// share of the price it is charged on (the whole price unless the class says otherwise).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxClass {
    pub code: String,
    pub rate: TaxRate,
    #[serde(default, skip_serializing_if = "DppBase::is_full")]
    pub dpp: DppBase,
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
