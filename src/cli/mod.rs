//! The `kasir` command line: parsing and dispatch here, one file per command group.

mod catalog;
mod devices;
mod error;
mod join;
mod ledger;
mod report;
mod sale;
mod shift;
mod sync;
mod terminal;
mod users;

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::{Parser, Subcommand};

use crate::app::setup::Paths;
use crate::messages::{CliText, Explain, Locale};

pub use error::{CliError, Script, WindowProblem};

#[derive(Parser)]
#[command(name = "kasir", version, about = "Kasir point-of-sale terminal")]
pub(crate) struct Cli {
    /// Where the ledger and kasir.toml live (default: the user's data directory).
    #[arg(long, env = "KASIR_DATA_DIR", global = true)]
    data_dir: Option<PathBuf>,
    /// A config file to use instead of DATA_DIR/kasir.toml.
    #[arg(long, env = "KASIR_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Create this terminal's ledger (and kasir.toml); --demo adds the demo catalogue and users.
    Init {
        /// The demo store: its catalogue, users (public PINs) and an open shift.
        #[arg(long)]
        demo: bool,
        #[command(flatten)]
        shop: terminal::ShopArgs,
    },
    /// Ring up a sale from a JSON script (a file, or - for stdin) and print the result as JSON.
    Sell {
        /// The sale script; see examples/sale.json.
        #[arg(default_value = "-")]
        file: String,
        /// Print the receipt too, as the checkout screen does.
        #[arg(long)]
        print: bool,
        /// The printer (tcp://HOST:PORT, usb:/dev/usb/lpN, file:PATH) instead of the configured one.
        #[arg(long)]
        printer: Option<String>,
        #[command(flatten)]
        pin: UserPin,
    },
    /// Receipts of committed sales.
    Receipt {
        #[command(subcommand)]
        command: devices::ReceiptCommand,
    },
    /// The receipt printer.
    Devices {
        #[command(subcommand)]
        command: devices::DevicesCommand,
    },
    /// The product catalogue.
    Catalog {
        #[command(subcommand)]
        command: catalog::CatalogCommand,
    },
    /// The ledger of committed documents.
    Ledger {
        #[command(subcommand)]
        command: ledger::LedgerCommand,
    },
    /// Cashiers and managers.
    Users {
        #[command(subcommand)]
        command: users::UsersCommand,
    },
    /// Take goods back from a JSON script (a file, or - for stdin); prints the refund as JSON.
    Return {
        /// The return script; see examples/return.json.
        #[arg(default_value = "-")]
        file: String,
        #[command(flatten)]
        pin: UserPin,
    },
    /// Swap goods: a return and a new sale settled together (a file, or - for stdin).
    Exchange {
        /// The exchange script; see examples/exchange.json.
        #[arg(default_value = "-")]
        file: String,
        #[command(flatten)]
        pin: UserPin,
    },
    /// Open and close shifts, pay cash in and out.
    Shift {
        #[command(subcommand)]
        command: shift::ShiftCommand,
    },
    /// Send documents to head office and fetch catalogue, prices and stock ([headoffice] in
    /// kasir.toml). Without a subcommand: keep syncing until stopped.
    Sync {
        #[command(subcommand)]
        command: Option<sync::SyncCommand>,
        /// One round only: push everything waiting, pull every change, then exit.
        #[arg(long)]
        once: bool,
    },
    /// Set this terminal up from head office with the one-time enrolment code
    /// `kasir-headoffice terminal add` printed.
    Join {
        /// Head office's address, https://ho.example or http://192.168.1.10:8080.
        url: String,
        /// The enrolment code, like K7QX-M2PA-9T.
        code: String,
        /// A private certificate authority's PEM to trust for head office's https.
        #[arg(long)]
        ca_file: Option<PathBuf>,
    },
    /// X (a reading), Z (close the day) and sales reports; a manager's.
    Report {
        #[command(subcommand)]
        command: report::ReportCommand,
    },
}

pub fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KASIR_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // Output into a closed pipe (`| head -1`): the reader wanted no more; end quietly.
        Err(e) if closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let l = locale();
            eprintln!("{}: {}", CliText::ErrorPrefix.get(l), crate::messages::explain_error(&e, l));
            ExitCode::FAILURE
        }
    }
}

/// Whether writing the output failed because its reader has gone (see `src/main.rs`).
fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The language the commands speak: the shop's `[store] locale`, known once its kasir.toml
/// is read; until then (and when it cannot be read) Bahasa Indonesia, the default.
static LOCALE: OnceLock<Locale> = OnceLock::new();

pub(crate) fn locale() -> Locale {
    LOCALE.get().copied().unwrap_or_default()
}

/// Prints a line a command says, in the shop's language.
pub(crate) fn say(what: impl Explain) {
    println!("{}", what.explain(locale()));
}

/// The locale a kasir.toml asks for, read leniently: a config refused for another reason
/// is still explained in its shop's language.
fn peek_locale(paths: &Paths, explicit: Option<&std::path::Path>) -> Option<Locale> {
    let path = explicit.map(std::path::Path::to_owned).unwrap_or_else(|| paths.config());
    let table: toml::Table = std::fs::read_to_string(path).ok()?.parse().ok()?;
    table.get("store")?.get("locale")?.clone().try_into().ok()
}

pub(crate) fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let paths = Paths::resolve(cli.data_dir)?;
    let config = match paths.load_config(cli.config.as_deref()) {
        Ok(config) => config,
        Err(e) => {
            if let Some(l) = peek_locale(&paths, cli.config.as_deref()) {
                let _ = LOCALE.set(l);
            }
            return Err(e.into());
        }
    };
    let _ = LOCALE.set(config.store.locale);
    match cli.command {
        None => terminal::run_terminal(&paths, cli.config.as_deref()),
        Some(Command::Init { demo, shop }) => {
            terminal::init_command(&paths, cli.config.as_deref(), demo, shop)
        }
        Some(Command::Sell { file, print, printer, pin }) => {
            sale::sell(&paths, &config, &file, print, printer.as_deref(), &pin)
        }
        Some(Command::Receipt { command }) => devices::receipt(&paths, &config, command),
        Some(Command::Devices { command }) => devices::run(&paths, &config, command),
        Some(Command::Catalog { command }) => catalog::run(&paths, &config, command),
        Some(Command::Ledger { command }) => ledger::run(&paths, &config, command),
        Some(Command::Users { command }) => users::run(&paths, &config, command),
        Some(Command::Return { file, pin }) => sale::return_goods(&paths, &config, &file, &pin),
        Some(Command::Exchange { file, pin }) => sale::exchange(&paths, &config, &file, &pin),
        Some(Command::Shift { command }) => shift::run(&paths, &config, command),
        Some(Command::Report { command }) => report::run(&paths, &config, command),
        Some(Command::Sync { command, once }) => sync::run(&paths, &config, command, once),
        Some(Command::Join { url, code, ca_file }) => join::run(&paths, &url, &code, ca_file.as_deref()),
    }
}

/// Reads and parses a JSON script from a file or stdin (`-`), naming it in any error.
/// The PIN of the user a command acts for: a command acts for a user only with that user's
/// PIN, as the screen does (the same check, so wrong PINs count toward their lockout).
#[derive(clap::Args, Debug)]
pub(crate) struct UserPin {
    /// The PIN of the user this acts for (or KASIR_PIN, for scripts and automation).
    #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
    pin: Option<String>,
}

impl UserPin {
    /// User `code`, once their PIN is checked.
    pub(crate) fn user(
        &self,
        ledger: &crate::store::Ledger,
        code: &str,
    ) -> anyhow::Result<crate::store::users::User> {
        let pin = self.pin.as_deref().ok_or_else(|| CliError::NeedPin(code.to_owned()))?;
        Ok(ledger.authenticate(code, pin)?)
    }
}

pub(crate) fn read_script<T: serde::de::DeserializeOwned>(what: Script, file: &str) -> Result<T, CliError> {
    let name = (file != "-").then(|| file.to_owned());
    let read = if file == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map(|_| s)
    } else {
        std::fs::read_to_string(file)
    };
    let text = read.map_err(|source| CliError::ReadScript { what, file: name.clone(), source })?;
    let script = serde_json::from_str(&text).map_err(|source| CliError::BadScript {
        what,
        file: name.clone(),
        source,
    })?;
    // Text from a script ends up in the ledger (reasons, references) and on receipts: a NUL or
    // an escape would print as printer commands and could not be stored by head office's
    // PostgreSQL, so a script holding one is refused before anything is done.
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|source| CliError::BadScript {
        what,
        file: name.clone(),
        source,
    })?;
    if let Some(field) = control_character_at(&value, String::new()) {
        return Err(CliError::ScriptText { what, file: name, field });
    }
    Ok(script)
}

/// Where in a script's JSON the first string holding a control character is
/// (`items[1].sku`), if anywhere.
fn control_character_at(value: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) if kasir_core::wire::has_control_character(s) => {
            Some(if at.is_empty() { "(the whole script)".to_owned() } else { at })
        }
        Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, v)| control_character_at(v, format!("{at}[{i}]")))
        }
        Value::Object(fields) => fields.iter().find_map(|(k, v)| {
            control_character_at(v, if at.is_empty() { k.clone() } else { format!("{at}.{k}") })
        }),
        _ => None,
    }
}
