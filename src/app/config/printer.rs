//! The receipt printer's settings: its address, its paper (a built-in profile) and where
//! the cash drawer hangs.

use kasir_drivers::printer::PrinterAddress;
use serde::Deserialize;

/// The printer profiles built into Kasir.
pub const PRINTER_PROFILES: &str = include_str!("../../../config/printers.toml");

/// The receipt printer, as configured.
#[derive(Clone, Debug)]
pub struct PrinterSettings {
    /// `None` when there is no printer.
    pub address: Option<PrinterAddress>,
    pub profile: PrinterProfile,
    pub drawer: Drawer,
}

/// Where the cash drawer is connected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drawer {
    None,
    /// On the printer's drawer port: pin 2 (0) or pin 5 (1).
    PrinterPin(u8),
    /// On a serial port of its own: `serial:/dev/ttyS1`.
    Serial(String),
}

impl Drawer {
    pub fn parse(text: &str) -> Result<Drawer, String> {
        match text.trim() {
            "pin2" => Ok(Drawer::PrinterPin(0)),
            "pin5" => Ok(Drawer::PrinterPin(1)),
            "none" => Ok(Drawer::None),
            serial if serial.starts_with("serial:") => Ok(Drawer::Serial(serial.to_owned())),
            other => Err(format!("printer.drawer '{other}' must be pin2, pin5, serial:/dev/ttyX or none")),
        }
    }

    /// The printer's drawer pin (0 = pin 2, 1 = pin 5) when the drawer hangs on the printer.
    pub fn printer_pin(&self) -> Option<u8> {
        match self {
            Drawer::PrinterPin(pin) => Some(*pin),
            Drawer::Serial(_) | Drawer::None => None,
        }
    }
}

/// A receipt printer's paper and abilities.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PrinterProfile {
    pub name: String,
    pub description: String,
    pub paper_mm: u32,
    pub columns: usize,
    /// Dots the print head reaches across (8 a millimetre): what a barcode must fit in.
    pub dots: u32,
    pub code_page: String,
    pub cut: bool,
}

impl PrinterProfile {
    /// The paper as a print job lays it out.
    pub fn paper(&self) -> kasir_drivers::escpos::Paper {
        kasir_drivers::escpos::Paper::new(self.paper_mm, self.columns, self.dots)
    }
}

#[derive(Deserialize)]
struct Profiles {
    profile: Vec<PrinterProfile>,
}

/// Every built-in profile.
pub fn printer_profiles() -> Vec<PrinterProfile> {
    // Built into the binary and parsed by a unit test: an empty list only if that test fails.
    toml::from_str::<Profiles>(PRINTER_PROFILES).map(|p| p.profile).unwrap_or_default()
}

/// The built-in profile called `name`.
pub fn printer_profile(name: &str) -> Result<PrinterProfile, String> {
    let all = printer_profiles();
    let names: Vec<String> = all.iter().map(|p| p.name.clone()).collect();
    all.into_iter()
        .find(|p| p.name == name)
        .ok_or_else(|| format!("printer.profile '{name}' is not one of {}", names.join(", ")))
}

/// A printer address as written in the config or on the command line; empty is none.
pub fn printer_address(text: &str) -> Result<Option<PrinterAddress>, String> {
    match text.trim() {
        "" => Ok(None),
        text => PrinterAddress::parse(text).map(Some).map_err(|e| format!("printer.address: {e}")),
    }
}
