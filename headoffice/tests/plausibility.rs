//! Documents whose chain is sound but whose content makes no sense: taken into the chain and
//! acknowledged, so the terminal's later documents still arrive, but set aside with their
//! reason, none of their figures counted; and reports that answer whatever is stored.

mod common;

use std::net::SocketAddr;

use common::{Chain, register, sale, void};
use kasir_core::chain::Origin;
use kasir_core::document::{Body, CashMovementBody};
use kasir_core::plausible::MAX_AMOUNT;
use kasir_core::wire::{PushAck, PushBatch};
use kasir_headoffice::Storage;
use kasir_headoffice::ingest::MAX_KEPT_ASIDE;
use kasir_headoffice::storage::{Incoming, ReportBy, ReportQuery};

async fn serve(storage: std::sync::Arc<dyn Storage>) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(kasir_headoffice::serve(listener, storage, std::future::pending()));
    addr
}

/// Pushes documents as a terminal does; the answer must be a success.
async fn push(addr: SocketAddr, token: &str, docs: &[Incoming]) -> PushAck {
    let batch = PushBatch {
        documents: docs.iter().map(|i| i.pushed.clone()).collect(),
        ledger_seq: docs.last().map(|d| d.pushed.seq),
    };
    let resp = reqwest::Client::new()
        .post(format!("http://{addr}/api/v1/documents"))
        .bearer_auth(token)
        .json(&batch)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), reqwest::StatusCode::OK);
    resp.json().await.unwrap()
}

fn month() -> ReportQuery {
    ReportQuery {
        from: "2026-11-01".parse().unwrap(),
        to: "2026-11-30".parse().unwrap(),
        by: ReportBy::Store,
        store: None,
    }
}

/// A good sale: two of A at 1,000 and one of B at 2,500.
fn good(c: &mut Chain) -> u64 {
    c.add(sale(&[("A", 2, 1000), ("B", 1, 2500)])).pushed.seq
}

/// A sale of one A at 1,000, changed by `f` after the terminal built it.
fn changed(f: impl FnOnce(&mut kasir_core::document::SaleBody)) -> Body {
    let mut body = sale(&[("A", 1, 1000)]);
    let Body::Sale(s) = &mut body else { unreachable!() };
    f(s);
    body
}

both!(each_nonsense_document_is_set_aside_while_later_good_ones_count, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    let token = register(s, "S01", "T01").await;
    let addr = serve(db.storage.clone()).await;
    let mut c = Chain::new("S01", "T01");
    let mut goods = vec![good(&mut c)];
    // (seq, words its reason must hold)
    let mut nonsense: Vec<(u64, String)> = Vec::new();
    let mut bad = |c: &mut Chain, body: Body, words: &str| {
        nonsense.push((c.add(body).pushed.seq, words.to_owned()));
    };

    bad(&mut c, sale(&[("A", -3, 1000)]), "line 1 quantity is -3");
    goods.push(good(&mut c));
    bad(&mut c, sale(&[("B", 1, -5_000_000_000)]), "is -5000000000, not within 0 to 10000000000000");
    goods.push(good(&mut c));
    let huge = c.tip.seq + 1;
    bad(
        &mut c,
        changed(|s| {
            s.lines[0].net = i64::MAX;
            s.lines[0].gross = i64::MAX;
        }),
        "line 1 net is 9223372036854775807",
    );
    goods.push(good(&mut c));
    bad(
        &mut c,
        changed(|s| (s.total, s.tenders[0].amount) = (1500, 1500)),
        "total is 1500, but the lines make it 1000",
    );
    bad(
        &mut c,
        changed(|s| s.tenders[0].amount = 900),
        "tenders of 900 less change 0 are not the total 1000",
    );
    bad(
        &mut c,
        void(99, "S01-T01-000099", 1000),
        "voided_receipt S01-T01-000099 is not a receipt of this terminal",
    );
    let cash_in =
        c.add(Body::CashIn(CashMovementBody { amount: 1000, reason: "modal".into(), approver: None }));
    let (seq, receipt) = (cash_in.pushed.seq, cash_in.document.header.receipt_number.clone());
    bad(&mut c, void(seq, &receipt, 1000), "which is a cash_in, not a sale");
    goods.push(good(&mut c));
    // A clock a year ahead, then put right: only the one document is out of its window.
    c.time += chrono::Duration::days(365);
    bad(&mut c, sale(&[("A", 1, 1000)]), "ahead of head office's clock");
    c.time -= chrono::Duration::days(365);
    goods.push(good(&mut c));
    let first_batch = c.tip.seq;
    // The next batch is judged against the last document with a plausible time.
    goods.push(good(&mut c));
    c.time -= chrono::Duration::days(3);
    bad(&mut c, sale(&[("A", 1, 1000)]), "h before the terminal's previous document");
    c.time += chrono::Duration::days(3);
    goods.push(good(&mut c));
    // Voiding the set-aside sale is right, and takes away nothing that was never counted.
    let huge_receipt = c.docs[(huge - 1) as usize].document.header.receipt_number.clone();
    let void_of_huge = c.add(void(huge, &huge_receipt, 1000)).pushed.seq;
    goods.push(good(&mut c));
    let last = c.tip.seq;

    let one = push(addr, &token, &c.range(1, first_batch)).await;
    let two = push(addr, &token, &c.range(first_batch + 1, last)).await;
    assert_eq!((one.acknowledged, one.stored), (first_batch, first_batch as u32));
    assert_eq!((two.acknowledged, two.stored), (last, (last - first_batch) as u32));
    let answered: Vec<_> = one.set_aside.iter().chain(&two.set_aside).collect();
    assert_eq!(
        answered.iter().map(|a| a.seq).collect::<Vec<_>>(),
        nonsense.iter().map(|(seq, _)| *seq).collect::<Vec<_>>(),
        "{answered:#?}"
    );
    for (a, (seq, words)) in answered.iter().zip(&nonsense) {
        assert_eq!(a.receipt, format!("S01-T01-{seq:06}"));
        assert!(a.reason.starts_with(&format!("document {seq} (S01-T01-{seq:06}, ")), "{}", a.reason);
        assert!(a.reason.contains(words.as_str()), "{} does not say {words:?}", a.reason);
    }
    assert!(!nonsense.iter().any(|(seq, _)| *seq == void_of_huge), "the void of a set-aside sale is taken");

    // Figures and stock are those of the good sales alone.
    let n = goods.len() as i128;
    let rows = s.sales_report(&month()).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].quantity_milli, rows[0].gross), (n * 3_000, n * 4_500));
    assert_eq!(rows[0].documents as i128, n);
    let stock = s.stock("S01").await.unwrap();
    assert_eq!(stock, vec![("A".to_owned(), -2_000 * n as i64), ("B".to_owned(), -1_000 * n as i64)]);

    // Kept for a person to look at, and counted in the terminal's status.
    let kept = s.rejected().await.unwrap();
    assert_eq!(
        kept.iter().map(|r| r.seq).collect::<Vec<_>>(),
        answered.iter().map(|a| a.seq).collect::<Vec<_>>()
    );
    assert!(kept.iter().all(|r| r.kind == "implausible"));
    assert_eq!(
        kept.iter().map(|r| &r.reason).collect::<Vec<_>>(),
        answered.iter().map(|a| &a.reason).collect::<Vec<_>>()
    );
    let status = s.terminals().await.unwrap();
    assert_eq!((status[0].last_seq, status[0].rejected), (last, nonsense.len() as u64));

    // Pushed again, nothing is set aside twice.
    let again = push(addr, &token, &c.range(1, last)).await;
    assert_eq!((again.stored, again.already_stored, again.set_aside.len()), (0, last as u32, 0));
});

/// Head office before these checks stored whatever a terminal sent: a database holding two
/// amounts of 2^63−1 (written here as that version wrote them) must still report exactly.
async fn store_legacy_lines(db: &common::TestDb, origin: &Origin) {
    let insert = "INSERT INTO sales_lines (store, terminal, seq, line_no, business_date, hour, cashier, sku,
                      name, quantity_milli, net, tax, gross)
                  VALUES ($1, $2, $3, 1, '2026-11-22', 10, 'K01', 'A', 'Product A', $4, $5, 0, $5)";
    match &db.database {
        kasir_headoffice::Database::Sqlite(path) => {
            let c = rusqlite::Connection::open(path).unwrap();
            for seq in [9_001i64, 9_002] {
                c.execute(
                    &insert.replace('$', "?"),
                    rusqlite::params![origin.store, origin.terminal, seq, i64::MAX, i64::MAX],
                )
                .unwrap();
            }
        }
        kasir_headoffice::Database::Postgres(url) => {
            let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
            tokio::spawn(conn);
            for seq in [9_001i64, 9_002] {
                client
                    .execute(insert, &[&origin.store, &origin.terminal, &seq, &i64::MAX, &i64::MAX])
                    .await
                    .unwrap();
            }
        }
    }
}

fn report_sales(db: &common::TestDb, format: &str) -> String {
    let url = common::serve::database_url(&db.database);
    let args = ["report", "sales", "--from", "2026-11-01", "--to", "2026-11-30", "--format", format];
    let (ok, text) = common::serve::run_cli(&url, &args);
    assert!(ok, "report sales --format {format}: {text}");
    text
}

/// `n` with dots between thousands, as the text report writes rupiah.
fn dotted(n: i128) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

both!(report_sales_answers_after_the_largest_amounts, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    let token = register(s, "S01", "T01").await;
    let addr = serve(db.storage.clone()).await;
    let mut c = Chain::new("S01", "T01");
    // The largest sale the API counts: one line at the ceiling, three times.
    for _ in 0..3 {
        c.add(sale(&[("A", 1, MAX_AMOUNT)]));
    }
    let ack = push(addr, &token, &c.range(1, 3)).await;
    assert_eq!((ack.acknowledged, ack.set_aside.len()), (3, 0));
    store_legacy_lines(&db, &c.origin).await;

    let expected = 3 * i128::from(MAX_AMOUNT) + 2 * i128::from(i64::MAX);
    assert!(expected > i128::from(i64::MAX), "the sum is past what 64 bits hold");
    let rows = s.sales_report(&month()).await.unwrap();
    assert_eq!(
        (rows[0].net, rows[0].gross, rows[0].quantity_milli),
        (expected, expected, 3_000 + 2 * i128::from(i64::MAX))
    );

    let report = tokio::task::spawn_blocking(move || {
        let text = report_sales(&db, "text");
        let csv = report_sales(&db, "csv");
        let json = report_sales(&db, "json");
        (text, csv, json)
    })
    .await
    .unwrap();
    let (text, csv, json) = report;
    assert!(text.contains(&dotted(expected)), "{text}");
    assert!(csv.contains(&format!(",{expected},0,{expected}")), "{csv}");
    // Exact in the JSON text (a reader that takes numbers as 64-bit floats would round it).
    assert!(json.contains(&format!("\"gross\": {expected}")), "{json}");
});

both!(what_is_kept_aside_is_bounded, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    let token = register(s, "S01", "T01").await;
    let addr = serve(db.storage.clone()).await;
    let mut c = Chain::new("S01", "T01");
    let over = 5;
    let total = MAX_KEPT_ASIDE as u64 + over;
    for _ in 0..total {
        c.add(Body::CashOut(CashMovementBody { amount: -1, reason: "x".into(), approver: None }));
    }
    good(&mut c);
    let mut set_aside = 0;
    for from in (1..=c.tip.seq).step_by(500) {
        let ack = push(addr, &token, &c.range(from, (from + 499).min(c.tip.seq))).await;
        set_aside += ack.set_aside.len() as u64;
    }
    assert_eq!(set_aside, total, "every one is answered as set aside");
    assert_eq!(s.rejected().await.unwrap().len() as i64, MAX_KEPT_ASIDE, "no more than the limit is kept");
    let status = s.terminals().await.unwrap();
    assert_eq!((status[0].last_seq, status[0].rejected), (c.tip.seq, total), "the rest is counted");
    let rows = s.sales_report(&month()).await.unwrap();
    assert_eq!(rows[0].gross, 4_500, "the good sale after them counts");

    // Forgeries refused over and over do not grow the table either, and are not counted: a
    // terminal retries its refused document at every push, which must not look like more.
    for amount in [1, 1, 2] {
        let elsewhere = kasir_core::chain::ChainTip { hash: "ab".repeat(32), ..c.tip.clone() };
        let body = Body::CashIn(CashMovementBody { amount, reason: "x".into(), approver: None });
        let forged = kasir_core::chain::seal(&elsewhere, &c.origin, c.time, "K01", body);
        let batch = PushBatch {
            documents: vec![kasir_core::wire::PushedDocument {
                seq: forged.document.header.seq,
                hash: forged.hash,
                canonical: String::from_utf8(forged.canonical).unwrap(),
            }],
            ledger_seq: None,
        };
        let resp = reqwest::Client::new()
            .post(format!("http://{addr}/api/v1/documents"))
            .bearer_auth(&token)
            .json(&batch)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), reqwest::StatusCode::CONFLICT);
    }
    assert_eq!(s.rejected().await.unwrap().len() as i64, MAX_KEPT_ASIDE);
    assert_eq!(s.terminals().await.unwrap()[0].rejected, total, "a retried refusal is not counted again");
});

/// The reason head office answered for the document at `seq`, if it set it aside.
fn reason(ack: &PushAck, seq: u64) -> Option<&str> {
    ack.set_aside.iter().find(|a| a.seq == seq).map(|a| a.reason.as_str())
}

both!(a_return_of_a_set_aside_sale_is_set_aside_too, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    let token = register(s, "S01", "T01").await;
    let other = register(s, "S01", "T02").await;
    let addr = serve(db.storage.clone()).await;
    let mut c = Chain::new("S01", "T01");
    let sold = good(&mut c);
    // One A at 1,000 whose total says 1,500: set aside, its goods never counted as sold.
    let nonsense = c.add(changed(|s| (s.total, s.tenders[0].amount) = (1500, 1500)));
    let (aside, aside_receipt) = (nonsense.pushed.seq, nonsense.document.header.receipt_number.clone());
    let here = c.add(common::return_of(aside, &aside_receipt, 1, "A", 1, 1000)).pushed.seq;
    let first = push(addr, &token, &c.range(1, here)).await;
    assert!(reason(&first, aside).is_some(), "{first:#?}");
    let words = format!("returns goods of {aside_receipt}, which head office set aside");
    assert!(reason(&first, here).is_some_and(|r| r.contains(&words)), "in the same batch: {first:#?}");

    // In a later batch, and at another terminal, head office reads that the sale was set aside.
    let later = c.add(common::return_of(aside, &aside_receipt, 1, "A", 1, 1000)).pushed.seq;
    let good_receipt = format!("S01-T01-{sold:06}");
    let counted = c.add(common::return_of(sold, &good_receipt, 1, "A", 1, 1000)).pushed.seq;
    let second = push(addr, &token, &c.range(later, counted)).await;
    assert!(reason(&second, later).is_some_and(|r| r.contains(&words)), "{second:#?}");
    assert_eq!(reason(&second, counted), None, "a return of a sale that counted counts");
    let mut t2 = Chain::new("S01", "T02");
    t2.add(common::return_of(aside, &aside_receipt, 1, "A", 1, 1000));
    let third = push(addr, &other, &t2.range(1, 1)).await;
    assert!(reason(&third, 1).is_some_and(|r| r.contains(&words)), "{third:#?}");

    // The good sale less its one returned A: nothing of the set-aside sale, either way.
    let rows = s.sales_report(&month()).await.unwrap();
    assert_eq!((rows[0].quantity_milli, rows[0].gross), (2_000, 3_500));
    let stock = s.stock("S01").await.unwrap();
    assert_eq!(stock, vec![("A".to_owned(), -1_000), ("B".to_owned(), -1_000)]);
});

both!(a_return_of_a_sale_whose_sku_holds_a_control_character_counts, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    let token = register(s, "S01", "T01").await;
    let addr = serve(db.storage.clone()).await;
    let mut c = Chain::new("S01", "T01");
    let sold = c.add(sale(&[("KOPI\tSUSU", 2, 1000)])).pushed.seq;
    let sold = (sold, c.docs[0].document.header.receipt_number.clone());
    let first = push(addr, &token, &c.range(1, 1)).await;
    assert!(first.set_aside.is_empty(), "{first:#?}");
    // The stored sale is read from its canonical text, which keeps the tab as the terminal
    // sealed it; the return arrives with it too.
    let ret = c.add(common::return_of(sold.0, &sold.1, 1, "KOPI\tSUSU", 1, 1000)).pushed.seq;
    let second = push(addr, &token, &c.range(ret, ret)).await;
    assert!(second.set_aside.is_empty(), "{second:#?}");
    let stock = s.stock("S01").await.unwrap();
    assert_eq!(stock, vec![("KOPI\u{fffd}SUSU".to_owned(), -1_000)]);
    let rows = s.sales_report(&month()).await.unwrap();
    assert_eq!(rows[0].gross, 1_000);
});

both!(a_sale_of_thousands_of_lines_is_set_aside_at_once, |db: common::TestDb| async move {
    use kasir_core::plausible::MAX_LINES;
    let s = db.storage.as_ref();
    let token = register(s, "S01", "T01").await;
    let addr = serve(db.storage.clone()).await;
    let mut c = Chain::new("S01", "T01");
    let skus: Vec<String> = (0..5_000).map(|i| format!("SKU{i:05}")).collect();
    let lines: Vec<(&str, i64, i64)> = skus.iter().map(|k| (k.as_str(), 1, 100)).collect();
    let long = c.add(sale(&lines)).pushed.seq;
    good(&mut c);
    let ack = push(addr, &token, &c.range(1, 2)).await;
    assert_eq!(ack.acknowledged, 2);
    let words = format!("a sale with 5000 lines; a document holds at most {MAX_LINES}");
    assert!(reason(&ack, long).is_some_and(|r| r.contains(&words)), "{:?}", ack.set_aside);
    assert_eq!(ack.set_aside.len(), 1);
    let rows = s.sales_report(&month()).await.unwrap();
    assert_eq!(rows[0].gross, 4_500, "only the good sale counts");
});
