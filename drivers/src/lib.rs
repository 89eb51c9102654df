//! Kasir's device drivers: receipt printers, cash drawers and barcode scanners, real and
//! simulated. So far: ESC/POS jobs ([`escpos`]) with their code pages ([`codepage`]) and
//! CODE128 barcodes sized to the paper ([`code128`]), printers over a file, TCP, a Linux
//! printer device or a serial line ([`printer`]), drawers ([`drawer`]), and serial and HID
//! barcode scanners ([`scanner`], [`hid`]).
//!
//! Every failure is a [`DeviceError`]: which device, and a typed [`Fault`], so the terminal
//! can say it in the cashier's language (its message catalogue words each fault); the
//! English `Display` is for logs and the print queue's record.

pub mod code128;
pub mod codepage;
pub mod drawer;
pub mod escpos;
pub mod hid;
pub mod printer;
pub mod scanner;
pub mod simulated;

use thiserror::Error;

/// A device failure, naming the device.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{device}: {fault}")]
pub struct DeviceError {
    pub device: Device,
    pub fault: Fault,
}

impl DeviceError {
    pub fn new(kind: DeviceKind, address: impl Into<String>, fault: Fault) -> DeviceError {
        DeviceError { device: Device { kind, address: address.into() }, fault }
    }
}

/// Which device: its kind and its address as written (`tcp://…`, `serial:…`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    pub kind: DeviceKind,
    pub address: String,
}

impl std::fmt::Display for Device {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.kind {
            DeviceKind::Printer => "printer",
            DeviceKind::Drawer => "drawer",
            DeviceKind::Scanner => "scanner",
            DeviceKind::SerialPorts => "serial ports",
        };
        match self.address.as_str() {
            "" => f.write_str(kind),
            address => write!(f, "{kind} {address}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceKind {
    Printer,
    Drawer,
    Scanner,
    /// The machine's list of serial ports.
    SerialPorts,
}

/// What went wrong with a device, in terms a shop can act on.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum Fault {
    /// The address is not written as one of the forms this device takes (listed).
    #[error("expected {0}")]
    Expected(&'static str),
    #[error("give the port too, e.g. tcp://192.168.1.50:9100")]
    NoPort,
    #[error("'{0}' is not a baud rate")]
    BadBaud(String),
    #[error("cannot resolve: {0}")]
    Resolve(String),
    #[error("cannot connect: {0}")]
    Connect(String),
    #[error("cannot open: the port is busy (another program has it open)")]
    Busy,
    #[error("cannot open: no such port (is it plugged in?)")]
    NoSuchPort,
    #[error("cannot open: {0}")]
    Open(String),
    /// A HID scanner could not be taken for Kasir alone (another program grabbed it).
    #[error("cannot take it for Kasir alone: {0}")]
    Grab(String),
    /// The link is up but the device said nothing in time (a printer switched off behind a
    /// network adapter, a wrong serial speed).
    #[error("no answer within {secs} s")]
    NoAnswer { secs: u64 },
    /// The connection broke while talking to the device.
    #[error("the connection broke: {0}")]
    Link(String),
    #[error("paper out")]
    PaperOut,
    #[error("cover open")]
    CoverOpen,
    #[error("offline")]
    Offline,
    #[error("the job did not go through: {0}")]
    NotSent(String),
    #[error("the printer did not confirm the job: {0}")]
    NotConfirmed(Box<Fault>),
    #[error("paper ran out during the job")]
    PaperRanOut,
    #[error("the pulse did not go out: {0}")]
    PulseNotSent(String),
    #[error("read failed: {0}")]
    ReadFailed(String),
    /// No scanner address configured or given.
    #[error("no serial scanner is configured: set [scanner] address in kasir.toml, or give --scanner")]
    NoScanner,
    /// A device setting that does not read (the config's own words).
    #[error("{0}")]
    Setting(String),
}
