//! The cash drawer as the terminal uses it. The kick is a job of its own, never a few bytes
//! inside a receipt: a receipt that cannot print (paper out) must not keep the drawer shut on
//! a cash sale. It goes to the printer's drawer port (the printer is asked for its status
//! first, and a printer that cannot print still gets the real-time pulse) or to a serial port
//! of its own. What the drawer did is said to the cashier, and a no-sale records it.

use kasir_core::TenderKind;
use kasir_core::document::{Body, Document, DrawerOutcome};
use kasir_drivers::DeviceError;
use kasir_drivers::printer::{Printer, PrinterAddress};
use thiserror::Error;

use crate::app::config::{Config, Drawer};

/// Why the drawer did not open.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum DrawerError {
    #[error("no cash drawer is configured ([printer] drawer = \"none\")")]
    NotConfigured,
    /// The drawer hangs on the printer's drawer port, and there is no printer to reach it by.
    #[error(
        "the drawer hangs on the printer, and no printer is configured: set [printer] address in kasir.toml, or give --printer"
    )]
    NoPrinter,
    #[error("the drawer did not open: {0}")]
    Device(DeviceError),
}

/// Opens the cash drawer: on its own serial port, or on the drawer port of `printer` (the
/// given or configured printer; `None` when there is none). Device I/O of up to a few
/// seconds: never on the ledger's thread.
pub fn open(config: &Config, printer: Option<&PrinterAddress>) -> Result<(), DrawerError> {
    match &config.printer.drawer {
        Drawer::None => Err(DrawerError::NotConfigured),
        Drawer::Serial(port) => kasir_drivers::drawer::kick_serial(port).map_err(DrawerError::Device),
        Drawer::PrinterPin(pin) => {
            let address = printer.ok_or(DrawerError::NoPrinter)?;
            Printer::open(address).and_then(|mut p| p.kick_drawer(*pin)).map_err(DrawerError::Device)
        }
    }
}

/// What an attempt to open the drawer comes to, as a document records it.
pub fn outcome(result: &Result<(), DrawerError>) -> DrawerOutcome {
    match result {
        Ok(()) => DrawerOutcome::Opened,
        Err(DrawerError::NotConfigured) => DrawerOutcome::NotConfigured,
        Err(DrawerError::Device(e)) => DrawerOutcome::DidNotOpen { reason: e.to_string() },
        Err(e) => DrawerOutcome::DidNotOpen { reason: e.to_string() },
    }
}

/// Whether a committed document opens the drawer: a sale that took cash, a return refunded
/// in cash. Nothing else does (a card sale, a copy of a receipt, a report).
pub fn takes_cash(doc: &Document) -> bool {
    match &doc.body {
        Body::Sale(sale) => sale.tenders.iter().any(|t| t.kind == TenderKind::Cash),
        Body::Return(ret) => ret.refunds.iter().any(|t| t.kind == TenderKind::Cash && t.amount != 0),
        _ => false,
    }
}

/// Opens the drawer for a committed sale or return that moved cash; `None` when it moved
/// none (the drawer stays shut and nothing is said). The printer is the one given, else the
/// configured one.
pub fn open_for(
    config: &Config,
    doc: &Document,
    printer: Option<&PrinterAddress>,
) -> Option<Result<(), DrawerError>> {
    takes_cash(doc).then(|| open(config, printer.or(config.printer.address.as_ref())))
}
