//! The serial barcode scanner as the terminal uses it: its settings, and a stream of scans
//! read on a thread of its own (the serial read blocks), for the checkout screen to take like
//! codes typed into the scan field.

use std::time::Duration;

use kasir_drivers::scanner::{SerialScanner, Suffix};
use kasir_drivers::{DeviceError, DeviceKind, Fault};

use crate::app::config::{Config, ScannerConfig};
use crate::messages::Said;

/// The scanner's address and suffix: those given, else the configured ones.
pub fn scanner_settings(
    config: &Config,
    address: Option<&str>,
    suffix: Option<&str>,
) -> Result<(String, Suffix), DeviceError> {
    let fail = |fault: Fault| DeviceError::new(DeviceKind::Scanner, "", fault);
    let address = match address {
        Some(given) => ScannerConfig::parse_address(given).map_err(|e| fail(Fault::Setting(e)))?,
        None => config.scanner.address.clone(),
    };
    let address = address.ok_or_else(|| fail(Fault::NoScanner))?;
    let suffix = match suffix {
        Some(given) => ScannerConfig::parse_suffix(given).map_err(|e| fail(Fault::Setting(e)))?,
        None => config.scanner.suffix,
    };
    Ok((address, suffix))
}

/// What the scanner thread reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScannerEvent {
    Scan(String),
    /// The scanner failed (unplugged, say); reading goes on trying to open it again.
    Trouble(Said),
}

/// Scans from the serial scanner at `address`, for as long as the receiver is kept. A
/// scanner that cannot be opened or fails is reported once per failure and tried again every
/// two seconds, so plugging it back in brings it back.
pub fn scans(
    address: String,
    suffix: Suffix,
    exclusive: bool,
) -> tokio::sync::mpsc::UnboundedReceiver<ScannerEvent> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    std::thread::spawn(move || {
        if let Some(path) = address.strip_prefix("hid:") {
            return read_hid(path, exclusive, &tx);
        }
        keep_reading(
            &tx,
            || SerialScanner::open(&address, suffix, Duration::from_millis(250)),
            |device| device.next_scan(),
        )
    });
    rx
}

/// Reads scans from the device `open` gives until the receiver is dropped; a device that
/// fails or cannot be opened is reported and opened again two seconds later. `next` gives
/// `None` when nothing came within its poll time.
fn keep_reading<D>(
    tx: &tokio::sync::mpsc::UnboundedSender<ScannerEvent>,
    mut open: impl FnMut() -> Result<D, DeviceError>,
    mut next: impl FnMut(&mut D) -> Result<Option<String>, DeviceError>,
) {
    loop {
        let trouble = match open() {
            Ok(mut device) => loop {
                match next(&mut device) {
                    Ok(Some(code)) => {
                        if tx.send(ScannerEvent::Scan(code)).is_err() {
                            return;
                        }
                    }
                    Ok(None) if tx.is_closed() => return,
                    Ok(None) => {}
                    Err(e) => break e,
                }
            },
            Err(e) => e,
        };
        if tx.send(ScannerEvent::Trouble(Said::new(trouble))).is_err() {
            return;
        }
        std::thread::sleep(Duration::from_secs(2));
        if tx.is_closed() {
            return;
        }
    }
}

/// A keyboard-like scanner read from its input device (Linux).
#[cfg(target_os = "linux")]
fn read_hid(path: &str, exclusive: bool, tx: &tokio::sync::mpsc::UnboundedSender<ScannerEvent>) {
    keep_reading(
        tx,
        || kasir_drivers::hid::HidScanner::open(path, exclusive),
        |device| device.next_scan().map(Some),
    )
}

#[cfg(not(target_os = "linux"))]
fn read_hid(_: &str, _: bool, tx: &tokio::sync::mpsc::UnboundedSender<ScannerEvent>) {
    let _ = tx.send(ScannerEvent::Trouble(Said::new(crate::messages::Text::HidLinuxOnly)));
}
