//! The catalogue in head office's web app, in a real headless Chromium against a real
//! `kasir-headoffice serve`: an administrator finds and changes products, tax classes, quick
//! keys and imports a CSV, and what they save reaches the terminals' change feed; bad input
//! is refused naming the field or line and stores nothing; an analyst looks but changes
//! nothing. The storage's product search runs on SQLite and PostgreSQL.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::browser::Browser;
use common::serve::{BIN, ServeProcess, database_url, runtime};
use common::{Kind, TestDb, register};
use fantoccini::Locator;
use kasir_core::wire::{ChangeItem, ProductRecord, QuickKeyRecord};
use kasir_headoffice::storage::Storage;

const PASSWORD: &str = "rahasia-katalog";
const WAIT: Duration = Duration::from_secs(5);

/// The command line with `stdin` typed into it; fails the test if it fails.
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

fn product(sku: &str, name: &str, price: i64, barcodes: &[&str]) -> ProductRecord {
    ProductRecord {
        sku: sku.into(),
        name: name.into(),
        category: "Minuman".into(),
        unit: "pcs".into(),
        price,
        tax_class: "PPN".into(),
        price_includes_tax: true,
        sold_by_weight: false,
        active: true,
        barcodes: barcodes.iter().map(|b| (*b).to_owned()).collect(),
    }
}

async fn log_in(browser: &Browser, base: &str, code: &str) {
    browser.goto(&format!("{base}/login")).await;
    browser.fill("input[name=code]", code).await;
    browser.fill("input[name=password]", PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser.wait_for_text("header.top .who", code_name(code), WAIT).await;
}

fn code_name(code: &str) -> &'static str {
    if code == "A01" { "Ana Admin" } else { "Nina Analis" }
}

/// The products S01's terminals were sent, newest last, as they would apply them.
async fn fed(s: &dyn Storage) -> Vec<ProductRecord> {
    let page = s.changes("S01", 0, 1000).await.unwrap();
    page.changes
        .into_iter()
        .filter_map(|c| match c.item {
            ChangeItem::Product(p) => Some(p),
            _ => None,
        })
        .collect()
}

async fn price_of(s: &dyn Storage, sku: &str) -> i64 {
    s.product(sku).await.unwrap().unwrap_or_else(|| panic!("{sku} is not stored")).price
}

/// What `fetch` in the page answers for a POST of `body` (urlencoded) to `path`.
async fn post_status(browser: &Browser, base: &str, path: &str, body_js: &str) -> serde_json::Value {
    browser
        .execute(&format!(
            "return await fetch('{base}{path}', {{method: 'POST', credentials: 'same-origin', \
             headers: {{'Content-Type': 'application/x-www-form-urlencoded'}}, body: {body_js}}}).then(r => r.status);"
        ))
        .await
}

const CSRF_JS: &str = "'csrf=' + encodeURIComponent(document.querySelector('input[name=csrf]').value)";

#[test]
fn the_catalogue_run_from_a_browser_on_sqlite() {
    runtime().block_on(async {
        let db = common::fresh(Kind::Sqlite).await;
        let url = database_url(&db.database);
        let s = db.storage.as_ref();
        register(s, "S01", "T01").await;
        cli_ok(&url, &["tax", "set", "PPN", "11"], "");
        s.put_products(&[
            product("A1", "Teh Botol", 3_500, &["4006381333931"]),
            product("B2", "Kopi Susu", 4_500, &[]),
            product("C3", "Gula 100%", 15_000, &[]),
        ])
        .await
        .unwrap();
        cli_ok(&url, &["user", "add", "--code", "A01", "--name", "Ana Admin", "--role", "admin"], &format!("{PASSWORD}\n"));
        cli_ok(&url, &["user", "add", "--code", "N01", "--name", "Nina Analis", "--role", "analyst"], &format!("{PASSWORD}\n"));

        let server = ServeProcess::start(&db.database).await;
        let base = server.base();
        let browser = Browser::start().await;
        log_in(&browser, &base, "A01").await;

        // Search: by name in any case, by part of a barcode, and `%` as a plain character.
        browser.goto(&format!("{base}/")).await;
        browser.click("header.top nav a[href='/catalogue']").await;
        browser.fill("#search input[name=q]", "KOPI").await;
        browser.click("#search button").await;
        browser.wait_for_text("#found", "1 products", WAIT).await;
        assert!(browser.text_of("#products").await.contains("Kopi Susu"));
        browser.goto(&format!("{base}/catalogue?q=4006381")).await;
        browser.wait_for_text("#products tbody", "Teh Botol", WAIT).await;
        assert!(browser.text_of("#products tbody").await.contains("Rp 3.500"));
        browser.goto(&format!("{base}/catalogue?q=%25")).await;
        browser.wait_for_text("#found", "1 products", WAIT).await;
        assert!(browser.text_of("#products tbody").await.contains("Gula 100%"));

        // Edit a price as Indonesians write it: saved, on the page, and in the change feed.
        browser.goto(&format!("{base}/catalogue?q=teh")).await;
        browser.click("tr[data-sku='A1'] a").await;
        browser.fill("#product input[name=price]", "12.500").await;
        browser.click("#product button[type=submit]").await;
        browser.wait_for_text("#saved", "Rp 12.500", WAIT).await;
        assert_eq!(price_of(s, "A1").await, 12_500);
        let feed = fed(s).await;
        let last = feed.iter().rfind(|p| p.sku == "A1").expect("A1 in the change feed");
        assert_eq!(last.price, 12_500);
        assert_eq!(last.barcodes, vec!["4006381333931".to_owned()], "the barcodes were kept");
        browser.goto(&format!("{base}/catalogue")).await;
        assert_eq!(browser.text_of("tr[data-sku='A1'] .price").await, "Rp 12.500");

        // A fraction of a Rupiah is refused naming the price; the typed value stays; nothing changes.
        let feed_before = fed(s).await.len();
        browser.goto(&format!("{base}/catalogue/products/A1")).await;
        browser.fill("#product input[name=price]", "12,5").await;
        browser.fill("#product input[name=name]", "Teh Botol Dingin").await;
        browser.click("#product button[type=submit]").await;
        browser.wait_for_text("#problems", "Price (Rupiah): \"12,5\"", WAIT).await;
        assert!(browser.text_of("#problems").await.contains("fraction"));
        let typed = browser.execute("return document.querySelector('#product input[name=price]').value;").await;
        assert_eq!(typed, serde_json::json!("12,5"));
        let marked = browser.execute("return document.querySelector('#product input[name=price]').getAttribute('aria-invalid');").await;
        assert_eq!(marked, serde_json::json!("true"));
        assert_eq!(price_of(s, "A1").await, 12_500);
        assert_eq!(s.product("A1").await.unwrap().unwrap().name, "Teh Botol", "nothing of the refused form was kept");
        assert_eq!(fed(s).await.len(), feed_before);

        // A new product whose SKU is taken is refused; a new one is added.
        browser.goto(&format!("{base}/catalogue/products/new")).await;
        browser.fill("#product input[name=sku]", "B2").await;
        browser.fill("#product input[name=name]", "Kopi Hitam").await;
        browser.fill("#product input[name=price]", "5000").await;
        browser.click("#product button[type=submit]").await;
        browser.wait_for_text("#problems", "already exists", WAIT).await;
        assert_eq!(s.product("B2").await.unwrap().unwrap().name, "Kopi Susu");
        browser.fill("#product input[name=sku]", "B9").await;
        browser.click("#product button[type=submit]").await;
        browser.wait_for_text("#saved", "Kopi Hitam", WAIT).await;
        assert_eq!(price_of(s, "B9").await, 5_000);

        // A CSV with two bad lines names both and stores nothing.
        browser.goto(&format!("{base}/catalogue/import")).await;
        browser
            .fill(
                "#import textarea[name=text]",
                "sku,name,price,tax_class\nD4,Air Mineral,3000,PPN\nE5,Roti,abc,PPN\nF6,Susu,9000,PPN\nG7,Keju,20000,VAT\n",
            )
            .await;
        browser.click("#import button[type=submit]").await;
        browser.wait_for_text("#problems", "Nothing was imported", WAIT).await;
        let bad = browser.text_of("#bad-lines").await;
        assert!(bad.contains("Line 3: price 'abc' is not a number"), "{bad}");
        assert!(bad.contains("Line 5: unknown tax class 'VAT'"), "{bad}");
        assert_eq!(bad.lines().count(), 2, "{bad}");
        for sku in ["D4", "F6"] {
            assert!(s.product(sku).await.unwrap().is_none(), "{sku} was stored from a refused file");
        }

        // A good file, chosen as a file, sets every row in one go.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("katalog.csv");
        std::fs::write(&file, "sku,name,price,tax_class,barcodes\nD4,Air Mineral,3000,PPN,\nA1,Teh Botol,13000,PPN,4006381333931\nF6,Susu,9000,PPN,96385074\n").unwrap();
        browser.goto(&format!("{base}/catalogue/import")).await;
        let input = browser.client().find(Locator::Css("#import input[type=file]")).await.unwrap();
        input.send_keys(file.to_str().unwrap()).await.unwrap();
        browser.click("#import button[type=submit]").await;
        browser.wait_for_text("#saved", "3 products set", WAIT).await;
        assert_eq!(price_of(s, "D4").await, 3_000);
        assert_eq!(price_of(s, "A1").await, 13_000);
        assert_eq!(s.product("F6").await.unwrap().unwrap().barcodes, vec!["96385074".to_owned()]);
        let feed = fed(s).await;
        for sku in ["D4", "A1", "F6"] {
            assert!(feed.iter().any(|p| p.sku == sku), "{sku} not in the change feed");
        }

        // Tax classes and quick keys, with the command line's checks.
        browser.goto(&format!("{base}/catalogue/tax")).await;
        browser.fill("#set-tax input[name=code]", "PPN12").await;
        browser.fill("#set-tax input[name=percent]", "12").await;
        browser.fill("#set-tax input[name=dpp]", "11/12").await;
        browser.click("#set-tax button").await;
        browser.wait_for_text("#saved", "PPN12", WAIT).await;
        assert!(browser.text_of("tr[data-code='PPN12']").await.contains("11/12"));
        browser.fill("#set-tax input[name=code]", "X").await;
        browser.fill("#set-tax input[name=percent]", "sebelas").await;
        browser.click("#set-tax button").await;
        browser.wait_for_text("#problems", "Rate (%)", WAIT).await;
        assert!(!s.tax_classes().await.unwrap().iter().any(|c| c.code == "X"));

        browser.goto(&format!("{base}/catalogue/quick-keys")).await;
        browser.fill("#quick-keys textarea", "A1=Teh\nnonsense\nB2=Kopi").await;
        browser.click("#quick-keys button").await;
        browser.wait_for_text("#problems", "Line 2", WAIT).await;
        assert!(s.quick_keys().await.unwrap().is_empty());
        browser.fill("#quick-keys textarea", "A1=Teh\nB2=Kopi").await;
        browser.click("#quick-keys button").await;
        browser.wait_for_text("#saved", "Quick keys saved", WAIT).await;
        let keys = s.quick_keys().await.unwrap();
        assert_eq!(keys, vec![QuickKeyRecord { sku: "A1".into(), label: "Teh".into() }, QuickKeyRecord { sku: "B2".into(), label: "Kopi".into() }]);

        // A form without this session's token is refused; nothing changes.
        browser.goto(&format!("{base}/catalogue")).await;
        let forged = post_status(&browser, &base, "/catalogue/products/A1", "'name=Teh&price=1&tax_class=PPN&active=on'").await;
        assert_eq!(forged, serde_json::json!(403));
        let forged = browser
            .execute(&format!(
                "const f = new FormData(); f.append('csrf', 'forged'); f.append('text', 'sku,name,price,tax_class\\nZ1,Z,1,PPN\\n'); \
                 return await fetch('{base}/catalogue/import', {{method: 'POST', credentials: 'same-origin', body: f}}).then(r => r.status);"
            ))
            .await;
        assert_eq!(forged, serde_json::json!(403));
        assert_eq!(price_of(s, "A1").await, 13_000);
        assert!(s.product("Z1").await.unwrap().is_none());

        // An analyst sees the catalogue, no way to change it, and 403 for any change even with
        // a valid token.
        browser.click("form[action='/logout'] button").await;
        log_in(&browser, &base, "N01").await;
        browser.goto(&format!("{base}/catalogue")).await;
        browser.wait_for_text("tr[data-sku='A1']", "Rp 13.000", WAIT).await;
        let edit_links = browser
            .execute("return document.querySelectorAll(\"main a[href^='/catalogue/products'], main a[href='/catalogue/import']\").length;")
            .await;
        assert_eq!(edit_links, serde_json::json!(0));
        browser.goto(&format!("{base}/catalogue/tax")).await;
        assert!(browser.text_of("#tax-classes").await.contains("PPN12"));
        let forms = browser.execute("return document.querySelectorAll('main form').length;").await;
        assert_eq!(forms, serde_json::json!(0), "no form to change tax classes");
        let with_token = format!("{CSRF_JS} + '&name=Teh&price=1&tax_class=PPN&active=on'");
        assert_eq!(post_status(&browser, &base, "/catalogue/products/A1", &with_token).await, serde_json::json!(403));
        let new = format!("{CSRF_JS} + '&sku=Z1&name=Z&price=1&tax_class=PPN'");
        assert_eq!(post_status(&browser, &base, "/catalogue/products/new", &new).await, serde_json::json!(403));
        let tax = format!("{CSRF_JS} + '&code=PPN&percent=0'");
        assert_eq!(post_status(&browser, &base, "/catalogue/tax", &tax).await, serde_json::json!(403));
        let keys = format!("{CSRF_JS} + '&keys=A1%3DX'");
        assert_eq!(post_status(&browser, &base, "/catalogue/quick-keys", &keys).await, serde_json::json!(403));
        let import = browser
            .execute(&format!(
                "const f = new FormData(); f.append('csrf', document.querySelector('input[name=csrf]').value); \
                 f.append('text', 'sku,name,price,tax_class\\nZ1,Z,1,PPN\\n'); \
                 return await fetch('{base}/catalogue/import', {{method: 'POST', credentials: 'same-origin', body: f}}).then(r => r.status);"
            ))
            .await;
        assert_eq!(import, serde_json::json!(403));
        let page = browser
            .execute(&format!("return await fetch('{base}/catalogue/products/A1', {{credentials: 'same-origin'}}).then(r => r.status);"))
            .await;
        assert_eq!(page, serde_json::json!(403));
        assert_eq!(price_of(s, "A1").await, 13_000);
        assert!(s.product("Z1").await.unwrap().is_none());
        assert_eq!(s.quick_keys().await.unwrap().len(), 2);
        assert_eq!(s.tax_classes().await.unwrap().iter().find(|c| c.code == "PPN").unwrap().rate_bp, 1100);

        browser.close().await;
    });
}

both!(product_search, |db: TestDb| async move {
    let s = db.storage.as_ref();
    assert_eq!(s.products("", 0, 50).await.unwrap(), (Vec::new(), 0));
    assert!(s.quick_keys().await.unwrap().is_empty());
    let mut all: Vec<ProductRecord> =
        (0..120).map(|i| product(&format!("P{i:03}"), &format!("Barang {i}"), 1_000 + i, &[])).collect();
    all.push(product("X_1", "Gula 50% Lebih", 9_000, &["4006381333931"]));
    all.push(product("X-1", "Kopi", 8_000, &[]));
    s.put_products(&all).await.unwrap();

    // Pages of 50 in SKU order (byte order on both engines), with the whole count.
    let (page, total) = s.products("", 50, 50).await.unwrap();
    assert_eq!(total, 122);
    assert_eq!(page.len(), 50);
    assert_eq!(page[0].sku, "P050");
    let (last, _) = s.products("", 100, 50).await.unwrap();
    let skus: Vec<&str> = last.iter().map(|p| p.sku.as_str()).collect();
    assert_eq!(skus.len(), 22);
    assert_eq!(&skus[20..], ["X-1", "X_1"]);

    // Any case, any of SKU, name or barcode; `%` and `_` are looked for as typed.
    assert_eq!(s.products("barang 11", 0, 50).await.unwrap().1, 11, "Barang 11, 110..119");
    assert_eq!(s.products("p11", 0, 50).await.unwrap().1, 10, "P110..P119");
    assert_eq!(s.products("1333", 0, 50).await.unwrap().0[0].sku, "X_1");
    let (found, n) = s.products("%", 0, 50).await.unwrap();
    assert_eq!((n, found[0].sku.as_str()), (1, "X_1"));
    assert_eq!(s.products("x_", 0, 50).await.unwrap().1, 1, "`_` is not any character");
    assert_eq!(s.products("x\\", 0, 50).await.unwrap().1, 0);

    assert_eq!(s.product("X_1").await.unwrap().unwrap(), all[120]);
    assert_eq!(s.product("x_1").await.unwrap(), None, "a SKU is exact");
    let keys = vec![QuickKeyRecord { sku: "P001".into(), label: "Satu".into() }];
    s.put_quick_keys(&keys).await.unwrap();
    assert_eq!(s.quick_keys().await.unwrap(), keys);
});
