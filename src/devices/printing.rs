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

use crate::app::config::Config;
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
}

impl PrintJob {
    /// The job as the printer gets it, and its readable copy.
    pub fn job(&self) -> &Job {
        &self.job
    }
}

/// How sending a job went, before it is recorded.
#[derive(Debug)]
pub struct Delivery {
    result: Result<bool, kasir_drivers::DeviceError>,
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
    // A job that failed before is the one to print now: once. The drawer is not in it: it
    // opens as a job of its own when the sale is paid (`devices::drawer`), whatever the paper.
    let QueuedReceipt { job_id, copy } = ledger.queue_receipt(seq, &describe(address), now)?;
    let mut job = new_job(config)?;
    if copy {
        job.align(Align::Center).bold(true).line(copy_mark(config)).bold(false).align(Align::Left);
    }
    for line in &lines {
        job.line(line);
    }
    job.align(Align::Center).code128(&doc.header.receipt_number).line("").align(Align::Left);
    finish(&mut job, config)?;
    Ok(PrintJob { job_id, copy, address: address.clone(), job })
}

/// Sends a prepared job to the printer. Touches no ledger: it may run on any thread.
pub fn deliver(prepared: &PrintJob) -> Delivery {
    let result =
        Printer::open(&prepared.address).and_then(|mut p| p.print(&prepared.job)).map(|s| s.paper_near_end);
    Delivery { result }
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
    Ok(Printed { job: prepared.job_id, copy: prepared.copy, paper_near_end: near_end })
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
    Ok(PrintJob { job_id, copy: false, address: address.clone(), job })
}

/// A job in the profile's code page.
fn new_job(config: &Config) -> Result<Job, PrintError> {
    let profile = &config.printer.profile;
    let code_page = CodePage::parse(&profile.code_page)
        .ok_or_else(|| PrintError::Settings(format!("code page '{}' is not known", profile.code_page)))?;
    Ok(Job::new(code_page, profile.paper()))
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
            ledger.print_failed(job_id, &source.fault.to_string())?;
            Err(PrintError::Device { job: job_id, source })
        }
    }
}
