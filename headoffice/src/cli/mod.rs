//! The `kasir-headoffice` command line: parsing and dispatch here, one file per command group.

mod catalogue;
mod report;
mod security;
mod serve;
mod stock;
mod store;
mod terminal;
mod user;

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use kasir_headoffice::Database;
use kasir_headoffice::report::Format;

#[derive(Parser)]
#[command(name = "kasir-headoffice", version, about = "Kasir head office: every store's sales, exactly once")]
pub(crate) struct Cli {
    /// `postgres://user@host/db` for PostgreSQL, or a SQLite file (default: headoffice.db in
    /// the data directory).
    #[arg(long, env = "KASIR_HEADOFFICE_DATABASE", global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the web app (dashboard, reports, terminals) on the same address.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080", env = "KASIR_HEADOFFICE_LISTEN")]
        listen: String,
        /// Mark the web app's cookies Secure: set it when browsers reach head office over
        /// HTTPS (a proxy in front terminating TLS), so that a session never travels in clear.
        #[arg(long, env = "KASIR_HEADOFFICE_SECURE_COOKIES")]
        secure_cookies: bool,
    },
    /// Stores.
    Store {
        #[command(subcommand)]
        command: store::StoreCommand,
    },
    /// Terminals.
    Terminal {
        #[command(subcommand)]
        command: terminal::TerminalCommand,
    },
    /// Each terminal: last sequence received, its own newest, last contact and lag.
    Terminals {
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The whole catalogue from a CSV file (the same columns as `kasir catalog import`):
    /// every row is checked first, then all are set in one transaction, or none.
    Catalog {
        #[command(subcommand)]
        command: catalogue::CatalogCommand,
    },
    /// Set a product (new or changed); terminals get it through the change feed.
    Product {
        #[command(subcommand)]
        command: catalogue::ProductCommand,
    },
    /// Tax classes.
    Tax {
        #[command(subcommand)]
        command: catalogue::TaxCommand,
    },
    /// Replace the quick keys with `SKU=Label` pairs, in order.
    QuickKeys { keys: Vec<String> },
    /// Goods received, stock corrections, stock levels.
    Stock {
        #[command(subcommand)]
        command: stock::StockCommand,
    },
    /// Reports on what head office received.
    Report {
        #[command(subcommand)]
        command: report::ReportCommand,
    },
    /// Documents refused at ingest and kept aside.
    Rejected,
    /// Wrong PINs and lockouts at the terminals: when (in the store's time), where, who, what;
    /// then failed authentications at head office, by minute: the terminal a token named, why
    /// it was refused, how often, from which address; then (without --store) failed logins to
    /// the web app.
    SecurityEvents {
        #[arg(long)]
        store: Option<String>,
        /// From this day on (YYYY-MM-DD): in the store's time with --store, UTC otherwise.
        #[arg(long)]
        since: Option<NaiveDate>,
    },
    /// The chain's cashiers, supervisors and managers (terminals of the stores they work in
    /// get them through the change feed), and head office's administrators and analysts (the
    /// web app only).
    User {
        #[command(subcommand)]
        command: user::UserCommand,
    },
}

impl Cli {
    /// Opens the database and runs the command.
    pub(crate) async fn run(self) -> Result<()> {
        let url = match self.database_url {
            Some(u) => u,
            None => default_database()?,
        };
        let database = Database::parse(&url);
        let storage = database.open().await.with_context(|| match &database {
            Database::Sqlite(p) => format!("opening head office database {}", PathBuf::from(p).display()),
            Database::Postgres(_) => "opening the PostgreSQL database".to_owned(),
        })?;
        let s = storage.as_ref();
        match self.command {
            Command::Serve { listen, secure_cookies } => {
                serve::run(&listen, &database, storage, secure_cookies).await
            }
            Command::Store { command } => store::run(s, command).await,
            Command::Terminal { command } => terminal::run(s, command).await,
            Command::Terminals { format } => terminal::list(s, format).await,
            Command::Catalog { command } => catalogue::catalog(s, command).await,
            Command::Product { command } => catalogue::product(s, command).await,
            Command::Tax { command } => catalogue::tax(s, command).await,
            Command::QuickKeys { keys } => catalogue::quick_keys(s, &keys).await,
            Command::Stock { command } => stock::run(s, command).await,
            Command::Report { command } => report::run(s, command).await,
            Command::Rejected => report::rejected(s).await,
            Command::SecurityEvents { store, since } => security::list(s, store.as_deref(), since).await,
            Command::User { command } => user::run(s, command).await,
        }
    }
}

fn default_database() -> Result<String> {
    let dirs = directories::ProjectDirs::from("id", "kasir", "kasir-headoffice")
        .context("no home directory to keep head office's data in; give --database-url")?;
    Ok(dirs.data_dir().join("headoffice.db").display().to_string())
}
