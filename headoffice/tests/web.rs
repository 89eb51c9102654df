//! Head office's web app in a real headless Chromium against a real `kasir-headoffice serve`,
//! on SQLite and on PostgreSQL: what an administrator, an analyst and a store manager see and
//! may do. Sales reach head office the way terminals send them, over HTTP with their tokens.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::browser::{Browser, png_size};
use common::serve::{BIN, ServeProcess, database_url, push, runtime};
use common::{Chain, Kind, register, return_of, sale, void};
use kasir_core::wire::PushBatch;

/// The day the generated sales are made (the chains' clock starts there).
const DAY: &str = "2026-11-22";
const PASSWORD: &str = "rahasia-kantor-pusat";

/// The command line with `stdin` typed into it; whether it succeeded and what it said.
fn cli_typed(database: &str, args: &[&str], stdin: &str) -> (bool, String) {
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
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn cli_ok(database: &str, args: &[&str], stdin: &str) -> String {
    let (ok, out) = cli_typed(database, args, stdin);
    assert!(ok, "{args:?}: {out}");
    out
}

/// Rupiah as the pages write them: `Rp 1.234.500`.
fn rupiah(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{}Rp {grouped}", if n < 0 { "-" } else { "" })
}

/// Pushes `from..=to` of a chain as its terminal does.
async fn send(base: &str, token: &str, chain: &Chain, from: u64, to: u64) {
    let batch = PushBatch {
        documents: chain.range(from, to).into_iter().map(|i| i.pushed).collect(),
        ledger_seq: Some(to),
    };
    let response = push(&reqwest::Client::new(), &format!("{base}/api/v1/"), token, &batch).await;
    assert!(response.status().is_success(), "push {from}..={to}: {}", response.text().await.unwrap());
}

/// The CLI's net sales of `store` (all stores: None) on DAY, from its CSV report.
fn cli_net(database: &str, store: Option<&str>) -> i128 {
    let mut args = vec!["report", "sales", "--from", DAY, "--to", DAY, "--by", "store", "--format", "csv"];
    if let Some(s) = store {
        args.extend(["--store", s]);
    }
    let out = cli_ok(database, &args, "");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let net = reader.headers().unwrap().iter().position(|h| h == "net").unwrap();
    reader.records().map(|r| r.unwrap()[net].parse::<i128>().unwrap()).sum()
}

async fn log_in(browser: &Browser, base: &str, code: &str, password: &str) {
    browser.goto(&format!("{base}/login")).await;
    browser.fill("input[name=code]", code).await;
    browser.fill("input[name=password]", password).await;
    browser.click("button[type=submit]").await;
}

/// Where the screenshots go: the README's folder when asked (`KASIR_WRITE_SCREENSHOTS=1`),
/// else a folder of the test's own (they are taken and checked either way).
fn shot_dir(kind: Kind) -> (std::path::PathBuf, Option<tempfile::TempDir>) {
    if std::env::var("KASIR_WRITE_SCREENSHOTS").is_ok_and(|v| v == "1") && matches!(kind, Kind::Sqlite) {
        (std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots"), None)
    } else {
        let dir = tempfile::tempdir().unwrap();
        (dir.path().to_owned(), Some(dir))
    }
}

fn the_chain_run_from_a_browser(kind: Kind) {
    runtime().block_on(async {
        let db = common::fresh(kind).await;
        let url = database_url(&db.database);
        let s = db.storage.as_ref();

        // Two stores; S01's terminal sells, returns and voids, S02's sells.
        let t1 = register(s, "S01", "T01").await;
        let t2 = register(s, "S02", "T01").await;
        cli_ok(&url, &["store", "set", "S01", "--region", "Jawa Barat"], "");
        let mut c1 = Chain::new("S01", "T01");
        c1.add(sale(&[("A", 2, 12_500), ("B", 1, 30_000)]));
        c1.add(sale(&[("C", 3, 4_000)]));
        c1.add(return_of(1, "S01-T01-000001", 1, "A", 1, 12_500));
        c1.add(void(2, "S01-T01-000002", 12_000));
        c1.add(sale(&[("B", 4, 30_000)]));
        let mut c2 = Chain::new("S02", "T01");
        c2.add(sale(&[("A", 10, 12_500)]));
        c2.add(sale(&[("D", 1, 99_000)]));

        let server = ServeProcess::start(&db.database).await;
        let base = server.base();
        send(&base, &t1, &c1, 1, 5).await;
        send(&base, &t2, &c2, 1, 2).await;

        // Users: the first administrator and an analyst from the command line, a manager of
        // S01 given a web password.
        cli_ok(&url, &["user", "add", "--code", "A01", "--name", "Ana Admin", "--role", "admin"], &format!("{PASSWORD}\n"));
        cli_ok(&url, &["user", "add", "--code", "M01", "--name", "Siti Rahayu", "--role", "manager", "--store", "S01", "--pin", "1234"], "");
        cli_ok(&url, &["user", "password", "--code", "M01"], &format!("{PASSWORD}-m01\n"));

        let browser = Browser::start().await;
        let (shots, _keep) = shot_dir(kind);

        // Not logged in: every page leads to the login.
        browser.goto(&format!("{base}/reports")).await;
        assert!(browser.url().await.contains("/login?next="), "{}", browser.url().await);

        // A wrong password is refused and recorded.
        log_in(&browser, &base, "A01", "not-the-password").await;
        browser.wait_for_text(".refusal", "Wrong user code or password", Duration::from_secs(5)).await;

        log_in(&browser, &base, "A01", PASSWORD).await;
        let session = browser.cookie("kasir_session").await.expect("a session cookie after logging in");
        assert!(session.http_only().unwrap_or(false), "the session cookie is HttpOnly");
        assert_eq!(session.same_site().map(|s| s.to_string()).as_deref(), Some("Strict"));

        // The dashboard's figures equal the command line's report, to the Rupiah.
        let day = format!("{base}/?period=dates&from={DAY}&to={DAY}");
        browser.goto(&day).await;
        let chain_net = cli_net(&url, None);
        assert_eq!(chain_net, 25_000 + 30_000 - 12_500 + 120_000 + 125_000 + 99_000);
        browser.wait_for_text("#net-sales .value", &rupiah(chain_net), Duration::from_secs(5)).await;
        assert_eq!(browser.text_of("#transactions .value").await, "4", "sales less the voided one");
        assert!(browser.text_of("#returns .value").await.starts_with("1 · Rp 12.500"));
        assert!(browser.text_of("#voids .value").await.starts_with("1 · Rp 12.000"));
        browser.goto(&format!("{day}&store=S01")).await;
        browser.wait_for_text("#net-sales .value", &rupiah(cli_net(&url, Some("S01"))), Duration::from_secs(5)).await;
        browser.goto(&format!("{day}&region=Jawa+Barat")).await;
        browser.wait_for_text("#net-sales .value", &rupiah(cli_net(&url, Some("S01"))), Duration::from_secs(5)).await;
        browser.set_window(1280, 1000).await;
        browser.goto(&day).await;
        browser.screenshot(&shots.join("web-dashboard.png")).await;

        // Live: a sale synced by a terminal shows on the open dashboard within 2 seconds.
        c2.add(sale(&[("E", 1, 7_700)]));
        let started = Instant::now();
        send(&base, &t2, &c2, 3, 3).await;
        browser.wait_for_text("#net-sales .value", &rupiah(chain_net + 7_700), Duration::from_secs(2)).await;
        eprintln!("the dashboard showed the new sale {:?} after the push began", started.elapsed());

        // A sale taken by another head office server on the same database shows too.
        let other = ServeProcess::start(&db.database).await;
        c1.add(sale(&[("F", 1, 1_100)]));
        let started = Instant::now();
        send(&other.base(), &t1, &c1, 6, 6).await;
        browser.wait_for_text("#net-sales .value", &rupiah(chain_net + 7_700 + 1_100), Duration::from_secs(2)).await;
        eprintln!("a sale taken by another server showed {:?} after the push began", started.elapsed());
        drop(other);
        let chain_net = chain_net + 1_100;

        // Drill-down: store → terminal → day → receipt, whose chain verifies.
        browser.goto(&format!("{base}/terminals/S01/T01/days/{DAY}")).await;
        browser.click("#receipts a").await;
        browser.wait_for_text("#verdict", "chain verifies", Duration::from_secs(5)).await;
        assert_eq!(browser.text_of("#hash").await, c1.docs[0].pushed.hash);
        assert!(browser.text_of("#receipt").await.contains("Product A"));

        // A report, its totals, and its CSV export streamed per store and day.
        browser.goto(&format!("{base}/reports?by=product&period=dates&from={DAY}&to={DAY}")).await;
        browser.wait_for_text("#total-net", &rupiah(chain_net + 7_700), Duration::from_secs(5)).await;
        browser.screenshot(&shots.join("web-report.png")).await;
        let href = browser.execute("return document.querySelector('#export').href;").await;
        let csv = browser
            .execute(&format!(
                "return await fetch({href}, {{credentials: 'same-origin'}}).then(r => r.text());"
            ))
            .await;
        let csv = csv.as_str().unwrap().to_owned();
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("store,day,product,label,receipts,quantity,net,tax,gross"));
        let rows: Vec<Vec<String>> =
            lines.map(|l| l.split(',').map(str::to_owned).collect()).collect();
        let exported: i128 = rows.iter().map(|r| r[6].parse::<i128>().unwrap()).sum();
        assert_eq!(exported, chain_net + 7_700, "the export sums to the report\n{csv}");
        assert!(rows.iter().any(|r| r[0] == "S02" && r[1] == DAY && r[2] == "E" && r[6] == "7700"), "{csv}");

        // Terminals: revoke S02-T01 from the browser; its next push is refused.
        browser.goto(&format!("{base}/terminals")).await;
        browser.screenshot(&shots.join("web-terminals.png")).await;
        browser.click("tr[data-terminal='S02-T01'] button.danger").await;
        // Revoking asks first.
        browser.client().accept_alert().await.expect("revoking asks to confirm");
        browser.wait_for_text(".notice", "S02-T01", Duration::from_secs(5)).await;
        c2.add(sale(&[("E", 1, 7_700)]));
        let batch = PushBatch { documents: c2.range(4, 4).into_iter().map(|i| i.pushed).collect(), ledger_seq: Some(4) };
        let refused = push(&reqwest::Client::new(), &format!("{base}/api/v1/"), &t2, &batch).await;
        assert_eq!(refused.status(), reqwest::StatusCode::UNAUTHORIZED);
        assert!(refused.text().await.unwrap().contains("revoked"));

        // A form posted without the session's CSRF token is refused, and nothing changes.
        let forged = browser
            .execute(&format!(
                "return await fetch('{base}/terminals/S01/T01/revoke', {{method: 'POST', credentials: 'same-origin', \
                 headers: {{'Content-Type': 'application/x-www-form-urlencoded'}}, body: 'csrf=forged'}}).then(r => r.status);"
            ))
            .await;
        assert_eq!(forged, serde_json::json!(403));
        send(&base, &t1, &c1, 5, 5).await; // S01-T01 still pushes: it was not revoked.

        // Enrol a new terminal: the code is shown once.
        browser.goto(&format!("{base}/terminals")).await;
        browser.fill("#enrol input[name=terminal]", "T02").await;
        browser.click("#enrol button").await;
        browser.wait_for_text("#enrolment", "S01-T02", Duration::from_secs(5)).await;

        // A phone's width: the dashboard fits without sideways scrolling.
        browser.set_window(390, 844).await;
        browser.goto(&day).await;
        browser.wait_for_text("#net-sales .value", "Rp", Duration::from_secs(5)).await;
        let width = browser.execute("return document.documentElement.scrollWidth;").await;
        assert!(width.as_u64().unwrap() <= 390, "the dashboard is {width} px wide on a 390 px phone");
        let phone = browser.screenshot(&shots.join("web-dashboard-phone.png")).await;
        assert_eq!(png_size(&std::fs::read(&phone).unwrap()), Some((390, 844)));

        // Logging out ends the session: its cookie opens nothing any more.
        browser.goto(&format!("{base}/")).await;
        browser.click("form[action='/logout'] button").await;
        browser.goto(&format!("{base}/reports")).await;
        assert!(browser.url().await.contains("/login"), "{}", browser.url().await);

        // The manager of S01 sees S01 only: S02 is 403 by any address and absent from lists.
        log_in(&browser, &base, "M01", &format!("{PASSWORD}-m01")).await;
        browser.goto(&day).await;
        browser.wait_for_text("#net-sales .value", &rupiah(cli_net(&url, Some("S01"))), Duration::from_secs(5)).await;
        for path in [
            format!("/?period=dates&from={DAY}&to={DAY}&store=S02"),
            "/reports?by=product&store=S02".to_owned(),
            "/reports/export.csv?by=product&store=S02".to_owned(),
            format!("/terminals/S02/T01/days/{DAY}"),
            "/receipts/S02/T01/1".to_owned(),
        ] {
            let status = browser
                .execute(&format!("return await fetch('{base}{path}', {{credentials: 'same-origin'}}).then(r => r.status);"))
                .await;
            assert_eq!(status, serde_json::json!(403), "{path}");
        }
        let forbidden = browser
            .execute(&format!(
                "return await fetch('{base}/terminals/S02/T01/rotate', {{method: 'POST', credentials: 'same-origin', \
                 headers: {{'Content-Type': 'application/x-www-form-urlencoded'}}, \
                 body: 'csrf=' + encodeURIComponent(document.querySelector('input[name=csrf]').value)}}).then(r => r.status);"
            ))
            .await;
        assert_eq!(forbidden, serde_json::json!(403));
        browser.goto(&format!("{base}/reports?by=store&period=dates&from={DAY}&to={DAY}")).await;
        assert!(!browser.text_of("#report").await.contains("S02"), "S02 in the manager's report");
        browser.goto(&format!("{base}/terminals")).await;
        assert!(!browser.text_of("main").await.contains("S02"), "S02 on the manager's terminals page");
        let export = browser
            .execute(&format!(
                "return await fetch('{base}/reports/export.csv?by=product&period=dates&from={DAY}&to={DAY}', \
                 {{credentials: 'same-origin'}}).then(r => r.text());"
            ))
            .await;
        assert!(!export.as_str().unwrap().contains("S02"), "S02 in the manager's export");

        browser.close().await;
    });
}

#[test]
fn the_chain_run_from_a_browser_on_sqlite() {
    the_chain_run_from_a_browser(Kind::Sqlite);
}

#[test]
fn the_chain_run_from_a_browser_on_postgres() {
    the_chain_run_from_a_browser(Kind::Postgres);
}
