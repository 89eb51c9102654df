//! X, Z and sales reports as the shop sees them: who may take them, and how they read as
//! text, CSV and PDF. The figures come from the store ([`crate::store::Figures`]); the
//! adding up is kasir-core's `ReportBuilder`.

mod day;
pub mod pdf;
pub mod render;

use chrono::NaiveDate;
use kasir_core::report::Report;

pub use crate::store::figures::{Period, TOP_PRODUCTS};
pub use day::{DayError, close_day, x_report};

use crate::store::{Ledger, LedgerError};

/// Sales by product (and every other breakdown) for dates `from..=to`.
pub fn sales_report(ledger: &Ledger, from: NaiveDate, to: NaiveDate) -> Result<Report, LedgerError> {
    ledger.figures().sales_report(from, to)
}
