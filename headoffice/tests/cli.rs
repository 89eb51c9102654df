//! `kasir-headoffice` as an administrator uses it, on a SQLite file and on PostgreSQL.

mod common;

use std::process::Command;

use common::{Chain, Kind, sale};

fn url(db: &common::TestDb) -> String {
    common::serve::database_url(&db.database)
}

async fn administer(kind: Kind) {
    let db = common::fresh(kind).await;
    let u = url(&db);
    let (u1, u2, u3) = (u.clone(), u.clone(), u.clone());
    let ok = |args: &'static [&'static str]| {
        let u = u.clone();
        move || {
            let (ok, text) = common::serve::run_cli(&u, args);
            assert!(ok, "{args:?}: {text}");
            text
        }
    };
    let blocking = |f: Box<dyn FnOnce() -> String + Send>| tokio::task::spawn_blocking(f);
    blocking(Box::new(ok(&["store", "add", "S01", "--name", "Toko Satu", "--npwp", "01.234.567.8-901.000"])))
        .await
        .unwrap();
    blocking(Box::new(ok(&["store", "set", "S01", "--address", "Jl. Merdeka 1", "--utc-offset", "+08:00"])))
        .await
        .unwrap();
    let id = db.storage.store("S01").await.unwrap().unwrap();
    assert_eq!(
        (
            id.name.as_str(),
            id.address.as_str(),
            id.npwp.as_str(),
            id.utc_offset.as_str(),
            id.currency.as_str()
        ),
        ("Toko Satu", "Jl. Merdeka 1", "01.234.567.8-901.000", "+08:00", "IDR")
    );
    let text = blocking(Box::new(ok(&[
        "store",
        "set",
        "S01",
        "--receipt-header",
        "Selamat datang",
        "--receipt-footer",
        "Terima kasih",
        "--receipt-footer",
        "Barang yang sudah dibeli tidak dapat ditukar",
    ])))
    .await
    .unwrap();
    assert!(text.contains("after their next sync"), "{text}");
    let lines = db.storage.store("S01").await.unwrap().unwrap().receipt_lines.unwrap();
    assert_eq!(lines.header, ["Selamat datang"]);
    assert_eq!(lines.footer, ["Terima kasih", "Barang yang sudah dibeli tidak dapat ditukar"]);
    let (bad, text) = tokio::task::spawn_blocking({
        let u = u.clone();
        move || {
            common::serve::run_cli(
                &u,
                &["store", "set", "S01", "--receipt-footer", &"Terima kasih ".repeat(5)],
            )
        }
    })
    .await
    .unwrap();
    assert!(!bad && text.contains("receipt footer line 1") && text.contains("at most 48"), "{text}");
    assert_eq!(db.storage.store("S01").await.unwrap().unwrap().receipt_lines.unwrap(), lines, "unchanged");
    let text =
        blocking(Box::new(ok(&["terminal", "add", "--store", "S01", "--terminal", "T01"]))).await.unwrap();
    // The enrolment code: printed once, grouped, and kept only as its hash.
    let enrolment_code = |text: &str| {
        let line =
            text.lines().find(|l| l.starts_with("Enrolment code for S01-T01")).expect("a code is printed");
        let code = line.rsplit(' ').next().unwrap().to_owned();
        let plain = kasir_headoffice::auth::normalise_enrolment_code(&code).expect("a code as printed");
        (code, kasir_headoffice::auth::hash_enrolment_code(&plain))
    };
    let (first_code, first_hash) = enrolment_code(&text);
    assert_eq!(first_code.len(), 12, "{first_code}");
    let t01 = kasir_core::chain::Origin { store: "S01".into(), terminal: "T01".into() };
    assert_eq!(db.storage.enrolment_terminal(&first_hash).await.unwrap(), t01);
    let again = blocking(Box::new(ok(&["terminal", "enrol-code", "--store", "S01", "--terminal", "T01"])))
        .await
        .unwrap();
    let (_, second_hash) = enrolment_code(&again);
    assert!(db.storage.enrolment_terminal(&first_hash).await.unwrap_err().to_string().contains("replaced"));
    assert_eq!(db.storage.enrolment_terminal(&second_hash).await.unwrap(), t01);
    let token = text.lines().find(|l| l.starts_with("S01-T01.")).expect("the token is printed").to_owned();
    assert_eq!(token.len(), "S01-T01.".len() + 64);
    // The token verifies against what was stored, and the store holds only its digest.
    let hash = db.storage.credentials("S01", "T01").await.unwrap().unwrap().token_hash;
    assert!(hash == kasir_headoffice::auth::hash_token(&token) && !hash.contains(&token[8..]));

    let text =
        blocking(Box::new(ok(&["stock", "receive", "--store", "S01", "--sku", "A", "--quantity", "24"])))
            .await
            .unwrap();
    assert!(text.contains("A: stock now 24"), "{text}");
    let text = blocking(Box::new(ok(&[
        "stock",
        "adjust",
        "--store",
        "S01",
        "--sku",
        "A",
        "--quantity",
        "-2",
        "--reason",
        "rusak",
    ])))
    .await
    .unwrap();
    assert!(text.contains("A: stock now 22"), "{text}");
    let (bad, text) = tokio::task::spawn_blocking(move || {
        common::serve::run_cli(
            &u1,
            &["stock", "receive", "--store", "S01", "--sku", "A", "--quantity", "dua"],
        )
    })
    .await
    .unwrap();
    assert!(!bad && text.contains("--quantity \"dua\" for A"), "{text}");
    let (bad, text) = tokio::task::spawn_blocking(move || {
        common::serve::run_cli(&u2, &["terminal", "add", "--store", "S09", "--terminal", "T01"])
    })
    .await
    .unwrap();
    assert!(!bad && text.contains("store S09 is not known"), "{text}");

    let text = blocking(Box::new(ok(&["tax", "set", "PPN", "11"]))).await.unwrap();
    assert!(text.contains("tax class PPN set"), "{text}");
    let (bad, text) =
        tokio::task::spawn_blocking(move || common::serve::run_cli(&u3, &["tax", "set", "PPN", "150"]))
            .await
            .unwrap();
    assert!(!bad && text.contains("tax class PPN: 150 %"), "{text}");
    let text = blocking(Box::new(ok(&["tax", "set", "PPN12D", "12", "--dpp", "11/12"]))).await.unwrap();
    assert!(text.contains("tax class PPN12D set"), "{text}");
    let feed = db.storage.changes("S01", 0, 10).await.unwrap();
    let dpp = |num, den| kasir_core::tax::DppBase::new(num, den).unwrap();
    for (code, rate_bp, base) in [("PPN", 1100, dpp(1, 1)), ("PPN12D", 1200, dpp(11, 12))] {
        assert!(feed.changes.iter().any(|c| c.item
            == kasir_core::wire::ChangeItem::TaxClass(kasir_core::wire::TaxClassRecord {
                code: code.into(),
                rate_bp,
                dpp: base
            })));
    }

    // A product under a tax class head office does not have is refused before terminals see it.
    let u6 = u.clone();
    let (succeeded, text) = tokio::task::spawn_blocking(move || {
        common::serve::run_cli(
            &u6,
            &["product", "set", "--sku", "X-1", "--name", "Kopi", "--price", "5000", "--tax-class", "PPN99"],
        )
    })
    .await
    .unwrap();
    assert!(
        !succeeded && text.contains("--tax-class PPN99 for X-1 is not a tax class (known: PPN, PPN12D)"),
        "{text}"
    );
    let text =
        blocking(Box::new(ok(&["product", "set", "--sku", "X-1", "--name", "Kopi", "--price", "5000"])))
            .await
            .unwrap();
    assert!(text.contains("product X-1 set"), "{text}");

    // The catalogue from a CSV file: a bad file names its lines and sets nothing.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "sku,barcodes,name,price,tax_class,sold_by_weight\n\
         MIE-001,8991002101234,Indomie Goreng,3500,PPN,false\n\
         AIR-600,8992388101017,Aqua 600 ml,4000,PPN,false\n\
         BRS-KG,2100123,Beras (per kg),15000,PPN13,true\n",
    )
    .unwrap();
    let before = db.storage.changes("S01", 0, 1000).await.unwrap().changes.len();
    let (u4, bad_path) = (u.clone(), bad.display().to_string());
    let (succeeded, text) =
        tokio::task::spawn_blocking(move || common::serve::run_cli(&u4, &["catalog", "import", &bad_path]))
            .await
            .unwrap();
    assert!(!succeeded, "{text}");
    assert!(text.contains("line 3: ") && text.contains("check digit"), "{text}");
    assert!(text.contains("line 4: unknown tax class 'PPN13'"), "{text}");
    assert_eq!(db.storage.changes("S01", 0, 1000).await.unwrap().changes.len(), before, "nothing was set");
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "sku,barcodes,name,price,tax_class,sold_by_weight\n\
         MIE-001,8991002101234,Indomie Goreng,3500,PPN,false\n\
         BRS-KG,2100123,Beras (per kg),15000,PPN,true\n",
    )
    .unwrap();
    let (u5, good_path) = (u.clone(), good.display().to_string());
    let (imported, text) =
        tokio::task::spawn_blocking(move || common::serve::run_cli(&u5, &["catalog", "import", &good_path]))
            .await
            .unwrap();
    assert!(imported && text.contains("2 products set"), "{text}");
    let feed = db.storage.changes("S01", 0, 1000).await.unwrap();
    let beras = feed.changes.iter().find_map(|c| match &c.item {
        kasir_core::wire::ChangeItem::Product(p) if p.sku == "BRS-KG" => Some(p.clone()),
        _ => None,
    });
    let beras = beras.expect("the feed carries the imported products");
    assert_eq!((beras.price, beras.unit.as_str(), beras.sold_by_weight), (15000, "kg", true));
    assert_eq!(beras.barcodes, ["2100123"]);

    // Sales arrive; the reports read them.
    let mut c = Chain::new("S01", "T01");
    c.add(sale(&[("A", 3, 2500)]));
    c.add(sale(&[("B", 1, 12000)]));
    db.storage.ingest(&c.origin, c.docs.clone(), Some(2)).await.unwrap();
    let text = blocking(Box::new(ok(&[
        "report",
        "sales",
        "--from",
        "2026-11-22",
        "--to",
        "2026-11-22",
        "--by",
        "product",
    ])))
    .await
    .unwrap();
    assert!(text.contains("A Product A") && text.contains("7.500") && text.contains("19.500"), "{text}");
    let text = blocking(Box::new(ok(&[
        "report",
        "sales",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--by",
        "day",
        "--format",
        "csv",
    ])))
    .await
    .unwrap();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        ["day,receipts,quantity,net,tax,gross", "2026-11-22,2,4,19500,0,19500"]
    );
    let text = blocking(Box::new(ok(&["terminals"]))).await.unwrap();
    assert!(text.contains("S01-T01") && text.contains("s ago") && text.contains("19.500"), "{text}");
    let text = blocking(Box::new(ok(&["stock", "show", "--store", "S01"]))).await.unwrap();
    assert!(text.contains("A") && text.contains("19"), "22 received and adjusted, 3 sold: {text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_sets_up_and_reads_on_sqlite() {
    administer(Kind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_sets_up_and_reads_on_postgres() {
    administer(Kind::Postgres).await;
}

/// `serve` answers until a service manager's SIGTERM, then stops cleanly.
#[test]
fn serve_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("headoffice.db").display().to_string();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let listen = format!("127.0.0.1:{port}");
    let mut server = Command::new(env!("CARGO_BIN_EXE_kasir-headoffice"))
        .args(["serve", "--listen", &listen])
        .env("KASIR_HEADOFFICE_DATABASE", &database)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::net::TcpStream::connect(&listen).is_err() {
        assert!(std::time::Instant::now() < deadline, "the server did not start listening");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let killed = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        assert!(std::time::Instant::now() < deadline, "the server did not stop on SIGTERM");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut log = String::new();
    std::io::Read::read_to_string(server.stderr.as_mut().unwrap(), &mut log).unwrap();
    assert!(status.success(), "{status:?}: {log}");
    assert!(log.contains("head office serving /api/v1") && log.contains("head office stopped"), "{log}");
}

/// `kasir-headoffice` with `env` set besides the database, off the async runtime.
async fn run_with(database: &str, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let database = database.to_owned();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    tokio::task::spawn_blocking(move || {
        let out = Command::new(env!("CARGO_BIN_EXE_kasir-headoffice"))
            .args(&args)
            .env("KASIR_HEADOFFICE_DATABASE", &database)
            .env_remove("KASIR_PIN")
            .envs(env)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
        )
    })
    .await
    .unwrap()
}

async fn manage_users(kind: Kind) {
    let db = common::fresh(kind).await;
    let u = url(&db);
    for store in ["S01", "S02"] {
        let (ok, text) = run_with(&u, &["store", "add", store, "--name", "Toko"], &[]).await;
        assert!(ok, "{text}");
    }
    let add = ["user", "add", "--code", "K03", "--name", "Rina", "--role", "cashier", "--store", "S01"];
    let (ok, text) = run_with(&u, &[&add[..], &["--store", "S02", "--pin", "3333"]].concat(), &[]).await;
    assert!(ok && text.contains("user K03 added"), "{text}");
    // The PIN from the environment, as at the terminal.
    let (ok, text) = run_with(
        &u,
        &["user", "add", "--code", "M02", "--name", "Agus", "--role", "manager", "--store", "S02"],
        &[("KASIR_PIN", "5555")],
    )
    .await;
    assert!(ok, "{text}");

    // Bad input names what is wrong and changes nothing.
    let before = db.storage.changes("S01", 0, 1000).await.unwrap().next;
    let refusals: [(&[&str], &str); 8] = [
        (
            &[&add[..8], &["--store", "S09", "--pin", "1234"]].concat().replace_code("K04"),
            "store S09 is not known",
        ),
        (&[&add[..], &["--pin", "1234"]].concat(), "a user with code K03 already exists"),
        (
            &[&add[..], &["--pin", "12"]].concat().replace_code("K05"),
            "the PIN of user K05 must be 4 to 8 digits",
        ),
        (
            &[&add[..], &["--pin", "12ab"]].concat().replace_code("K05"),
            "the PIN of user K05 must be 4 to 8 digits",
        ),
        (
            &[&add[..], &["--pin", "1234"]].concat().replace_code("K-5"),
            "user code \"K-5\" must be 1 to 8 letters or digits",
        ),
        (&["user", "deactivate", "K99"], "user K99 is not known"),
        (&["user", "set-pin", "K99", "--pin", "4444"], "user K99 is not known"),
        (&["user", "set-pin", "K03", "--pin", "44"], "the PIN of user K03 must be 4 to 8 digits"),
    ];
    for (args, says) in refusals {
        let (ok, text) = run_with(&u, args, &[]).await;
        assert!(!ok && text.contains(says), "{args:?} should say {says:?}: {text}");
    }
    assert_eq!(db.storage.changes("S01", 0, 1000).await.unwrap().next, before, "nothing was written");

    let (ok, text) = run_with(&u, &["user", "list", "--store", "S01"], &[]).await;
    assert!(ok, "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(
        lines[0].starts_with("K03") && lines[0].contains("Rina") && lines[0].contains("active"),
        "{text}"
    );
    assert!(lines[0].ends_with("S01,S02"), "{text}");

    let hash_before = db.storage.changes("S01", 0, 1000).await.unwrap();
    let (ok, text) = run_with(&u, &["user", "set-pin", "K03", "--pin", "4444"], &[]).await;
    assert!(ok && text.contains("PIN of user K03 changed"), "{text}");
    let page = db.storage.changes("S01", hash_before.next, 1000).await.unwrap();
    match &page.changes[..] {
        [c] => match &c.item {
            kasir_core::wire::ChangeItem::User(r) => {
                assert!(r.code == "K03" && r.active && r.pin_hash.starts_with("$argon2id$"), "{r:?}")
            }
            other => panic!("{other:?}"),
        },
        other => panic!("one change for the new PIN: {other:?}"),
    }
    let (ok, text) = run_with(&u, &["user", "deactivate", "K03"], &[]).await;
    assert!(ok && text.contains("user K03 deactivated"), "{text}");
    let (ok, text) = run_with(&u, &["user", "list"], &[]).await;
    assert!(ok, "{text}");
    let listed: Vec<(String, bool)> = text
        .lines()
        .map(|l| (l.split_whitespace().next().unwrap().to_owned(), l.contains(" inactive ")))
        .collect();
    assert_eq!(listed, [("K03".to_owned(), true), ("M02".to_owned(), false)], "{text}");
}

trait ReplaceCode {
    fn replace_code(self, code: &'static str) -> Vec<&'static str>;
}

impl ReplaceCode for Vec<&'static str> {
    /// The same `user add` with another `--code`.
    fn replace_code(mut self, code: &'static str) -> Vec<&'static str> {
        if let Some(i) = self.iter().position(|a| *a == "--code") {
            self[i + 1] = code;
        }
        self
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_are_managed_from_the_command_line_on_sqlite() {
    manage_users(Kind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_are_managed_from_the_command_line_on_postgres() {
    manage_users(Kind::Postgres).await;
}
