//! Joining head office with a one-time enrolment code (`kasir join URL CODE`, and the
//! first-start screen): head office answers with the store's identity and a new token for
//! this terminal; the terminal writes its `kasir.toml`, creates its ledger (with the store's
//! receipt lines) and syncs once, so that users, tax classes, the catalogue and quick keys
//! arrive before the first sale.

use std::path::{Path, PathBuf};
use std::time::Duration;

use kasir_core::wire::{ApiError, EnrolRequest, Enrolment};

use crate::app::config::{Config, ConfigError, Environment};
use crate::app::setup::{self, Paths};
use crate::store::{Ledger, LedgerError};
use crate::sync::{SyncError, SyncSettings, Syncer};

/// Why joining head office stopped. Everything up to asking head office is checked before
/// the code is spent; the catalogue words each in the shop's language (`messages/enrol.rs`).
#[derive(Debug, thiserror::Error)]
pub enum EnrolError {
    #[error(
        "this terminal is already set up as {store}-{terminal} (its ledger is {}); a terminal joins head office \
         only once, with a data directory of its own",
        ledger.display()
    )]
    AlreadyJoined { store: String, terminal: String, ledger: PathBuf },
    #[error(
        "{} exists already ({source}); a terminal joins head office only with a data directory of its own",
        path.display()
    )]
    LedgerInTheWay { path: PathBuf, source: LedgerError },
    #[error("head office's address {0:?} must start with https:// or http://")]
    BadUrl(String),
    #[error("no enrolment code: give the code `kasir-headoffice terminal add` printed, like K7QX-M2PA-9T")]
    NoCode,
    #[error("--ca-file {}: {source}", path.display())]
    CaFile { path: PathBuf, source: std::io::Error },
    #[error("creating the data directory {}: {source}", path.display())]
    DataDir { path: PathBuf, source: std::io::Error },
    #[error("reading {}: {source}", path.display())]
    ReadConfig { path: PathBuf, source: std::io::Error },
    #[error("{} is not valid TOML: {source}", path.display())]
    ConfigNotToml { path: PathBuf, source: toml::de::Error },
    #[error("head office's details for this store do not make a valid kasir.toml: {0}")]
    BadDetails(ConfigError),
    #[error("writing {}: {source}", path.display())]
    WriteConfig { path: PathBuf, source: std::io::Error },
    #[error("starting the runtime to talk to head office: {0}")]
    Runtime(std::io::Error),
    #[error("head office at {url} cannot be reached: {detail}")]
    Unreachable { url: String, detail: crate::sync::LinkFailure },
    #[error("head office at {url} answered the enrolment with something that is not one: {source}")]
    NotAnEnrolment { url: String, source: serde_json::Error },
    /// Head office's own words (an unknown, used or expired code).
    #[error("head office refused the enrolment: {0}")]
    Refused(String),
    #[error("head office at {url} answered {status} to the enrolment (is this head office's address?)")]
    Answered { url: String, status: u16 },
    #[error("the kasir.toml just written names no head office")]
    NoHeadOffice,
    #[error(transparent)]
    Sync(#[from] SyncError),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    #[error(transparent)]
    Users(#[from] crate::store::users::UserError),
    /// Creating the ledger (`setup::init`).
    #[error(transparent)]
    Setup(#[from] anyhow::Error),
}

/// How long head office may take to answer the enrolment.
const ENROL_TIMEOUT: Duration = Duration::from_secs(30);

/// What joining did.
#[derive(Clone, Debug, PartialEq)]
pub struct JoinReport {
    pub store_code: String,
    pub store_name: String,
    pub terminal_code: String,
    /// Active users, tax classes and sellable products on the terminal after the first sync.
    pub users: usize,
    pub tax_classes: usize,
    pub products: u64,
    /// The `kasir.toml` written (it holds the terminal's token: readable by its owner only).
    pub config: PathBuf,
    pub ledger: PathBuf,
    /// Why the first sync failed, if it did: the terminal is set up all the same and gets
    /// users and the catalogue at its next sync.
    pub sync_error: Option<crate::messages::Said>,
}

impl std::fmt::Display for JoinReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Joined head office as {}-{} ({}); {} users, {} tax classes, {} products",
            self.store_code, self.terminal_code, self.store_name, self.users, self.tax_classes, self.products
        )
    }
}

/// Joins head office at `url` with the enrolment `code` it issued for this terminal, trusting
/// the certificate authority in `ca_file` (PEM) for https besides the public ones. Refused,
/// with nothing written, when this data directory already has a ledger or head office refuses
/// the code.
pub fn join(paths: &Paths, url: &str, code: &str, ca_file: Option<&Path>) -> Result<JoinReport, EnrolError> {
    refuse_if_set_up(paths)?;
    let url = url.trim().trim_end_matches('/').to_owned();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(EnrolError::BadUrl(url));
    }
    if code.trim().is_empty() {
        return Err(EnrolError::NoCode);
    }
    let ca_file = ca_file
        .map(|p| std::path::absolute(p).map_err(|source| EnrolError::CaFile { path: p.to_owned(), source }))
        .transpose()?;
    // Everything that can be checked here is checked before the code is spent.
    let config_path = paths.config();
    let existing = existing_config(&config_path)?;
    std::fs::create_dir_all(&paths.data_dir)
        .map_err(|source| EnrolError::DataDir { path: paths.data_dir.clone(), source })?;

    let enrolment = ask_head_office(&url, code, ca_file.as_deref())?;

    let text = joined_config(existing, &enrolment, &url, ca_file.as_deref());
    let config = Config::parse_with(&text, &config_path.display().to_string(), &Environment::default())
        .map_err(EnrolError::BadDetails)?;
    write_private(&config_path, &text)?;
    let init = setup::init(paths, &config, false)?;
    // The token head office just gave is the one to send: no token rotated before may stand in
    // for it.
    Ledger::open(&init.ledger)?.clear_rotated_token()?;
    // The store's receipt lines, so that the first receipt prints them even before a sync.
    if let Some(lines) = &enrolment.store.receipt_lines {
        match lines.check() {
            Ok(()) => Ledger::open(&init.ledger)?.set_headoffice_receipt_lines(lines)?,
            Err(e) => tracing::warn!("head office's receipt lines for this store are left out: {e}"),
        }
    }

    let settings = SyncSettings::from_config(&config)?.ok_or(EnrolError::NoHeadOffice)?;
    let sync_error = first_sync(settings, &init.ledger).err().map(crate::messages::Said::new);
    let ledger = setup::open(paths, &config)?;
    Ok(JoinReport {
        store_code: enrolment.store.code,
        store_name: enrolment.store.name,
        terminal_code: enrolment.terminal,
        users: ledger.users()?.len(),
        tax_classes: ledger.tax_classes()?.len(),
        products: ledger.active_products()?,
        config: config_path,
        ledger: init.ledger,
        sync_error,
    })
}

/// A terminal joins once: a data directory with a ledger already is some terminal's.
fn refuse_if_set_up(paths: &Paths) -> Result<(), EnrolError> {
    let path = paths.ledger();
    if !path.exists() {
        return Ok(());
    }
    match Ledger::open(&path) {
        Ok(ledger) => Err(EnrolError::AlreadyJoined {
            store: ledger.origin().store.clone(),
            terminal: ledger.origin().terminal.clone(),
            ledger: path,
        }),
        Err(source) => Err(EnrolError::LedgerInTheWay { path, source }),
    }
}

/// The data directory's own `kasir.toml` (printer, scanner…), if it has one: joining lays the
/// store, the terminal and head office over it and keeps the rest.
fn existing_config(path: &Path) -> Result<Option<toml::Table>, EnrolError> {
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(path)
        .map_err(|source| EnrolError::ReadConfig { path: path.to_owned(), source })?;
    let table = text
        .parse::<toml::Table>()
        .map_err(|source| EnrolError::ConfigNotToml { path: path.to_owned(), source })?;
    Ok(Some(table))
}

/// `POST URL/api/v1/enrol`: the enrolment, or head office's refusal in its words.
fn ask_head_office(url: &str, code: &str, ca_file: Option<&Path>) -> Result<Enrolment, EnrolError> {
    let http = crate::sync::http_client(url, ENROL_TIMEOUT, ca_file)?;
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(EnrolError::Runtime)?;
    let endpoint = format!("{url}/api/v1/enrol");
    runtime.block_on(async {
        let unreachable = |e: reqwest::Error| EnrolError::Unreachable {
            url: url.to_owned(),
            detail: crate::sync::http_failure(&e, ENROL_TIMEOUT),
        };
        let response = http
            .post(&endpoint)
            .json(&EnrolRequest { code: code.trim().to_owned() })
            .send()
            .await
            .map_err(unreachable)?;
        let status = response.status();
        let body = response.bytes().await.map_err(unreachable)?;
        if status.is_success() {
            return serde_json::from_slice::<Enrolment>(&body)
                .map_err(|source| EnrolError::NotAnEnrolment { url: url.to_owned(), source });
        }
        match serde_json::from_slice::<ApiError>(&body) {
            Ok(e) => Err(EnrolError::Refused(e.error)),
            Err(_) => Err(EnrolError::Answered { url: url.to_owned(), status: status.as_u16() }),
        }
    })
}

/// The terminal's `kasir.toml`: `existing` (or nothing) with the store's identity, the
/// terminal's code and head office's address and token laid over it.
fn joined_config(existing: Option<toml::Table>, e: &Enrolment, url: &str, ca_file: Option<&Path>) -> String {
    let mut file = existing.unwrap_or_default();
    let mut set = |name: &str, values: Vec<(&str, &str)>| {
        let mut section = match file.remove(name) {
            Some(toml::Value::Table(t)) => t,
            _ => toml::Table::new(),
        };
        for (key, value) in values {
            section.insert(key.into(), toml::Value::String(value.trim().to_owned()));
        }
        file.insert(name.into(), toml::Value::Table(section));
    };
    let s = &e.store;
    set(
        "store",
        vec![
            ("code", &s.code),
            ("name", &s.name),
            ("address", &s.address),
            ("npwp", &s.npwp),
            ("utc_offset", &s.utc_offset),
            ("currency", &s.currency),
        ],
    );
    set("terminal", vec![("code", &e.terminal)]);
    let ca = ca_file.map(|p| p.display().to_string());
    let mut headoffice = vec![("url", url), ("token", e.token.as_str())];
    if let Some(ca) = &ca {
        headoffice.push(("ca_file", ca));
    }
    set("headoffice", headoffice);
    format!(
        "# This terminal's settings, laid over Kasir's defaults (config/default.toml lists every key).\n\
         # Written by `kasir join`: [headoffice] token is this terminal's secret.\n\n{file}"
    )
}

/// Writes `text` to `path` readable and writable by its owner only (it holds the token),
/// through a file beside it, so a half-written config is never left in its place.
fn write_private(path: &Path, text: &str) -> Result<(), EnrolError> {
    use std::io::Write;
    let temporary = path.with_extension("toml.new");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let write = || -> std::io::Result<()> {
        let mut file = options.open(&temporary)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    };
    write().map_err(|source| EnrolError::WriteConfig { path: path.to_owned(), source })
}

/// One sync round: users, tax classes, the catalogue and quick keys arrive.
fn first_sync(settings: SyncSettings, ledger: &Path) -> anyhow::Result<()> {
    let syncer = Syncer::new(settings, ledger)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(syncer.once())?;
    Ok(())
}
