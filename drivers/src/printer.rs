//! Receipt printers: where a printer is (an address), how bytes reach it (a link), and what
//! it says about itself (real-time status). Every failure names the printer and the reason;
//! nothing here blocks for long (connections, writes and status reads have time limits).

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::time::Duration;

use crate::escpos::{Job, realtime_pulse, status_query};
use crate::{DeviceError, DeviceKind, Fault};

const CONNECT: Duration = Duration::from_secs(3);
const IO: Duration = Duration::from_secs(3);

/// Where a printer is: `file:PATH` (the printer's bytes to PATH and a readable copy to PATH
/// with `.txt`; when PATH itself ends in `.txt`, the readable copy is PATH and the bytes go
/// to PATH with `.bin`, so the two never mix in one file),
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
pub fn serial_path(text: &str, default_baud: u32) -> Result<(String, u32), Fault> {
    match text.rsplit_once('@') {
        Some((path, baud)) => {
            let baud = baud.parse().map_err(|_| Fault::BadBaud(baud.to_owned()))?;
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
        let bad = |fault: Fault| DeviceError::new(DeviceKind::Printer, format!("'{text}'"), fault);
        if let Some(path) = text.strip_prefix("file:") {
            Ok(PrinterAddress::File(path.into()))
        } else if let Some(host) = text.strip_prefix("tcp://") {
            if !host.contains(':') {
                return Err(bad(Fault::NoPort));
            }
            Ok(PrinterAddress::Tcp(host.trim_end_matches('/').into()))
        } else if let Some(path) = text.strip_prefix("usb:") {
            Ok(PrinterAddress::Device(path.into()))
        } else if let Some(rest) = text.strip_prefix("serial:") {
            let (path, baud) = serial_path(rest, 9600).map_err(bad)?;
            Ok(PrinterAddress::Serial { path, baud })
        } else {
            Err(bad(Fault::Expected("file:PATH, tcp://HOST:PORT, usb:/dev/usb/lpN or serial:/dev/ttyX")))
        }
    }

    /// How failures name it: the address without a serial line's speed.
    fn name(&self) -> String {
        match self {
            PrinterAddress::Serial { path, .. } => format!("serial:{path}"),
            other => other.to_string(),
        }
    }
}

/// Where a file printer writes: (the printer's bytes, the readable copy).
pub fn file_printer_paths(path: &std::path::Path) -> (PathBuf, PathBuf) {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
        (path.with_extension("bin"), path.to_owned())
    } else {
        (path.to_owned(), path.with_extension("txt"))
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
    pub fn blocker(&self) -> Option<Fault> {
        if self.paper_out {
            Some(Fault::PaperOut)
        } else if self.cover_open {
            Some(Fault::CoverOpen)
        } else if self.offline {
            Some(Fault::Offline)
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
        let fail = |fault: Fault| DeviceError::new(DeviceKind::Printer, name.clone(), fault);
        match address {
            PrinterAddress::File(path) => Ok(Printer::File { path: path.clone(), name }),
            PrinterAddress::Tcp(host) => {
                let addr = host
                    .to_socket_addrs()
                    .map_err(|e| fail(Fault::Resolve(e.to_string())))?
                    .next()
                    .ok_or_else(|| fail(Fault::Resolve(host.clone())))?;
                let stream = TcpStream::connect_timeout(&addr, CONNECT)
                    .map_err(|e| fail(Fault::Connect(e.to_string())))?;
                stream.set_write_timeout(Some(IO)).map_err(|e| fail(Fault::Link(e.to_string())))?;
                stream.set_read_timeout(Some(IO)).map_err(|e| fail(Fault::Link(e.to_string())))?;
                Ok(Printer::Tcp { stream, name })
            }
            PrinterAddress::Device(path) => {
                let file = std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open(path)
                    .map_err(|e| fail(Fault::Open(e.to_string())))?;
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

    fn fail(&self, fault: Fault) -> DeviceError {
        DeviceError::new(DeviceKind::Printer, self.name(), fault)
    }

    /// Asks the printer how it is (a file printer is always ready). A printer that takes
    /// the request and says nothing is "no answer within 3 s", not a hang.
    pub fn status(&mut self) -> Result<PrinterStatus, DeviceError> {
        let ask = |n: u8, io: &mut dyn ReadWrite| -> Result<u8, Fault> {
            io.write_all(&status_query(n)).map_err(|e| link_fault(&e))?;
            let mut answer = [0u8; 1];
            io.read_exact(&mut answer).map_err(|e| link_fault(&e))?;
            Ok(answer[0])
        };
        let io: &mut dyn ReadWrite = match self {
            Printer::File { .. } => return Ok(PrinterStatus::default()),
            Printer::Tcp { stream, .. } => stream,
            Printer::Device { file, .. } => file,
            Printer::Serial { port, .. } => port,
        };
        let answers = (|| Ok::<_, Fault>((ask(1, io)?, ask(2, io)?, ask(4, io)?)))();
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
        self.send(job.bytes(), job.text()).map_err(|e| self.fail(Fault::NotSent(e.to_string())))?;
        // Asked again after the job, the printer answers once it has received all of it
        // (real-time requests are answered in the order bytes arrive): this confirms delivery,
        // and catches paper that ran out while the job printed.
        let after = self.status().map_err(|e| self.fail(Fault::NotConfirmed(Box::new(e.fault))))?;
        if after.paper_out {
            return Err(self.fail(Fault::PaperRanOut));
        }
        Ok(after)
    }

    /// Opens the cash drawer on the printer's drawer port (`pin`: 0 = pin 2, 1 = pin 5), as a
    /// job of its own: ESC p when the printer is ready, and the real-time pulse (DLE DC4)
    /// when it is not (paper out, cover open), which the printer carries out all the same.
    /// Done once the printer answers a status request sent after the pulse.
    pub fn kick_drawer(&mut self, pin: u8) -> Result<(), DeviceError> {
        let ready = self.status()?.blocker().is_none();
        let pulse: Vec<u8> = match ready {
            // Initialised first, as every job is: no setting of an earlier job applies.
            true => vec![0x1B, b'@', 0x1B, b'p', pin.min(1), 25, 250],
            false => realtime_pulse(pin).to_vec(),
        };
        self.send(&pulse, "[drawer]\n").map_err(|e| self.fail(Fault::NotSent(e.to_string())))?;
        self.status().map_err(|e| self.fail(Fault::NotConfirmed(Box::new(e.fault))))?;
        Ok(())
    }

    /// Bytes to the printer (and, for a file printer, `text` to the readable copy).
    fn send(&mut self, bytes: &[u8], text: &str) -> std::io::Result<()> {
        match self {
            Printer::File { path, .. } => {
                let (raw, readable) = file_printer_paths(path);
                append(&raw, bytes).and_then(|()| append(&readable, text.as_bytes()))
            }
            Printer::Tcp { stream, .. } => stream.write_all(bytes).and_then(|()| stream.flush()),
            Printer::Device { file, .. } => file.write_all(bytes).and_then(|()| file.flush()),
            Printer::Serial { port, .. } => port.write_all(bytes).and_then(|()| port.flush()),
        }
    }
}

/// A status exchange that failed: silence within the time limit, or a broken link.
fn link_fault(e: &std::io::Error) -> Fault {
    match e.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
            Fault::NoAnswer { secs: IO.as_secs() }
        }
        _ => Fault::Link(e.to_string()),
    }
}

/// Why a serial port did not open, in words a shop can act on.
pub fn open_error(e: &serialport::Error) -> Fault {
    match e.kind() {
        _ if e.to_string().contains("exclusive lock") => Fault::Busy,
        serialport::ErrorKind::NoDevice => Fault::NoSuchPort,
        serialport::ErrorKind::Io(std::io::ErrorKind::NotFound) => Fault::NoSuchPort,
        _ => Fault::Open(e.to_string()),
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
    fn a_file_printer_keeps_its_bytes_and_its_readable_copy_apart() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(file_printer_paths(&p("/t/r.bin")), (p("/t/r.bin"), p("/t/r.txt")));
        assert_eq!(file_printer_paths(&p("/t/r.txt")), (p("/t/r.bin"), p("/t/r.txt")));
        assert_eq!(file_printer_paths(&p("/t/r")), (p("/t/r"), p("/t/r.txt")));
    }

    #[test]
    fn status_bits_follow_the_epson_reference() {
        assert_eq!(PrinterStatus::from_bytes(0x12, 0x12, 0x12).blocker(), None);
        assert_eq!(PrinterStatus::from_bytes(0x12, 0x12, 0x72).blocker(), Some(Fault::PaperOut));
        assert!(PrinterStatus::from_bytes(0x12, 0x12, 0x1E).paper_near_end);
        assert_eq!(PrinterStatus::from_bytes(0x1A, 0x16, 0x12).blocker(), Some(Fault::CoverOpen));
    }
}
