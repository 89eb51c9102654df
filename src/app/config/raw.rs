//! The config as TOML says it: the embedded default with the data directory's `kasir.toml`
//! laid over it key by key. These types are read once and checked into [`super::Config`];
//! nothing else in the terminal sees them.

use kasir_core::barcode::VariableMeasureRule;
use kasir_core::{Currency, Locale, RoundingMode, TaxMode};
use rust_decimal::Decimal;
use serde::Deserialize;

use super::{QuickKey, RefundRule};

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub store: RawStore,
    pub terminal: RawTerminal,
    pub tax: RawTax,
    pub cash: RawCash,
    pub limits: RawLimits,
    pub stock: RawStock,
    pub returns: RawReturns,
    pub printer: RawPrinter,
    pub receipt: RawReceipt,
    pub scanner: RawScanner,
    pub headoffice: RawHeadOffice,
    pub barcode: RawBarcode,
    #[serde(default)]
    pub quick_keys: Vec<QuickKey>,
    /// `[permissions]`: action → the least role that may do it alone. Checked into
    /// [`kasir_core::policy::Permissions`] over its defaults.
    #[serde(default)]
    pub permissions: std::collections::BTreeMap<String, String>,
    /// Set by `kasir init --demo`: this terminal runs the demo store.
    #[serde(default)]
    pub demo: bool,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStore {
    pub code: String,
    pub name: String,
    pub address: String,
    pub npwp: String,
    pub currency: Currency,
    pub locale: Locale,
    pub utc_offset: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTerminal {
    pub code: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTax {
    pub mode: TaxMode,
    pub classes: Vec<RawTaxClass>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTaxClass {
    pub code: String,
    pub rate: Decimal,
    /// The DPP base as a fraction, `"11/12"`; absent: the whole price.
    #[serde(default)]
    pub dpp: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCash {
    pub rounding_step: Decimal,
    pub rounding_mode: RoundingMode,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLimits {
    pub cashier_max_discount_percent: Decimal,
    pub max_pieces_per_line: Decimal,
    pub max_kg_per_line: Decimal,
    pub max_line_amount: Decimal,
    pub max_sale_amount: Decimal,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStock {
    pub allow_negative: bool,
    pub low_at: Decimal,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrinter {
    pub address: String,
    pub profile: String,
    pub drawer: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReceipt {
    pub header: Vec<String>,
    pub footer: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScanner {
    pub address: String,
    pub suffix: String,
    pub exclusive: bool,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHeadOffice {
    pub url: String,
    pub token: String,
    pub ca_file: String,
    pub interval_secs: u64,
    pub timeout_secs: u64,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBarcode {
    pub variable_measure: Vec<VariableMeasureRule>,
}

/// Lays `over` onto `base` table by table, so a user's file need only name what it changes.
pub(super) fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReturns {
    pub refund_to: RefundRule,
    /// The old spelling of `[permissions] return`: true = "manager", false = "cashier".
    #[serde(default)]
    pub manager_approval: Option<bool>,
    pub other_terminals_offline: bool,
}
