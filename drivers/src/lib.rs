//! Kasir's device drivers: receipt printers, cash drawers and barcode scanners, real and
//! simulated. So far: ESC/POS jobs ([`escpos`]), printers over a file, TCP, a Linux printer
//! device or a serial line ([`printer`]), and serial barcode scanners ([`scanner`]).

pub mod drawer;
pub mod escpos;
pub mod hid;
pub mod printer;
pub mod scanner;
pub mod simulated;

use thiserror::Error;

/// A device failure, naming the device.
#[derive(Debug, Error)]
#[error("{device}: {reason}")]
pub struct DeviceError {
    pub device: String,
    pub reason: String,
}
