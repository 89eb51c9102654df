//! Stock in head office's web app, in a real headless Chromium against a real
//! `kasir-headoffice serve`, on SQLite and on PostgreSQL: a manager of S01 sends goods to
//! S02, S02's manager receives them, and the levels each page shows are the stock head office
//! holds; S01's manager never sees S02's stock nor receives into it.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::Kind;
use common::browser::Browser;
use common::serve::{BIN, ServeProcess, database_url, runtime};
use kasir_headoffice::Storage;
use kasir_headoffice::storage::{StockEntry, StockKind};

const PASSWORD: &str = "rahasia-gudang-toko";
const WAIT: Duration = Duration::from_secs(5);

/// The command line with `stdin` typed into it; fails the test when it fails.
fn cli_ok(database: &str, args: &[&str], stdin: &str) {
    let mut child = Command::new(BIN)
        .args(args)
        .env("KASIR_HEADOFFICE_DATABASE", database)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

async fn log_in(browser: &Browser, base: &str, code: &str) {
    browser.goto(&format!("{base}/login")).await;
    browser.fill("input[name=code]", code).await;
    browser.fill("input[name=password]", &format!("{PASSWORD}-{code}")).await;
    browser.click("button[type=submit]").await;
    browser.wait_for_text("header .user", "manager", WAIT).await;
}

async fn level(s: &dyn Storage, store: &str, sku: &str) -> i64 {
    s.stock_overview(store).await.unwrap().into_iter().find(|r| r.sku == sku).map_or(0, |r| r.quantity_milli)
}

/// The status of a request the page makes with its session (and, for a POST, its CSRF token).
async fn status(browser: &Browser, base: &str, path: &str, post: bool) -> serde_json::Value {
    let init = if post {
        "{method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'application/x-www-form-urlencoded'}, \
         body: 'csrf=' + encodeURIComponent(document.querySelector('input[name=csrf]').value)}"
    } else {
        "{credentials: 'same-origin'}"
    };
    browser.execute(&format!("return await fetch('{base}{path}', {init}).then(r => r.status);")).await
}

fn a_transfer_between_two_managers(kind: Kind) {
    runtime().block_on(async {
        let db = common::fresh(kind).await;
        let url = database_url(&db.database);
        let s = db.storage.as_ref();
        for store in ["S01", "S02"] {
            s.add_store(store, &format!("Toko {store}")).await.unwrap();
        }
        let delivered = StockEntry {
            store: "S01".into(),
            sku: "MIE-001".into(),
            quantity_milli: 40_000,
            kind: StockKind::Receive,
            note: "supplier".into(),
        };
        s.record_stock(&delivered).await.unwrap();
        // S02 is low on it: that must not show on S01's manager's low-stock list.
        s.set_reorder_level("S02", "MIE-001", 20_000).await.unwrap();
        for (code, store) in [("M01", "S01"), ("M02", "S02")] {
            cli_ok(
                &url,
                &[
                    "user", "add", "--code", code, "--name", code, "--role", "manager", "--store", store,
                    "--pin", "1234",
                ],
                "",
            );
            cli_ok(&url, &["user", "password", "--code", code], &format!("{PASSWORD}-{code}\n"));
        }

        let server = ServeProcess::start(&db.database).await;
        let base = server.base();
        let browser = Browser::start().await;

        // S01's manager sends 12 to S02.
        log_in(&browser, &base, "M01").await;
        browser.goto(&format!("{base}/stock?store=S01")).await;
        browser.wait_for_text("tr[data-sku='MIE-001'] .on-hand", "40", WAIT).await;
        browser.fill("#transfer textarea[name=lines]", "MIE-001 12").await;
        browser.fill("#transfer input[name=note]", "untuk akhir pekan").await;
        browser.click("#transfer button[type=submit]").await;
        browser.wait_for_text(".notice", "Transfer sent", WAIT).await;
        browser.wait_for_text("tr[data-sku='MIE-001'] .on-hand", "28", WAIT).await;
        assert_eq!(level(s, "S01", "MIE-001").await, 28_000);

        // S02 is not theirs: not its stock, not receiving into it, not on their lists.
        assert_eq!(status(&browser, &base, "/stock?store=S02", false).await, serde_json::json!(403));
        assert_eq!(
            status(&browser, &base, "/stock/transfers?store=S02", false).await,
            serde_json::json!(403)
        );
        assert_eq!(status(&browser, &base, "/stock/transfers/1/receive", true).await, serde_json::json!(403));
        browser.goto(&format!("{base}/stock/low")).await;
        assert!(!browser.text_of("#low").await.contains("S02"), "S02 on S01's manager's low-stock list");
        browser.goto(&format!("{base}/stock/transfers")).await;
        let row = browser.text_of("tr[data-transfer='1']").await;
        assert!(row.contains("In transit") && row.contains("MIE-001 12"), "{row}");
        assert!(
            browser.client().find(fantoccini::Locator::Css("tr[data-transfer='1'] button")).await.is_err(),
            "S01's manager has a receive button for S02"
        );
        assert_eq!(level(s, "S02", "MIE-001").await, 0, "a refused receive put stock into S02");

        // S02's manager sees it on its way, receives it, and sees it on hand.
        log_in(&browser, &base, "M02").await;
        browser.goto(&format!("{base}/stock?store=S02")).await;
        browser.wait_for_text("tr[data-sku='MIE-001'] .in-transit", "12", WAIT).await;
        assert!(browser.text_of("tr[data-sku='MIE-001']").await.contains("Low"));
        browser.goto(&format!("{base}/stock/low")).await;
        browser.wait_for_text("#low", "MIE-001", WAIT).await;
        browser.goto(&format!("{base}/stock/transfers?store=S02")).await;
        browser.click("tr[data-transfer='1'] button[type=submit]").await;
        browser.wait_for_text(".notice", "Transfer received", WAIT).await;
        browser.wait_for_text("tr[data-transfer='1'] .state", "Received", WAIT).await;
        // Sent again (a double click, a reload of the form): nothing doubles.
        assert_eq!(status(&browser, &base, "/stock/transfers/1/receive", true).await, serde_json::json!(200));
        browser.goto(&format!("{base}/stock?store=S02")).await;
        browser.wait_for_text("tr[data-sku='MIE-001'] .on-hand", "12", WAIT).await;
        assert_eq!(browser.text_of("tr[data-sku='MIE-001'] .in-transit").await, "0");
        assert_eq!(level(s, "S02", "MIE-001").await, 12_000);
        assert_eq!(level(s, "S01", "MIE-001").await, 28_000);
        assert_eq!(status(&browser, &base, "/stock?store=S01", false).await, serde_json::json!(403));

        browser.close().await;
    });
}

#[test]
fn a_transfer_between_two_managers_on_sqlite() {
    a_transfer_between_two_managers(Kind::Sqlite);
}

#[test]
fn a_transfer_between_two_managers_on_postgres() {
    a_transfer_between_two_managers(Kind::Postgres);
}
