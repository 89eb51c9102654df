//! The counter's devices as the terminal uses them: the receipt printer and its drawer, and
//! barcode scanners. Device I/O never runs on the ledger's thread.

pub mod printing;
pub mod scanning;
