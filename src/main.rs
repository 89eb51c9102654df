//! `kasir`: the point-of-sale terminal and its headless commands.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use kasir::app::config::Config;
use kasir::app::setup::{self, Paths};
use kasir::devices::printing;
use kasir::reports::{self, render, render::Heading};
use kasir::sale::checkout::{self, SaleScript};
use kasir::sale::returns::{self, ReturnScript};
use kasir::sale::shift;
use kasir::store::{catalogue, users};
use kasir_core::document::Body;
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
enum SyncCommand {
    /// Documents waiting, last successful sync and the last error.
    Status {
        #[arg(long)]
        json: bool,
    },
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
        /// Print the receipt too, as the checkout screen does.
        #[arg(long)]
        print: bool,
        /// The printer (tcp://HOST:PORT, usb:/dev/usb/lpN, file:PATH) instead of the configured one.
        #[arg(long)]
        printer: Option<String>,
    },
    /// Receipts of committed sales.
    Receipt {
        #[command(subcommand)]
        command: ReceiptCommand,
    },
    /// The receipt printer.
    Devices {
        #[command(subcommand)]
        command: DevicesCommand,
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
    /// Take goods back from a JSON script (a file, or - for stdin); prints the refund as JSON.
    Return {
        /// The return script; see examples/return.json.
        #[arg(default_value = "-")]
        file: String,
    },
    /// Swap goods: a return and a new sale settled together (a file, or - for stdin).
    Exchange {
        /// The exchange script; see examples/exchange.json.
        #[arg(default_value = "-")]
        file: String,
    },
    /// Open and close shifts, pay cash in and out.
    Shift {
        #[command(subcommand)]
        command: ShiftCommand,
    },
    /// Send documents to head office and fetch catalogue, prices and stock ([headoffice] in
    /// kasir.toml). Without a subcommand: keep syncing until stopped.
    Sync {
        #[command(subcommand)]
        command: Option<SyncCommand>,
        /// One round only: push everything waiting, pull every change, then exit.
        #[arg(long)]
        once: bool,
    },
    /// X (a reading), Z (close the day) and sales reports; a manager's.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
}

#[derive(Subcommand)]
enum ReceiptCommand {
    /// Print a committed sale's receipt (a second print is marked COPY and recorded).
    Print {
        receipt: String,
        #[arg(long)]
        printer: Option<String>,
    },
}

#[derive(Subcommand)]
enum DevicesCommand {
    /// Print a test page, and say what the printer reports about itself.
    TestPrint {
        #[arg(long)]
        printer: Option<String>,
    },
    /// The serial ports on this machine, with USB vendor and product ids where known.
    List,
    /// What the printer reports: paper, cover, online, the drawer switch.
    Status {
        #[arg(long)]
        printer: Option<String>,
    },
    /// Open the cash drawer without a sale: recorded as a no-sale with the approving manager.
    OpenDrawer {
        /// Who is at the drawer.
        #[arg(long)]
        user: String,
        #[arg(long)]
        manager: String,
        #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
        pin: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        printer: Option<String>,
    },
    /// Print what a serial barcode scanner sends, one scan a line.
    Scan {
        /// serial:/dev/ttyACM0 (or @BAUD), or hid:/dev/input/…; default: [scanner] address.
        #[arg(long)]
        scanner: Option<String>,
        /// What ends a scan: cr, lf, crlf or tab; default: [scanner] suffix.
        #[arg(long)]
        suffix: Option<String>,
        /// Stop after this many scans (default: until interrupted).
        #[arg(long)]
        count: Option<usize>,
    },
}

#[derive(Subcommand)]
enum ShiftCommand {
    /// Open the next shift with the counted float.
    Open {
        #[arg(long)]
        user: String,
        /// The opening float, e.g. 500000.
        #[arg(long)]
        float: String,
    },
    /// Pay cash into the drawer.
    CashIn {
        amount: String,
        #[arg(long)]
        user: String,
        #[arg(long)]
        reason: String,
    },
    /// Take cash out of the drawer.
    CashOut {
        amount: String,
        #[arg(long)]
        user: String,
        #[arg(long)]
        reason: String,
    },
    /// Close the open shift with the drawer's count by denomination (see examples/count.json).
    Close {
        #[arg(long)]
        user: String,
        #[arg(long)]
        count: PathBuf,
    },
    /// The open shift and the cash the drawer should hold now.
    Status,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Csv,
    Json,
    /// A4 pages (needs --output).
    Pdf,
}

#[derive(clap::Args)]
struct ManagerArgs {
    /// The manager's user code.
    #[arg(long)]
    manager: String,
    #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
    pin: String,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Also print it on the receipt printer.
    #[arg(long)]
    print: bool,
    #[arg(long)]
    printer: Option<String>,
}

#[derive(Subcommand)]
enum ReportCommand {
    /// A reading of the open business day; changes nothing.
    X {
        #[command(flatten)]
        who: ManagerArgs,
    },
    /// Close the business day: its report is frozen in the ledger under the next Z number.
    Z {
        #[command(flatten)]
        who: ManagerArgs,
    },
    /// Sales by product, category, hour, cashier and tender for a range of dates.
    Sales {
        #[command(flatten)]
        who: ManagerArgs,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: chrono::NaiveDate,
        /// Last day, YYYY-MM-DD (included).
        #[arg(long)]
        to: chrono::NaiveDate,
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
        Some(Command::Sell { file, print, printer }) => {
            sell(&paths, &config, &file, print, printer.as_deref())
        }
        Some(Command::Receipt { command }) => receipt_cmd(&paths, &config, command),
        Some(Command::Devices { command }) => devices_cmd(&paths, &config, command),
        Some(Command::Catalog { command }) => catalog(&paths, &config, command),
        Some(Command::Ledger { command }) => ledger(&paths, &config, command),
        Some(Command::Users { command }) => users_cmd(&paths, &config, command),
        Some(Command::Return { file }) => return_cmd(&paths, &config, &file),
        Some(Command::Exchange { file }) => exchange_cmd(&paths, &config, &file),
        Some(Command::Shift { command }) => shift_cmd(&paths, &config, command),
        Some(Command::Report { command }) => report_cmd(&paths, &config, command),
        Some(Command::Sync { command, once }) => sync_cmd(&paths, &config, command, once),
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
    let mut config = paths.load_config(explicit)?;
    // Quick keys set at head office replace the configured ones (read at start-up).
    if let Some(keys) = kasir::sync::quick_keys(setup::open(paths, &config)?.conn())? {
        config.quick_keys = keys;
    }
    let terminal = kasir::app::service::Terminal::start(paths.clone(), config.clone())?;
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

/// Reads and parses a JSON script from a file or stdin (`-`), naming it in any error.
fn read_script<T: serde::de::DeserializeOwned>(what: &str, file: &str) -> anyhow::Result<T> {
    let text = if file == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).with_context(|| format!("reading the {what} from stdin"))?;
        s
    } else {
        std::fs::read_to_string(file).with_context(|| format!("reading the {what} {file}"))?
    };
    let name = if file == "-" { "from stdin" } else { file };
    serde_json::from_str(&text).with_context(|| format!("{what} {name} is not valid"))
}

fn sell(
    paths: &Paths,
    config: &Config,
    file: &str,
    print: bool,
    printer: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let script: SaleScript = read_script("sale script", file)?;
    // A printer named wrongly is refused before anything is sold.
    let address = if print { Some(printing::printer_address(config, printer)?) } else { None };
    let mut ledger = setup::open(paths, config)?;
    let outcome = checkout::sell(&mut ledger, config, &script, config.now())?;
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    if let Some(address) = address {
        // The sale is committed whatever the printer does; a failed print stays queued.
        if let Err(e) =
            printing::print_receipt(&ledger, config, &address, &outcome.receipt_number, config.now())
        {
            eprintln!("the sale is committed, but its receipt did not print: {e}");
            return Ok(ExitCode::from(3));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn receipt_cmd(paths: &Paths, config: &Config, command: ReceiptCommand) -> anyhow::Result<ExitCode> {
    let ledger = setup::open(paths, config)?;
    match command {
        ReceiptCommand::Print { receipt, printer } => {
            let address = printing::printer_address(config, printer.as_deref())?;
            let printed = printing::print_receipt(&ledger, config, &address, &receipt, config.now())?;
            println!("{} printed{}", receipt.trim(), if printed.copy { " as a COPY" } else { "" });
            if printed.paper_near_end {
                println!("the printer's paper is running low");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn devices_cmd(paths: &Paths, config: &Config, command: DevicesCommand) -> anyhow::Result<ExitCode> {
    let ledger = setup::open(paths, config)?;
    match command {
        DevicesCommand::TestPrint { printer } => {
            let address = printing::printer_address(config, printer.as_deref())?;
            let text = printing::test_page(config, &address);
            let printed = printing::print_text(&ledger, config, &address, "test", &text, config.now())?;
            println!("test page printed (job {})", printed.job);
            if printed.paper_near_end {
                println!("the printer's paper is running low");
            }
        }
        DevicesCommand::Status { printer } => {
            let address = printing::printer_address(config, printer.as_deref())?;
            let s = printing::printer_status(&address)?;
            let yes = |b: bool| if b { "yes" } else { "no" };
            println!("online: {}", yes(!s.offline));
            println!("paper out: {}; near its end: {}", yes(s.paper_out), yes(s.paper_near_end));
            println!("cover open: {}", yes(s.cover_open));
            println!("drawer switch: {}", if s.drawer_open { "open" } else { "closed (or no switch)" });
        }
        DevicesCommand::OpenDrawer { user, manager, pin, reason, printer } => {
            let address = printing::printer_address(config, printer.as_deref())?;
            let mut ledger = ledger;
            let who = users::find(ledger.conn(), &user).with_context(|| format!("user {user}"))?;
            let approver = users::authenticate_manager(ledger.conn(), &manager, &pin)?;
            let c = checkout::no_sale(&mut ledger, &who, &approver, &reason, config.now())?;
            println!("No-sale recorded as {}", c.receipt_number());
            printing::open_drawer(config, &address)?;
            println!("Drawer opened");
            return Ok(ExitCode::SUCCESS);
        }
        DevicesCommand::List => {
            let ports = kasir_drivers::scanner::list_ports()?;
            if ports.is_empty() {
                println!("No serial ports found.");
            }
            for p in ports {
                match p.usb {
                    Some((vid, pid, product)) => {
                        println!("{}  USB {vid:04x}:{pid:04x} {}", p.path, product.unwrap_or_default())
                    }
                    None => println!("{}", p.path),
                }
            }
        }
        DevicesCommand::Scan { scanner, suffix, count } => {
            let (address, suffix) =
                kasir::devices::scanning::scanner_settings(config, scanner.as_deref(), suffix.as_deref())?;
            eprintln!("Listening on {address}; scan something (Ctrl+C to stop).");
            let mut scans = kasir::devices::scanning::scans(address, suffix, config.scanner.exclusive);
            let mut seen = 0;
            while count.is_none_or(|n| seen < n) {
                match scans.blocking_recv() {
                    Some(kasir::devices::scanning::ScannerEvent::Scan(code)) => {
                        println!("{code}");
                        std::io::Write::flush(&mut std::io::stdout())?;
                        seen += 1;
                    }
                    Some(kasir::devices::scanning::ScannerEvent::Trouble(why)) => eprintln!("{why}"),
                    None => break,
                }
            }
        }
    }
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

fn return_cmd(paths: &Paths, config: &Config, file: &str) -> anyhow::Result<ExitCode> {
    let script: ReturnScript = read_script("return script", file)?;
    let mut ledger = setup::open(paths, config)?;
    if let Some(receipt) = &script.receipt {
        kasir::sync::refresh_sale(config, ledger.path(), receipt)
            .with_context(|| format!("sale {}", receipt.trim()))?;
    }
    let outcome = returns::process(&mut ledger, config, &script, config.now())?;
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    Ok(ExitCode::SUCCESS)
}

fn exchange_cmd(paths: &Paths, config: &Config, file: &str) -> anyhow::Result<ExitCode> {
    let script: kasir::sale::exchange::ExchangeScript = read_script("exchange script", file)?;
    let mut ledger = setup::open(paths, config)?;
    kasir::sync::refresh_sale(config, ledger.path(), &script.receipt)
        .with_context(|| format!("sale {}", script.receipt.trim()))?;
    let outcome = kasir::sale::exchange::exchange(&mut ledger, config, &script, config.now())?;
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    Ok(ExitCode::SUCCESS)
}

fn amount(text: &str, currency: kasir_core::Currency) -> anyhow::Result<kasir_core::Money> {
    kasir_core::Money::parse(text, currency).with_context(|| format!("amount '{text}'"))
}

fn shift_cmd(paths: &Paths, config: &Config, command: ShiftCommand) -> anyhow::Result<ExitCode> {
    let mut ledger = setup::open(paths, config)?;
    let currency = ledger.currency();
    let locale = config.store.locale;
    let user = |ledger: &kasir::store::Ledger, code: &str| {
        users::find(ledger.conn(), code).with_context(|| format!("user {code}"))
    };
    let now = config.now();
    match command {
        ShiftCommand::Open { user: code, float } => {
            let who = user(&ledger, &code)?;
            let float = amount(&float, currency)?;
            let c = shift::open(&mut ledger, &who, float, now)?;
            println!("Shift opened ({}) with a float of {}", c.receipt_number(), float.format(locale));
        }
        ShiftCommand::CashIn { amount: a, user: code, reason } => {
            let who = user(&ledger, &code)?;
            let money = amount(&a, currency)?;
            let c = shift::move_cash(&mut ledger, &who, true, money, &reason, now)?;
            println!("Cash in {} ({})", money.format(locale), c.receipt_number());
        }
        ShiftCommand::CashOut { amount: a, user: code, reason } => {
            let who = user(&ledger, &code)?;
            let money = amount(&a, currency)?;
            let c = shift::move_cash(&mut ledger, &who, false, money, &reason, now)?;
            println!("Cash out {} ({})", money.format(locale), c.receipt_number());
        }
        ShiftCommand::Close { user: code, count } => {
            let who = user(&ledger, &code)?;
            let sheet: shift::CountSheet = read_script("count sheet", &count.display().to_string())?;
            let counts = sheet.denominations(currency)?;
            let c = shift::close(&mut ledger, &who, counts, now)?;
            let Body::ShiftClose(close) = &c.document.body else { unreachable!("a close was committed") };
            let m = |v: i64| kasir_core::Money::from_minor(v, currency).format(locale);
            println!("Shift {} closed ({})", close.shift_no, c.receipt_number());
            println!("  expected  {:>16}", m(close.expected));
            println!("  counted   {:>16}", m(close.counted));
            println!("  over/short{:>16}", m(close.over_short));
        }
        ShiftCommand::Status => match shift::reading(&ledger) {
            Ok((s, flows)) => {
                let m = |v: i64| kasir_core::Money::from_minor(v, currency).format(locale);
                println!("Shift {} open since document {}", s.shift_no, s.opened_seq);
                println!(
                    "  float {}, cash sales {}, change {}, cash in {}, cash out {}, cash refunds {}, voided {}",
                    m(flows.float),
                    m(flows.cash_sales),
                    m(flows.change),
                    m(flows.cash_in),
                    m(flows.cash_out),
                    m(flows.cash_refunds),
                    m(flows.voided_cash)
                );
                println!("  the drawer should hold {}", m(flows.expected()));
            }
            Err(shift::ShiftError::NoneOpen) => println!("No shift is open."),
            Err(e) => return Err(e.into()),
        },
    }
    Ok(ExitCode::SUCCESS)
}

fn report_cmd(paths: &Paths, config: &Config, command: ReportCommand) -> anyhow::Result<ExitCode> {
    let mut ledger = setup::open(paths, config)?;
    let now = config.now();
    let (who, format, output, print) = match &command {
        ReportCommand::X { who } | ReportCommand::Z { who } | ReportCommand::Sales { who, .. } => {
            let print = if who.print {
                Some(printing::printer_address(config, who.printer.as_deref())?)
            } else {
                None
            };
            (
                users::authenticate_manager(ledger.conn(), &who.manager, &who.pin)?,
                who.format,
                who.output.clone(),
                print,
            )
        }
    };
    if matches!(format, Format::Pdf) && output.is_none() {
        anyhow::bail!("--format pdf needs --output FILE");
    }
    let heading = |title: String, period: String| Heading {
        title,
        store: format!("{} ({})", config.store.name, config.store.code),
        terminal: format!("Terminal {}", config.terminal.code),
        period,
        printed_at: now.format("%Y-%m-%d %H:%M").to_string(),
    };
    let (heading, report) = match command {
        ReportCommand::X { .. } => {
            let (period, report) = reports::x_report(ledger.conn(), &who, now)?;
            (heading(format!("X — {}", period.business_date), span(&report)), report)
        }
        ReportCommand::Z { .. } => {
            let committed = reports::close_day(&mut ledger, &who, now)?;
            let receipt = committed.receipt_number().to_owned();
            let Body::DayClose(day) = committed.document.body else { unreachable!("a Z was committed") };
            let title = format!("Z {} — {} ({receipt})", day.z_number, day.business_date);
            (heading(title, span(&day.report)), day.report)
        }
        ReportCommand::Sales { from, to, .. } => {
            if to < from {
                anyhow::bail!("--to {to} is before --from {from}");
            }
            let report = reports::sales_report(ledger.conn(), from, to)?;
            (heading(format!("Sales {from} – {to}"), span(&report)), report)
        }
    };
    let bytes = match format {
        Format::Text => render::text(&heading, &report, config.store.locale).into_bytes(),
        Format::Csv => render::csv(&heading, &report).into_bytes(),
        Format::Json => (render::json(&heading, &report) + "\n").into_bytes(),
        Format::Pdf => reports::pdf::pdf(&render::text(&heading, &report, config.store.locale)),
    };
    match output {
        Some(path) => {
            std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("{} written to {}", heading.title, path.display());
        }
        None => std::io::Write::write_all(&mut std::io::stdout(), &bytes)?,
    }
    if let Some(address) = print {
        let columns = config.printer_profile().map_err(anyhow::Error::msg)?.columns;
        let text = render::text_width(&heading, &report, config.store.locale, columns);
        printing::print_text(&ledger, config, &address, "report", &text, config.now())?;
        eprintln!("{} printed", heading.title);
    }
    Ok(ExitCode::SUCCESS)
}

/// "documents 12–345", or "no documents".
fn span(r: &kasir_core::report::Report) -> String {
    if r.last_seq >= r.first_seq && r.last_seq > 0 {
        format!("documents {}–{}", r.first_seq, r.last_seq)
    } else {
        "no documents".into()
    }
}

fn sync_cmd(
    paths: &Paths,
    config: &Config,
    command: Option<SyncCommand>,
    once: bool,
) -> anyhow::Result<ExitCode> {
    use kasir::sync::{self, SyncSettings, Syncer};
    let ledger = setup::open(paths, config)?;
    if let Some(SyncCommand::Status { json }) = command {
        let s = sync::status(ledger.conn())?;
        if json {
            println!("{}", serde_json::to_string_pretty(&s)?);
        } else {
            match config.headoffice.url.trim() {
                "" => println!("head office: not configured ([headoffice] url in kasir.toml)"),
                url => println!("head office: {url}"),
            }
            println!("documents waiting: {} (head office holds up to {})", s.waiting, s.delivered_seq);
            println!("change feed applied up to: {}", s.feed_cursor);
            // Stored in UTC; shown in the store's own time.
            let local = |t: &Option<String>| match t.as_deref().map(chrono::DateTime::parse_from_rfc3339) {
                Some(Ok(t)) => {
                    t.with_timezone(&config.now().timezone()).format("%Y-%m-%d %H:%M:%S").to_string()
                }
                _ => "never".to_owned(),
            };
            println!("last successful sync: {}", local(&s.last_success_at));
            println!("last attempt: {}", local(&s.last_attempt_at));
            if let Some(e) = &s.last_error {
                println!("last error: {e}");
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let settings = SyncSettings::from_config(config)?
        .context("no head office configured: set [headoffice] url (and token) in kasir.toml")?;
    let path = ledger.path().to_owned();
    drop(ledger);
    let syncer = Syncer::new(settings, &path)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    if once {
        let report = runtime.block_on(syncer.once())?;
        println!(
            "{} documents stored at head office (it holds up to {}); {} changes applied; {} waiting",
            report.stored, report.delivered_seq, report.changes_applied, report.waiting
        );
        return Ok(ExitCode::SUCCESS);
    }
    runtime.block_on(syncer.run(|s| match &s.last_error {
        Some(e) => eprintln!("sync: {} waiting; {e}", s.waiting),
        None => eprintln!("sync: {} waiting; head office holds up to {}", s.waiting, s.delivered_seq),
    }));
    Ok(ExitCode::SUCCESS)
}
