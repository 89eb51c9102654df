//! The `kasir` binary as a user runs it: init the demo store, sell the README's example,
//! refuse bad input without writing anything, verify the ledger.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn kasir(data_dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kasir"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("KASIR_CONFIG")
        // As automation runs it: the acting cashier's PIN (K01's) in the environment; a
        // `--pin` on the command line wins.
        .env("KASIR_PIN", "1111")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = kasir(dir.path(), &["init", "--demo"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for want in ["Katalog demo:", "M01  Siti Rahayu", "K01  Budi Santoso", "1111"] {
        assert!(stdout.contains(want), "{want} missing in:\n{stdout}");
    }
    dir
}

fn documents(dir: &Path) -> u64 {
    let out = kasir(dir, &["ledger", "verify"], None);
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    text(&out.stdout).split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn the_readme_example_sells_against_the_demo_store() {
    let dir = demo();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/sale.json");
    let out = kasir(dir.path(), &["sell", example], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Document 1 is the demo's open shift.
    assert_eq!(json["receipt_number"], "S01-T01-000002");
    assert_eq!(json["total"], "77950");
    assert_eq!(json["amount_due"], "78000");
    assert_eq!(json["change"], "42000");
    assert_eq!(documents(dir.path()), 2);

    let shown = kasir(dir.path(), &["ledger", "show", "S01-T01-000002"], None);
    assert!(text(&shown.stdout).contains("\"receipt_number\": \"S01-T01-000002\""));
}

#[test]
fn bad_sales_fail_clearly_and_write_nothing() {
    let dir = demo();
    let cases = [
        (
            "{\"cashier\":\"K01\",\"items\":[{\"barcode\":\"8997908345094\"}],\"tenders\":[]}",
            "Barang ke-1: Barcode '8997908345094' berakhir dengan digit cek 4, seharusnya 3",
        ),
        (
            "{\"cashier\":\"K01\",\"items\":[{\"barcode\":\"8991111111117\"}],\"tenders\":[]}",
            "Barang ke-1: Tidak ada barang dengan barcode 8991111111117",
        ),
        ("{\"cashier\":\"K01\", items", "Isi skrip penjualan dari stdin salah"),
        (
            "{\"cashier\":\"K01\",\"items\":[{\"barcode\":\"8997908345093\"}],\"tenders\":[{\"kind\":\"cash\",\"amount\":\"1000\"}]}",
            "Belum lunas: masih kurang Rp 2.500",
        ),
        (
            "{\"cashier\":\"K01\",\"items\":[{\"barcode\":\"8997908345093\",\"quantity\":-2}],\"tenders\":[]}",
            "Barang ke-1: Jumlah harus lebih dari nol",
        ),
        (
            "{\"cashier\":\"K01\",\"items\":[{\"barcode\":\"8997908345093\"}],\"tenders\":[{\"kind\":\"cheque\",\"amount\":\"5000\"}]}",
            "unknown variant `cheque`",
        ),
    ];
    for (script, want) in cases {
        let out = kasir(dir.path(), &["sell", "-"], Some(script));
        assert!(!out.status.success(), "{script} should fail");
        let err = text(&out.stderr);
        assert!(err.contains(want), "{want} missing in: {err}");
        assert_eq!(err.matches(want).count(), 1, "said once: {err}");
    }
    assert_eq!(documents(dir.path()), 1, "only the demo's shift");
}

#[test]
fn a_script_with_a_control_character_is_refused_naming_the_field() {
    let dir = demo();
    let sale = "{\"cashier\":\"K01\",\"items\":[{\"barcode\":\"8997908345093\"}],\
                \"tenders\":[{\"kind\":\"card\",\"amount\":\"5000\",\"reference\":\"AB\\u0000C\"}]}";
    let out = kasir(dir.path(), &["sell", "-"], Some(sale));
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("tenders[0].reference berisi karakter kendali"), "{err}");
    assert_eq!(documents(dir.path()), 1, "nothing was sold: only the demo's shift");
}

#[test]
fn a_shop_or_user_name_with_a_control_character_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let init = |address: &str| {
        kasir(
            dir.path(),
            &[
                "init",
                "--store-code",
                "W01",
                "--store-name",
                "Warung",
                "--address",
                address,
                "--npwp",
                "02.1",
            ],
            None,
        )
    };
    let out = init("Jl. Pasar\nLegi 3");
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("berisi karakter kendali"), "{err}");
    assert!(std::fs::read_dir(dir.path()).map_or(true, |mut d| d.next().is_none()), "nothing written");
    assert!(init("Jl. Pasar Legi 3").status.success());
    let add = |name: &str| {
        kasir(
            dir.path(),
            &["users", "add", "--code", "M01", "--name", name, "--role", "manager", "--pin", "4826"],
            None,
        )
    };
    let out = add("Sri\tWahyuni");
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("Nama pengguna M01 berisi karakter kendali"), "{err}");
    assert!(add("Sri Wahyuni").status.success(), "the code is still free: nothing was added");
}

#[test]
fn a_bad_catalogue_file_is_refused_with_line_numbers() {
    let dir = demo();
    let csv = dir.path().join("bad.csv");
    std::fs::write(&csv, "sku,name,price,tax_class\nX1,Kopi,abc,PPN\nX2,Teh,1000,GST\n").unwrap();
    let out = kasir(dir.path(), &["catalog", "import", csv.to_str().unwrap()], None);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("baris 2: harga: 'abc' bukan nominal uang"), "{err}");
    assert!(err.contains("baris 3: kelas pajak 'GST' tidak dikenal"), "{err}");
    let search = kasir(dir.path(), &["catalog", "search", "Kopi"], None);
    assert!(!text(&search.stdout).contains("X1"), "nothing was imported");
}

#[test]
fn commands_before_init_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = kasir(dir.path(), &["ledger", "verify"], None);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("jalankan `kasir init`"), "{}", text(&out.stderr));
    let again = demo();
    let out = kasir(again.path(), &["init", "--demo"], None);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("tidak pernah ditimpa"), "{}", text(&out.stderr));
}

#[test]
fn a_bad_config_names_the_file_and_the_setting() {
    let dir = demo();
    std::fs::write(dir.path().join("kasir.toml"), "[cash]\nrounding_mode = \"sideways\"\n").unwrap();
    let out = kasir(dir.path(), &["ledger", "verify"], None);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("kasir.toml") && err.contains("sideways"), "{err}");
}

#[test]
fn the_demo_quick_keys_name_products_that_can_be_sold() {
    let dir = demo();
    let paths = kasir::app::setup::Paths { data_dir: dir.path().to_owned() };
    let config = paths.load_config(None).unwrap();
    assert!(config.quick_keys.len() >= 4, "init --demo writes quick keys into kasir.toml");
    let ledger = kasir::app::setup::open(&paths, &config).unwrap();
    let mut reader = ledger.catalogue().unwrap();
    for key in &config.quick_keys {
        let p = reader.sellable_by_sku(&key.sku).unwrap_or_else(|e| panic!("quick key {}: {e}", key.label));
        assert!(!p.sold_by_weight, "{}: a quick key adds one piece", key.label);
    }
}

#[test]
fn the_readme_day_runs_headless_sell_return_close_and_z() {
    let dir = demo();
    let d = dir.path();
    let ex = |name: &str| format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    assert!(kasir(d, &["sell", &ex("sale.json")], None).status.success());
    let out = kasir(d, &["return", &ex("return.json")], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (json["original"].as_str(), json["refunded"].as_str()),
        (Some("S01-T01-000002"), Some("3500"))
    );

    // Bad input: named, and nothing written.
    let before = documents(d);
    let over = r#"{"cashier":"K01","receipt":"S01-T01-000002","lines":[{"line":1,"quantity":5}],
        "refund":"cash","reason":"x","approval":{"manager":"M01","pin":"1234"}}"#;
    let out = kasir(d, &["return", "-"], Some(over));
    assert!(text(&out.stderr).contains("Baris 1 (Indomie"), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("sisa yang bisa diretur hanya 2"), "{}", text(&out.stderr));
    let qris = over.replace("\"quantity\":5", "\"quantity\":1").replace("\"cash\"", "\"card\"");
    let out = kasir(d, &["return", "-"], Some(&qris));
    assert!(text(&out.stderr).contains("kartu tidak dipakai di S01-T01-000002"), "{}", text(&out.stderr));
    let bad_count = d.join("bad-count.json");
    std::fs::write(&bad_count, r#"{"counts":{"75000":1}}"#).unwrap();
    let out = kasir(d, &["shift", "close", "--user", "K01", "--count", bad_count.to_str().unwrap()], None);
    assert!(
        text(&out.stderr).contains("75.000 bukan pecahan uang kertas atau koin IDR"),
        "{}",
        text(&out.stderr)
    );
    let out = kasir(d, &["report", "z", "--manager", "M01", "--pin", "1234"], None);
    assert!(
        text(&out.stderr).contains("Shift 1 masih buka; tutup dulu sebelum laporan Z"),
        "{}",
        text(&out.stderr)
    );
    let out = kasir(d, &["report", "x", "--manager", "K01", "--pin", "1111"], None);
    assert!(text(&out.stderr).contains("bukan manajer"), "{}", text(&out.stderr));
    assert_eq!(documents(d), before, "refusals wrote nothing");

    // The example count is exactly what the drawer should hold: 500.000 + 100.000 − 42.000 − 3.500.
    let out = kasir(d, &["shift", "close", "--user", "K01", "--count", &ex("count.json")], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Rp 554.500"), "{}", text(&out.stdout));
    let x = kasir(d, &["report", "x", "--manager", "M01", "--pin", "1234", "--format", "json"], None);
    let x: serde_json::Value = serde_json::from_slice(&x.stdout).unwrap();
    assert_eq!(x["report"]["net_sales"], 77_950 - 3_500);
    assert_eq!(x["report"]["cash"]["over_short"], 0);
    let z = kasir(d, &["report", "z", "--manager", "M01", "--pin", "1234", "--format", "csv"], None);
    assert!(z.status.success(), "{}", text(&z.stderr));
    assert!(text(&z.stdout).contains("totals,net_sales,,1,74450"), "{}", text(&z.stdout));
    let again = kasir(d, &["report", "z", "--manager", "M01", "--pin", "1234"], None);
    assert!(text(&again.stderr).contains("sudah diambil"), "{}", text(&again.stderr));
    let pdf = d.join("z.pdf");
    let out = kasir(d, &["report", "x", "--manager", "M01", "--pin", "1234", "--format", "pdf"], None);
    assert!(text(&out.stderr).contains("--format pdf perlu --output FILE"), "{}", text(&out.stderr));
    let out = kasir(
        d,
        &[
            "report",
            "x",
            "--manager",
            "M01",
            "--pin",
            "1234",
            "--format",
            "pdf",
            "--output",
            pdf.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-") && String::from_utf8_lossy(&bytes).contains("PENJUALAN BERSIH"));
    let sales = kasir(
        d,
        &[
            "report",
            "sales",
            "--manager",
            "M01",
            "--pin",
            "1234",
            "--from",
            "2000-01-01",
            "--to",
            "2100-01-01",
        ],
        None,
    );
    assert!(text(&sales.stdout).contains("Indomie"), "{}", text(&sales.stdout));
}

#[test]
fn the_readme_exchange_runs_against_the_demo_store() {
    let dir = demo();
    let d = dir.path();
    let ex = |name: &str| format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    assert!(kasir(d, &["sell", &ex("sale.json")], None).status.success());
    let out = kasir(d, &["exchange", &ex("exchange.json")], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // An Aqua (4.000) back, two Indomie (7.000) out: 3.000 paid on top.
    assert_eq!((json["returned"].as_str(), json["new_goods"].as_str()), (Some("4000"), Some("7000")));
    assert_eq!((json["paid"].as_str(), json["change"].as_str()), (Some("3000"), Some("2000")));
    assert_eq!(documents(d), 4);
}

#[test]
fn sell_print_reprint_and_test_page_on_a_file_printer() {
    let dir = demo();
    let d = dir.path();
    let sale = format!("{}/examples/sale.json", env!("CARGO_MANIFEST_DIR"));
    let paper = d.join("printer.bin");
    let printer = format!("file:{}", paper.display());
    // A printer address that makes no sense is refused before anything is sold.
    let out = kasir(d, &["sell", &sale, "--print", "--printer", "lpt1"], None);
    assert!(text(&out.stderr).contains("printer 'lpt1': seharusnya"), "{}", text(&out.stderr));
    assert_eq!(documents(d), 1, "only the demo's shift");

    let out = kasir(d, &["sell", &sale, "--print", "--printer", &printer], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let readable = std::fs::read_to_string(paper.with_extension("txt")).unwrap();
    assert!(readable.contains("S01-T01-000002") && readable.contains("TOTAL"), "{readable}");
    assert!(std::fs::read(&paper).unwrap().starts_with(&[0x1B, b'@']));

    let out = kasir(d, &["receipt", "print", "S01-T01-000002", "--printer", &printer], None);
    assert!(text(&out.stdout).contains("dicetak sebagai SALINAN (COPY)"), "{}", text(&out.stdout));
    assert!(std::fs::read_to_string(paper.with_extension("txt")).unwrap().contains("SALINAN / COPY"));
    let out = kasir(d, &["devices", "test-print", "--printer", &printer], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Nothing configured and nothing given: said plainly.
    let out = kasir(d, &["receipt", "print", "S01-T01-000002"], None);
    assert!(text(&out.stderr).contains("Printer belum dikonfigurasi"), "{}", text(&out.stderr));
}

#[test]
fn open_drawer_records_a_no_sale_with_the_manager_then_kicks_the_drawer() {
    let dir = demo();
    let d = dir.path();
    let paper = d.join("printer.bin");
    let printer = format!("file:{}", paper.display());
    let args = [
        "devices",
        "open-drawer",
        "--user",
        "K01",
        "--manager",
        "M01",
        "--reason",
        "tukar uang",
        "--printer",
    ];
    let mut wrong: Vec<&str> = args.to_vec();
    wrong.extend([printer.as_str(), "--pin", "0000"]);
    let out = kasir(d, &wrong, None);
    assert!(text(&out.stderr).contains("PIN salah untuk M01"), "{}", text(&out.stderr));
    assert!(!paper.exists(), "no approval, no drawer");
    let mut right: Vec<&str> = args.to_vec();
    right.extend([printer.as_str(), "--pin", "1234"]);
    let out = kasir(d, &right, None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Buka laci dicatat: S01-T01-000002"), "{}", text(&out.stdout));
    assert!(std::fs::read(&paper).unwrap().windows(5).any(|w| w == [0x1B, b'p', 0, 25, 250]));
    let shown = kasir(d, &["ledger", "show", "S01-T01-000002"], None);
    assert!(text(&shown.stdout).contains("\"no_sale\"") && text(&shown.stdout).contains("tukar uang"));
}

#[test]
fn devices_scan_prints_what_a_serial_scanner_sends() {
    let dir = demo();
    let (mut scanner, slave) = serialport::TTYPort::pair().unwrap();
    let path = serialport::SerialPort::name(&slave).unwrap();
    drop(slave);
    let mut child = Command::new(env!("CARGO_BIN_EXE_kasir"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["devices", "scan", "--scanner", &format!("serial:{path}"), "--suffix", "crlf", "--count", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Send until the reader has opened its end (a pty drops what nobody reads yet).
    let started = std::time::Instant::now();
    let out = loop {
        let _ = std::io::Write::write_all(&mut scanner, b"8991002101234\r\n");
        std::thread::sleep(std::time::Duration::from_millis(100));
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success());
            break child.wait_with_output().unwrap();
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "the scan command never finished");
    };
    let lines: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    assert_eq!(lines, ["8991002101234", "8991002101234"]);
    assert!(text(&out.stderr).contains(&format!("Mendengarkan di serial:{path}")));
}

#[test]
fn a_real_shop_is_set_up_with_its_own_identity_and_nothing_of_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    // Without its details (and without --demo) nothing is written, and it says what it needs.
    let out = kasir(dir.path(), &["init", "--store-code", "W01"], None);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("berikan --store-name, --address, --npwp (atau --demo"), "{err}");
    assert!(std::fs::read_dir(dir.path()).map_or(true, |mut d| d.next().is_none()), "nothing written");
    let out = kasir(dir.path(), &["init", "--demo", "--store-code", "W01"], None);
    assert!(!out.status.success() && text(&out.stderr).contains("jangan sertakan --store-code"));

    let out = kasir(
        dir.path(),
        &[
            "init",
            "--store-code",
            "W01",
            "--store-name",
            "Warung Sumber Rejeki",
            "--address",
            "Jl. Pasar Legi 3, Surakarta",
            "--npwp",
            "02.345.678.9-526.000",
            "--terminal-code",
            "T02",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).to_lowercase().contains("demo"), "{}", text(&out.stdout));
    let toml = std::fs::read_to_string(dir.path().join("kasir.toml")).unwrap();
    assert!(toml.contains("Warung Sumber Rejeki") && !toml.contains("Toko Kasir Demo"), "{toml}");
    kasir(
        dir.path(),
        &["users", "add", "--code", "M01", "--name", "Sri", "--role", "manager", "--pin", "4826"],
        None,
    );
    let csv = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/products.csv");
    assert!(kasir(dir.path(), &["catalog", "import", csv], None).status.success());
    assert!(
        kasir(dir.path(), &["shift", "open", "--user", "M01", "--float", "300000", "--pin", "4826"], None)
            .status
            .success()
    );
    let sale = r#"{"cashier":"M01","items":[{"sku":"MIE-001","quantity":2}],"tenders":[{"kind":"cash","amount":"10000"}]}"#;
    let out = kasir(dir.path(), &["sell", "-", "--pin", "4826"], Some(sale));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["receipt_number"], "W01-T02-000002", "the shop's own store and terminal codes");
    // A second init never overwrites the ledger.
    let out = kasir(
        dir.path(),
        &["init", "--store-code", "W01", "--store-name", "x", "--address", "y", "--npwp", "z"],
        None,
    );
    assert!(!out.status.success());
}

#[test]
fn a_new_pin_replaces_the_old_one_and_a_deactivated_user_can_no_longer_approve() {
    let dir = demo();
    let run = |args: &[&str]| {
        let out = kasir(dir.path(), args, None);
        (out.status.success(), text(&out.stdout) + &text(&out.stderr))
    };
    // Without a manager's approval nothing changes.
    let (ok, said) = run(&["users", "set-pin", "M01", "--pin", "5678"]);
    assert!(!ok && said.contains("perlu manajer"), "{said}");
    let (ok, said) =
        run(&["users", "set-pin", "M01", "--pin", "5678", "--manager", "M01", "--manager-pin", "1234"]);
    assert!(ok && said.contains("PIN M01 diganti"), "{said}");
    let (ok, said) = run(&["report", "x", "--manager", "M01", "--pin", "1234"]);
    assert!(!ok && said.contains("PIN salah untuk M01"), "the old PIN: {said}");
    let (ok, said) = run(&["report", "x", "--manager", "M01", "--pin", "5678"]);
    assert!(ok, "the new PIN: {said}");

    let (ok, said) =
        run(&["users", "set-pin", "M01", "--pin", "56", "--manager", "M01", "--manager-pin", "5678"]);
    assert!(!ok && said.contains("PIN harus 4 sampai 8 angka"), "{said}");
    let (ok, said) = run(&["users", "deactivate", "K99", "--manager", "M01", "--manager-pin", "5678"]);
    assert!(!ok && said.contains("Tidak ada pengguna aktif dengan kode 'K99'"), "{said}");

    let (ok, said) = run(&["users", "deactivate", "M01", "--manager", "M01", "--manager-pin", "5678"]);
    assert!(ok && said.contains("M01 dinonaktifkan"), "{said}");
    let (ok, said) = run(&["report", "x", "--manager", "M01", "--pin", "5678"]);
    assert!(!ok && said.contains("Tidak ada pengguna aktif dengan kode 'M01'"), "{said}");
    let (ok, said) = run(&["users", "list"]);
    assert!(ok && !said.contains("M01") && said.contains("K01"), "{said}");
    let (ok, said) = run(&["users", "set-pin", "M01", "--pin", "1234"]);
    assert!(!ok && said.contains("Tidak ada pengguna aktif dengan kode 'M01'"), "{said}");
}

#[test]
fn a_command_acts_for_a_cashier_only_with_their_pin() {
    let dir = demo();
    let d = dir.path();
    let sale = format!("{}/examples/sale.json", env!("CARGO_MANIFEST_DIR"));
    let out = kasir(d, &["sell", &sale, "--pin", "0000"], None);
    assert!(text(&out.stderr).contains("PIN salah untuk K01"), "{}", text(&out.stderr));
    let out = Command::new(env!("CARGO_BIN_EXE_kasir"))
        .arg("--data-dir")
        .arg(d)
        .args(["shift", "cash-in", "50000", "--user", "K01", "--reason", "uang kecil"])
        .env_remove("KASIR_PIN")
        .output()
        .unwrap();
    assert!(
        text(&out.stderr).contains("berikan PIN K01 dengan --pin atau KASIR_PIN"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(documents(d), 1, "nothing written: only the demo's shift");
    let out = kasir(d, &["sell", &sale], None);
    assert!(out.status.success(), "KASIR_PIN from the environment: {}", text(&out.stderr));
}

/// The commands speak the shop's `[store] locale`: a shop set to English reads English, with
/// Rupiah written as its receipts write it; a config refused for another reason is still
/// explained in the language it asks for.
#[test]
fn an_english_shop_is_answered_in_english_with_rupiah_as_on_the_receipt() {
    let dir = demo();
    let d = dir.path();
    let toml = std::fs::read_to_string(d.join("kasir.toml")).unwrap();
    assert!(toml.contains("locale = \"id-ID\""), "{toml}");
    std::fs::write(d.join("kasir.toml"), toml.replace("locale = \"id-ID\"", "locale = \"en\"")).unwrap();

    let out = kasir(d, &["shift", "status"], None);
    let said = text(&out.stdout);
    assert!(said.contains("Shift 1 open since document 1"), "{said}");
    assert!(said.contains("the drawer should hold Rp 500.000"), "{said}");
    let short = "{\"cashier\":\"K01\",\"items\":[{\"barcode\":\"8997908345093\"}],\"tenders\":[{\"kind\":\"cash\",\"amount\":\"1000\"}]}";
    let out = kasir(d, &["sell", "-"], Some(short));
    assert_eq!(text(&out.stderr).trim(), "error: Not fully paid: Rp 2.500 still due");
    let out = kasir(
        d,
        &["users", "set-pin", "M01", "--pin", "5678", "--manager", "M01", "--manager-pin", "0000"],
        None,
    );
    assert!(text(&out.stderr).contains("Wrong PIN for M01"), "{}", text(&out.stderr));

    // The same shop in Indonesian, word for word.
    std::fs::write(d.join("kasir.toml"), toml.clone()).unwrap();
    let out = kasir(d, &["sell", "-"], Some(short));
    assert_eq!(text(&out.stderr).trim(), "kesalahan: Belum lunas: masih kurang Rp 2.500");
    let out = kasir(d, &["shift", "status"], None);
    assert!(text(&out.stdout).contains("isi laci seharusnya Rp 500.000"), "{}", text(&out.stdout));

    // A setting refused: said in the language the file asks for.
    let english = toml.replace("locale = \"id-ID\"", "locale = \"en\"");
    let bad = english.replace("rounding_mode = \"nearest\"", "rounding_mode = \"sideways\"");
    assert_ne!(bad, english);
    std::fs::write(d.join("kasir.toml"), bad).unwrap();
    let out = kasir(d, &["ledger", "verify"], None);
    let err = text(&out.stderr);
    assert!(err.starts_with("error: Config ") && err.contains("sideways"), "{err}");
}
