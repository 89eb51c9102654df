//! Where the terminal keeps its files, and `kasir init`.

use std::path::{Path, PathBuf};

use kasir_core::document::Body;
use kasir_core::policy::Role;

use crate::app::config::{Config, ConfigError, DEFAULT_TOML};
use crate::app::demo;
use crate::store::catalogue::import::ImportSummary;
use crate::store::{Ledger, LedgerError};

/// What setting the terminal up refuses; the catalogue words it (`messages/enrol.rs`).
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("no home directory to keep the ledger in; pass --data-dir")]
    NoHome,
    #[error("the shop's {0} is needed for its receipts")]
    Missing(ShopDetail),
    /// A tab, a line break, an escape: on a receipt it would be a printer command.
    #[error("the shop's {0} holds a control character (a tab, a line break, …); give it on one line")]
    ControlCharacter(ShopDetail),
    #[error("{} exists already; edit its [store] instead of giving the shop's details again", .0.display())]
    ConfigExists(PathBuf),
    #[error("a ledger exists already at {}", .0.display())]
    LedgerExists(PathBuf),
    /// `ledger_is` and `config_says` are `STORE-TERMINAL`.
    #[error(
        "the ledger at {} belongs to {ledger_is}, but the config says {config_says}; a ledger never changes terminal",
        ledger.display()
    )]
    OtherTerminal { ledger: PathBuf, ledger_is: String, config_says: String },
    #[error("the ledger at {} is in {ledger_is}, but the config says {config_says}", ledger.display())]
    OtherCurrency { ledger: PathBuf, ledger_is: &'static str, config_says: &'static str },
}

/// A part of the shop's identity that its receipts print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShopDetail {
    StoreCode,
    StoreName,
    Address,
    Npwp,
}

impl std::fmt::Display for ShopDetail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ShopDetail::StoreCode => "store code",
            ShopDetail::StoreName => "store name",
            ShopDetail::Address => "address",
            ShopDetail::Npwp => "NPWP",
        })
    }
}

/// The files of one terminal, all inside its data directory.
#[derive(Clone, Debug)]
pub struct Paths {
    pub data_dir: PathBuf,
}

impl Paths {
    /// `--data-dir` / `KASIR_DATA_DIR` if given, else the user's data directory
    /// (`~/.local/share/kasir` on Linux).
    pub fn resolve(explicit: Option<PathBuf>) -> anyhow::Result<Paths> {
        let data_dir = match explicit {
            Some(d) => d,
            None => directories::ProjectDirs::from("id", "Kasir", "kasir")
                .ok_or(SetupError::NoHome)?
                .data_dir()
                .to_owned(),
        };
        Ok(Paths { data_dir })
    }

    pub fn ledger(&self) -> PathBuf {
        self.data_dir.join("ledger.sqlite")
    }

    pub fn config(&self) -> PathBuf {
        self.data_dir.join("kasir.toml")
    }

    pub fn load_config(&self, explicit: Option<&Path>) -> Result<Config, ConfigError> {
        Config::load(explicit.unwrap_or(&self.config()))
    }
}

/// Who a shop is, as its receipts say: for a shop set up without the demo.
#[derive(Clone, Debug)]
pub struct ShopIdentity {
    pub store_code: String,
    pub store_name: String,
    pub address: String,
    pub npwp: String,
    pub terminal_code: String,
    pub utc_offset: String,
}

/// A `kasir.toml` holding a shop's identity; everything else comes from the embedded
/// default, which the config lays this file over.
pub fn shop_config(id: &ShopIdentity) -> String {
    let text = |v: &str| toml::Value::String(v.trim().to_owned());
    let mut store = toml::Table::new();
    store.insert("code".into(), text(&id.store_code));
    store.insert("name".into(), text(&id.store_name));
    store.insert("address".into(), text(&id.address));
    store.insert("npwp".into(), text(&id.npwp));
    store.insert("utc_offset".into(), text(&id.utc_offset));
    let mut terminal = toml::Table::new();
    terminal.insert("code".into(), text(&id.terminal_code));
    let mut file = toml::Table::new();
    file.insert("store".into(), toml::Value::Table(store));
    file.insert("terminal".into(), toml::Value::Table(terminal));
    format!(
        "# This shop's settings, laid over Kasir's defaults (config/default.toml lists every key).\n\n{file}"
    )
}

/// Sets up a shop of its own: checks its identity, writes `config_file` with it (never over
/// an existing file), then creates the ledger. Nothing is written if the identity does not
/// check. Returns the shop's config and what `init` did.
pub fn init_shop(
    paths: &Paths,
    config_file: &Path,
    id: &ShopIdentity,
) -> anyhow::Result<(Config, InitReport)> {
    for (what, value) in [
        (ShopDetail::StoreCode, &id.store_code),
        (ShopDetail::StoreName, &id.store_name),
        (ShopDetail::Address, &id.address),
        (ShopDetail::Npwp, &id.npwp),
    ] {
        if value.trim().is_empty() {
            return Err(SetupError::Missing(what).into());
        }
        if kasir_core::wire::has_control_character(value) {
            return Err(SetupError::ControlCharacter(what).into());
        }
    }
    if config_file.exists() {
        return Err(SetupError::ConfigExists(config_file.to_owned()).into());
    }
    if paths.ledger().exists() {
        return Err(SetupError::LedgerExists(paths.ledger()).into());
    }
    let text = shop_config(id);
    // Checked before anything is written: a bad code or offset is refused, naming it.
    let config = Config::parse(&text, &config_file.display().to_string())?;
    std::fs::create_dir_all(&paths.data_dir)?;
    std::fs::write(config_file, &text)?;
    let report = init(paths, &config, false)?;
    Ok((config, report))
}

/// Quick keys for goods of the demo catalogue that have no barcode, or sell all the time.
pub const DEMO_QUICK_KEYS: &str = r#"
# Quick keys for the demo catalogue.
[[quick_keys]]
sku = "LLN-00019"
label = "Kantong kecil"

[[quick_keys]]
sku = "LLN-00020"
label = "Kantong besar"

[[quick_keys]]
sku = "LLN-00021"
label = "Kardus"

[[quick_keys]]
sku = "LLN-00022"
label = "Es batu 1 kg"

[[quick_keys]]
sku = "MKN-00001"
label = "Indomie Goreng"

[[quick_keys]]
sku = "MNM-00002"
label = "Aqua 600 ml"
"#;

/// The demo store's `kasir.toml`: the commented default marked as the demo, with its quick keys.
pub fn demo_config() -> String {
    format!(
        "# The demo store: marked DEMO on the screen and on every receipt, and never sent to head\n\
         # office. Set up a real shop with `kasir init` and its details instead.\n\
         demo = true\n\n{DEFAULT_TOML}{DEMO_QUICK_KEYS}"
    )
}

/// A demo user and the PIN `init --demo` gives them (printed, and in the README).
pub const DEMO_USERS: [(&str, &str, Role, &str); 3] = [
    ("M01", "Siti Rahayu", Role::Manager, "1234"),
    ("K01", "Budi Santoso", Role::Cashier, "1111"),
    ("K02", "Dewi Lestari", Role::Cashier, "2222"),
];

#[derive(Debug)]
pub struct InitReport {
    pub ledger: PathBuf,
    pub config_written: Option<PathBuf>,
    pub catalogue: Option<ImportSummary>,
    pub users: Vec<(String, String, Role, String)>,
    /// The demo's open shift: its number and float.
    pub shift: Option<(u64, kasir_core::Money)>,
}

/// The demo store's opening float: Rp 500.000 in the drawer.
pub const DEMO_FLOAT: i64 = 500_000;

/// Creates the terminal's ledger (and a `kasir.toml` to edit, if there is none). With
/// `demo`, also the demo catalogue and users, and a shift left open so that selling works at
/// once.
pub fn init(paths: &Paths, config: &Config, demo: bool) -> anyhow::Result<InitReport> {
    let ledger_path = paths.ledger();
    let mut ledger = Ledger::create(&ledger_path, &config.origin(), config.currency(), config.now())?;
    ledger.seed_tax_classes(&config.tax.classes)?;
    ledger.seed_receipt_lines(&config.receipt)?;
    let config_written = if paths.config().exists() {
        None
    } else {
        let text = if demo { demo_config() } else { DEFAULT_TOML.to_owned() };
        std::fs::write(paths.config(), text)?;
        Some(paths.config())
    };
    let mut report =
        InitReport { ledger: ledger_path, config_written, catalogue: None, users: Vec::new(), shift: None };
    if demo {
        let csv = demo::catalogue::demo_catalogue_csv();
        report.catalogue = Some(ledger.import_catalogue(csv.as_bytes(), &config.barcode.variable_measure)?);
        for (code, name, role, pin) in DEMO_USERS {
            ledger.add_user(code, name, role, pin)?;
            report.users.push((code.into(), name.into(), role, pin.into()));
        }
        let manager = ledger.user(DEMO_USERS[0].0)?;
        let float = kasir_core::Money::from_minor(DEMO_FLOAT, config.currency());
        let opened = crate::sale::shift::open(&mut ledger, &manager, float, config.now())?;
        let Body::ShiftOpen(o) = &opened.document.body else { unreachable!("a shift was opened") };
        report.shift = Some((o.shift_no, float));
    }
    Ok(report)
}

/// The configuration the screen runs with: `kasir.toml` over the default, with the quick keys
/// head office set (they replace the configured ones; read at start-up).
pub fn terminal_config(paths: &Paths, explicit: Option<&Path>) -> anyhow::Result<Config> {
    let mut config = paths.load_config(explicit)?;
    if let Some(keys) = open(paths, &config)?.headoffice_quick_keys()? {
        config.quick_keys =
            keys.into_iter().map(|k| crate::app::config::QuickKey { sku: k.sku, label: k.label }).collect();
    }
    Ok(config)
}

/// Opens the terminal's ledger and checks it belongs to the configured store and terminal.
pub fn open(paths: &Paths, config: &Config) -> anyhow::Result<Ledger> {
    let ledger = Ledger::open(&paths.ledger())?;
    if ledger.origin() != &config.origin() {
        return Err(SetupError::OtherTerminal {
            ledger: ledger.path().to_owned(),
            ledger_is: format!("{}-{}", ledger.origin().store, ledger.origin().terminal),
            config_says: format!("{}-{}", config.store.code, config.terminal.code),
        }
        .into());
    }
    if ledger.currency() != config.currency() {
        return Err(SetupError::OtherCurrency {
            ledger: ledger.path().to_owned(),
            ledger_is: ledger.currency().code,
            config_says: config.currency().code,
        }
        .into());
    }
    ledger.seed_tax_classes(&config.tax.classes)?;
    ledger.seed_receipt_lines(&config.receipt)?;
    Ok(ledger)
}

/// True when `err` is "there is no ledger yet".
pub fn is_not_initialised(err: &anyhow::Error) -> bool {
    matches!(err.downcast_ref::<LedgerError>(), Some(LedgerError::NotInitialised(_)))
}
