//! A terminal joins head office with a one-time enrolment code over real HTTP: it is set up
//! as the terminal the code was made for (the store's identity in its config, head office's
//! users and catalogue after the first sync) and sells at once. A used, expired or wrong code
//! is refused in words and writes nothing.

mod common;

use std::path::Path;

use common::headoffice::HeadOffice;
use kasir::app::config::Config;
use kasir::app::enrol::join;
use kasir::app::setup::{self, Paths};
use kasir::sync::{SyncSettings, Syncer};
use kasir_core::chain::Origin;
use kasir_core::policy::Role;
use kasir_core::wire::{ProductRecord, TaxClassRecord};
use kasir_headoffice::auth::{
    hash_enrolment_code, hash_pin, hash_token, new_enrolment_code, new_token, normalise_enrolment_code,
};
use kasir_headoffice::storage::{NewUser, StoreChange};

/// Registers a terminal at head office as `kasir-headoffice terminal add` does; its
/// enrolment code, valid for `hours` (negative: expired already).
async fn terminal_add(ho: &HeadOffice, terminal: &str, hours: i64) -> String {
    let token = new_token(&Origin { store: "S01".into(), terminal: terminal.into() });
    ho.storage.add_terminal("S01", terminal, &hash_token(&token)).await.unwrap();
    enrol_code(ho, terminal, hours).await
}

/// A fresh code for a registered terminal, as `kasir-headoffice terminal enrol-code` makes it.
async fn enrol_code(ho: &HeadOffice, terminal: &str, hours: i64) -> String {
    let code = new_enrolment_code();
    let hash = hash_enrolment_code(&normalise_enrolment_code(&code).unwrap());
    let expires = chrono::Utc::now() + chrono::Duration::hours(hours);
    ho.storage.issue_enrolment_code("S01", terminal, &hash, expires).await.unwrap();
    code
}

fn files_in(dir: &Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_terminal_joins_with_its_code_sells_and_syncs_and_bad_codes_write_nothing() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (ho, code) = rt.block_on(async {
        let ho = HeadOffice::start().await;
        let s = ho.storage.as_ref();
        s.add_store("S01", "Toko Merdeka").await.unwrap();
        s.set_store(
            "S01",
            &StoreChange {
                address: Some("Jl. Merdeka 17, Bandung".into()),
                npwp: Some("01.234.567.8-901.000".into()),
                utc_offset: Some("+07:00".into()),
                currency: Some("IDR".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        s.put_tax_class(&TaxClassRecord { code: "PPN".into(), rate_bp: 1100, dpp: Default::default() })
            .await
            .unwrap();
        s.put_product(&ProductRecord {
            sku: "MIE-001".into(),
            name: "Indomie Goreng".into(),
            category: "Makanan Instan".into(),
            unit: "pcs".into(),
            price: 3600,
            tax_class: "PPN".into(),
            price_includes_tax: true,
            sold_by_weight: false,
            active: true,
            barcodes: vec!["8991002101234".into()],
        })
        .await
        .unwrap();
        s.add_user(&NewUser {
            code: "K07".into(),
            name: "Rina".into(),
            role: Role::Cashier,
            pin_hash: hash_pin("K07", "7070").unwrap(),
            stores: vec!["S01".into()],
        })
        .await
        .unwrap();
        let code = terminal_add(&ho, "T02", 24).await;
        (ho, code)
    });

    // The terminal joins: config, ledger, and head office's users and catalogue.
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths { data_dir: dir.path().join("kasir") };
    let report = join(&paths, &format!("{}/", ho.url()), &code.to_lowercase(), None).unwrap();
    assert_eq!(report.sync_error, None);
    assert_eq!(
        (report.store_code.as_str(), report.store_name.as_str(), report.terminal_code.as_str()),
        ("S01", "Toko Merdeka", "T02")
    );
    assert_eq!((report.users, report.products), (1, 1));
    assert!(report.tax_classes >= 1);
    assert!(
        report.to_string().starts_with("Joined head office as S01-T02 (Toko Merdeka); 1 users"),
        "{report}"
    );
    let config = Config::load(&paths.config()).unwrap();
    assert_eq!(
        (config.store.name.as_str(), config.store.address.as_str(), config.store.npwp.as_str()),
        ("Toko Merdeka", "Jl. Merdeka 17, Bandung", "01.234.567.8-901.000")
    );
    assert_eq!(config.origin(), Origin { store: "S01".into(), terminal: "T02".into() });
    let ho_config = config.headoffice.clone().unwrap();
    assert_eq!(ho_config.url, ho.url());
    let token = ho_config.token.clone().unwrap();
    assert!(token.starts_with("S01-T02."));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(paths.config()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "kasir.toml holds the token");
    }

    // K07 logs in with their PIN, opens a shift and sells head office's product.
    let mut ledger = setup::open(&paths, &config).unwrap();
    let rina = ledger.authenticate("K07", "7070").unwrap();
    assert_eq!(rina.name, "Rina");
    let float = kasir_core::Money::from_minor(200_000, config.currency());
    kasir::sale::shift::open(&mut ledger, &rina, float, config.now()).unwrap();
    let script: kasir::sale::checkout::SaleScript = serde_json::from_str(
        r#"{"cashier":"K07","items":[{"barcode":"8991002101234","quantity":2}],"tenders":[{"kind":"cash","amount":"10000"}]}"#,
    )
    .unwrap();
    let sale = kasir::sale::checkout::sell(&mut ledger, &config, &script, config.now()).unwrap();
    assert_eq!(sale.receipt_number, "S01-T02-000002");
    drop(ledger);

    // Sync delivers the shift and the sale with the token joining gave.
    let syncer = Syncer::new(SyncSettings::from_config(&config).unwrap().unwrap(), &paths.ledger()).unwrap();
    let synced = rt.block_on(syncer.once()).unwrap();
    assert_eq!((synced.stored, synced.delivered_seq, synced.waiting), (2, 2, 0));
    let t02 = rt.block_on(ho.storage.terminals()).unwrap();
    let t02 = t02.iter().find(|t| t.terminal == "T02").unwrap();
    assert_eq!(t02.last_seq, 2);

    // Joining again here is refused: this data directory is a terminal already.
    let again = join(&paths, &ho.url(), &code, None).unwrap_err();
    assert!(format!("{again:#}").contains("this terminal is already set up as S01-T02"), "{again:#}");

    // A second terminal cannot take T02's identity with T02's (used) code; an expired code and
    // a wrong one are refused too, each in words, and none writes anything.
    let expired = rt.block_on(terminal_add(&ho, "T03", -1));
    for (bad, words) in [
        (code.as_str(), "this enrolment code has already been used"),
        (expired.as_str(), "this enrolment code has expired"),
        ("AAAA-BBBB-CC", "not an enrolment code head office issued"),
        ("nonsense", "not an enrolment code head office issued"),
    ] {
        let other = tempfile::tempdir().unwrap();
        let other_paths = Paths { data_dir: other.path().join("kasir") };
        let e = join(&other_paths, &ho.url(), bad, None).unwrap_err();
        let text = format!("{e:#}");
        assert!(text.contains("head office refused the enrolment") && text.contains(words), "{bad}: {text}");
        assert!(files_in(&other_paths.data_dir).is_empty(), "{bad}: {:?}", files_in(&other_paths.data_dir));
    }
    // T02 still syncs with its token: nothing of it changed.
    rt.block_on(syncer.once()).unwrap();

    // An unreachable head office: said in words, nothing written.
    let nowhere = tempfile::tempdir().unwrap();
    let nowhere_paths = Paths { data_dir: nowhere.path().join("kasir") };
    let e = join(&nowhere_paths, "http://127.0.0.1:9", "AAAA-BBBB-CC", None).unwrap_err();
    assert!(format!("{e:#}").contains("cannot be reached"), "{e:#}");
    assert!(!nowhere_paths.config().exists() && !nowhere_paths.ledger().exists());

    // The real program: `kasir join URL CODE` with a fresh code for T03.
    let fresh = rt.block_on(enrol_code(&ho, "T03", 1));
    let program = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kasir"))
        .env_remove("KASIR_HEADOFFICE_TOKEN")
        .env_remove("KASIR_CONFIG")
        .arg("--data-dir")
        .arg(program.path())
        .args(["join", &ho.url(), &fresh])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        stdout.contains("Tergabung dengan kantor pusat sebagai S01-T03 (Toko Merdeka); 1 pengguna"),
        "{stdout}"
    );
    let t03 = Config::load(&program.path().join("kasir.toml")).unwrap();
    assert_eq!(t03.origin(), Origin { store: "S01".into(), terminal: "T03".into() });
    let ledger = setup::open(&Paths { data_dir: program.path().to_owned() }, &t03).unwrap();
    ledger.authenticate("K07", "7070").unwrap();
    // The same again is refused by the program too, with a non-zero exit.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kasir"))
        .arg("--data-dir")
        .arg(program.path())
        .args(["join", &ho.url(), &fresh])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("sudah disiapkan sebagai S01-T03"), "{stderr}");
    drop(rt);
}
