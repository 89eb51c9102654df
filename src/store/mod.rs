//! The terminal's ledger: one SQLite file holding the hash-chained documents, their
//! projections (sale lines, payments, approvals, stock movements), the outbox for head
//! office, and the catalogue.
//!
//! Every document is committed in one durable transaction (WAL, `synchronous=FULL`): the
//! document, its projections and its outbox entry, or nothing. The ledger never updates or
//! deletes a committed row, and the database's own triggers refuse it too.

pub mod cash;
pub mod catalogue;
mod feed;
pub mod figures;
pub mod foreign;
mod ledger;
pub mod migrate;
pub mod parked;
pub mod print_jobs;
mod project;
pub mod receipt_lines;
pub mod rotation;
mod rows;
mod rules;
pub mod side;
pub mod users;
mod verify;

pub use cash::Shift;
pub use figures::Figures;
pub use ledger::*;
pub use migrate::MIGRATIONS;
pub use verify::VerifyReport;
