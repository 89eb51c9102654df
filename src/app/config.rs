//! The terminal's configuration: the embedded default (`config/default.toml`) with the data
//! directory's `kasir.toml`, if any, laid over it key by key.

use std::path::{Path, PathBuf};

use chrono::FixedOffset;
use kasir_core::barcode::VariableMeasureRule;
use kasir_core::chain::Origin;
use kasir_core::policy::Limits;
use kasir_core::tax::{TaxClass, TaxRate};
use kasir_core::{CashRounding, Currency, Locale, Money, RoundingMode, TaxMode};
use rust_decimal::Decimal;
use serde::Deserialize;
use thiserror::Error;

pub const DEFAULT_TOML: &str = include_str!("../../config/default.toml");

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("config {path}: {message}")]
    Invalid { path: String, message: String },
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub store: StoreConfig,
    pub terminal: TerminalConfig,
    pub tax: TaxConfig,
    pub cash: CashConfig,
    pub limits: LimitsConfig,
    pub returns: ReturnsConfig,
    pub printer: PrinterConfig,
    pub scanner: ScannerConfig,
    pub headoffice: HeadOfficeConfig,
    pub barcode: BarcodeConfig,
    /// Buttons on the checkout screen for goods without a barcode or sold all the time.
    #[serde(default)]
    pub quick_keys: Vec<QuickKey>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct QuickKey {
    pub sku: String,
    pub label: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreConfig {
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
pub struct TerminalConfig {
    pub code: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxConfig {
    pub mode: TaxMode,
    pub classes: Vec<TaxClassConfig>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxClassConfig {
    pub code: String,
    pub rate: Decimal,
}

/// Where refunds go.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RefundRule {
    /// To a tender the sale was paid with (cash is then allowed only if the sale took cash).
    Original,
    /// Always in cash.
    Cash,
    /// Any tender.
    Any,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnsConfig {
    pub refund_to: RefundRule,
    /// Whether every return needs a manager's PIN (one without a receipt always does).
    pub manager_approval: bool,
    /// Whether another terminal's sale may be returned from the copy fetched before while
    /// head office cannot be reached.
    pub other_terminals_offline: bool,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CashConfig {
    pub rounding_step: Decimal,
    pub rounding_mode: RoundingMode,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadOfficeConfig {
    /// `https://…` or `http://…`; empty when this terminal works alone.
    pub url: String,
    /// The terminal's token (`KASIR_HEADOFFICE_TOKEN` overrides it).
    pub token: String,
    /// A PEM file of a private certificate authority to trust for head office's https.
    pub ca_file: String,
    pub interval_secs: u64,
    pub timeout_secs: u64,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScannerConfig {
    /// `serial:/dev/ttyACM0` (or `@BAUD`); empty for a keyboard-wedge scanner or none.
    pub address: String,
    /// What ends a scan: `cr`, `lf`, `crlf` or `tab` (serial scanners).
    pub suffix: String,
    /// For a `hid:` scanner: take its keystrokes for Kasir alone.
    pub exclusive: bool,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrinterConfig {
    /// `tcp://HOST:PORT`, `usb:/dev/usb/lp0`, `serial:/dev/ttyX` or `file:PATH`; empty when
    /// there is none.
    pub address: String,
    /// A profile from `config/printers.toml`.
    pub profile: String,
    /// The cash drawer on the printer's drawer port: `pin2`, `pin5` or `none`.
    pub drawer: String,
}

/// Where the cash drawer is connected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drawer {
    None,
    /// On the printer's drawer port: pin 2 (0) or pin 5 (1).
    PrinterPin(u8),
    /// On a serial port of its own: `serial:/dev/ttyS1`.
    Serial(String),
}

/// The printer profiles built into Kasir.
pub const PRINTER_PROFILES: &str = include_str!("../../config/printers.toml");

/// A receipt printer's paper and abilities.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PrinterProfile {
    pub name: String,
    pub description: String,
    pub paper_mm: u32,
    pub columns: usize,
    pub code_page: String,
    pub cut: bool,
}

#[derive(Deserialize)]
struct Profiles {
    profile: Vec<PrinterProfile>,
}

/// Every built-in profile.
pub fn printer_profiles() -> Vec<PrinterProfile> {
    toml::from_str::<Profiles>(PRINTER_PROFILES).expect("the built-in printer profiles parse").profile
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    pub cashier_max_discount_percent: Decimal,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BarcodeConfig {
    pub variable_measure: Vec<VariableMeasureRule>,
}

impl Config {
    /// The built-in demo store configuration.
    pub fn embedded() -> Config {
        Config::parse(DEFAULT_TOML, "embedded default").expect("the embedded default config is valid")
    }

    /// Loads `path` over the embedded default; a missing file means the default.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        if !path.exists() {
            return Ok(Config::embedded());
        }
        let text = std::fs::read_to_string(path)
            .map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
        Config::parse(&text, &path.display().to_string())
    }

    /// Parses `text` laid over the embedded default, then checks the values.
    pub fn parse(text: &str, source: &str) -> Result<Config, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid { path: source.to_owned(), message };
        let mut base: toml::Table = DEFAULT_TOML.parse().expect("embedded default parses");
        let over: toml::Table = text.parse().map_err(|e: toml::de::Error| invalid(e.to_string()))?;
        merge(&mut base, over);
        let config: Config =
            toml::Value::Table(base).try_into().map_err(|e: toml::de::Error| invalid(e.to_string()))?;
        config.check().map_err(invalid)?;
        Ok(config)
    }

    fn check(&self) -> Result<(), String> {
        for (key, code) in [("store.code", &self.store.code), ("terminal.code", &self.terminal.code)] {
            if code.is_empty() || code.len() > 8 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!("{key} '{code}' must be 1–8 letters or digits"));
            }
        }
        self.utc_offset()?;
        self.tax_classes()?;
        self.cash_rounding()?;
        let p = self.limits.cashier_max_discount_percent;
        if p < Decimal::ZERO || p > Decimal::from(100) {
            return Err(format!("limits.cashier_max_discount_percent {p} must be between 0 and 100"));
        }
        for (i, key) in self.quick_keys.iter().enumerate() {
            if key.sku.trim().is_empty() || key.label.trim().is_empty() {
                return Err(format!("quick_keys entry {} needs both a sku and a label", i + 1));
            }
        }
        self.printer_profile()?;
        self.drawer()?;
        let url = self.headoffice.url.trim();
        if !url.is_empty() && !url.starts_with("http://") && !url.starts_with("https://") {
            return Err(format!("headoffice.url '{url}' must start with https:// or http://"));
        }
        if self.headoffice.interval_secs == 0 || self.headoffice.timeout_secs == 0 {
            return Err("headoffice.interval_secs and headoffice.timeout_secs must be at least 1".to_owned());
        }
        for rule in &self.barcode.variable_measure {
            if rule.prefix.len() != 2 || !rule.prefix.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!("barcode.variable_measure prefix '{}' must be two digits", rule.prefix));
            }
        }
        Ok(())
    }

    /// The configured printer's profile.
    pub fn printer_profile(&self) -> Result<PrinterProfile, String> {
        let all = printer_profiles();
        let names: Vec<String> = all.iter().map(|p| p.name.clone()).collect();
        all.into_iter().find(|p| p.name == self.printer.profile).ok_or_else(|| {
            format!("printer.profile '{}' is not one of {}", self.printer.profile, names.join(", "))
        })
    }

    /// Where the cash drawer is.
    pub fn drawer(&self) -> Result<Drawer, String> {
        match self.printer.drawer.as_str() {
            "pin2" => Ok(Drawer::PrinterPin(0)),
            "pin5" => Ok(Drawer::PrinterPin(1)),
            "none" => Ok(Drawer::None),
            serial if serial.starts_with("serial:") => Ok(Drawer::Serial(serial.to_owned())),
            other => Err(format!("printer.drawer '{other}' must be pin2, pin5, serial:/dev/ttyX or none")),
        }
    }

    /// The printer's drawer pin (0 = pin 2, 1 = pin 5) when the drawer hangs on the printer.
    pub fn drawer_pin(&self) -> Result<Option<u8>, String> {
        Ok(match self.drawer()? {
            Drawer::PrinterPin(pin) => Some(pin),
            Drawer::Serial(_) | Drawer::None => None,
        })
    }

    pub fn origin(&self) -> Origin {
        Origin { store: self.store.code.clone(), terminal: self.terminal.code.clone() }
    }

    pub fn currency(&self) -> Currency {
        self.store.currency
    }

    pub fn utc_offset(&self) -> Result<FixedOffset, String> {
        self.store
            .utc_offset
            .parse::<FixedOffset>()
            .map_err(|_| format!("store.utc_offset '{}' is not an offset like +07:00", self.store.utc_offset))
    }

    /// The current time at the store.
    pub fn now(&self) -> chrono::DateTime<FixedOffset> {
        chrono::Utc::now().with_timezone(&self.utc_offset().expect("checked at load"))
    }

    pub fn tax_classes(&self) -> Result<Vec<TaxClass>, String> {
        let mut out: Vec<TaxClass> = Vec::new();
        for c in &self.tax.classes {
            let rate = TaxRate::from_percent(c.rate).map_err(|e| format!("tax class {}: {e}", c.code))?;
            if out.iter().any(|o| o.code == c.code) {
                return Err(format!("tax class {} is listed twice", c.code));
            }
            out.push(TaxClass { code: c.code.clone(), rate });
        }
        Ok(out)
    }

    pub fn cash_rounding(&self) -> Result<CashRounding, String> {
        let step = Money::from_decimal(self.cash.rounding_step, self.currency())
            .map_err(|e| format!("cash.rounding_step: {e}"))?;
        if !step.is_positive() {
            return Err("cash.rounding_step must be more than zero".into());
        }
        Ok(CashRounding { step_minor: step.minor(), mode: self.cash.rounding_mode })
    }

    pub fn limits(&self) -> Limits {
        Limits { cashier_max_discount_percent: self.limits.cashier_max_discount_percent }
    }
}

/// Lays `over` onto `base` table by table, so a user's file need only name what it changes.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_default_is_the_demo_store() {
        let c = Config::embedded();
        assert_eq!(c.origin(), Origin { store: "S01".into(), terminal: "T01".into() });
        assert_eq!(c.currency(), Currency::IDR);
        assert_eq!(c.cash_rounding().unwrap().step_minor, 100);
        assert_eq!(c.tax_classes().unwrap().len(), 3);
    }

    #[test]
    fn a_user_file_changes_only_what_it_names() {
        let c = Config::parse("[terminal]\ncode = \"T02\"\n", "kasir.toml").unwrap();
        assert_eq!(c.terminal.code, "T02");
        assert_eq!(c.store.code, "S01");
    }

    #[test]
    fn bad_values_name_the_setting_and_the_file() {
        let e = Config::parse("[cash]\nrounding_step = \"0\"\n", "/x/kasir.toml").unwrap_err();
        assert_eq!(e.to_string(), "config /x/kasir.toml: cash.rounding_step must be more than zero");
        let e = Config::parse("[store]\nutc_offset = \"WIB\"\n", "k.toml").unwrap_err();
        assert!(e.to_string().contains("store.utc_offset 'WIB'"), "{e}");
        let e = Config::parse("[store]\ncolour = \"red\"\n", "k.toml").unwrap_err();
        assert!(e.to_string().contains("unknown field `colour`"), "{e}");
        let e = Config::parse("[terminal]\ncode = \"T 1\"\n", "k.toml").unwrap_err();
        assert!(e.to_string().contains("terminal.code 'T 1'"), "{e}");
    }
}
