//! The counter's devices as the terminal uses them: the receipt printer, the cash drawer,
//! and barcode scanners. Device I/O never runs on the ledger's thread.

pub mod drawer;
pub mod printing;
pub mod scanning;
