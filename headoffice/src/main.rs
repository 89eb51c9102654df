//! `kasir-headoffice`: the head office server and its administration commands.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use kasir_core::Quantity;
use kasir_core::chain::Origin;
use kasir_core::wire::{ProductRecord, QuickKeyRecord, TaxClassRecord};
use kasir_headoffice::Database;
use kasir_headoffice::report::{self, Format};
use kasir_headoffice::storage::{
    NewUser, ReportBy, ReportQuery, StockEntry, StockKind, Storage, StoreChange,
};

#[derive(Parser)]
#[command(name = "kasir-headoffice", version, about = "Kasir head office: every store's sales, exactly once")]
struct Cli {
    /// `postgres://user@host/db` for PostgreSQL, or a SQLite file (default: headoffice.db in
    /// the data directory).
    #[arg(long, env = "KASIR_HEADOFFICE_DATABASE", global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080", env = "KASIR_HEADOFFICE_LISTEN")]
        listen: String,
    },
    /// Stores.
    Store {
        #[command(subcommand)]
        command: StoreCommand,
    },
    /// Terminals.
    Terminal {
        #[command(subcommand)]
        command: TerminalCommand,
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
        command: CatalogCommand,
    },
    /// Set a product (new or changed); terminals get it through the change feed.
    Product {
        #[command(subcommand)]
        command: ProductCommand,
    },
    /// Tax classes.
    Tax {
        #[command(subcommand)]
        command: TaxCommand,
    },
    /// Replace the quick keys with `SKU=Label` pairs, in order.
    QuickKeys { keys: Vec<String> },
    /// Goods received, stock corrections, stock levels.
    Stock {
        #[command(subcommand)]
        command: StockCommand,
    },
    /// Reports on what head office received.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// Documents refused at ingest and kept aside.
    Rejected,
    /// Wrong PINs and lockouts at the terminals: when (in the store's time), where, who, what.
    SecurityEvents {
        #[arg(long)]
        store: Option<String>,
        /// From this day on (YYYY-MM-DD): in the store's time with --store, UTC otherwise.
        #[arg(long)]
        since: Option<NaiveDate>,
    },
    /// The chain's cashiers and managers: terminals of the stores they work in get them
    /// through the change feed.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user working in one or more stores. The PIN (4–8 digits) is kept only as an
    /// argon2id hash.
    Add {
        /// 1 to 8 letters or digits, unique in the chain.
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["cashier", "supervisor", "manager"])]
        role: String,
        /// A store the user works in (repeat for several).
        #[arg(long = "store", required = true)]
        stores: Vec<String>,
        #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
        pin: String,
    },
    /// Deactivate a user: no store's terminals accept them after their next sync.
    Deactivate { code: String },
    /// Give a user a new PIN; the old one stops working at each terminal's next sync.
    SetPin {
        code: String,
        #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
        pin: String,
    },
    /// Set the stores a user works in; the stores they leave stop accepting them.
    SetStores {
        code: String,
        #[arg(long = "store", required = true)]
        stores: Vec<String>,
    },
    /// The users, or those working in one store.
    List {
        #[arg(long)]
        store: Option<String>,
    },
}

#[derive(Subcommand)]
enum StoreCommand {
    /// Add a store; a terminal that joins it is set up with these details for its receipts.
    Add {
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        address: String,
        /// The tax id printed on receipts.
        #[arg(long, default_value = "")]
        npwp: String,
        /// WIB +07:00, WITA +08:00, WIT +09:00.
        #[arg(long, default_value = "+07:00", allow_hyphen_values = true)]
        utc_offset: String,
        /// IDR, USD, EUR, SGD or MYR.
        #[arg(long, default_value = "IDR")]
        currency: String,
        /// A line printed centred under the store's name, address and NPWP on every receipt
        /// (repeat for several, at most 5, each at most 48 characters; "" for none).
        #[arg(long = "receipt-header", value_name = "LINE")]
        receipt_header: Option<Vec<String>>,
        /// A line printed centred at the end of every receipt (repeat for several, at most 5,
        /// each at most 48 characters; "" for none).
        #[arg(long = "receipt-footer", value_name = "LINE")]
        receipt_footer: Option<Vec<String>>,
    },
    /// Change a store's details (for terminals that join from now on) or its receipt lines
    /// (these reach its terminals at their next sync, too).
    Set {
        code: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        address: Option<String>,
        #[arg(long)]
        npwp: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        utc_offset: Option<String>,
        #[arg(long)]
        currency: Option<String>,
        /// A line printed centred under the store's name, address and NPWP on every receipt
        /// (repeat for several, at most 5, each at most 48 characters; "" for none).
        #[arg(long = "receipt-header", value_name = "LINE")]
        receipt_header: Option<Vec<String>>,
        /// A line printed centred at the end of every receipt (repeat for several, at most 5,
        /// each at most 48 characters; "" for none).
        #[arg(long = "receipt-footer", value_name = "LINE")]
        receipt_footer: Option<Vec<String>>,
    },
}

#[derive(Subcommand)]
enum TerminalCommand {
    /// Register a terminal: prints a one-time enrolment code for `kasir join` (and the token,
    /// for a terminal set up by hand), each shown once; head office keeps only their hashes.
    Add {
        #[arg(long)]
        store: String,
        #[arg(long)]
        terminal: String,
        /// How long the enrolment code works.
        #[arg(long, default_value_t = 24)]
        expires_in_hours: u32,
    },
    /// A fresh enrolment code for a registered terminal (a replacement, a lost code); the
    /// terminal's earlier unused codes stop working. Joining with it gives the terminal a new
    /// token, and its old token stops working.
    EnrolCode {
        #[arg(long)]
        store: String,
        #[arg(long)]
        terminal: String,
        #[arg(long, default_value_t = 24)]
        expires_in_hours: u32,
    },
}

/// Issues an enrolment code for a terminal and prints it with how to use it.
async fn enrolment_code(storage: &dyn Storage, store: &str, terminal: &str, hours: u32) -> Result<()> {
    if hours == 0 {
        bail!("--expires-in-hours must be at least 1");
    }
    let code = kasir_headoffice::auth::new_enrolment_code();
    let plain = kasir_headoffice::auth::normalise_enrolment_code(&code)
        .context("a new enrolment code reads back as one")?;
    let expires_at = chrono::Utc::now() + chrono::Duration::hours(i64::from(hours));
    storage
        .issue_enrolment_code(
            store,
            terminal,
            &kasir_headoffice::auth::hash_enrolment_code(&plain),
            expires_at,
        )
        .await?;
    println!("Enrolment code for {store}-{terminal}, shown only this once: {code}");
    println!(
        "It works once, until {} UTC. On the new terminal: kasir join HEAD-OFFICE-URL {code}",
        expires_at.format("%Y-%m-%d %H:%M")
    );
    Ok(())
}

#[derive(Subcommand)]
enum CatalogCommand {
    Import {
        file: PathBuf,
        /// The currency the prices are in.
        #[arg(long, default_value = "IDR")]
        currency: String,
    },
}

#[derive(Subcommand)]
enum ProductCommand {
    Set {
        #[arg(long)]
        sku: String,
        #[arg(long)]
        name: String,
        /// Price in rupiah (whole units).
        #[arg(long)]
        price: i64,
        #[arg(long, default_value = "PPN")]
        tax_class: String,
        #[arg(long, default_value = "Umum")]
        category: String,
        #[arg(long, default_value = "pcs")]
        unit: String,
        #[arg(long = "barcode")]
        barcodes: Vec<String>,
        /// The price is before tax (default: tax included, as Indonesian shelves show it).
        #[arg(long)]
        price_excludes_tax: bool,
        #[arg(long)]
        by_weight: bool,
        #[arg(long)]
        inactive: bool,
    },
}

#[derive(Subcommand)]
enum TaxCommand {
    /// Set a class's rate, e.g. `tax set PPN 11`, or `tax set PPN12D 12 --dpp 11/12`.
    Set {
        code: String,
        percent: rust_decimal::Decimal,
        /// The share of the net price the rate is charged on (DPP), e.g. 11/12; default the
        /// whole price.
        #[arg(long, default_value = "1/1")]
        dpp: kasir_core::tax::DppBase,
    },
}

#[derive(Subcommand)]
enum StockCommand {
    /// Goods received at a store.
    Receive {
        #[arg(long)]
        store: String,
        #[arg(long)]
        sku: String,
        #[arg(long)]
        quantity: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// A correction after a count, damage or loss (negative takes stock away).
    Adjust {
        #[arg(long)]
        store: String,
        #[arg(long)]
        sku: String,
        #[arg(long, allow_hyphen_values = true)]
        quantity: String,
        #[arg(long)]
        reason: String,
    },
    /// A store's stock levels.
    Show {
        #[arg(long)]
        store: String,
    },
}

#[derive(Subcommand)]
enum ReportCommand {
    /// Sales less returns and voids, by business day of the terminals.
    Sales {
        #[arg(long)]
        from: NaiveDate,
        #[arg(long)]
        to: NaiveDate,
        #[arg(long, default_value = "store", value_parser = report_by())]
        by: ReportBy,
        #[arg(long)]
        store: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

/// `--by`: the storage's report groupings by their words, listed as the possible values.
fn report_by() -> impl TypedValueParser<Value = ReportBy> {
    PossibleValuesParser::new(ReportBy::ALL.map(ReportBy::code)).try_map(|word| word.parse::<ReportBy>())
}

fn default_database() -> Result<String> {
    let dirs = directories::ProjectDirs::from("id", "kasir", "kasir-headoffice")
        .context("no home directory to keep head office's data in; give --database-url")?;
    Ok(dirs.data_dir().join("headoffice.db").display().to_string())
}

/// `--receipt-header`/`--receipt-footer` as given: each line trimmed, blank ones left out
/// (so `--receipt-header ""` takes the header away).
fn receipt_lines(lines: Vec<String>) -> Vec<String> {
    lines.into_iter().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect()
}

fn quantity(text: &str, what: &str) -> Result<i64> {
    Ok(Quantity::parse(text).map_err(|e| anyhow::anyhow!("--quantity {text:?} for {what}: {e}"))?.milli())
}

/// Ctrl+C, or SIGTERM from a service manager: requests in flight finish, then the server stops.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
}

/// Lists security events, each at the store's own time.
async fn security_events(storage: &dyn Storage, store: Option<&str>, since: Option<NaiveDate>) -> Result<()> {
    let mut offsets = std::collections::HashMap::new();
    let mut offset_of = async |code: &str| -> Result<chrono::FixedOffset> {
        if let Some(o) = offsets.get(code) {
            return Ok(*o);
        }
        let utc = chrono::FixedOffset::east_opt(0).context("UTC")?;
        let offset = match storage.store(code).await? {
            Some(s) => s.utc_offset.parse().unwrap_or(utc),
            None => utc,
        };
        offsets.insert(code.to_owned(), offset);
        Ok(offset)
    };
    let since = match since {
        None => None,
        Some(day) => {
            let offset = match store {
                Some(code) => offset_of(code).await?,
                None => chrono::FixedOffset::east_opt(0).context("UTC")?,
            };
            let midnight = day.and_time(chrono::NaiveTime::MIN).and_local_timezone(offset).single();
            Some(midnight.with_context(|| format!("no midnight on {day}"))?.to_utc())
        }
    };
    let events = storage.security_events(store, since).await?;
    if events.is_empty() {
        eprintln!("no wrong PINs or lockouts");
    }
    for e in events {
        let offset = offset_of(&e.store).await?;
        println!(
            "{} {}-{} {:<8} {:<20} {}",
            e.at.with_timezone(&offset).format("%Y-%m-%d %H:%M:%S %:z"),
            e.store,
            e.terminal,
            e.user_code,
            e.event,
            e.place
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "kasir_headoffice=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let url = match cli.database_url {
        Some(u) => u,
        None => default_database()?,
    };
    let database = Database::parse(&url);
    let storage = database.open().await.with_context(|| match &database {
        Database::Sqlite(p) => format!("opening head office database {}", PathBuf::from(p).display()),
        Database::Postgres(_) => "opening the PostgreSQL database".to_owned(),
    })?;
    match cli.command {
        Command::Serve { listen } => {
            let listener = tokio::net::TcpListener::bind(&listen)
                .await
                .with_context(|| format!("cannot listen on {listen}"))?;
            tracing::info!(address = %listener.local_addr()?, database = %match &database {
                Database::Sqlite(p) => p.display().to_string(),
                Database::Postgres(_) => "postgresql".to_owned(),
            }, "head office serving /api/v1");
            kasir_headoffice::serve(listener, storage, shutdown_signal()).await?;
            tracing::info!("head office stopped");
        }
        Command::Store {
            command:
                StoreCommand::Add {
                    code,
                    name,
                    address,
                    npwp,
                    utc_offset,
                    currency,
                    receipt_header,
                    receipt_footer,
                },
        } => {
            let details = StoreChange {
                name: None,
                address: Some(address),
                npwp: Some(npwp),
                utc_offset: Some(utc_offset),
                currency: Some(currency),
                receipt_header: receipt_header.map(receipt_lines),
                receipt_footer: receipt_footer.map(receipt_lines),
            };
            // Checked before the store is added, so a bad detail adds nothing.
            StoreChange { name: Some(name.clone()), ..details.clone() }.check(&code)?;
            storage.add_store(&code, &name).await?;
            storage.set_store(&code, &details).await?;
            println!("store {code} added");
        }
        Command::Store {
            command:
                StoreCommand::Set {
                    code,
                    name,
                    address,
                    npwp,
                    utc_offset,
                    currency,
                    receipt_header,
                    receipt_footer,
                },
        } => {
            let change = StoreChange {
                name,
                address,
                npwp,
                utc_offset,
                currency,
                receipt_header: receipt_header.map(receipt_lines),
                receipt_footer: receipt_footer.map(receipt_lines),
            };
            if change.is_empty() {
                bail!(
                    "store set {code}: give what to change (--name, --address, --npwp, --utc-offset, --currency, \
                     --receipt-header, --receipt-footer)"
                );
            }
            storage.set_store(&code, &change).await?;
            if change.changes_receipt_lines() {
                println!("store {code} set; its terminals print the new receipt lines after their next sync");
            } else {
                println!("store {code} set; terminals that join from now on are set up with it");
            }
        }
        Command::Terminal { command: TerminalCommand::Add { store, terminal, expires_in_hours } } => {
            let origin = Origin { store: store.clone(), terminal: terminal.clone() };
            let token = kasir_headoffice::auth::new_token(&origin);
            storage.add_terminal(&store, &terminal, &kasir_headoffice::auth::hash_token(&token)).await?;
            println!("terminal {store}-{terminal} added.");
            enrolment_code(storage.as_ref(), &store, &terminal, expires_in_hours).await?;
            println!(
                "Or, to set it up by hand, its token (shown only this once; joining gives it a new one):\n{token}"
            );
            eprintln!(
                "a token set up by hand goes in the terminal's kasir.toml under [headoffice] token, or KASIR_HEADOFFICE_TOKEN"
            );
        }
        Command::Terminal { command: TerminalCommand::EnrolCode { store, terminal, expires_in_hours } } => {
            enrolment_code(storage.as_ref(), &store, &terminal, expires_in_hours).await?;
        }
        Command::Terminals { format } => print!("{}", report::terminals(&storage.terminals().await?, format)),
        Command::Product {
            command:
                ProductCommand::Set {
                    sku,
                    name,
                    price,
                    tax_class,
                    category,
                    unit,
                    barcodes,
                    price_excludes_tax,
                    by_weight,
                    inactive,
                },
        } => {
            if sku.trim().is_empty() || name.trim().is_empty() {
                bail!("a product needs a --sku and a --name");
            }
            if price < 0 {
                bail!("--price {price} for {sku}: a price cannot be negative");
            }
            // Terminals file products under their tax class: one they do not know would stop
            // their change feed at this product.
            let classes: Vec<String> = storage.tax_classes().await?.into_iter().map(|c| c.code).collect();
            if !classes.contains(&tax_class) {
                bail!(
                    "--tax-class {tax_class} for {sku} is not a tax class (known: {}); set it first with \
                     `kasir-headoffice tax set {tax_class} RATE`",
                    if classes.is_empty() { "none yet".to_owned() } else { classes.join(", ") }
                );
            }
            let p = ProductRecord {
                sku: sku.clone(),
                name,
                category,
                unit,
                price,
                tax_class,
                price_includes_tax: !price_excludes_tax,
                sold_by_weight: by_weight,
                active: !inactive,
                barcodes,
            };
            storage.put_product(&p).await?;
            println!("product {sku} set");
        }
        Command::Catalog { command: CatalogCommand::Import { file, currency } } => {
            let currency = kasir_core::Currency::from_code(&currency)
                .with_context(|| format!("--currency {currency}: IDR, USD, EUR, SGD or MYR"))?;
            let data = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let classes: std::collections::HashSet<String> =
                storage.tax_classes().await?.into_iter().map(|c| c.code).collect();
            if classes.is_empty() {
                bail!("no tax classes yet: set them first, e.g. `kasir-headoffice tax set PPN 11`");
            }
            let rules = kasir_core::barcode::default_variable_measure_rules();
            let products = kasir_core::catalogue_csv::parse_products(&data, currency, &rules, &classes)
                .and_then(|parsed| parsed.finish(Vec::new()))
                .with_context(|| format!("{}", file.display()))?;
            storage.put_products(&products).await?;
            println!(
                "{} products set from {}; terminals get them with their next sync",
                products.len(),
                file.display()
            );
        }
        Command::Tax { command: TaxCommand::Set { code, percent, dpp } } => {
            let rate = kasir_core::TaxRate::from_percent(percent)
                .map_err(|e| anyhow::anyhow!("tax class {code}: {percent} %: {e}"))?;
            storage
                .put_tax_class(&TaxClassRecord { code: code.clone(), rate_bp: rate.basis_points(), dpp })
                .await?;
            println!("tax class {code} set");
        }
        Command::QuickKeys { keys } => {
            let keys = keys
                .iter()
                .map(|k| match k.split_once('=') {
                    Some((sku, label)) if !sku.is_empty() && !label.is_empty() => {
                        Ok(QuickKeyRecord { sku: sku.to_owned(), label: label.to_owned() })
                    }
                    _ => bail!("quick key {k:?} must be SKU=Label"),
                })
                .collect::<Result<Vec<_>>>()?;
            storage.put_quick_keys(&keys).await?;
            println!("{} quick keys set", keys.len());
        }
        Command::Stock { command } => match command {
            StockCommand::Receive { store, sku, quantity: q, note } => {
                let q = quantity(&q, &sku)?;
                if q <= 0 {
                    bail!(
                        "--quantity for {sku}: goods received must be more than zero (use stock adjust to correct)"
                    );
                }
                let entry =
                    StockEntry { store, sku: sku.clone(), quantity_milli: q, kind: StockKind::Receive, note };
                let level = storage.record_stock(&entry).await?;
                println!("{sku}: stock now {}", Quantity::from_milli(level).to_decimal().normalize());
            }
            StockCommand::Adjust { store, sku, quantity: q, reason } => {
                let q = quantity(&q, &sku)?;
                if reason.trim().is_empty() {
                    bail!("a stock adjustment needs a --reason");
                }
                let entry = StockEntry {
                    store,
                    sku: sku.clone(),
                    quantity_milli: q,
                    kind: StockKind::Adjust,
                    note: reason,
                };
                let level = storage.record_stock(&entry).await?;
                println!("{sku}: stock now {}", Quantity::from_milli(level).to_decimal().normalize());
            }
            StockCommand::Show { store } => {
                for (sku, q) in storage.stock(&store).await? {
                    println!("{sku:<20} {:>12}", Quantity::from_milli(q).to_decimal().normalize());
                }
            }
        },
        Command::Report { command: ReportCommand::Sales { from, to, by, store, format } } => {
            if to < from {
                bail!("--to {to} is before --from {from}");
            }
            let rows = storage.sales_report(&ReportQuery { from, to, by, store }).await?;
            print!("{}", report::sales(&rows, by.code(), format));
        }
        Command::User { command } => match command {
            UserCommand::Add { code, name, role, stores, pin } => {
                let role = kasir_core::policy::Role::from_code(&role).with_context(|| {
                    format!("--role {role} for user {code}: cashier, supervisor or manager")
                })?;
                let pin_hash = kasir_headoffice::auth::hash_pin(&code, &pin)?;
                storage.add_user(&NewUser { code: code.clone(), name, role, pin_hash, stores }).await?;
                println!("user {code} added; terminals of its stores get it with their next sync");
            }
            UserCommand::Deactivate { code } => {
                storage.deactivate_user(&code).await?;
                println!("user {code} deactivated; terminals refuse it after their next sync");
            }
            UserCommand::SetPin { code, pin } => {
                let pin_hash = kasir_headoffice::auth::hash_pin(&code, &pin)?;
                storage.set_user_pin(&code, &pin_hash).await?;
                println!(
                    "PIN of user {code} changed; the old PIN stops working at each terminal's next sync"
                );
            }
            UserCommand::SetStores { code, stores } => {
                storage.set_user_stores(&code, &stores).await?;
                println!("user {code} now works in {}", stores.join(", "));
            }
            UserCommand::List { store } => {
                for u in storage.users(store.as_deref()).await? {
                    println!(
                        "{:<8} {:<24} {:<8} {:<8} {}",
                        u.code,
                        u.name,
                        u.role.code(),
                        if u.active { "active" } else { "inactive" },
                        u.stores.join(",")
                    );
                }
            }
        },
        Command::SecurityEvents { store, since } => {
            security_events(storage.as_ref(), store.as_deref(), since).await?;
        }
        Command::Rejected => {
            for r in storage.rejected().await? {
                println!(
                    "{} {}-{} seq {} [{}] {}\n    hash {}",
                    r.received_at.format("%Y-%m-%d %H:%M:%S"),
                    r.store,
                    r.terminal,
                    r.seq,
                    r.kind,
                    r.reason,
                    r.hash
                );
            }
        }
    }
    Ok(())
}
