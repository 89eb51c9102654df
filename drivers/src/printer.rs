//! Receipt printers: where a printer is (an address), how bytes reach it (a link), and what
//! it says about itself (real-time status). Every failure names the printer and the reason;
//! nothing here blocks for long (connections, writes and status reads have time limits).

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::time::Duration;

use crate::DeviceError;
use crate::escpos::{Job, status_query};

const CONNECT: Duration = Duration::from_secs(3);
const IO: Duration = Duration::from_secs(3);

/// Where a printer is: `file:PATH` (writes the bytes, and a readable copy to PATH.txt),
/// `tcp://HOST:PORT` (a network printer, usually port 9100), `usb:/dev/usb/lp0` (a Linux
/// printer device) or `serial:/dev/ttyUSB0` (at 9600 baud; `serial:/dev/ttyS0@38400` for
/// another speed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrinterAddress {
    File(PathBuf),
    Tcp(String),
    Device(PathBuf),
    Serial { path: String, baud: u32 },
}

/// `PATH` or `PATH@BAUD`, as serial devices are written.
pub fn serial_path(text: &str, default_baud: u32) -> Result<(String, u32), String> {
    match text.rsplit_once('@') {
        Some((path, baud)) => {
            let baud = baud.parse().map_err(|_| format!("'{baud}' is not a baud rate"))?;
            Ok((path.to_owned(), baud))
        }
        None => Ok((text.to_owned(), default_baud)),
    }
}

/// The address as it is written in a config (`PrinterAddress::parse` reads it back).
impl std::fmt::Display for PrinterAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrinterAddress::File(p) => write!(f, "file:{}", p.display()),
            PrinterAddress::Tcp(h) => write!(f, "tcp://{h}"),
            PrinterAddress::Device(p) => write!(f, "usb:{}", p.display()),
            PrinterAddress::Serial { path, baud } => write!(f, "serial:{path}@{baud}"),
        }
    }
}

impl PrinterAddress {
    pub fn parse(text: &str) -> Result<PrinterAddress, DeviceError> {
        let bad = |reason: &str| DeviceError { device: format!("printer '{text}'"), reason: reason.into() };
        if let Some(path) = text.strip_prefix("file:") {
            Ok(PrinterAddress::File(path.into()))
        } else if let Some(host) = text.strip_prefix("tcp://") {
            if !host.contains(':') {
                return Err(bad("give the port too, e.g. tcp://192.168.1.50:9100"));
            }
            Ok(PrinterAddress::Tcp(host.trim_end_matches('/').into()))
        } else if let Some(path) = text.strip_prefix("usb:") {
            Ok(PrinterAddress::Device(path.into()))
        } else if let Some(rest) = text.strip_prefix("serial:") {
            let (path, baud) = serial_path(rest, 9600).map_err(|e| bad(&e))?;
            Ok(PrinterAddress::Serial { path, baud })
        } else {
            Err(bad("expected file:PATH, tcp://HOST:PORT, usb:/dev/usb/lpN or serial:/dev/ttyX"))
        }
    }

    fn name(&self) -> String {
        match self {
            PrinterAddress::File(p) => format!("printer file:{}", p.display()),
            PrinterAddress::Tcp(h) => format!("printer tcp://{h}"),
            PrinterAddress::Device(p) => format!("printer usb:{}", p.display()),
            PrinterAddress::Serial { path, .. } => format!("printer serial:{path}"),
        }
    }
}

/// What a printer reports about itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PrinterStatus {
    pub offline: bool,
    pub cover_open: bool,
    pub paper_out: bool,
    pub paper_near_end: bool,
    /// The drawer-open switch (bit 2 of DLE EOT 1: pin 3 of the drawer connector), where the
    /// drawer has one.
    pub drawer_open: bool,
}

impl PrinterStatus {
    /// Why a job cannot print now, if it cannot.
    pub fn blocker(&self) -> Option<&'static str> {
        if self.paper_out {
            Some("paper out")
        } else if self.cover_open {
            Some("cover open")
        } else if self.offline {
            Some("offline")
        } else {
            None
        }
    }

    /// From the answers to DLE EOT 1, 2 and 4 (Epson: bit 3 of 1 = offline; bit 2 of 2 =
    /// cover open, bit 5 of 2 = stopped for paper end; bits 5–6 of 4 = paper end, bits 2–3 =
    /// near end).
    pub fn from_bytes(printer: u8, offline_cause: u8, paper: u8) -> PrinterStatus {
        PrinterStatus {
            offline: printer & 0x08 != 0,
            cover_open: offline_cause & 0x04 != 0,
            paper_out: paper & 0x60 != 0 || offline_cause & 0x20 != 0,
            paper_near_end: paper & 0x0C != 0,
            drawer_open: printer & 0x04 != 0,
        }
    }
}

/// An open connection to a printer.
pub enum Printer {
    File { path: PathBuf, name: String },
    Tcp { stream: TcpStream, name: String },
    Device { file: std::fs::File, name: String },
    Serial { port: Box<dyn serialport::SerialPort>, name: String },
}

impl Printer {
    pub fn open(address: &PrinterAddress) -> Result<Printer, DeviceError> {
        let name = address.name();
        let fail = |reason: String| DeviceError { device: name.clone(), reason };
        match address {
            PrinterAddress::File(path) => Ok(Printer::File { path: path.clone(), name }),
            PrinterAddress::Tcp(host) => {
                let addr = host
                    .to_socket_addrs()
                    .map_err(|e| fail(format!("cannot resolve: {e}")))?
                    .next()
                    .ok_or_else(|| fail("no address".into()))?;
                let stream = TcpStream::connect_timeout(&addr, CONNECT)
                    .map_err(|e| fail(format!("cannot connect: {e}")))?;
                stream.set_write_timeout(Some(IO)).map_err(|e| fail(e.to_string()))?;
                stream.set_read_timeout(Some(IO)).map_err(|e| fail(e.to_string()))?;
                Ok(Printer::Tcp { stream, name })
            }
            PrinterAddress::Device(path) => {
                let file = std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open(path)
                    .map_err(|e| fail(format!("cannot open: {e}")))?;
                Ok(Printer::Device { file, name })
            }
            PrinterAddress::Serial { path, baud } => {
                let port =
                    serialport::new(path, *baud).timeout(IO).open().map_err(|e| fail(open_error(&e)))?;
                Ok(Printer::Serial { port, name })
            }
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Printer::File { name, .. }
            | Printer::Tcp { name, .. }
            | Printer::Device { name, .. }
            | Printer::Serial { name, .. } => name,
        }
    }

    fn fail(&self, reason: impl Into<String>) -> DeviceError {
        DeviceError { device: self.name().to_owned(), reason: reason.into() }
    }

    /// Asks the printer how it is (a file printer is always ready).
    pub fn status(&mut self) -> Result<PrinterStatus, DeviceError> {
        let ask = |n: u8, io: &mut dyn ReadWrite| -> Result<u8, String> {
            io.write_all(&status_query(n)).map_err(|e| format!("status request: {e}"))?;
            let mut answer = [0u8; 1];
            io.read_exact(&mut answer).map_err(|e| format!("no status answer: {e}"))?;
            Ok(answer[0])
        };
        let io: &mut dyn ReadWrite = match self {
            Printer::File { .. } => return Ok(PrinterStatus::default()),
            Printer::Tcp { stream, .. } => stream,
            Printer::Device { file, .. } => file,
            Printer::Serial { port, .. } => port,
        };
        let answers = (|| Ok::<_, String>((ask(1, io)?, ask(2, io)?, ask(4, io)?)))();
        let (printer, cause, paper) = answers.map_err(|e| self.fail(e))?;
        Ok(PrinterStatus::from_bytes(printer, cause, paper))
    }

    /// Prints a job if the printer can take it now; otherwise says why and sends nothing.
    /// The printer is asked again after the job, so a job is only reported printed once the
    /// printer has it all.
    pub fn print(&mut self, job: &Job) -> Result<PrinterStatus, DeviceError> {
        let status = self.status()?;
        if let Some(why) = status.blocker() {
            return Err(self.fail(why));
        }
        let result = match self {
            Printer::File { path, .. } => append(path, job.bytes())
                .and_then(|()| append(&path.with_extension("txt"), job.text().as_bytes())),
            Printer::Tcp { stream, .. } => stream.write_all(job.bytes()).and_then(|()| stream.flush()),
            Printer::Device { file, .. } => file.write_all(job.bytes()).and_then(|()| file.flush()),
            Printer::Serial { port, .. } => port.write_all(job.bytes()).and_then(|()| port.flush()),
        };
        result.map_err(|e| self.fail(format!("the job did not go through: {e}")))?;
        // Asked again after the job, the printer answers once it has received all of it
        // (real-time requests are answered in the order bytes arrive): this confirms delivery,
        // and catches paper that ran out while the job printed.
        let after = self
            .status()
            .map_err(|e| self.fail(format!("the printer did not confirm the job: {}", e.reason)))?;
        if after.paper_out {
            return Err(self.fail("paper ran out during the job"));
        }
        Ok(after)
    }
}

/// Why a serial port did not open, in words a shop can act on.
pub fn open_error(e: &serialport::Error) -> String {
    match e.kind() {
        _ if e.to_string().contains("exclusive lock") => {
            "cannot open: the port is busy (another program has it open)".into()
        }
        serialport::ErrorKind::NoDevice => "cannot open: no such port (is it plugged in?)".into(),
        serialport::ErrorKind::Io(std::io::ErrorKind::NotFound) => {
            "cannot open: no such port (is it plugged in?)".into()
        }
        _ => format!("cannot open: {e}"),
    }
}

trait ReadWrite: Read + Write {}
impl<T: Read + Write> ReadWrite for T {}

fn append(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::OpenOptions::new().create(true).append(true).open(path)?.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_parse_or_say_what_is_expected() {
        assert_eq!(
            PrinterAddress::parse("tcp://127.0.0.1:9100").unwrap(),
            PrinterAddress::Tcp("127.0.0.1:9100".into())
        );
        assert_eq!(
            PrinterAddress::parse("file:/tmp/p.bin").unwrap(),
            PrinterAddress::File("/tmp/p.bin".into())
        );
        let e = PrinterAddress::parse("tcp://printer").unwrap_err();
        assert!(e.to_string().contains("give the port"), "{e}");
        let e = PrinterAddress::parse("lpt1").unwrap_err();
        assert!(e.to_string().starts_with("printer 'lpt1': expected"), "{e}");
    }

    #[test]
    fn status_bits_follow_the_epson_reference() {
        assert_eq!(PrinterStatus::from_bytes(0x12, 0x12, 0x12).blocker(), None);
        assert_eq!(PrinterStatus::from_bytes(0x12, 0x12, 0x72).blocker(), Some("paper out"));
        assert!(PrinterStatus::from_bytes(0x12, 0x12, 0x1E).paper_near_end);
        assert_eq!(PrinterStatus::from_bytes(0x1A, 0x16, 0x12).blocker(), Some("cover open"));
    }
}
