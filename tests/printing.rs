//! Printing on a real TCP connection over loopback: the test plays an ESC/POS network
//! printer (port 9100 style), answering real-time status requests as an Epson does, and keeps
//! every byte it is sent.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use common::{Shop, now};
use kasir::devices::drawer;
use kasir::devices::printing::{self, PrintError};
use kasir::sale::checkout::{self, SaleScript};
use kasir_drivers::printer::PrinterAddress;
use kasir_drivers::simulated::PlayedEpson;

/// A network receipt printer on 127.0.0.1.
struct FakePrinter {
    address: PrinterAddress,
    received: Arc<Mutex<Vec<u8>>>,
    paper_out: Arc<AtomicBool>,
}

impl FakePrinter {
    fn start() -> FakePrinter {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = PrinterAddress::Tcp(listener.local_addr().unwrap().to_string());
        let received = Arc::new(Mutex::new(Vec::new()));
        let paper_out = Arc::new(AtomicBool::new(false));
        let (r, p) = (received.clone(), paper_out.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let (r, p) = (r.clone(), p.clone());
                std::thread::spawn(move || {
                    let mut printer = PlayedEpson::default();
                    let mut buf = [0u8; 4096];
                    while let Ok(n) = stream.read(&mut buf) {
                        if n == 0 {
                            return;
                        }
                        printer.paper_out = p.load(Ordering::SeqCst);
                        let played = printer.hear(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&played.data);
                        stream.write_all(&played.answer).unwrap();
                    }
                });
            }
        });
        FakePrinter { address, received, paper_out }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.received.lock().unwrap()).into_owned()
    }
}

fn sell(shop: &Shop) -> String {
    let mut ledger = shop.ledger();
    let script: SaleScript = serde_json::from_str(
        r#"{"cashier":"K01","items":[{"sku":"MIE-001","quantity":2}],"tenders":[{"kind":"cash","amount":"10000"}]}"#,
    )
    .unwrap();
    checkout::sell(&mut ledger, &shop.config, &script, now()).unwrap().receipt_number
}

#[test]
fn a_receipt_prints_once_then_as_a_marked_copy() {
    let shop = Shop::new();
    let printer = FakePrinter::start();
    let receipt = sell(&shop);
    let ledger = shop.ledger();
    let first = printing::print_receipt(&ledger, &shop.config, &printer.address, &receipt, now()).unwrap();
    assert!(!first.copy);
    let bytes = printer.received.lock().unwrap().clone();
    assert!(bytes.starts_with(&[0x1B, b'@', 0x1B, b't', 16]), "initialise, then code page WPC1252");
    let text = printer.text();
    assert!(text.contains("Indomie Mi Goreng") && text.contains("{BS01-T01-{C\x00\x00\x02"), "{text}");
    assert!(bytes.ends_with(&[0x1D, b'V', 66, 3]), "ends with a cut");
    assert!(!text.contains("SALINAN"));

    let again = printing::print_receipt(&ledger, &shop.config, &printer.address, &receipt, now()).unwrap();
    assert!(again.copy);
    assert_eq!(printer.text().matches("SALINAN / COPY").count(), 1);
    let jobs: i64 = common::sql(&ledger)
        .query_row("SELECT COUNT(*) FROM print_jobs WHERE copy = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(jobs, 1, "the reprint is recorded");
}

#[test]
fn paper_out_keeps_the_job_and_the_retry_prints_it_once() {
    let shop = Shop::new();
    let printer = FakePrinter::start();
    let receipt = sell(&shop);
    let ledger = shop.ledger();
    printer.paper_out.store(true, Ordering::SeqCst);
    let e = printing::print_receipt(&ledger, &shop.config, &printer.address, &receipt, now()).unwrap_err();
    assert!(matches!(e, PrintError::Device { .. }), "{e}");
    assert!(e.to_string().contains("paper out"), "{e}");
    assert!(printer.received.lock().unwrap().is_empty(), "nothing but the status request was sent");
    let (printed, error): (Option<String>, Option<String>) = common::sql(&ledger)
        .query_row("SELECT printed_at, error FROM print_jobs", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((printed, error.as_deref()), (None, Some("paper out")), "queued, with its reason");
    // The sale itself is committed whatever the printer did.
    assert!(ledger.document_by_receipt(&receipt).unwrap().is_some());

    printer.paper_out.store(false, Ordering::SeqCst);
    let retry = printing::print_receipt(&ledger, &shop.config, &printer.address, &receipt, now()).unwrap();
    assert!(!retry.copy, "the queued original, not a copy");
    assert_eq!(printer.text().matches("{BS01-T01-{C\x00\x00\x02").count(), 1, "printed once");
    let jobs: i64 =
        common::sql(&ledger).query_row("SELECT COUNT(*) FROM print_jobs", [], |r| r.get(0)).unwrap();
    assert_eq!(jobs, 1);
}

#[test]
fn a_printer_that_is_not_there_is_reported_not_waited_for() {
    let shop = Shop::new();
    let receipt = sell(&shop);
    // A port that was just free: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let gone = PrinterAddress::Tcp(format!("127.0.0.1:{port}"));
    let started = std::time::Instant::now();
    let e = printing::print_receipt(&shop.ledger(), &shop.config, &gone, &receipt, now()).unwrap_err();
    assert!(e.to_string().contains("cannot connect"), "{e}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));

    // One that takes the connection and never answers the status request: a time-out, named.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = PrinterAddress::Tcp(silent.local_addr().unwrap().to_string());
    // It holds the connection open a while, saying nothing.
    let _hold = std::thread::spawn(move || {
        if let Ok((stream, _)) = silent.accept() {
            std::thread::sleep(std::time::Duration::from_secs(5));
            drop(stream);
        }
    });
    let e = printing::print_receipt(&shop.ledger(), &shop.config, &address, &receipt, now()).unwrap_err();
    assert!(e.to_string().contains("no answer within 3 s"), "{e}");
    let said = kasir::messages::Explain::explain(&e, kasir_core::Locale::Id);
    assert!(said.contains("tidak ada jawaban dalam 3 detik"), "{said}");
}

const KICK_PIN2: [u8; 5] = [0x1B, b'p', 0, 25, 250];

/// The drawer is a job of its own: never inside a receipt (original or copy), kicked for a
/// sale that took cash and not for a card sale.
#[test]
fn the_drawer_opens_for_cash_as_its_own_job_never_inside_a_receipt() {
    let shop = Shop::new();
    let printer = FakePrinter::start();
    let cash = sell(&shop); // paid in cash
    let ledger = shop.ledger();
    printing::print_receipt(&ledger, &shop.config, &printer.address, &cash, now()).unwrap();
    printing::print_receipt(&ledger, &shop.config, &printer.address, &cash, now()).unwrap();
    let receipts = printer.received.lock().unwrap().clone();
    assert!(!receipts.windows(5).any(|w| w == KICK_PIN2), "no kick inside a receipt");

    let doc = ledger.document_by_receipt(&cash).unwrap().unwrap();
    let opened = drawer::open_for(&shop.config, &doc, Some(&printer.address));
    assert_eq!(opened, Some(Ok(())));
    let all = printer.received.lock().unwrap().clone();
    assert!(all.ends_with(&KICK_PIN2), "the kick, alone");

    let mut l = shop.ledger();
    let card: SaleScript = serde_json::from_str(
        r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"card","amount":"3500"}]}"#,
    )
    .unwrap();
    let receipt = checkout::sell(&mut l, &shop.config, &card, now()).unwrap().receipt_number;
    let doc = ledger.document_by_receipt(&receipt).unwrap().unwrap();
    assert_eq!(drawer::open_for(&shop.config, &doc, Some(&printer.address)), None, "not for a card sale");
    assert_eq!(printer.received.lock().unwrap().len(), all.len());
}

/// Out of paper, the receipt cannot print, but the drawer opens all the same: the printer
/// gets the real-time pulse (DLE DC4), which it carries out while it cannot print.
#[test]
fn out_of_paper_the_drawer_still_opens_by_the_real_time_pulse() {
    let shop = Shop::new();
    let printer = FakePrinter::start();
    printer.paper_out.store(true, Ordering::SeqCst);
    let cash = sell(&shop);
    let ledger = shop.ledger();
    let doc = ledger.document_by_receipt(&cash).unwrap().unwrap();
    assert_eq!(drawer::open_for(&shop.config, &doc, Some(&printer.address)), Some(Ok(())));
    assert!(printing::print_receipt(&ledger, &shop.config, &printer.address, &cash, now()).is_err());
    assert_eq!(
        printer.received.lock().unwrap().as_slice(),
        [0x10, 0x14, 1, 0, 1],
        "the pulse, and no receipt"
    );
}

#[test]
fn a_58_mm_printer_gets_32_columns_and_a_feed_instead_of_a_cut() {
    let mut shop = Shop::new();
    shop.config.printer.profile = kasir::app::config::printer_profile("generic-58").unwrap();
    let printer = FakePrinter::start();
    let receipt = sell(&shop);
    printing::print_receipt(&shop.ledger(), &shop.config, &printer.address, &receipt, now()).unwrap();
    let bytes = printer.received.lock().unwrap().clone();
    assert_eq!(&bytes[..5], &[0x1B, b'@', 0x1B, b't', 0], "code page PC437");
    assert!(bytes.ends_with(&[0x1B, b'd', 4]), "fed to tear off");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let widest = text.split('\n').filter(|l| l.contains("Rp")).map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 32, "{widest} columns");
    // A profile Kasir does not know is refused when the config is read, before anything prints.
    let bad =
        kasir::app::config::Config::parse("[printer]\nprofile = \"thermal-99\"\n", "kasir.toml").unwrap_err();
    assert!(bad.to_string().contains("'thermal-99' is not one of epson-80, generic-58"), "{bad}");
}

/// A serial printer on a real pseudo-terminal pair: answers status with `paper_out` (shared,
/// so the test can refill the paper), keeps the data.
fn serial_printer(paper_out: Arc<AtomicBool>) -> (PrinterAddress, Arc<Mutex<Vec<u8>>>) {
    let (mut master, slave) = serialport::TTYPort::pair().unwrap();
    let path = serialport::SerialPort::name(&slave).unwrap();
    drop(slave);
    serialport::SerialPort::set_timeout(&mut master, std::time::Duration::from_millis(50)).unwrap();
    let data = Arc::new(Mutex::new(Vec::new()));
    let out = data.clone();
    std::thread::spawn(move || {
        let mut printer = PlayedEpson::default();
        // Large enough for a whole receipt in one read: once the driver closes its end, the
        // pseudo-terminal reports a hang-up and what was not read yet is gone.
        let mut buf = vec![0u8; 64 * 1024];
        // The pty lives as long as this thread: it serves every job of the test.
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_secs(20) {
            let n = match master.read(&mut buf) {
                Ok(n) if n > 0 => n,
                _ => {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    continue;
                }
            };
            printer.paper_out = paper_out.load(Ordering::SeqCst);
            let played = printer.hear(&buf[..n]);
            out.lock().unwrap().extend_from_slice(&played.data);
            master.write_all(&played.answer).unwrap();
        }
    });
    (PrinterAddress::Serial { path, baud: 9600 }, data)
}

#[test]
fn on_a_serial_printer_paper_out_queues_the_job_and_the_refill_prints_it_once() {
    let shop = Shop::new();
    let paper_out = Arc::new(AtomicBool::new(true));
    let (address, data) = serial_printer(paper_out.clone());
    let receipt = sell(&shop);
    let ledger = shop.ledger();
    let e = printing::print_receipt(&ledger, &shop.config, &address, &receipt, now()).unwrap_err();
    assert!(e.to_string().contains("paper out") && e.to_string().contains("is kept"), "{e}");
    let queued: i64 = common::sql(&ledger)
        .query_row("SELECT COUNT(*) FROM print_jobs WHERE printed_at IS NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(queued, 1);
    paper_out.store(false, Ordering::SeqCst);
    printing::print_receipt(&ledger, &shop.config, &address, &receipt, now()).unwrap();
    let started = std::time::Instant::now();
    while !String::from_utf8_lossy(&data.lock().unwrap()).contains("{BS01-T01-{C\x00\x00\x02")
        && started.elapsed() < std::time::Duration::from_secs(5)
    {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let got = data.lock().unwrap().clone();
    assert_eq!(
        String::from_utf8_lossy(&got).matches("{BS01-T01-{C\x00\x00\x02").count(),
        1,
        "{} bytes: {:?}",
        got.len(),
        String::from_utf8_lossy(&got)
    );
    let jobs: (i64, i64) = common::sql(&ledger)
        .query_row("SELECT COUNT(*), COUNT(printed_at) FROM print_jobs", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(jobs, (1, 1), "one job, printed");
}

#[test]
fn kasir_toml_receipt_lines_print_centred_within_the_paper_on_a_terminal_without_head_office() {
    let toml = "[receipt]\nheader = [\"Selamat datang\"]\n\
                footer = [\"Terima kasih\", \"Barang yang sudah dibeli tidak dapat ditukar\"]\n";
    let mut shop = Shop::with_config(kasir::app::config::Config::parse(toml, "kasir.toml").unwrap());
    assert!(shop.config.headoffice.is_none());
    let receipt = sell(&shop);
    let ledger = shop.ledger();
    assert!(!ledger.receipt_lines_from_headoffice().unwrap());

    // The screen's 48 columns: the header right under the NPWP, the footer last, both centred.
    let doc = ledger.document_by_receipt(&receipt).unwrap().unwrap();
    let text =
        kasir::sale::receipt::sale_receipt(&doc, &shop.config, &ledger.receipt_lines().unwrap(), 48).unwrap();
    let npwp = text.iter().position(|l| l.contains("NPWP")).unwrap();
    assert_eq!(text[npwp + 1], format!("{}Selamat datang", " ".repeat(17)), "{}", text.join("\n"));
    let footer: Vec<&str> = text[text.len() - 2..].iter().map(|l| l.trim()).collect();
    assert_eq!(footer, ["Terima kasih", "Barang yang sudah dibeli tidak dapat ditukar"]);
    assert_eq!(text.last().unwrap(), "  Barang yang sudah dibeli tidak dapat ditukar");
    assert!(
        !text.iter().any(|l| l.contains("Terima kasih atas kunjungan")),
        "the store's footer replaces it"
    );

    // A 58 mm printer: the footer wraps between words within its 32 columns.
    shop.config.printer.profile = kasir::app::config::printer_profile("generic-58").unwrap();
    let printer = FakePrinter::start();
    printing::print_receipt(&ledger, &shop.config, &printer.address, &receipt, now()).unwrap();
    let printed = printer.text();
    let lines: Vec<&str> = printed.split('\n').collect();
    let at = |needle: &str| lines.iter().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("{printed}"));
    assert_eq!(at("Selamat datang").trim_end(), format!("{}Selamat datang", " ".repeat(9)));
    assert_eq!(at("Barang yang").trim(), "Barang yang sudah dibeli tidak");
    assert_eq!(at("dapat ditukar").trim_end(), format!("{}dapat ditukar", " ".repeat(9)));
}
