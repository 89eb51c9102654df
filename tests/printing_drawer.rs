//! The cash drawer and the printer as `kasir` users meet them, with the real binary: a cash
//! sale opens the drawer even when its receipt cannot print, a drawer that does not open is
//! said in words with its own exit code, a no-sale records what the drawer did, a cash return
//! opens the drawer, `sell --print` warns of low paper, `file:X.txt` keeps the bytes and the
//! readable copy apart, and `devices list` needs no ledger. Printers are played on loopback
//! TCP, drawers on real pseudo-terminals.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kasir_drivers::simulated::PlayedEpson;

fn kasir(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kasir"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("KASIR_CONFIG")
        .env("KASIR_PIN", "1111")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The demo store, with `[printer]` settings replaced: `drawer` and `address` as given.
fn demo(drawer: &str, address: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = kasir(dir.path(), &["init", "--demo"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = dir.path().join("kasir.toml");
    let toml = std::fs::read_to_string(&path).unwrap();
    let toml = toml.replacen("drawer = \"pin2\"", &format!("drawer = \"{drawer}\""), 1).replacen(
        "address = \"\"",
        &format!("address = \"{address}\""),
        1,
    );
    std::fs::write(&path, toml).unwrap();
    dir
}

/// A network printer on loopback: out of paper or nearly so as asked; keeps what it gets.
fn network_printer(paper_out: bool, near_end: bool) -> (String, Arc<Mutex<Vec<u8>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("tcp://{}", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(Vec::new()));
    let keep = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut printer = PlayedEpson::new(paper_out);
            printer.paper_near_end = near_end;
            let mut buf = [0u8; 4096];
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let played = printer.hear(&buf[..n]);
                keep.lock().unwrap().extend_from_slice(&played.data);
                stream.write_all(&played.answer).unwrap();
            }
        }
    });
    (address, received)
}

/// A drawer on a real pseudo-terminal: what reaches it, kept.
fn serial_drawer() -> (String, Arc<Mutex<Vec<u8>>>, std::thread::JoinHandle<()>) {
    let (mut master, slave) = serialport::TTYPort::pair().unwrap();
    let path = serialport::SerialPort::name(&slave).unwrap();
    drop(slave);
    serialport::SerialPort::set_timeout(&mut master, Duration::from_millis(50)).unwrap();
    let got = Arc::new(Mutex::new(Vec::new()));
    let keep = got.clone();
    let listening = std::thread::spawn(move || {
        let started = Instant::now();
        let mut buf = [0u8; 64];
        while started.elapsed() < Duration::from_secs(20) && keep.lock().unwrap().is_empty() {
            if let Ok(n) = master.read(&mut buf) {
                keep.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        }
    });
    (format!("serial:{path}"), got, listening)
}

const SALE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/sale.json");
const RETURN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/return.json");

#[test]
fn out_of_paper_a_cash_sale_still_opens_the_drawer_and_says_the_receipt_did_not_print() {
    let (printer, received) = network_printer(true, false);
    let dir = demo("pin2", &printer);
    let out = kasir(dir.path(), &["sell", SALE, "--print"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("S01-T01-000002"), "the sale is committed");
    assert_eq!(received.lock().unwrap().as_slice(), [0x10, 0x14, 1, 0, 1], "the drawer's pulse, no receipt");
    assert!(text(&out.stderr).contains("kertas habis"), "{}", text(&out.stderr));
}

#[test]
fn sell_print_warns_of_low_paper_like_the_other_printing_commands() {
    let (printer, received) = network_printer(false, true);
    let dir = demo("pin2", &printer);
    let out = kasir(dir.path(), &["sell", SALE, "--print"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("Kertas printer hampir habis"), "{}", text(&out.stderr));
    let got = received.lock().unwrap().clone();
    assert!(got.starts_with(&[0x1B, b'@', 0x1B, b'p', 0, 25, 250]), "the drawer first, its own job");
    assert!(text(&got).contains("TOTAL"));
    let out = kasir(dir.path(), &["receipt", "print", "S01-T01-000002"]);
    assert!(text(&out.stderr).contains("Kertas printer hampir habis"), "{}", text(&out.stderr));
}

#[test]
fn a_drawer_that_does_not_open_after_a_cash_sale_is_said_with_its_own_exit_code() {
    let dir = demo("serial:/dev/ttyKASIRNOPE0", "");
    let out = kasir(dir.path(), &["sell", SALE]);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(said.contains("Laci tidak terbuka") && said.contains("port tidak ada"), "{said}");
    assert!(text(&out.stdout).contains("S01-T01-000002"), "the sale is committed all the same");
}

#[test]
fn a_cash_return_opens_the_drawer() {
    let (drawer, got, listening) = serial_drawer();
    let dir = demo(&drawer, "");
    let sold = kasir(dir.path(), &["sell", SALE]);
    assert!(sold.status.success(), "{}", text(&sold.stderr));
    listening.join().unwrap();
    assert_eq!(*got.lock().unwrap(), [0x07], "the sale's cash opened it");

    let (drawer, got, listening) = serial_drawer();
    let toml = std::fs::read_to_string(dir.path().join("kasir.toml")).unwrap();
    let toml = toml
        .lines()
        .map(|l| if l.starts_with("drawer = ") { format!("drawer = \"{drawer}\"") } else { l.to_owned() });
    std::fs::write(dir.path().join("kasir.toml"), toml.collect::<Vec<_>>().join("\n")).unwrap();
    let out = kasir(dir.path(), &["return", RETURN]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    listening.join().unwrap();
    assert_eq!(*got.lock().unwrap(), [0x07], "the cash refund opened it");
}

#[test]
fn a_no_sale_records_what_the_drawer_did() {
    let args = [
        "devices",
        "open-drawer",
        "--user",
        "K01",
        "--manager",
        "M01",
        "--pin",
        "1234",
        "--reason",
        "tukar uang",
    ];
    let dir = demo("serial:/dev/ttyKASIRNOPE0", "");
    let out = kasir(dir.path(), &args);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(
        said.contains("Buka laci dicatat: S01-T01-000002") && said.contains("Laci tidak terbuka"),
        "{said}"
    );
    let shown = text(&kasir(dir.path(), &["ledger", "show", "S01-T01-000002"]).stdout);
    assert!(shown.contains("did_not_open") && shown.contains("no such port"), "{shown}");

    let (drawer, got, listening) = serial_drawer();
    let dir = demo(&drawer, "");
    let out = kasir(dir.path(), &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    listening.join().unwrap();
    assert_eq!(*got.lock().unwrap(), [0x07]);
    assert!(text(&out.stdout).contains("Laci dibuka"), "{}", text(&out.stdout));
    let shown = text(&kasir(dir.path(), &["ledger", "show", "S01-T01-000002"]).stdout);
    assert!(shown.contains("\"opened\""), "{shown}");

    let dir = demo("none", "");
    let out = kasir(dir.path(), &args);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("Laci kas belum dikonfigurasi"), "{}", text(&out.stderr));
    let shown = text(&kasir(dir.path(), &["ledger", "show", "S01-T01-000002"]).stdout);
    assert!(shown.contains("not_configured"), "{shown}");
}

#[test]
fn a_txt_file_printer_keeps_the_readable_copy_and_the_bytes_apart() {
    let dir = demo("none", "");
    let readable = dir.path().join("receipts.txt");
    let printer = format!("file:{}", readable.display());
    let out = kasir(dir.path(), &["sell", SALE, "--print", "--printer", &printer]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let copy = std::fs::read_to_string(&readable).unwrap();
    assert!(copy.contains("TOTAL") && copy.contains("[CODE128 S01-T01-000002]"), "{copy}");
    assert!(!copy.contains('\u{1b}') && !copy.contains('\u{1d}'), "no printer commands in the readable copy");
    let bytes = std::fs::read(dir.path().join("receipts.bin")).unwrap();
    assert!(bytes.starts_with(&[0x1B, b'@']), "the printer's bytes beside it");
}

#[test]
fn devices_list_needs_no_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("never-initialised");
    let out = kasir(&nowhere, &["devices", "list"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!nowhere.join("ledger.sqlite").exists());
}
