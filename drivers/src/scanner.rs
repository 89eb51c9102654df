//! Barcode scanners on a serial line (USB scanners in "virtual COM" mode too): each scan is
//! the code followed by a suffix, CR by default. A scanner that sends nothing for a while is
//! not an error: `next_scan` returns `None` so the caller's loop can go on or stop.

use std::io::Read;
use std::time::Duration;

use crate::printer::serial_path;
use crate::{DeviceError, DeviceKind, Fault};

/// What ends a scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Suffix {
    Cr,
    Lf,
    CrLf,
    Tab,
}

impl Suffix {
    pub fn parse(text: &str) -> Option<Suffix> {
        match text.to_ascii_lowercase().as_str() {
            "cr" => Some(Suffix::Cr),
            "lf" => Some(Suffix::Lf),
            "crlf" => Some(Suffix::CrLf),
            "tab" => Some(Suffix::Tab),
            _ => None,
        }
    }

    fn ends(self, b: u8) -> bool {
        match self {
            Suffix::Cr | Suffix::CrLf => b == b'\r',
            Suffix::Lf => b == b'\n',
            Suffix::Tab => b == b'\t',
        }
    }
}

pub struct SerialScanner {
    port: Box<dyn serialport::SerialPort>,
    name: String,
    suffix: Suffix,
    pending: Vec<u8>,
}

impl SerialScanner {
    /// `serial:/dev/ttyACM0` or `serial:/dev/ttyACM0@115200` (9600 baud by default).
    pub fn open(address: &str, suffix: Suffix, poll: Duration) -> Result<SerialScanner, DeviceError> {
        let name = address.to_owned();
        let fail = |fault: Fault| DeviceError::new(DeviceKind::Scanner, address, fault);
        let rest = address
            .strip_prefix("serial:")
            .ok_or_else(|| fail(Fault::Expected("serial:/dev/ttyX (or serial:/dev/ttyX@BAUD)")))?;
        let (path, baud) = serial_path(rest, 9600).map_err(fail)?;
        let port = serialport::new(&path, baud)
            .timeout(poll)
            .open()
            .map_err(|e| fail(crate::printer::open_error(&e)))?;
        Ok(SerialScanner { port, name, suffix, pending: Vec::new() })
    }

    /// The next scan, or `None` when nothing complete arrived within the poll time.
    pub fn next_scan(&mut self) -> Result<Option<String>, DeviceError> {
        loop {
            if let Some(end) = self.pending.iter().position(|&b| self.suffix.ends(b)) {
                let code: Vec<u8> = self.pending.drain(..=end).collect();
                // A CR LF suffix leaves its LF at the start of the next scan.
                let text =
                    String::from_utf8_lossy(&code).trim_matches(|c: char| c.is_whitespace()).to_owned();
                if text.is_empty() {
                    continue;
                }
                return Ok(Some(text));
            }
            let mut buf = [0u8; 256];
            match self.port.read(&mut buf) {
                Ok(0) => return Ok(None),
                Ok(n) => self.pending.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => return Ok(None),
                Err(e) => {
                    return Err(DeviceError::new(
                        DeviceKind::Scanner,
                        self.name.clone(),
                        Fault::ReadFailed(e.to_string()),
                    ));
                }
            }
        }
    }
}

/// A serial port the system knows, with its USB ids where it has them.
#[derive(Clone, Debug)]
pub struct PortInfo {
    pub path: String,
    pub usb: Option<(u16, u16, Option<String>)>,
}

/// The serial ports on this machine.
pub fn list_ports() -> Result<Vec<PortInfo>, DeviceError> {
    let ports = serialport::available_ports()
        .map_err(|e| DeviceError::new(DeviceKind::SerialPorts, "", Fault::ReadFailed(e.to_string())))?;
    Ok(ports
        .into_iter()
        .map(|p| PortInfo {
            path: p.port_name,
            usb: match p.port_type {
                serialport::SerialPortType::UsbPort(u) => Some((u.vid, u.pid, u.product)),
                _ => None,
            },
        })
        .collect())
}
