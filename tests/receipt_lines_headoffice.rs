//! Receipt header and footer lines set at head office reach the terminals of their store over
//! real HTTP: after one sync a sale's receipt prints them, a change prints after the next, and
//! another store's lines never arrive. A terminal that joins prints them from its first receipt.

mod common;

use std::time::Duration;

use common::Shop;
use common::headoffice::{HeadOffice, settings};
use kasir::app::config::{Config, Environment};
use kasir::app::enrol::join;
use kasir::app::setup::{self, Paths};
use kasir::store::Ledger;
use kasir::sync::Syncer;
use kasir_core::chain::Origin;
use kasir_core::wire::ReceiptLines;
use kasir_headoffice::auth::{hash_enrolment_code, hash_token, new_token, normalise_enrolment_code};
use kasir_headoffice::storage::StoreChange;

const SALE: &str = r#"{"cashier":"K01","items":[{"sku":"MIE-001","quantity":2}],"tenders":[{"kind":"cash","amount":"10000"}]}"#;

fn lines(header: &[&str], footer: &[&str]) -> StoreChange {
    StoreChange {
        receipt_header: Some(header.iter().map(|l| l.to_string()).collect()),
        receipt_footer: Some(footer.iter().map(|l| l.to_string()).collect()),
        ..Default::default()
    }
}

/// The receipt text of `receipt` as the screen shows it (48 columns).
fn receipt_text(ledger: &Ledger, config: &Config, receipt: &str) -> String {
    let doc = ledger.document_by_receipt(receipt).unwrap().unwrap();
    kasir::sale::receipt::sale_receipt(&doc, config, &ledger.receipt_lines().unwrap(), 48).unwrap().join("\n")
}

#[test]
fn receipt_lines_set_at_head_office_print_after_a_sync_and_only_in_their_store() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let (ho, token) = rt.block_on(async {
        let ho = HeadOffice::start().await;
        let token = ho.terminal("S01", "T01").await;
        ho.storage.add_store("S02", "Toko Dua").await.unwrap();
        ho.storage.set_store("S02", &lines(&["Cabang Dua"], &["Khusus S02"])).await.unwrap();
        (ho, token)
    });
    // The terminal has its own lines in kasir.toml: they print until head office sends its own.
    let toml = format!(
        "[terminal]\ncode = \"T01\"\n[headoffice]\nurl = \"{}\"\ntoken = \"{token}\"\ntimeout_secs = 2\n\
         [receipt]\nheader = [\"Dari kasir.toml\"]\n",
        ho.url()
    );
    let shop = Shop::with_config(Config::parse_with(&toml, "kasir.toml", &Environment::default()).unwrap());
    let syncer =
        Syncer::new(settings(&ho.url(), &token, Duration::from_secs(5)), &shop.ledger_path()).unwrap();
    let sync = || rt.block_on(syncer.once()).unwrap();

    sync();
    let text = receipt_text(&shop.ledger(), &shop.config, &shop.sell(SALE));
    assert!(text.contains("Dari kasir.toml"), "head office has set none yet:\n{text}");
    assert!(!text.contains("Cabang Dua") && !text.contains("Khusus S02"), "{text}");

    rt.block_on(ho.storage.set_store(
        "S01",
        &lines(&["Selamat datang"], &["Terima kasih", "Barang yang sudah dibeli tidak dapat ditukar"]),
    ))
    .unwrap();
    sync();
    // Head office's lines win over kasir.toml's, also after the terminal starts again.
    let ledger = shop.ledger();
    assert!(ledger.receipt_lines_from_headoffice().unwrap());
    let text = receipt_text(&ledger, &shop.config, &shop.sell(SALE));
    let rows: Vec<&str> = text.lines().collect();
    let npwp = rows.iter().position(|l| l.contains("NPWP")).unwrap();
    assert_eq!(rows[npwp + 1], format!("{}Selamat datang", " ".repeat(17)), "{text}");
    let footer: Vec<&str> = rows[rows.len() - 2..].iter().map(|l| l.trim()).collect();
    assert_eq!(footer, ["Terima kasih", "Barang yang sudah dibeli tidak dapat ditukar"]);
    assert!(!text.contains("Dari kasir.toml") && !text.contains("Cabang Dua"), "{text}");
    assert!(!text.contains("Khusus S02"), "{text}");

    // Changed at head office: the next receipt after the next sync prints the new ones.
    rt.block_on(ho.storage.set_store("S01", &lines(&["Buka 24 jam", "Jl. Merdeka 17"], &["Sampai jumpa"])))
        .unwrap();
    sync();
    let text = receipt_text(&shop.ledger(), &shop.config, &shop.sell(SALE));
    assert!(text.contains("Buka 24 jam") && text.contains("Jl. Merdeka 17"), "{text}");
    assert_eq!(text.lines().last().unwrap().trim(), "Sampai jumpa");
    assert!(!text.contains("Selamat datang") && !text.contains("tidak dapat ditukar"), "{text}");
    assert!(!text.contains("Khusus S02") && !text.contains("Cabang Dua"), "{text}");
    // Another store's change is no change here.
    rt.block_on(ho.storage.set_store("S02", &lines(&["Lain lagi"], &[]))).unwrap();
    sync();
    let expected = ReceiptLines {
        header: vec!["Buka 24 jam".into(), "Jl. Merdeka 17".into()],
        footer: vec!["Sampai jumpa".into()],
    };
    assert_eq!(shop.ledger().receipt_lines().unwrap(), expected);
}

#[test]
fn a_terminal_that_joins_prints_its_stores_lines_from_the_first_receipt() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let code = "K7QX-M2PA-9T";
    let ho = rt.block_on(async {
        let ho = HeadOffice::start().await;
        let s = ho.storage.as_ref();
        s.add_store("S01", "Toko Merdeka").await.unwrap();
        s.set_store("S01", &lines(&["Selamat datang"], &["Terima kasih"])).await.unwrap();
        s.add_store("S02", "Toko Dua").await.unwrap();
        s.set_store("S02", &lines(&["Cabang Dua"], &[])).await.unwrap();
        let token = new_token(&Origin { store: "S01".into(), terminal: "T02".into() });
        s.add_terminal("S01", "T02", &hash_token(&token)).await.unwrap();
        let hash = hash_enrolment_code(&normalise_enrolment_code(code).unwrap());
        s.issue_enrolment_code("S01", "T02", &hash, chrono::Utc::now() + chrono::Duration::hours(1))
            .await
            .unwrap();
        ho
    });
    // Joining: the enrolment's answer carries them, before any sync.
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths { data_dir: dir.path().join("kasir") };
    let report = join(&paths, &ho.url(), code, None).unwrap();
    assert_eq!(report.sync_error, None);
    let config = Config::load(&paths.config()).unwrap();
    let ledger = setup::open(&paths, &config).unwrap();
    assert!(ledger.receipt_lines_from_headoffice().unwrap());
    assert_eq!(
        ledger.receipt_lines().unwrap(),
        ReceiptLines { header: vec!["Selamat datang".into()], footer: vec!["Terima kasih".into()] }
    );
    // The first receipt: a user of the terminal's own and a product, then a sale.
    ledger.add_user("M01", "Siti", kasir_core::policy::Role::Manager, "1234").unwrap();
    let mut ledger = ledger;
    let manager = ledger.user("M01").unwrap();
    let float = kasir_core::Money::from_minor(100_000, config.currency());
    kasir::sale::shift::open(&mut ledger, &manager, float, config.now()).unwrap();
    ledger.import_catalogue(common::CATALOGUE.as_bytes(), &config.barcode.variable_measure).unwrap();
    let script: kasir::sale::checkout::SaleScript =
        serde_json::from_str(&SALE.replace("K01", "M01")).unwrap();
    let sale = kasir::sale::checkout::sell(&mut ledger, &config, &script, config.now()).unwrap();
    let text = receipt_text(&ledger, &config, &sale.receipt_number);
    assert!(
        text.contains("Selamat datang") && text.lines().last().unwrap().trim() == "Terima kasih",
        "{text}"
    );
    assert!(!text.contains("Cabang Dua"), "{text}");
}
