//! The terminal and head office over real HTTP on loopback, with a fault-injecting proxy
//! between them: every sale arrives exactly once, whatever happens to the connection.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::Shop;
use common::headoffice::{
    CUT_REQUEST, FaultProxy, HeadOffice, LOSE_ANSWER, headoffice_figures, ledger_tip, settings,
    terminal_figures,
};
use kasir::sync::{SyncError, Syncer};
use kasir_core::Quantity;
use kasir_core::wire::{ProductRecord, TaxClassRecord};
use kasir_headoffice::Database;
use kasir_headoffice::storage::{StockEntry, StockKind};

fn sale(i: usize) -> String {
    let items = [("MIE-001", 1 + i % 4), ("AIR-600", 1 + i % 2), ("SUS-1L", 1)];
    let n = 1 + i % 3;
    let lines: Vec<String> =
        items[..n].iter().map(|(sku, q)| format!(r#"{{"sku":"{sku}","quantity":{q}}}"#)).collect();
    format!(
        r#"{{"cashier":"K01","items":[{}],"tenders":[{{"kind":"cash","amount":"100000"}}]}}"#,
        lines.join(",")
    )
}

fn ring_up(shop: &Shop, from: usize, n: usize) {
    for i in from..from + n {
        shop.sell(&sale(i));
    }
}

async fn sync_until_done(syncer: &Syncer) {
    for _ in 0..40 {
        if let Ok(r) = syncer.once().await
            && r.waiting == 0
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("sync did not finish: {:?}", syncer.status());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_sale_arrives_exactly_once_through_cuts_lost_answers_restarts_and_a_slow_server() {
    let mut ho = HeadOffice::start().await;
    let token = ho.terminal("S01", "T01").await;
    let proxy = FaultProxy::start(ho.addr).await;
    let shop = Shop::new();
    ring_up(&shop, 0, 250);
    let syncer =
        Syncer::new(settings(&proxy.url(), &token, Duration::from_secs(3)), &shop.ledger_path()).unwrap();

    // The connection is cut halfway through sending the first batch.
    proxy.set(CUT_REQUEST);
    let e = syncer.once().await.unwrap_err();
    assert!(matches!(e, SyncError::Unreachable { .. }), "{e}");
    assert!(e.to_string().contains(&proxy.url()), "{e}");
    assert_eq!(syncer.status().unwrap().waiting, 251);

    // Head office stores a batch, but its answer never arrives.
    proxy.set(LOSE_ANSWER);
    assert!(syncer.once().await.is_err());
    let held = ho.storage.terminals().await.unwrap()[0].last_seq;
    assert_eq!(held, kasir::sync::BATCH as u64, "head office committed the batch");
    let status = syncer.status().unwrap();
    assert_eq!(status.waiting, 251, "the terminal does not count it delivered without an answer");
    assert!(status.last_error.is_some());
    assert_eq!(proxy.faults_done.load(std::sync::atomic::Ordering::SeqCst), 2);

    // More sales offline, then the server restarts in the middle of the next round.
    ring_up(&shop, 250, 40);
    let round = syncer.once();
    let restart = ho.restart(Duration::from_millis(300));
    let (_first, ()) = tokio::join!(round, restart);

    // A slow server: every answer waits 400 ms.
    proxy.delay_ms.store(400, std::sync::atomic::Ordering::SeqCst);
    ring_up(&shop, 290, 10);
    sync_until_done(&syncer).await;
    proxy.delay_ms.store(0, std::sync::atomic::Ordering::SeqCst);

    // Exactly once: head office's figures are the ledger's, product by product.
    let (seq, grand_total) = ledger_tip(&shop);
    let t = &ho.storage.terminals().await.unwrap()[0];
    assert_eq!((t.last_seq, t.grand_total, t.ledger_seq), (seq, grand_total, Some(seq)));
    assert_eq!(headoffice_figures(&ho, "S01").await, terminal_figures(&shop));
    let gross: i128 = terminal_figures(&shop).values().map(|v| v.1).sum();
    assert_eq!(gross, i128::from(grand_total), "sales add up to the terminal's grand total");
    let undelivered: i64 = common::sql(&shop.ledger())
        .query_row("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(undelivered, 0);
    let s = syncer.status().unwrap();
    assert_eq!((s.waiting, s.delivered_seq, s.last_error), (0, seq, None));
    assert!(s.last_success_at.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_stores_sell_offline_then_sync_totals_stock_and_prices() {
    let ho = HeadOffice::start().await;
    let token_a = ho.terminal("S01", "T01").await;
    let token_b = ho.terminal("S02", "T01").await;
    let s = ho.storage.as_ref();
    for store in ["S01", "S02"] {
        let e = StockEntry {
            store: store.into(),
            sku: "MIE-001".into(),
            quantity_milli: 100_000,
            kind: StockKind::Receive,
            note: "delivery".into(),
        };
        s.record_stock(&e).await.unwrap();
    }
    s.put_tax_class(&TaxClassRecord { code: "PPN".into(), rate_bp: 1100, dpp: Default::default() })
        .await
        .unwrap();
    // Head office raises the price of Indomie from 3.500 to 3.600.
    s.put_product(&ProductRecord {
        sku: "MIE-001".into(),
        name: "Indomie Mi Goreng Original 85 g".into(),
        category: "Makanan Instan".into(),
        unit: "pcs".into(),
        price: 3600,
        tax_class: "PPN".into(),
        price_includes_tax: true,
        sold_by_weight: false,
        active: true,
        barcodes: vec!["8991002101234".into(), "8991002101241".into()],
    })
    .await
    .unwrap();

    // A product head office sends without barcodes keeps the ones the terminals have.
    s.put_product(&ProductRecord {
        sku: "AIR-600".into(),
        name: "Aqua Air Mineral 600 ml".into(),
        category: "Minuman".into(),
        unit: "btl".into(),
        price: 4200,
        tax_class: "PPN".into(),
        price_includes_tax: true,
        sold_by_weight: false,
        active: true,
        barcodes: vec![],
    })
    .await
    .unwrap();

    let a = Shop::new();
    let mut config_b = kasir::app::config::Config::embedded();
    config_b.store.code = "S02".into();
    let b = Shop::with_config(config_b);
    // Offline: both stores sell.
    a.sell(r#"{"cashier":"K01","items":[{"sku":"MIE-001","quantity":3},{"sku":"AIR-600","quantity":2}],"tenders":[{"kind":"cash","amount":"20000"}]}"#);
    b.sell(r#"{"cashier":"K01","items":[{"sku":"MIE-001","quantity":5}],"tenders":[{"kind":"cash","amount":"20000"}]}"#);

    // A cart open on terminal A when the new price arrives.
    let mut reader = a.ledger().catalogue().unwrap();
    let currency = a.config.currency();
    let mut cart = kasir_core::Cart::new(currency, kasir_core::TaxMode::PerLine);
    let mie = reader.sellable_by_sku("MIE-001").unwrap();
    cart.add(mie.snapshot(), Quantity::units(2), None).unwrap();
    assert_eq!(cart.totals().total.minor(), 7000);

    let sync_a =
        Syncer::new(settings(&ho.url(), &token_a, Duration::from_secs(5)), &a.ledger_path()).unwrap();
    let sync_b =
        Syncer::new(settings(&ho.url(), &token_b, Duration::from_secs(5)), &b.ledger_path()).unwrap();
    let (ra, rb) = tokio::join!(sync_a.once(), sync_b.once());
    let (ra, rb) = (ra.unwrap(), rb.unwrap());
    assert_eq!((ra.waiting, rb.waiting), (0, 0));
    assert!(ra.changes_applied >= 3, "{ra:?}");

    // Per-store totals at head office are each store's own.
    assert_eq!(headoffice_figures(&ho, "S01").await, terminal_figures(&a));
    assert_eq!(headoffice_figures(&ho, "S02").await, terminal_figures(&b));
    assert_eq!(headoffice_figures(&ho, "S01").await["MIE-001"], (3000, 10500));
    // Stock is derived per store from the deliveries and each store's own sales.
    let stock_a: BTreeMap<String, i64> = s.stock("S01").await.unwrap().into_iter().collect();
    let stock_b: BTreeMap<String, i64> = s.stock("S02").await.unwrap().into_iter().collect();
    assert_eq!(stock_a["MIE-001"], 97_000);
    assert_eq!(stock_a["AIR-600"], -2_000);
    assert_eq!(stock_b["MIE-001"], 95_000);
    assert!(!stock_b.contains_key("AIR-600"));
    // The stock sent down was head office's figure after this store's own sales.
    let pulled: i64 = common::sql(&a.ledger())
        .query_row("SELECT quantity_milli FROM stock_levels WHERE sku = 'MIE-001'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(pulled, 97_000);
    let pulled_b: i64 = common::sql(&b.ledger())
        .query_row("SELECT quantity_milli FROM stock_levels WHERE sku = 'MIE-001'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(pulled_b, 95_000);

    // The new price is in the catalogue, with the new barcode; the open cart kept its price.
    assert_eq!(reader.sellable_by_sku("MIE-001").unwrap().unit_price.minor(), 3600);
    assert_eq!(reader.by_barcode("8991002101241").unwrap().unwrap().sku, "MIE-001");
    assert_eq!(cart.totals().total.minor(), 7000, "a price change never alters an open cart");
    let aqua = reader.by_barcode("8992388101023").unwrap().expect("its barcodes stay");
    assert_eq!((aqua.sku.as_str(), aqua.unit_price.minor()), ("AIR-600", 4200));
    let mie = reader.sellable_by_sku("MIE-001").unwrap();
    cart.add(mie.snapshot(), Quantity::units(1), None).unwrap();
    assert_eq!(cart.totals().total.minor(), 7000 + 3600, "the next scan takes the new price");

    // Nothing new: another round sends and applies nothing.
    let again = sync_a.once().await.unwrap();
    assert_eq!((again.stored, again.changes_applied), (0, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cloned_terminal_is_refused_in_words_and_its_sales_kept_aside() {
    let ho = HeadOffice::start().await;
    let token = ho.terminal("S01", "T01").await;
    let original = Shop::new();
    let copy = Shop::new();
    original
        .sell(r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"cash","amount":"3500"}]}"#);
    copy.sell(r#"{"cashier":"K01","items":[{"sku":"SUS-1L"}],"tenders":[{"kind":"cash","amount":"20000"}]}"#);
    let s1 =
        Syncer::new(settings(&ho.url(), &token, Duration::from_secs(5)), &original.ledger_path()).unwrap();
    s1.once().await.unwrap();
    let s2 = Syncer::new(settings(&ho.url(), &token, Duration::from_secs(5)), &copy.ledger_path()).unwrap();
    let e = s2.once().await.unwrap_err();
    assert!(matches!(e, SyncError::Refused(_)), "{e}");
    assert!(e.to_string().contains("copy, or restored from an old backup"), "{e}");
    let status = s2.status().unwrap();
    assert_eq!(status.waiting, 1, "the copy's sale stays waiting, not marked delivered");
    assert!(status.last_error.unwrap().contains("kept aside"));
    assert_eq!(ho.storage.rejected().await.unwrap().len(), 1);
    assert_eq!(headoffice_figures(&ho, "S01").await, terminal_figures(&original));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_token_is_said_in_words_and_nothing_is_sent() {
    let ho = HeadOffice::start().await;
    let _ = ho.terminal("S01", "T01").await;
    let shop = Shop::new();
    shop.sell(r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"cash","amount":"3500"}]}"#);
    let forged = format!("S01-T01.{}", "ab".repeat(32));
    let syncer =
        Syncer::new(settings(&ho.url(), &forged, Duration::from_secs(5)), &shop.ledger_path()).unwrap();
    let e = syncer.once().await.unwrap_err();
    assert!(matches!(e, SyncError::Unauthorized(_)), "{e}");
    assert!(e.to_string().contains("not valid for terminal S01-T01"), "{e}");
    assert_eq!(ho.storage.terminals().await.unwrap()[0].last_seq, 0);
    assert_eq!(syncer.status().unwrap().waiting, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_once_and_sync_status_from_the_command_line() {
    let ho = HeadOffice::start().await;
    let token = ho.terminal("S01", "T01").await;
    let shop = Shop::new();
    shop.sell(r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"cash","amount":"3500"}]}"#);
    std::fs::write(
        shop.paths.data_dir.join("kasir.toml"),
        format!("[headoffice]\nurl = \"{}\"\ntimeout_secs = 5\n", ho.url()),
    )
    .unwrap();
    let data_dir = shop.paths.data_dir.clone();
    let run = move |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kasir"))
            .args(args)
            .env("KASIR_DATA_DIR", &data_dir)
            .env("KASIR_HEADOFFICE_TOKEN", &token)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (ok, text) = tokio::task::spawn_blocking({
        let run = run.clone();
        move || run(&["sync", "--once"])
    })
    .await
    .unwrap();
    assert!(ok, "{text}");
    assert!(text.contains("2 dokumen tersimpan di kantor pusat (tersimpan sampai 2)"), "{text}");
    let (ok, text) = tokio::task::spawn_blocking(move || run(&["sync", "status"])).await.unwrap();
    assert!(ok, "{text}");
    assert!(text.contains("dokumen menunggu: 0 (kantor pusat menyimpan sampai 2)"), "{text}");
    assert!(!text.contains("kesalahan terakhir"), "{text}");
}

/// The checkout screen's status bar while the real sync thread works against head office,
/// and after head office goes away.
#[test]
fn the_status_bar_shows_documents_waiting_the_last_sync_and_the_last_error_in_words() {
    use common::gui::{send, simulate, start_with};
    use kasir::gui::Message;

    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let (ho, token) = rt.block_on(async {
        let ho = HeadOffice::start().await;
        let token = ho.terminal("S01", "T01").await;
        (ho, token)
    });
    let url = ho.url();
    let (shop, mut app) = start_with(|c| {
        c.headoffice = Some(kasir::app::config::HeadOfficeConfig {
            url: url.clone(),
            token: Some(token.clone()),
            ca_file: None,
            interval: std::time::Duration::from_secs(1),
            timeout: std::time::Duration::from_secs(2),
        });
    });
    shop.sell(r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"cash","amount":"3500"}]}"#);
    assert_eq!(app.sync_text(), "Kantor pusat: menghubungi…");

    let settings = kasir::sync::SyncSettings::from_config(&shop.config).unwrap().unwrap();
    let mut statuses = kasir::sync::spawn(settings, shop.ledger_path());
    let first = statuses.blocking_recv().unwrap();
    send(&mut app, Message::Sync(first.clone()));
    if first.waiting == 2 {
        // The thread reports where it stands before its first round, then after it.
        let after = statuses.blocking_recv().unwrap();
        send(&mut app, Message::Sync(after));
    }
    let text = app.sync_text();
    assert!(text.starts_with("Kantor pusat: 0 menunggu · sinkron terakhir "), "{text}");
    assert!(!text.contains("belum pernah"), "{text}");
    simulate(&mut app, |ui| assert!(ui.find(text.as_str()).is_ok(), "the status bar shows {text:?}"));

    // Head office goes away; a sale made meanwhile waits, and the bar says why in words.
    drop(rt);
    drop(ho);
    shop.sell(r#"{"cashier":"K01","items":[{"sku":"SUS-1L"}],"tenders":[{"kind":"cash","amount":"20000"}]}"#);
    let down = loop {
        let s = statuses.blocking_recv().unwrap();
        if s.last_error.is_some() {
            break s;
        }
    };
    send(&mut app, Message::Sync(down));
    let text = app.sync_text();
    assert!(text.starts_with("Kantor pusat: 1 menunggu"), "{text}");
    assert!(
        text.ends_with(&format!("Kantor pusat di {url} tidak bisa dihubungi: sambungan ditolak (server tidak berjalan di alamat itu?)")),
        "{text}"
    );
    // The same status, in English once the cashier switches language.
    send(&mut app, Message::ToggleLanguage);
    let text = app.sync_text();
    assert!(text.ends_with(&format!("Head office at {url} cannot be reached: connection refused")), "{text}");
}

fn return_script(receipt: &str, line: u32, quantity: u32) -> kasir::sale::returns::ReturnScript {
    serde_json::from_str(&format!(
        r#"{{"cashier":"K01","receipt":"{receipt}","lines":[{{"line":{line},"quantity":{quantity}}}],
            "refund":"cash","reason":"kemasan bocor","approval":{{"manager":"M01","pin":"1234"}}}}"#
    ))
    .unwrap()
}

/// A return at `shop` as the screen and `kasir return` make it: ask head office, then return.
fn take_back(
    shop: &Shop,
    receipt: &str,
    line: u32,
    quantity: u32,
) -> Result<kasir::sale::returns::ReturnOutcome, String> {
    kasir::sync::refresh_sale(&shop.config, &shop.ledger_path(), receipt).map_err(|e| e.to_string())?;
    kasir::sale::returns::process(
        &mut shop.ledger(),
        &shop.config,
        &return_script(receipt, line, quantity),
        common::now(),
    )
    .map_err(|e| e.to_string())
}

fn on_terminal(code: &str, ho: &HeadOffice, token: &str) -> Shop {
    let toml = format!(
        "[terminal]\ncode = \"{code}\"\n[headoffice]\nurl = \"{}\"\ntoken = \"{token}\"\ntimeout_secs = 2\n",
        ho.url()
    );
    let env = kasir::app::config::Environment::default();
    Shop::with_config(kasir::app::config::Config::parse_with(&toml, "kasir.toml", &env).unwrap())
}

#[test]
fn a_sale_made_at_another_terminal_is_returned_here_and_never_beyond_what_was_sold() {
    // Head office runs on a runtime of its own; the terminals work as the screen does, blocking.
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let (ho, token1, token2) = rt.block_on(async {
        let ho = HeadOffice::start().await;
        let (t1, t2) = (ho.terminal("S01", "T01").await, ho.terminal("S01", "T02").await);
        (ho, t1, t2)
    });
    let (t1, t2) = (on_terminal("T01", &ho, &token1), on_terminal("T02", &ho, &token2));
    let sync = |shop: &Shop, token: &str| {
        let syncer =
            Syncer::new(settings(&ho.url(), token, Duration::from_secs(5)), &shop.ledger_path()).unwrap();
        rt.block_on(syncer.once()).unwrap()
    };
    let receipt = t1.sell(
        r#"{"cashier":"K01","items":[{"sku":"MIE-001","quantity":3},{"sku":"SUS-1L"}],"tenders":[{"kind":"cash","amount":"50000"}]}"#,
    );
    assert_eq!(receipt, "S01-T01-000002");
    // Before T01 has synced, T02 cannot know the sale, and says why.
    let e = take_back(&t2, &receipt, 1, 1).unwrap_err();
    assert!(e.contains("S01-T01-000002 has not reached head office"), "{e}");
    sync(&t1, &token1);

    // At T02, two of the three packets come back against T01's receipt: Rp 7.000 in cash.
    let out = take_back(&t2, &receipt, 1, 2).unwrap();
    assert_eq!(out.original.as_deref(), Some("S01-T01-000002"));
    assert!(out.receipt_number.starts_with("S01-T02-"), "{}", out.receipt_number);
    let ledger = t2.ledger();
    let (original_seq, original_receipt, q): (Option<u64>, String, i64) = common::sql(&ledger)
        .query_row("SELECT original_seq, original_receipt, quantity_milli FROM return_lines", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((original_seq, original_receipt.as_str(), q), (None, "S01-T01-000002", 2000));
    t2.ledger().verify().unwrap();
    // Asking for two more at T02 is refused: one is left.
    let e = take_back(&t2, &receipt, 1, 2).unwrap_err();
    assert!(e.contains("only 1 of it is left"), "{e}");

    // T02 syncs; back at T01, where the sale was made, the same limit holds.
    sync(&t2, &token2);
    let e = take_back(&t1, &receipt, 1, 2).unwrap_err();
    assert!(e.contains("only 1 of it is left"), "{e}");
    take_back(&t1, &receipt, 1, 1).unwrap();
    sync(&t1, &token1);

    // Head office sees both returns, and the stock came back at the store.
    let found = rt.block_on(ho.storage.sale_for_return("S01", &receipt)).unwrap().unwrap();
    let returned: Vec<(String, i64)> =
        found.returned.iter().map(|r| (r.terminal.clone(), r.quantity_milli)).collect();
    assert_eq!(returned, [("T01".to_owned(), 1000), ("T02".to_owned(), 2000)]);
    let stock: BTreeMap<String, i64> = rt.block_on(ho.storage.stock("S01")).unwrap().into_iter().collect();
    assert_eq!(stock["MIE-001"], 0, "3 sold, 3 back");

    // T02 asks again: head office now knows T01's return too, and nothing is left.
    let e = take_back(&t2, &receipt, 1, 1).unwrap_err();
    assert!(e.contains("only 0 of it is left"), "{e}");
    // Head office gone: T02 still knows the sale as last fetched and refuses it the same way.
    drop(rt);
    let e = take_back(&t2, &receipt, 1, 1).unwrap_err();
    assert!(e.contains("only 0 of it is left"), "{e}");
    // A store that does not return other terminals' sales from an old copy refuses at once.
    let mut strict = t2;
    strict.config.returns.other_terminals_offline = false;
    let e = take_back(&strict, &receipt, 2, 1).unwrap_err();
    assert!(e.contains("cannot be reached: connection refused"), "{e}");
    // A receipt it never fetched cannot be returned, and the message says why.
    let e = take_back(&strict, "S01-T01-000099", 1, 1).unwrap_err();
    assert!(e.contains("cannot be reached"), "{e}");
}

/// The returns screen at T02 finds T01's receipt through head office and refunds it.
#[test]
fn the_returns_screen_takes_back_a_sale_from_another_terminal() {
    use common::gui::{log_in, returns_state, send, start_on};
    use kasir::gui::{Message, returns};

    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let (ho, token1, token2) = rt.block_on(async {
        let ho = HeadOffice::start().await;
        let (t1, t2) = (ho.terminal("S01", "T01").await, ho.terminal("S01", "T02").await);
        (ho, t1, t2)
    });
    let t1 = on_terminal("T01", &ho, &token1);
    let receipt = t1.sell(
        r#"{"cashier":"K02","items":[{"sku":"MIE-001","quantity":3},{"sku":"SUS-1L"}],"tenders":[{"kind":"card","amount":"30500"}]}"#,
    );
    let syncer =
        Syncer::new(settings(&ho.url(), &token1, Duration::from_secs(5)), &t1.ledger_path()).unwrap();
    rt.block_on(syncer.once()).unwrap();

    let (t2, mut app) = start_on(on_terminal("T02", &ho, &token2));
    log_in(&mut app, "K01", "1111");
    send(&mut app, Message::OpenReturns);
    for m in [returns::Message::Receipt(receipt.clone()), returns::Message::Find] {
        send(&mut app, Message::Returns(m));
    }
    let state = returns_state(&app);
    assert_eq!(state.error, None);
    let original = state.original.as_ref().expect("T01's sale was found through head office");
    assert_eq!((original.receipt.as_str(), original.sale.lines.len()), ("S01-T01-000002", 2));
    for m in [
        returns::Message::Quantity(1, "1".into()),
        returns::Message::Reason("salah beli".into()),
        returns::Message::Manager("M01".into()),
        returns::Message::Pin("1234".into()),
        returns::Message::Submit,
    ] {
        send(&mut app, Message::Returns(m));
    }
    let state = returns_state(&app);
    assert_eq!(state.error, None);
    let done = state.done.clone().unwrap();
    // Refunded to the card the sale at T01 was paid with (the store's default rule).
    assert_eq!((done.receipt_number.as_str(), done.refunded.to_string()), ("S01-T02-000002", "20000".into()));
    t2.ledger().verify().unwrap();
}

/// Head office restored from an older backup holds fewer documents than it acknowledged: the
/// terminal sends the rest again rather than trusting its own mark.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_office_restored_from_an_old_backup_gets_everything_again() {
    let ho = HeadOffice::start().await;
    let token = ho.terminal("S01", "T01").await;
    let shop = Shop::new();
    ring_up(&shop, 0, 5);
    let syncer =
        Syncer::new(settings(&ho.url(), &token, Duration::from_secs(5)), &shop.ledger_path()).unwrap();
    syncer.once().await.unwrap();
    let backup = {
        let Database::Sqlite(path) = &ho.database else { unreachable!() };
        let copy = path.with_extension("backup.db");
        rusqlite::Connection::open(path)
            .unwrap()
            .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
            .unwrap();
        copy
    };
    ring_up(&shop, 5, 5);
    syncer.once().await.unwrap();
    assert_eq!(ho.storage.terminals().await.unwrap()[0].last_seq, 11);

    // The server's disk is lost; it comes back from the backup taken after document 6.
    let restored = HeadOffice::open(Database::Sqlite(backup)).await;
    assert_eq!(restored.storage.terminals().await.unwrap()[0].last_seq, 6);
    let syncer =
        Syncer::new(settings(&restored.url(), &token, Duration::from_secs(5)), &shop.ledger_path()).unwrap();
    let report = syncer.once().await.unwrap();
    assert_eq!((report.stored, report.delivered_seq, report.waiting), (5, 11, 0));
    assert_eq!(headoffice_figures(&restored, "S01").await, terminal_figures(&shop));
}

/// A terminal restored from an older backup of its own ledger says so at once, and its next
/// sale, which reuses a number head office holds, is refused and kept aside, never merged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminal_restored_from_an_old_backup_is_told_in_words() {
    let ho = HeadOffice::start().await;
    let token = ho.terminal("S01", "T01").await;
    let shop = Shop::new();
    ring_up(&shop, 0, 3);
    let backup = shop.dir.path().join("backup.sqlite");
    common::sql(&shop.ledger()).execute("VACUUM INTO ?1", [backup.to_str().unwrap()]).unwrap();
    ring_up(&shop, 3, 3);
    let syncer =
        Syncer::new(settings(&ho.url(), &token, Duration::from_secs(5)), &shop.ledger_path()).unwrap();
    syncer.once().await.unwrap();
    drop(syncer);

    // The disk is replaced and the ledger comes back from the backup: 4 documents, not 7.
    std::fs::copy(&backup, shop.ledger_path()).unwrap();
    for ext in ["sqlite-wal", "sqlite-shm"] {
        let _ = std::fs::remove_file(shop.ledger_path().with_extension(ext));
    }
    let syncer =
        Syncer::new(settings(&ho.url(), &token, Duration::from_secs(5)), &shop.ledger_path()).unwrap();
    let e = syncer.once().await.unwrap_err();
    assert!(e.to_string().contains("holds documents up to 7 but this ledger ends at 4"), "{e}");
    ring_up(&shop, 10, 1);
    let e = syncer.once().await.unwrap_err();
    assert!(matches!(e, SyncError::Refused(_)) && e.to_string().contains("kept aside"), "{e}");
    assert_eq!(syncer.status().unwrap().waiting, 1, "the new sale is not marked delivered");
    assert_eq!(ho.storage.rejected().await.unwrap().len(), 1);
    assert_eq!(ho.storage.terminals().await.unwrap()[0].last_seq, 7);
}

/// Head office over https, its certificate signed by the chain's own authority: trusted with
/// `headoffice.ca_file`, refused in words without it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_to_head_office_with_the_chains_own_certificate_authority() {
    let ho = HeadOffice::start().await;
    let token = ho.terminal("S01", "T01").await;
    let front = common::headoffice::TlsFront::start(ho.addr).await;
    let shop = Shop::new();
    ring_up(&shop, 0, 2);

    let untrusting =
        Syncer::new(settings(&front.url(), &token, Duration::from_secs(5)), &shop.ledger_path()).unwrap();
    let e = untrusting.once().await.unwrap_err();
    assert!(matches!(e, SyncError::Unreachable { .. }), "{e}");
    assert!(e.to_string().to_lowercase().contains("certificate"), "{e}");
    assert_eq!(ho.storage.terminals().await.unwrap()[0].last_seq, 0);

    let ca_file = shop.dir.path().join("kasir-ca.pem");
    std::fs::write(&ca_file, &front.ca_pem).unwrap();
    let mut s = settings(&front.url(), &token, Duration::from_secs(5));
    s.ca_file = Some(ca_file);
    let trusting = Syncer::new(s, &shop.ledger_path()).unwrap();
    let report = trusting.once().await.unwrap();
    assert_eq!((report.stored, report.waiting), (3, 0));

    // A ca_file that is not a certificate is named with what is wrong.
    let bad = shop.dir.path().join("not-a-cert.pem");
    std::fs::write(&bad, "hello").unwrap();
    let mut s = settings(&front.url(), &token, Duration::from_secs(5));
    s.ca_file = Some(bad);
    let e = Syncer::new(s, &shop.ledger_path()).err().unwrap();
    assert!(
        e.to_string().starts_with("headoffice.ca_file ") && e.to_string().contains("not-a-cert.pem"),
        "{e}"
    );
}

/// With a long interval, a sale still reaches head office at once: the sync thread sees the
/// new document and starts a round.
#[test]
fn a_new_sale_is_sent_at_once_not_at_the_next_interval() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let (ho, token) = rt.block_on(async {
        let ho = HeadOffice::start().await;
        let token = ho.terminal("S01", "T01").await;
        (ho, token)
    });
    let shop = Shop::new();
    let mut s = settings(&ho.url(), &token, Duration::from_secs(5));
    s.interval = Duration::from_secs(3600);
    let mut statuses = kasir::sync::spawn(s, shop.ledger_path());
    // Polled with a generous deadline, so that a broken watch fails instead of hanging.
    let wait_for = |statuses: &mut tokio::sync::mpsc::UnboundedReceiver<kasir::sync::SyncStatus>,
                    seq: u64| {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        loop {
            match statuses.try_recv() {
                Ok(s) if s.waiting == 0 && s.delivered_seq == seq => break s,
                Ok(_) => {}
                Err(_) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                Err(e) => panic!("document {seq} was not sent: {e:?}"),
            }
        }
    };
    wait_for(&mut statuses, 1);
    shop.sell(r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"cash","amount":"3500"}]}"#);
    // Within the hour-long interval: only the watch on the ledger can have sent it.
    let s = wait_for(&mut statuses, 2);
    assert_eq!(s.last_error, None);
    assert_eq!(rt.block_on(ho.storage.terminals()).unwrap()[0].last_seq, 2);
}

/// Two hundred sales of 140 lines each are over 8 MiB, more than head office takes in one
/// request: they go in smaller batches, every one of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn very_long_sales_go_in_smaller_batches_not_refused_as_too_large() {
    let ho = HeadOffice::start().await;
    let token = ho.terminal("S01", "T01").await;
    let shop = Shop::new();
    // Alternating products: every scan is a line of its own.
    let items: Vec<&str> =
        (0..140).map(|i| if i % 2 == 0 { r#"{"sku":"MIE-001"}"# } else { r#"{"sku":"AIR-600"}"# }).collect();
    let script = format!(
        r#"{{"cashier":"K01","items":[{}],"tenders":[{{"kind":"cash","amount":"1000000"}}]}}"#,
        items.join(",")
    );
    for _ in 0..200 {
        shop.sell(&script);
    }
    let bytes: i64 = common::sql(&shop.ledger())
        .query_row("SELECT SUM(LENGTH(body)) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert!(bytes > 8 * 1024 * 1024, "the sales are {bytes} bytes: more than one request may carry");
    let syncer =
        Syncer::new(settings(&ho.url(), &token, Duration::from_secs(30)), &shop.ledger_path()).unwrap();
    let report = syncer.once().await.unwrap();
    assert_eq!((report.stored, report.waiting), (201, 0));
    assert_eq!(headoffice_figures(&ho, "S01").await, terminal_figures(&shop));
}
