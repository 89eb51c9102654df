//! X, Z and sales reports as the shop sees them: who may take them, and how they read as
//! text, CSV, JSON and PDF, and how they are saved. The figures come from the store
//! ([`crate::store::Figures`]); the adding up is kasir-core's `ReportBuilder`.

mod day;
mod file;
mod page;
pub mod pdf;
pub mod render;

use chrono::NaiveDate;
use kasir_core::report::Report;
use thiserror::Error;

pub use crate::store::figures::{Period, TOP_PRODUCTS};
pub use day::{DayError, close_day, x_report};
pub use file::{ReportKind, SaveError, folder, save_new};

use crate::store::{Ledger, LedgerError};

/// Sales by product (and every other breakdown) for dates `from..=to`.
pub fn sales_report(ledger: &Ledger, from: NaiveDate, to: NaiveDate) -> Result<Report, LedgerError> {
    ledger.figures().sales_report(from, to)
}

/// What a report command can refuse besides the day's own rules.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error("--format pdf needs --output FILE, or --save for the data directory's reports/")]
    PdfNeedsAFile,
    #[error("--to {to} is before --from {from}")]
    ToBeforeFrom { from: NaiveDate, to: NaiveDate },
}
