//! Kasir's device drivers: receipt printers, cash drawers and barcode scanners, real and
//! simulated. Grows with the hardware issue; for now only the shared error type.

use thiserror::Error;

/// A device failure, naming the device.
#[derive(Debug, Error)]
#[error("{device}: {reason}")]
pub struct DeviceError {
    pub device: String,
    pub reason: String,
}
