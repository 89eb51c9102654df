//! Serial devices on real pseudo-terminal pairs: the test holds the master end and plays the
//! scanner or the printer; the driver opens the slave end by its path, as it would
//! /dev/ttyUSB0.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kasir_drivers::escpos::{CodePage, Job, Paper};

const PAPER: Paper = Paper { columns: 48, dots: 576, margin: 32 };
use kasir_drivers::printer::{Printer, PrinterAddress};
use kasir_drivers::scanner::{SerialScanner, Suffix};
use kasir_drivers::simulated::PlayedEpson;
use serialport::{SerialPort, TTYPort};

/// Pseudo-terminal numbers are reused as soon as they are free, and the driver locks the port
/// it opens: the tests take turns so one never finds another's number still locked.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A pty pair: the master for the test, and the slave's path for the driver.
fn pty() -> (TTYPort, String) {
    let (mut master, slave) = TTYPort::pair().expect("a pseudo-terminal pair");
    let path = slave.name().expect("the slave has a path");
    drop(slave);
    master.set_timeout(Duration::from_secs(3)).unwrap();
    (master, path)
}

#[test]
fn scans_arrive_one_by_one_whatever_the_suffix_and_silence_is_not_an_error() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (mut master, path) = pty();
    let mut scanner =
        SerialScanner::open(&format!("serial:{path}"), Suffix::Cr, Duration::from_millis(200)).unwrap();
    // Two scans in one burst, the second with CR LF, then half a third.
    master.write_all(b"8991002101234\r2100123012503\r\n89923").unwrap();
    assert_eq!(scanner.next_scan().unwrap().as_deref(), Some("8991002101234"));
    assert_eq!(scanner.next_scan().unwrap().as_deref(), Some("2100123012503"));
    assert_eq!(scanner.next_scan().unwrap(), None, "incomplete: nothing yet");
    master.write_all(b"88101016\r").unwrap();
    assert_eq!(scanner.next_scan().unwrap().as_deref(), Some("8992388101016"));
    let started = Instant::now();
    assert_eq!(scanner.next_scan().unwrap(), None);
    assert!(started.elapsed() < Duration::from_secs(2), "a quiet scanner does not hold the reader up");
}

/// Plays an Epson printer on the master end (kasir-drivers' [`PlayedEpson`]), paper out when
/// asked; stops after `keep` bytes of data when given (unplugged mid-job).
fn play_printer(
    mut master: TTYPort,
    paper_out: bool,
    keep: Option<usize>,
) -> (Arc<Mutex<Vec<u8>>>, std::thread::JoinHandle<()>) {
    let data = Arc::new(Mutex::new(Vec::new()));
    let out = data.clone();
    let handle = std::thread::spawn(move || {
        let mut printer = PlayedEpson::new(paper_out);
        let mut buf = [0u8; 512];
        let (started, mut heard) = (Instant::now(), false);
        loop {
            let n = match master.read(&mut buf) {
                Ok(n) if n > 0 => n,
                // Until the driver has opened its end, the master reads an error: wait for it.
                _ if !heard && started.elapsed() < Duration::from_secs(5) => {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                }
                _ => return,
            };
            heard = true;
            let played = printer.hear(&buf[..n]);
            master.write_all(&played.answer).unwrap();
            let mut d = out.lock().unwrap();
            d.extend_from_slice(&played.data);
            if keep.is_some_and(|k| d.len() >= k) {
                return; // unplugged: the master end closes
            }
        }
    });
    (data, handle)
}

/// Waits until the printer has `n` bytes of data (or gives up after a few seconds).
fn wait_for(data: &Arc<Mutex<Vec<u8>>>, n: usize) -> Vec<u8> {
    let started = Instant::now();
    while data.lock().unwrap().len() < n && started.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(5));
    }
    data.lock().unwrap().clone()
}

fn receipt() -> Job {
    let mut job = Job::new(CodePage::Wpc1252, PAPER);
    job.line("TOKO KASIR DEMO").line("S01-T01-000002").code128("S01-T01-000002").cut();
    job
}

#[test]
fn a_serial_printer_prints_and_says_when_it_is_out_of_paper() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (master, path) = pty();
    let (data, _printer) = play_printer(master, false, None);
    let address = PrinterAddress::parse(&format!("serial:{path}@38400")).unwrap();
    let mut p = Printer::open(&address).unwrap();
    let job = receipt();
    p.print(&job).unwrap();
    let data = wait_for(&data, job.bytes().len());
    assert_eq!(data, job.bytes(), "every byte of the job, status requests aside");
    drop(p);

    let (master, path) = pty();
    let (data, printer) = play_printer(master, true, None);
    let mut p = Printer::open(&PrinterAddress::parse(&format!("serial:{path}")).unwrap()).unwrap();
    let e = p.print(&receipt()).unwrap_err();
    assert_eq!(e.fault, kasir_drivers::Fault::PaperOut);
    drop(p);
    printer.join().unwrap();
    assert!(data.lock().unwrap().is_empty(), "nothing of the job was sent");
}

#[test]
fn a_printer_unplugged_mid_job_is_reported_not_hung() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (master, path) = pty();
    let (data, printer) = play_printer(master, false, Some(300));
    let mut big = Job::new(CodePage::Wpc1252, PAPER);
    for i in 0..2_000 {
        big.line(&format!("line {i:05} ------------------------------------"));
    }
    let mut p = Printer::open(&PrinterAddress::parse(&format!("serial:{path}")).unwrap()).unwrap();
    let started = Instant::now();
    let e = p.print(&big).unwrap_err();
    assert!(matches!(e.fault, kasir_drivers::Fault::NotSent(_)), "{e}");
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    printer.join().unwrap();
    assert!(data.lock().unwrap().len() >= 300);
}

#[test]
fn a_drawer_on_its_own_port_gets_its_pulse_and_a_busy_port_is_named() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (master, path) = pty();
    // The drawer is played like the printer: it keeps what arrives while the port is open.
    let (got, drawer) = play_printer(master, false, None);
    kasir_drivers::drawer::kick_serial(&format!("serial:{path}")).unwrap();
    drawer.join().unwrap();
    assert_eq!(*got.lock().unwrap(), [0x07]);

    // A port another program holds is "busy", named with the device.
    let (_master, path) = pty();
    let held = serialport::new(&path, 9600).open().unwrap();
    let e = kasir_drivers::drawer::kick_serial(&format!("serial:{path}")).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("drawer serial:{path}: cannot open: the port is busy (another program has it open)")
    );
    drop(held);
    let e = kasir_drivers::drawer::kick_serial("serial:/dev/ttyNOPE9").unwrap_err();
    assert!(e.to_string().contains("no such port"), "{e}");
}
