//! `kasir`: the point-of-sale terminal and its headless commands.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use kasir::checkout::{self, SaleScript};
use kasir::config::Config;
use kasir::setup::{self, Paths};
use kasir::{catalogue, users};
use kasir_core::policy::Role;

#[derive(Parser)]
#[command(name = "kasir", version, about = "Kasir point-of-sale terminal")]
struct Cli {
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
enum Command {
    /// Create this terminal's ledger (and kasir.toml); --demo adds the demo catalogue and users.
    Init {
        #[arg(long)]
        demo: bool,
    },
    /// Ring up a sale from a JSON script (a file, or - for stdin) and print the result as JSON.
    Sell {
        /// The sale script; see examples/sale.json.
        #[arg(default_value = "-")]
        file: String,
    },
    /// The product catalogue.
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// The ledger of committed documents.
    Ledger {
        #[command(subcommand)]
        command: LedgerCommand,
    },
    /// Cashiers and managers.
    Users {
        #[command(subcommand)]
        command: UsersCommand,
    },
}

#[derive(Subcommand)]
enum CatalogCommand {
    /// Import products from CSV: all rows or none (columns: see README).
    Import { file: PathBuf },
    /// Find products by name (parts of words work).
    Search {
        text: Vec<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Look a barcode up as a scan would.
    Lookup { barcode: String },
}

#[derive(Subcommand)]
enum LedgerCommand {
    /// Recompute the whole hash chain and grand total; name the first document that does not match.
    Verify,
    /// Print a committed document as JSON, by receipt number or sequence.
    Show { receipt: String },
}

#[derive(Subcommand)]
enum UsersCommand {
    /// Add a user. The PIN (4–8 digits) is stored only as an argon2 hash.
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["cashier", "manager"])]
        role: String,
        #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
        pin: String,
    },
    /// List active users.
    List,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KASIR_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", describe(&e));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, each said once: our error types already include
/// their cause's words in their own message, and anyhow's chain would repeat them.
fn describe(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if !text.contains(&s) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&s);
        }
    }
    text
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let paths = Paths::resolve(cli.data_dir)?;
    let config = paths.load_config(cli.config.as_deref())?;
    match cli.command {
        None => run_terminal(&paths, &config, cli.config.as_deref()),
        Some(Command::Init { demo }) => init(&paths, &config, demo),
        Some(Command::Sell { file }) => sell(&paths, &config, &file),
        Some(Command::Catalog { command }) => catalog(&paths, &config, command),
        Some(Command::Ledger { command }) => ledger(&paths, &config, command),
        Some(Command::Users { command }) => users_cmd(&paths, &config, command),
    }
}

fn run_terminal(
    paths: &Paths,
    config: &Config,
    explicit: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    if !paths.ledger().exists() {
        eprintln!("No ledger in {} yet: setting up the demo store.", paths.data_dir.display());
        init(paths, config, true)?;
    }
    // Read again: the demo set-up may just have written kasir.toml (with its quick keys).
    let config = paths.load_config(explicit)?;
    let terminal = kasir::service::Terminal::start(paths.clone(), config.clone())?;
    kasir::gui::run(terminal, config).map_err(|e| anyhow::anyhow!("the checkout screen stopped: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

fn init(paths: &Paths, config: &Config, demo: bool) -> anyhow::Result<ExitCode> {
    let report = setup::init(paths, config, demo)?;
    println!("Ledger created: {}", report.ledger.display());
    if let Some(path) = report.config_written {
        println!("Config written: {} (edit it to set your store and terminal)", path.display());
    }
    if let Some(c) = report.catalogue {
        println!("Demo catalogue: {} products, {} barcodes", c.added, c.barcodes);
    }
    if !report.users.is_empty() {
        println!("Demo users (code, name, role, PIN):");
        for (code, name, role, pin) in report.users {
            println!("  {code}  {name:<14} {:<8} {pin}", role.code());
        }
    }
    if let Some((n, float)) = report.shift {
        println!("Shift {n} is open with a float of {}", float.format(config.store.locale));
    }
    Ok(ExitCode::SUCCESS)
}

fn sell(paths: &Paths, config: &Config, file: &str) -> anyhow::Result<ExitCode> {
    let text = if file == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).context("reading the sale script from stdin")?;
        s
    } else {
        std::fs::read_to_string(file).with_context(|| format!("reading the sale script {file}"))?
    };
    let name = if file == "-" { "from stdin" } else { file };
    let script: SaleScript =
        serde_json::from_str(&text).with_context(|| format!("sale script {name} is not valid"))?;
    let mut ledger = setup::open(paths, config)?;
    let outcome = checkout::sell(&mut ledger, config, &script, config.now())?;
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    Ok(ExitCode::SUCCESS)
}

fn catalog(paths: &Paths, config: &Config, command: CatalogCommand) -> anyhow::Result<ExitCode> {
    let ledger = setup::open(paths, config)?;
    let currency = ledger.currency();
    let locale = config.store.locale;
    match command {
        CatalogCommand::Import { file } => {
            let f = std::fs::File::open(&file).with_context(|| format!("opening {}", file.display()))?;
            let s =
                catalogue::import::import_csv(ledger.conn(), f, currency, &config.barcode.variable_measure)
                    .with_context(|| format!("importing {}", file.display()))?;
            println!(
                "Imported {}: {} added, {} updated, {} barcodes",
                file.display(),
                s.added,
                s.updated,
                s.barcodes
            );
        }
        CatalogCommand::Search { text, limit } => {
            for p in ledger.catalogue()?.search(&text.join(" "), limit)? {
                println!("{:<12} {:>14}  {}", p.sku, p.unit_price.format(locale), p.name);
            }
        }
        CatalogCommand::Lookup { barcode } => {
            let hit = ledger.catalogue()?.scan(&barcode, &config.barcode.variable_measure)?;
            let p = &hit.product;
            println!(
                "{} {} — {} per {} ({} {}%{})",
                p.sku,
                p.name,
                p.unit_price.format(locale),
                p.unit,
                p.tax_class,
                p.tax_rate.percent(),
                if p.price_includes_tax { " incl." } else { " excl." }
            );
            if hit.quantity != kasir_core::Quantity::ONE {
                println!("quantity from barcode: {} {}", hit.quantity, p.unit);
            }
            if let Some(price) = hit.price {
                println!("price from barcode: {}", price.format(locale));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn ledger(paths: &Paths, config: &Config, command: LedgerCommand) -> anyhow::Result<ExitCode> {
    let ledger = setup::open(paths, config)?;
    match command {
        LedgerCommand::Verify => {
            let started = std::time::Instant::now();
            let report = ledger.verify()?;
            let secs = started.elapsed().as_secs_f64();
            let gt = kasir_core::Money::from_minor(report.tip.grand_total, ledger.currency());
            match report.problem {
                None => {
                    println!(
                        "OK: {} documents verified in {secs:.2} s ({:.0}/s); grand total {}; last hash {}",
                        report.documents,
                        report.documents as f64 / secs.max(1e-9),
                        gt.format(config.store.locale),
                        report.tip.hash
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Some(problem) => {
                    println!("FAILED after {} good documents: {problem}", report.documents);
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        LedgerCommand::Show { receipt } => {
            let doc = match receipt.parse::<u64>() {
                Ok(seq) => ledger.document(seq)?,
                Err(_) => ledger.document_by_receipt(&receipt)?,
            };
            let doc = doc.with_context(|| format!("no document {receipt} in this ledger"))?;
            println!("{}", serde_json::to_string_pretty(&doc)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn users_cmd(paths: &Paths, config: &Config, command: UsersCommand) -> anyhow::Result<ExitCode> {
    let ledger = setup::open(paths, config)?;
    match command {
        UsersCommand::Add { code, name, role, pin } => {
            let role = Role::from_code(&role).expect("clap checked the role");
            let user = users::add_user(ledger.conn(), &code, &name, role, &pin)?;
            println!("Added {} {} ({})", user.code, user.name, user.role.code());
        }
        UsersCommand::List => {
            for u in users::list(ledger.conn())? {
                println!("{}  {:<20} {}", u.code, u.name, u.role.code());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
