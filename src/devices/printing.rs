//! Printing receipts, reports and test pages on the receipt printer (kasir-drivers), with a
//! job queue in the ledger file: a job is queued before it is sent and marked printed only
//! when the printer took it. A failed job keeps its reason and is what the next attempt
//! prints, so a retry never prints twice; a receipt printed before is marked COPY, and every
//! print of it is kept.

use chrono::{DateTime, FixedOffset};
use kasir_drivers::DeviceError;
use kasir_drivers::escpos::{Align, CodePage, Job};
use kasir_drivers::printer::{Printer, PrinterAddress};
use thiserror::Error;

use crate::app::config::{Config, Drawer};
use crate::sale::receipt;
use crate::store::print_jobs::QueuedReceipt;
use crate::store::{Ledger, LedgerError};

#[derive(Debug, Error)]
pub enum PrintError {
    #[error("no printer is configured: set [printer] address in kasir.toml, or give --printer")]
    NotConfigured,
    #[error("no receipt {0} in this ledger")]
    UnknownReceipt(String),
    #[error("{0} is not a sale; only sale receipts print for now")]
    NotASale(String),
    /// The job stays queued; printing it again sends it once.
    #[error("{source} (job {job} is kept and printed when you try again)")]
    Device { job: i64, source: DeviceError },
    #[error("{0}")]
    Address(DeviceError),
    #[error("printer settings: {0}")]
    Settings(String),
    #[error("no cash drawer is configured ([printer] drawer = \"none\")")]
    NoDrawer,
    #[error("the drawer did not open: {0}")]
    Drawer(DeviceError),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

/// Which printer: the one given, else the configured one.
pub fn printer_address(config: &Config, given: Option<&str>) -> Result<PrinterAddress, PrintError> {
    match given.map(str::trim).filter(|g| !g.is_empty()) {
        Some(text) => PrinterAddress::parse(text).map_err(PrintError::Address),
        None => config.printer.address.clone().ok_or(PrintError::NotConfigured),
    }
}

/// What a print did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Printed {
    pub job: i64,
    pub copy: bool,
    /// The printer's paper is running low (print anyway, but say so).
    pub paper_near_end: bool,
    /// Why a drawer on its own port did not open, if it did not.
    pub drawer_trouble: Option<String>,
}

/// A print made ready on the ledger's thread (a receipt, a report, a test page): queued in
/// `print_jobs`, its bytes built. Sending it is device I/O that may take seconds
/// ([`deliver`]), so the screen runs it on a thread of its own and records the outcome
/// afterwards ([`record`]).
#[derive(Clone, Debug)]
pub struct PrintJob {
    pub job_id: i64,
    pub copy: bool,
    address: PrinterAddress,
    job: Job,
    /// The drawer on its own serial port, to open once the receipt is out.
    serial_drawer: Option<String>,
}

/// How sending a job went, before it is recorded.
#[derive(Debug)]
pub struct Delivery {
    result: Result<bool, kasir_drivers::DeviceError>,
    drawer_trouble: Option<String>,
}

/// Prints a committed sale's receipt: the first time as the original, after that as COPY.
pub fn print_receipt(
    ledger: &Ledger,
    config: &Config,
    address: &PrinterAddress,
    receipt_number: &str,
    now: DateTime<FixedOffset>,
) -> Result<Printed, PrintError> {
    deliver_here(ledger, &prepare_receipt(ledger, config, address, receipt_number, now)?, now)
}

/// Queues a receipt (or takes the one that failed before) and builds its bytes.
pub fn prepare_receipt(
    ledger: &Ledger,
    config: &Config,
    address: &PrinterAddress,
    receipt_number: &str,
    now: DateTime<FixedOffset>,
) -> Result<PrintJob, PrintError> {
    let doc = ledger
        .document_by_receipt(receipt_number)?
        .ok_or_else(|| PrintError::UnknownReceipt(receipt_number.trim().to_owned()))?;
    let seq = doc.header.seq;
    let profile = &config.printer.profile;
    let kasir_core::document::Body::Sale(sale) = &doc.body else {
        return Err(PrintError::NotASale(receipt_number.trim().to_owned()));
    };
    let lines = receipt::sale_lines(&doc, sale, config, &ledger.receipt_lines()?, profile.columns);
    let took_cash = sale.tenders.iter().any(|t| t.kind == kasir_core::TenderKind::Cash);
    // A job that failed before is the one to print now: once.
    let QueuedReceipt { job_id, copy } = ledger.queue_receipt(seq, &describe(address), now)?;
    let mut job = new_job(config)?;
    // The drawer opens with the original receipt of a sale that took cash: never on a copy.
    if let (false, true, Some(pin)) = (copy, took_cash, config.printer.drawer.printer_pin()) {
        job.kick_drawer(pin);
    }
    if copy {
        job.align(Align::Center).bold(true).line(copy_mark(config)).bold(false).align(Align::Left);
    }
    for line in &lines {
        job.line(line);
    }
    job.align(Align::Center).code128(&doc.header.receipt_number).line("").align(Align::Left);
    finish(&mut job, config)?;
    let serial_drawer = match (copy, took_cash, &config.printer.drawer) {
        (false, true, Drawer::Serial(port)) => Some(port.clone()),
        _ => None,
    };
    Ok(PrintJob { job_id, copy, address: address.clone(), job, serial_drawer })
}

/// Sends a prepared job to the printer (and, for a receipt, opens a drawer on its own port
/// once it is out). Touches no ledger: it may run on any thread.
pub fn deliver(prepared: &PrintJob) -> Delivery {
    let result =
        Printer::open(&prepared.address).and_then(|mut p| p.print(&prepared.job)).map(|s| s.paper_near_end);
    // If the drawer does not open, the receipt still printed, and the cashier is told.
    let drawer_trouble = match (&result, &prepared.serial_drawer) {
        (Ok(_), Some(port)) => kasir_drivers::drawer::kick_serial(port).err().map(|e| e.to_string()),
        _ => None,
    };
    Delivery { result, drawer_trouble }
}

/// Sends a prepared job and records how it went, both on this thread: for the headless
/// commands, which have no next scan to hold up.
fn deliver_here(
    ledger: &Ledger,
    prepared: &PrintJob,
    now: DateTime<FixedOffset>,
) -> Result<Printed, PrintError> {
    record(ledger, prepared, deliver(prepared), now)
}

/// Records how a delivery went on its queued job.
pub fn record(
    ledger: &Ledger,
    prepared: &PrintJob,
    delivery: Delivery,
    now: DateTime<FixedOffset>,
) -> Result<Printed, PrintError> {
    let near_end = record_outcome(ledger, prepared.job_id, delivery.result, now)?;
    Ok(Printed {
        job: prepared.job_id,
        copy: prepared.copy,
        paper_near_end: near_end,
        drawer_trouble: delivery.drawer_trouble,
    })
}

/// Prints text lines (an X or Z report, a test page) as a job of its own, all on this thread
/// (the headless commands; the screens prepare, deliver and record apart).
pub fn print_text(
    ledger: &Ledger,
    config: &Config,
    address: &PrinterAddress,
    what: &str,
    text: &str,
    now: DateTime<FixedOffset>,
) -> Result<Printed, PrintError> {
    deliver_here(ledger, &prepare_text(ledger, config, address, what, text, now)?, now)
}

/// Queues text lines as a job (`what`: "report", "test") and builds its bytes.
pub fn prepare_text(
    ledger: &Ledger,
    config: &Config,
    address: &PrinterAddress,
    what: &str,
    text: &str,
    now: DateTime<FixedOffset>,
) -> Result<PrintJob, PrintError> {
    let job_id = ledger.queue_print(what, &describe(address), now)?;
    let mut job = new_job(config)?;
    for line in text.lines() {
        job.line(line);
    }
    finish(&mut job, config)?;
    Ok(PrintJob { job_id, copy: false, address: address.clone(), job, serial_drawer: None })
}

/// A job in the profile's code page.
fn new_job(config: &Config) -> Result<Job, PrintError> {
    let profile = &config.printer.profile;
    let code_page = CodePage::parse(&profile.code_page)
        .ok_or_else(|| PrintError::Settings(format!("code page '{}' is not known", profile.code_page)))?;
    Ok(Job::new(code_page))
}

/// Cut where the printer has a cutter; feed to tear off where it has not.
fn finish(job: &mut Job, config: &Config) -> Result<(), PrintError> {
    if config.printer.profile.cut {
        job.cut();
    } else {
        job.feed(4);
    }
    Ok(())
}

/// Opens the cash drawer, on the printer's drawer port or on its own serial port. Only for
/// a cash sale, a cash refund or a manager-approved no-sale: the callers record that first.
pub fn open_drawer(config: &Config, address: &PrinterAddress) -> Result<(), PrintError> {
    match &config.printer.drawer {
        Drawer::None => Err(PrintError::NoDrawer),
        Drawer::Serial(port) => kasir_drivers::drawer::kick_serial(port).map_err(PrintError::Drawer),
        Drawer::PrinterPin(pin) => {
            let mut job = new_job(config)?;
            job.kick_drawer(*pin);
            Printer::open(address).and_then(|mut p| p.print(&job)).map(|_| ()).map_err(PrintError::Drawer)
        }
    }
}

/// What the printer says about itself.
pub fn printer_status(
    address: &PrinterAddress,
) -> Result<kasir_drivers::printer::PrinterStatus, DeviceError> {
    Printer::open(address)?.status()
}

/// A test page: the store, the printer, the code page and a barcode.
pub fn test_page(config: &Config, address: &PrinterAddress) -> String {
    let w = config.printer.profile.columns;
    [
        receipt::center("KASIR — TEST PRINT", w),
        receipt::center(&config.store.name, w),
        receipt::pair("Printer", &describe(address), w),
        receipt::pair("Profile", &config.printer.profile.name, w),
        "ÀÉÎÕÜ àéîõü ñ ç € — Rp 12.500".to_owned(),
        "0123456789".repeat(w / 10 + 1)[..w].to_owned(),
    ]
    .join("\n")
}

fn copy_mark(config: &Config) -> &'static str {
    match config.store.locale {
        kasir_core::Locale::Id => "*** SALINAN / COPY ***",
        kasir_core::Locale::En => "*** COPY ***",
    }
}

fn describe(address: &PrinterAddress) -> String {
    address.to_string()
}

fn record_outcome(
    ledger: &Ledger,
    job_id: i64,
    result: Result<bool, kasir_drivers::DeviceError>,
    now: DateTime<FixedOffset>,
) -> Result<bool, PrintError> {
    match result {
        Ok(near_end) => {
            ledger.print_done(job_id, now)?;
            Ok(near_end)
        }
        Err(source) => {
            ledger.print_failed(job_id, &source.reason)?;
            Err(PrintError::Device { job: job_id, source })
        }
    }
}
