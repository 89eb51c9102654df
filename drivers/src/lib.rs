//! Kasir's device drivers: receipt printers, cash drawers and barcode scanners, real and
//! simulated. So far: ESC/POS jobs ([`escpos`]) and printers over a file, TCP or a Linux
//! printer device ([`printer`]); serial devices and scanners come next.

pub mod escpos;
pub mod printer;

use thiserror::Error;

/// A device failure, naming the device.
#[derive(Debug, Error)]
#[error("{device}: {reason}")]
pub struct DeviceError {
    pub device: String,
    pub reason: String,
}
