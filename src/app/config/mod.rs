//! The terminal's configuration, parsed once: the embedded default (`config/default.toml`)
//! with the data directory's `kasir.toml`, if any, laid over it key by key ([`raw`]), then
//! checked into typed values. Nothing after [`Config::load`] parses a setting again or reads
//! the environment for one: a bad value is refused at start-up, naming the setting and the
//! file.

mod printer;
mod raw;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::FixedOffset;
use kasir_core::barcode::VariableMeasureRule;
use kasir_core::chain::Origin;
use kasir_core::limits::Ceilings;
use kasir_core::policy::{Action, Limits, Permissions, Role};
use kasir_core::tax::{DppBase, TaxClass, TaxRate};
use kasir_core::wire::ReceiptLines;
use kasir_core::{CashRounding, Currency, Locale, Money, Quantity, TaxMode};
use kasir_drivers::scanner::Suffix;
use serde::Deserialize;
use thiserror::Error;

pub use printer::{
    Drawer, PRINTER_PROFILES, PrinterProfile, PrinterSettings, printer_address, printer_profile,
    printer_profiles,
};
use raw::RawConfig;

pub const DEFAULT_TOML: &str = include_str!("../../../config/default.toml");

/// The environment variable that overrides `[headoffice] token` (read once, at load).
pub const TOKEN_VAR: &str = "KASIR_HEADOFFICE_TOKEN";

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("config {path}: {message}")]
    Invalid { path: String, message: String },
}

/// The checked configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub store: StoreConfig,
    pub terminal: TerminalConfig,
    pub tax: TaxConfig,
    pub cash: CashConfig,
    pub limits: Limits,
    /// `[stock]`: what the counter does with the store's stock figures.
    pub stock: StockConfig,
    pub returns: ReturnsConfig,
    /// `[permissions]`: which role may do what alone; the rest need an approval.
    pub permissions: Permissions,
    pub printer: PrinterSettings,
    /// `[receipt]`: the store's own header and footer lines, until head office sends the
    /// store's (the ledger then holds head office's: see `Ledger::receipt_lines`).
    pub receipt: ReceiptLines,
    pub scanner: ScannerConfig,
    /// `None` when this terminal works alone.
    pub headoffice: Option<HeadOfficeConfig>,
    pub barcode: BarcodeConfig,
    /// Buttons on the checkout screen for goods without a barcode or sold all the time.
    pub quick_keys: Vec<QuickKey>,
    /// The demo store (`demo = true`, written by `kasir init --demo`): marked DEMO on the
    /// screen and on every receipt, and never sent to head office.
    pub demo: bool,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct QuickKey {
    pub sku: String,
    pub label: String,
}

#[derive(Clone, Debug)]
pub struct StoreConfig {
    pub code: String,
    pub name: String,
    pub address: String,
    pub npwp: String,
    pub currency: Currency,
    pub locale: Locale,
    pub utc_offset: FixedOffset,
}

#[derive(Clone, Debug)]
pub struct TerminalConfig {
    pub code: String,
}

#[derive(Clone, Debug)]
pub struct TaxConfig {
    pub mode: TaxMode,
    /// Codes unique, rates checked.
    pub classes: Vec<TaxClass>,
}

/// `[stock]`: the store's stock as of the last sync, at the counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StockConfig {
    /// Whether a sale may take a product's stock below zero.
    pub allow_negative: bool,
    /// Stock at or below this is marked low (for products without a minimum of their own).
    pub low_at: Quantity,
}

#[derive(Clone, Copy, Debug)]
pub struct CashConfig {
    pub rounding: CashRounding,
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

/// `[returns]`. Who may take a return back alone is `[permissions] return` (one without a
/// receipt always needs a manager).
#[derive(Clone, Debug)]
pub struct ReturnsConfig {
    pub refund_to: RefundRule,
    /// Whether another terminal's sale may be returned from the copy fetched before while
    /// head office cannot be reached.
    pub other_terminals_offline: bool,
}

/// Head office, when this terminal syncs with one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadOfficeConfig {
    /// `https://…` or `http://…`, without a trailing slash.
    pub url: String,
    /// The terminal's token: `KASIR_HEADOFFICE_TOKEN` if set, else `[headoffice] token`.
    /// `None` when neither is (sync then says so in words; selling goes on).
    pub token: Option<String>,
    /// A PEM file of a private certificate authority to trust for head office's https.
    pub ca_file: Option<PathBuf>,
    pub interval: Duration,
    pub timeout: Duration,
}

/// A serial or HID barcode scanner; a keyboard-wedge scanner needs no settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScannerConfig {
    /// `serial:/dev/ttyACM0` (or `@BAUD`) or `hid:/dev/input/…`; `None` for a keyboard-wedge
    /// scanner or none.
    pub address: Option<String>,
    /// What ends a scan.
    pub suffix: Suffix,
    /// For a `hid:` scanner: take its keystrokes for Kasir alone.
    pub exclusive: bool,
}

impl ScannerConfig {
    /// Checks a scanner address as written in the config or given on the command line.
    pub fn parse_address(text: &str) -> Result<Option<String>, String> {
        match text.trim() {
            "" => Ok(None),
            a if a.starts_with("serial:") || a.starts_with("hid:") => Ok(Some(a.to_owned())),
            a => Err(format!("[scanner] address '{a}': expected serial:/dev/ttyX or hid:/dev/input/…")),
        }
    }

    /// Reads a scan suffix: `cr`, `lf`, `crlf` or `tab`.
    pub fn parse_suffix(text: &str) -> Result<Suffix, String> {
        Suffix::parse(text).ok_or_else(|| format!("suffix '{text}' is not one of cr, lf, crlf, tab"))
    }
}

#[derive(Clone, Debug)]
pub struct BarcodeConfig {
    pub variable_measure: Vec<VariableMeasureRule>,
}

/// What the environment says, read once at load.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    pub headoffice_token: Option<String>,
}

impl Environment {
    pub fn of_process() -> Environment {
        Environment { headoffice_token: std::env::var(TOKEN_VAR).ok().filter(|t| !t.trim().is_empty()) }
    }
}

impl Config {
    /// The built-in demo store configuration.
    pub fn embedded() -> Config {
        // The embedded default is part of the binary and a unit test parses it.
        Config::parse_with(DEFAULT_TOML, "embedded default", &Environment::default())
            .unwrap_or_else(|e| unreachable!("the embedded default config is valid: {e}"))
    }

    /// Loads `path` over the embedded default; a missing file means the default.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        if !path.exists() {
            return Config::parse_with(DEFAULT_TOML, "embedded default", &Environment::of_process());
        }
        let text = std::fs::read_to_string(path)
            .map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
        Config::parse(&text, &path.display().to_string())
    }

    /// Parses `text` laid over the embedded default, with this process's environment.
    pub fn parse(text: &str, source: &str) -> Result<Config, ConfigError> {
        Config::parse_with(text, source, &Environment::of_process())
    }

    /// Parses `text` laid over the embedded default, then checks every value once.
    pub fn parse_with(text: &str, source: &str, env: &Environment) -> Result<Config, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid { path: source.to_owned(), message };
        let mut base: toml::Table =
            DEFAULT_TOML.parse().map_err(|e: toml::de::Error| invalid(format!("embedded default: {e}")))?;
        let over: toml::Table = text.parse().map_err(|e: toml::de::Error| invalid(e.to_string()))?;
        raw::merge(&mut base, over);
        let raw: RawConfig =
            toml::Value::Table(base).try_into().map_err(|e: toml::de::Error| invalid(e.to_string()))?;
        Config::check(raw, env).map_err(invalid)
    }

    fn check(raw: RawConfig, env: &Environment) -> Result<Config, String> {
        for (key, code) in [("store.code", &raw.store.code), ("terminal.code", &raw.terminal.code)] {
            if code.is_empty() || code.len() > 8 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!("{key} '{code}' must be 1–8 letters or digits"));
            }
        }
        let utc_offset = raw.store.utc_offset.parse::<FixedOffset>().map_err(|_| {
            format!("store.utc_offset '{}' is not an offset like +07:00", raw.store.utc_offset)
        })?;
        let currency = raw.store.currency;
        let mut classes: Vec<TaxClass> = Vec::new();
        for c in &raw.tax.classes {
            let rate = TaxRate::from_percent(c.rate).map_err(|e| format!("tax class {}: {e}", c.code))?;
            if classes.iter().any(|o| o.code == c.code) {
                return Err(format!("tax class {} is listed twice", c.code));
            }
            let dpp = match &c.dpp {
                None => DppBase::FULL,
                Some(text) => text.parse::<DppBase>().map_err(|e| format!("tax class {}: {e}", c.code))?,
            };
            classes.push(TaxClass { code: c.code.clone(), rate, dpp });
        }
        let step = Money::from_decimal(raw.cash.rounding_step, currency)
            .map_err(|e| format!("cash.rounding_step: {e}"))?;
        if !step.is_positive() {
            return Err("cash.rounding_step must be more than zero".into());
        }
        let p = raw.limits.cashier_max_discount_percent;
        if p < rust_decimal::Decimal::ZERO || p > rust_decimal::Decimal::from(100) {
            return Err(format!("limits.cashier_max_discount_percent {p} must be between 0 and 100"));
        }
        let l = &raw.limits;
        let ceilings =
            Ceilings::new(l.max_pieces_per_line, l.max_kg_per_line, l.max_line_amount, l.max_sale_amount)
                .map_err(|e| format!("limits.{e}"))?;
        for (key, value) in
            [("limits.max_line_amount", l.max_line_amount), ("limits.max_sale_amount", l.max_sale_amount)]
        {
            Money::from_decimal(value, currency).map_err(|e| format!("{key}: {e}"))?;
        }
        let stock = StockConfig {
            allow_negative: raw.stock.allow_negative,
            low_at: match Quantity::from_decimal(raw.stock.low_at) {
                Ok(q) if !q.is_positive() && !q.is_zero() => {
                    return Err(format!("stock.low_at {} must not be negative", raw.stock.low_at));
                }
                Ok(q) => q,
                Err(e) => return Err(format!("stock.low_at: {e}")),
            },
        };
        for (i, key) in raw.quick_keys.iter().enumerate() {
            if key.sku.trim().is_empty() || key.label.trim().is_empty() {
                return Err(format!("quick_keys entry {} needs both a sku and a label", i + 1));
            }
        }
        let printer = PrinterSettings {
            address: printer_address(&raw.printer.address)?,
            profile: printer_profile(&raw.printer.profile)?,
            drawer: Drawer::parse(&raw.printer.drawer)?,
        };
        let receipt = ReceiptLines {
            header: raw.receipt.header.iter().map(|l| l.trim().to_owned()).collect(),
            footer: raw.receipt.footer.iter().map(|l| l.trim().to_owned()).collect(),
        };
        receipt.check().map_err(|e| format!("[receipt]: {e}"))?;
        let scanner = ScannerConfig {
            address: ScannerConfig::parse_address(&raw.scanner.address)?,
            suffix: ScannerConfig::parse_suffix(&raw.scanner.suffix).map_err(|e| format!("scanner.{e}"))?,
            exclusive: raw.scanner.exclusive,
        };
        let headoffice = check_headoffice(&raw.headoffice, env)?;
        for rule in &raw.barcode.variable_measure {
            if rule.prefix.len() != 2 || !rule.prefix.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!("barcode.variable_measure prefix '{}' must be two digits", rule.prefix));
            }
        }
        let permissions = check_permissions(&raw)?;
        Ok(Config {
            store: StoreConfig {
                code: raw.store.code,
                name: raw.store.name,
                address: raw.store.address,
                npwp: raw.store.npwp,
                currency,
                locale: raw.store.locale,
                utc_offset,
            },
            terminal: TerminalConfig { code: raw.terminal.code },
            tax: TaxConfig { mode: raw.tax.mode, classes },
            cash: CashConfig {
                rounding: CashRounding { step_minor: step.minor(), mode: raw.cash.rounding_mode },
            },
            limits: Limits { cashier_max_discount_percent: p, ceilings },
            stock,
            returns: ReturnsConfig {
                refund_to: raw.returns.refund_to,
                other_terminals_offline: raw.returns.other_terminals_offline,
            },
            permissions,
            printer,
            receipt,
            scanner,
            headoffice,
            barcode: BarcodeConfig { variable_measure: raw.barcode.variable_measure },
            quick_keys: raw.quick_keys,
            demo: raw.demo,
        })
    }

    pub fn origin(&self) -> Origin {
        Origin { store: self.store.code.clone(), terminal: self.terminal.code.clone() }
    }

    pub fn currency(&self) -> Currency {
        self.store.currency
    }

    /// The current time at the store.
    pub fn now(&self) -> chrono::DateTime<FixedOffset> {
        chrono::Utc::now().with_timezone(&self.store.utc_offset)
    }

    pub fn cash_rounding(&self) -> CashRounding {
        self.cash.rounding
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    pub fn permissions(&self) -> &Permissions {
        &self.permissions
    }
}

/// `[permissions]` over the default table, with `[returns] manager_approval` read as the
/// old spelling of `[permissions] return` (both at once are refused).
fn check_permissions(raw: &RawConfig) -> Result<Permissions, String> {
    let mut table = Permissions::DEFAULT;
    if let Some(old) = raw.returns.manager_approval {
        if raw.permissions.contains_key(Action::Return.code()) {
            return Err("returns.manager_approval is the old spelling of permissions.return: keep only \
                        permissions.return"
                .into());
        }
        table = table.with(Action::Return, if old { Role::Manager } else { Role::Cashier });
    }
    table.configured(raw.permissions.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(|e| e.to_string())
}

fn check_headoffice(raw: &raw::RawHeadOffice, env: &Environment) -> Result<Option<HeadOfficeConfig>, String> {
    let url = raw.url.trim().trim_end_matches('/');
    if url.is_empty() {
        return Ok(None);
    }
    if !url.starts_with("http://") && !url.starts_with("https://") {
        return Err(format!("headoffice.url '{url}' must start with https:// or http://"));
    }
    if raw.interval_secs == 0 || raw.timeout_secs == 0 {
        return Err("headoffice.interval_secs and headoffice.timeout_secs must be at least 1".to_owned());
    }
    let token = env.headoffice_token.clone().or_else(|| Some(raw.token.clone())).map(|t| t.trim().to_owned());
    Ok(Some(HeadOfficeConfig {
        url: url.to_owned(),
        token: token.filter(|t| !t.is_empty()),
        ca_file: Some(raw.ca_file.trim()).filter(|f| !f.is_empty()).map(Into::into),
        interval: Duration::from_secs(raw.interval_secs),
        timeout: Duration::from_secs(raw.timeout_secs),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_default_is_the_demo_store() {
        let c = Config::embedded();
        assert_eq!(c.origin(), Origin { store: "S01".into(), terminal: "T01".into() });
        assert_eq!(c.currency(), Currency::IDR);
        assert_eq!(c.cash_rounding().step_minor, 100);
        assert_eq!(c.tax.classes.len(), 4);
        let d = c.tax.classes.iter().find(|t| t.code == "PPN12D").map(|t| (t.rate.basis_points(), t.dpp));
        assert_eq!(d, Some((1200, DppBase::ELEVEN_TWELFTHS)), "PPN 12 % on DPP 11/12");
        assert_eq!(c.printer.profile.name, "epson-80");
        assert!(c.headoffice.is_none() && c.printer.address.is_none() && c.scanner.address.is_none());
        assert_eq!(printer_profiles().len(), 2, "the built-in profiles parse");
    }

    #[test]
    fn a_bad_dpp_is_refused_naming_its_class() {
        let text = "[[tax.classes]]\ncode = \"LUX\"\nrate = \"12\"\ndpp = \"12/11\"\n";
        let e = Config::parse(text, "k.toml").unwrap_err().to_string();
        assert!(e.contains("tax class LUX") && e.contains("12/11"), "{e}");
        let ok = "[[tax.classes]]\ncode = \"P\"\nrate = \"12\"\ndpp = \"11/12\"\n";
        let c = Config::parse(ok, "k.toml").unwrap();
        assert_eq!(c.tax.classes.iter().map(|t| t.dpp).collect::<Vec<_>>(), [DppBase::ELEVEN_TWELFTHS]);
    }

    #[test]
    fn receipt_lines_are_read_and_long_ones_refused() {
        let c = Config::parse("[receipt]\nheader = [\" Selamat datang \"]\n", "k.toml").unwrap();
        assert_eq!(
            (c.receipt.header.as_slice(), c.receipt.footer.len()),
            (&["Selamat datang".to_owned()][..], 0)
        );
        assert!(Config::embedded().receipt.is_empty());
        let long = format!("[receipt]\nfooter = [\"ok\", \"{}\"]\n", "x".repeat(49));
        let e = Config::parse(&long, "k.toml").unwrap_err().to_string();
        assert!(
            e.contains("k.toml") && e.contains("receipt footer line 2") && e.contains("at most 48"),
            "{e}"
        );
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
        let e = Config::parse("[printer]\naddress = \"lpt1\"\n", "k.toml").unwrap_err();
        assert!(e.to_string().contains("printer.address"), "{e}");
        let e = Config::parse("[scanner]\nsuffix = \"nul\"\n", "k.toml").unwrap_err();
        assert!(e.to_string().contains("scanner.suffix 'nul'"), "{e}");
        let e = Config::parse("[headoffice]\nurl = \"ftp://ho\"\n", "k.toml").unwrap_err();
        assert!(e.to_string().contains("headoffice.url 'ftp://ho'"), "{e}");
    }

    #[test]
    fn ceilings_and_stock_are_read_once_and_nonsense_is_named() {
        let c = Config::embedded();
        assert_eq!(c.limits().ceilings, Ceilings::DEFAULT, "default.toml says what kasir-core's default is");
        assert_eq!(c.stock, StockConfig { allow_negative: true, low_at: Quantity::units(5) });
        let c = Config::parse(
            "[limits]\nmax_pieces_per_line = \"500\"\n[stock]\nallow_negative = false\n",
            "k.toml",
        )
        .unwrap();
        assert_eq!(c.limits().ceilings.pieces(), Quantity::units(500));
        assert!(!c.stock.allow_negative);
        for (text, named) in [
            (
                "[limits]\nmax_pieces_per_line = \"0\"\n",
                "limits.max_pieces_per_line must be more than zero (got 0)",
            ),
            (
                "[limits]\nmax_kg_per_line = \"-5\"\n",
                "limits.max_kg_per_line must be more than zero (got -5)",
            ),
            ("[limits]\nmax_line_amount = \"0\"\n", "limits.max_line_amount must be more than zero"),
            (
                "[limits]\nmax_sale_amount = \"1000\"\n",
                "limits.max_sale_amount 1000 is less than max_line_amount",
            ),
            ("[limits]\nmax_line_amount = \"100.5\"\n", "limits.max_line_amount"),
            ("[stock]\nlow_at = \"-1\"\n", "stock.low_at -1 must not be negative"),
        ] {
            let e = Config::parse(text, "k.toml").unwrap_err().to_string();
            assert!(e.starts_with("config k.toml: ") && e.contains(named), "{text}: {e}");
        }
    }

    #[test]
    fn the_token_comes_from_the_environment_first_and_is_read_at_load() {
        let text = "[headoffice]\nurl = \"https://ho.example/\"\ntoken = \"from-file\"\n";
        let env = Environment { headoffice_token: Some("from-env".into()) };
        let c = Config::parse_with(text, "k.toml", &env).unwrap();
        let ho = c.headoffice.unwrap();
        assert_eq!((ho.url.as_str(), ho.token.as_deref()), ("https://ho.example", Some("from-env")));
        let c = Config::parse_with(text, "k.toml", &Environment::default()).unwrap();
        assert_eq!(c.headoffice.unwrap().token.as_deref(), Some("from-file"));
        let c = Config::parse_with("[headoffice]\nurl = \"http://ho\"\n", "k.toml", &Environment::default())
            .unwrap();
        assert_eq!(c.headoffice.unwrap().token, None, "no token: sync says so, selling goes on");
    }
}
