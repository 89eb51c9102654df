//! Head office's dashboard figures ([`kasir_headoffice::analytics`]), read from the summary
//! tables kept at ingest: they must say what the sales report says, to the Rupiah, with voids
//! taking their sale back, set-aside documents counting nothing, and a batch delivered twice
//! counted once.

mod common;

use std::collections::BTreeMap;

use common::{Chain, register, return_of, sale, void};
use kasir_core::TenderKind;
use kasir_core::document::Body;
use kasir_headoffice::Storage;
use kasir_headoffice::analytics::{Breakdown, BreakdownRow, Figures, SalesFilter};
use kasir_headoffice::storage::{ReportBy, ReportQuery, ReportRow};

fn november(stores: Option<&[&str]>) -> SalesFilter {
    SalesFilter {
        from: "2026-11-01".parse().unwrap(),
        to: "2026-11-30".parse().unwrap(),
        stores: stores.map(|s| s.iter().map(|c| c.to_string()).collect()),
        terminal: None,
    }
}

async fn report(s: &dyn Storage, by: ReportBy, store: Option<&str>) -> Vec<ReportRow> {
    let q = ReportQuery {
        from: "2026-11-01".parse().unwrap(),
        to: "2026-11-30".parse().unwrap(),
        by,
        store: store.map(str::to_owned),
    };
    s.sales_report(&q).await.unwrap()
}

/// A sale of these lines in one category, paid in full with one tender.
fn sale_in(lines: &[(&str, i64, i64)], category: &str, tender: TenderKind) -> Body {
    let mut body = sale(lines);
    let Body::Sale(s) = &mut body else { unreachable!() };
    s.lines.iter_mut().for_each(|l| l.category = category.into());
    s.tenders[0].kind = tender;
    body
}

fn row<'r>(rows: &'r [BreakdownRow], key: &str) -> Option<&'r BreakdownRow> {
    rows.iter().find(|r| r.key == key)
}

/// S01-T01: a sale; a card sale of drinks voided in the same batch; a return; a sale that
/// makes no sense (set aside); a QRIS sale voided in a later batch. S02-T01: one sale.
/// Every batch is delivered twice.
async fn shop(s: &dyn Storage) {
    register(s, "S01", "T01").await;
    register(s, "S02", "T01").await;
    let mut c = Chain::new("S01", "T01");
    c.add(sale_in(&[("A", 2, 1000), ("B", 1, 2500)], "Umum", TenderKind::Cash));
    c.add(sale_in(&[("C", 3, 500)], "Minuman", TenderKind::Card));
    let receipt = c.docs[1].document.header.receipt_number.clone();
    c.add(void(2, &receipt, 1500));
    let first = c.docs[0].document.header.receipt_number.clone();
    c.add(return_of(1, &first, 1, "A", 1, 1000));
    c.add(sale(&[("A", -3, 1000)]));
    c.add(sale_in(&[("D", 1, 7000)], "Snack", TenderKind::Qris));
    let receipt = c.docs[5].document.header.receipt_number.clone();
    c.add(void(6, &receipt, 7000));
    for (from, to) in [(1, 3), (4, 6), (7, 7)] {
        for _ in 0..2 {
            s.ingest(&c.origin, c.range(from, to), None).await.unwrap();
        }
    }
    let mut other = Chain::new("S02", "T01");
    other.add(sale(&[("A", 1, 1000)]));
    for _ in 0..2 {
        s.ingest(&other.origin, other.range(1, 1), None).await.unwrap();
    }
}

both!(figures_say_what_the_sales_report_says, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    shop(s).await;
    let figures = s.figures(&november(None)).await.unwrap();
    let report = report(s, ReportBy::Store, None).await;
    let sum = |f: fn(&ReportRow) -> i128| report.iter().map(f).sum::<i128>();
    assert_eq!(
        (figures.net, figures.tax, figures.gross, figures.items_milli),
        (sum(|r| r.net), sum(|r| r.tax), sum(|r| r.gross), sum(|r| r.quantity_milli))
    );
    // 4,500 + 1,000 sold and kept, 1,000 of it returned; the voided sales and the sale that
    // makes no sense count nothing.
    assert_eq!(
        figures,
        Figures {
            net: 4_500,
            tax: 0,
            gross: 4_500,
            transactions: 2,
            items_milli: 3_000,
            discounts: 0,
            returns: 1,
            returned: 1_000,
            voids: 2,
            voided: 8_500,
        }
    );
    // Each grouping the report has: the same receipts and sums, row for row.
    for (by, breakdown) in [
        (ReportBy::Store, Breakdown::Store),
        (ReportBy::Terminal, Breakdown::Terminal),
        (ReportBy::Day, Breakdown::Day),
        (ReportBy::Cashier, Breakdown::Cashier),
        (ReportBy::Product, Breakdown::Product),
    ] {
        let rows = s.breakdown(&november(None), breakdown).await.unwrap();
        let seen: Vec<_> =
            rows.iter().map(|r| (r.documents, r.quantity_milli, r.net, r.tax, r.gross)).collect();
        let reported = self::report(s, by, None).await;
        let expected: Vec<_> =
            reported.iter().map(|r| (r.documents, r.quantity_milli, r.net, r.tax, r.gross)).collect();
        assert_eq!(seen, expected, "{breakdown:?}");
    }
    let stores = s.breakdown(&november(None), Breakdown::Store).await.unwrap();
    assert_eq!((stores[0].key.as_str(), stores[0].label.as_str()), ("S01", "Toko S01"));
    let products = s.breakdown(&november(None), Breakdown::Product).await.unwrap();
    assert_eq!(row(&products, "A").unwrap().label, "Product A");
});

both!(a_void_takes_its_sale_back_out_of_every_figure, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    shop(s).await;
    let only = november(Some(&["S01"]));
    let tenders = s.breakdown(&only, Breakdown::Tender).await.unwrap();
    // Taken by card and QRIS, then voided: nothing; cash 4,500 taken, 1,000 refunded.
    assert_eq!(row(&tenders, "card").unwrap().net, 0);
    assert_eq!(row(&tenders, "qris").unwrap().net, 0);
    assert_eq!(row(&tenders, "cash").unwrap().net, 3_500);
    let categories = s.breakdown(&only, Breakdown::Category).await.unwrap();
    for voided in ["Minuman", "Snack"] {
        let r = row(&categories, voided).unwrap();
        assert_eq!((r.quantity_milli, r.net, r.gross), (0, 0, 0), "{voided}");
    }
    let umum = row(&categories, "Umum").unwrap();
    assert_eq!((umum.quantity_milli, umum.net), (2_000, 3_500));
    let hours = s.breakdown(&only, Breakdown::Hour).await.unwrap();
    assert!(hours.iter().all(|h| h.key.len() == 2 && h.key.starts_with('0')), "{hours:?}");
    assert_eq!(hours.iter().map(|h| h.net).sum::<i128>(), 3_500);
    let reasons = s.breakdown(&only, Breakdown::ReturnReason).await.unwrap();
    assert_eq!(reasons.len(), 1);
    assert_eq!((reasons[0].key.as_str(), reasons[0].documents, reasons[0].gross), ("rusak", 1, -1_000));
    let taxes = s.breakdown(&only, Breakdown::Tax).await.unwrap();
    assert_eq!(taxes.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(), ["BEBAS:0"]);
    assert_eq!(taxes[0].net, 3_500, "the DPP of what was kept");
    let approvals = s.approvals(&only, 100).await.unwrap();
    let actions: Vec<_> = approvals.iter().map(|a| (a.action.as_str(), a.approver.as_str())).collect();
    assert_eq!(actions, [("void_sale", "M01"), ("return", "M01"), ("void_sale", "M01")]);
    assert_eq!(s.approvals(&only, 1).await.unwrap().len(), 1);
});

both!(set_aside_documents_are_listed_but_count_nothing, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    shop(s).await;
    let receipts = s.receipts("S01", "T01", "2026-11-22".parse().unwrap()).await.unwrap();
    let kinds: Vec<_> = receipts.iter().map(|r| (r.seq, r.kind.as_str(), r.set_aside)).collect();
    assert_eq!(
        kinds,
        [
            (1, "sale", false),
            (2, "sale", false),
            (3, "void", false),
            (4, "return", false),
            (5, "sale", true),
            (6, "sale", false),
            (7, "void", false)
        ]
    );
    assert!(s.receipts("S01", "T01", "2026-11-23".parse().unwrap()).await.unwrap().is_empty());
    let aside = s.document("S01", "T01", 5).await.unwrap().unwrap();
    assert!(aside.set_aside);
    assert!(aside.canonical.contains("-3000"), "{}", aside.canonical);
    assert_eq!(s.document("S01", "T01", 8).await.unwrap(), None);
    // Its product A of -3 would show as 3 pieces fewer.
    let products = s.breakdown(&november(Some(&["S01"])), Breakdown::Product).await.unwrap();
    assert_eq!(row(&products, "A").unwrap().quantity_milli, 1_000);
});

both!(a_store_filter_shows_only_those_stores, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    shop(s).await;
    let s02 = report(s, ReportBy::Store, Some("S02")).await;
    let only = s.figures(&november(Some(&["S02"]))).await.unwrap();
    assert_eq!((only.net, only.transactions), (s02[0].net, 1));
    let s01 = s.breakdown(&november(Some(&["S01"])), Breakdown::Terminal).await.unwrap();
    assert_eq!(s01.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), ["S01-T01"]);
    let mut one_terminal = november(Some(&["S01"]));
    one_terminal.terminal = Some("T02".into());
    assert_eq!(s.figures(&one_terminal).await.unwrap(), Figures::default());
    let nothing = november(Some(&[]));
    assert_eq!(s.figures(&nothing).await.unwrap(), Figures::default());
    for by in Breakdown::ALL {
        assert!(s.breakdown(&nothing, by).await.unwrap().is_empty(), "{by:?}");
    }
    assert!(s.approvals(&nothing, 100).await.unwrap().is_empty());
    let stores = s.stores().await.unwrap();
    assert_eq!(stores.iter().map(|st| st.code.as_str()).collect::<Vec<_>>(), ["S01", "S02"]);
    assert_eq!(stores[0].region, "");
    let region =
        kasir_headoffice::storage::StoreChange { region: Some("Jawa Barat".into()), ..Default::default() };
    s.set_store("S02", &region).await.unwrap();
    assert_eq!(s.stores().await.unwrap()[1].region, "Jawa Barat");
});

both!(an_export_streams_what_the_breakdown_sums, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    shop(s).await;
    for by in Breakdown::ALL {
        let (tx, mut rx) = tokio::sync::mpsc::channel(2);
        let filter = november(None);
        let export = tokio::spawn({
            let storage = db.storage.clone();
            async move { storage.export(&filter, by, tx).await }
        });
        let mut summed: BTreeMap<String, (i64, i128, i128, i128, i128)> = BTreeMap::new();
        let mut order = Vec::new();
        while let Some(r) = rx.recv().await {
            let r = r.unwrap();
            order.push((r.store.clone(), r.day, r.row.key.clone()));
            let e = summed.entry(r.row.key).or_default();
            e.0 += r.row.documents;
            e.1 += r.row.quantity_milli;
            e.2 += r.row.net;
            e.3 += r.row.tax;
            e.4 += r.row.gross;
        }
        export.await.unwrap().unwrap();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{by:?}: {order:?}");
        let rows = s.breakdown(&november(None), by).await.unwrap();
        let expected: BTreeMap<String, _> = rows
            .into_iter()
            .map(|r| (r.key, (r.documents, r.quantity_milli, r.net, r.tax, r.gross)))
            .collect();
        assert_eq!(summed, expected, "{by:?}");
    }
    // A receiver that goes away ends the export without an error.
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    drop(rx);
    s.export(&november(None), Breakdown::Product, tx).await.unwrap();
});

both!(the_watermark_moves_with_every_stored_document, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    register(s, "S01", "T01").await;
    let before = s.watermark().await.unwrap();
    let mut c = Chain::new("S01", "T01");
    c.add(sale(&[("A", 1, 1000)]));
    s.ingest(&c.origin, c.range(1, 1), None).await.unwrap();
    let after = s.watermark().await.unwrap();
    assert_ne!(before, after);
    c.add(sale(&[("A", 1, 1000)]));
    s.ingest(&c.origin, c.range(2, 2), None).await.unwrap();
    assert_ne!(s.watermark().await.unwrap(), after);
});

/// Runs the part of the summaries' migration that fills the tables from what was stored before.
async fn backfill(database: &kasir_headoffice::Database) {
    const MARK: &str = "-- What was stored before this version";
    let sql = match database {
        kasir_headoffice::Database::Sqlite(_) => include_str!("../migrations/sqlite/0011_summaries.sql"),
        kasir_headoffice::Database::Postgres(_) => include_str!("../migrations/postgres/0012_summaries.sql"),
    };
    let fill = &sql[sql.find(MARK).expect("the migration marks its backfill")..];
    let empty = "DELETE FROM summary_hours; DELETE FROM summary_products; DELETE FROM summary_categories;
        DELETE FROM summary_cashiers; DELETE FROM summary_tenders; DELETE FROM summary_taxes;
        DELETE FROM summary_return_reasons; DELETE FROM approvals;";
    match database {
        kasir_headoffice::Database::Sqlite(path) => {
            let c = rusqlite::Connection::open(path).unwrap();
            c.execute_batch(empty).unwrap();
            c.execute_batch(fill).unwrap();
        }
        kasir_headoffice::Database::Postgres(url) => {
            let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
            tokio::spawn(conn);
            client.batch_execute(empty).await.unwrap();
            client.batch_execute(fill).await.unwrap();
        }
    }
}

both!(what_was_stored_before_the_summaries_is_summed_into_them, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    shop(s).await;
    let filter = november(None);
    let kept = s.figures(&filter).await.unwrap();
    let mut breakdowns = Vec::new();
    for by in [
        Breakdown::Store,
        Breakdown::Terminal,
        Breakdown::Day,
        Breakdown::Hour,
        Breakdown::Product,
        Breakdown::Cashier,
    ] {
        breakdowns.push(s.breakdown(&filter, by).await.unwrap());
    }
    backfill(&db.database).await;
    // Discounts come only from the documents themselves: none in this shop.
    assert_eq!(s.figures(&filter).await.unwrap(), kept);
    for (by, before) in [
        Breakdown::Store,
        Breakdown::Terminal,
        Breakdown::Day,
        Breakdown::Hour,
        Breakdown::Product,
        Breakdown::Cashier,
    ]
    .into_iter()
    .zip(breakdowns)
    {
        assert_eq!(s.breakdown(&filter, by).await.unwrap(), before, "{by:?}");
    }
    // Not kept before: tenders (only in the canonical documents) start empty.
    assert!(s.breakdown(&filter, Breakdown::Tender).await.unwrap().is_empty());
});

// A day still going on is compared with the same hours of an earlier day: its last day
// counted only before the hour given, the days before it whole.
both!(a_day_so_far_is_compared_with_the_same_hours, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    register(s, "S01", "T01").await;
    let mut c = Chain::new("S01", "T01");
    // 09:01 on the 22nd, then (the clock moved on) 15:02 the same day and 09:03 the next.
    c.add(sale(&[("A", 1, 1000)]));
    c.time += chrono::Duration::hours(6);
    c.add(sale(&[("B", 1, 2000)]));
    c.time += chrono::Duration::hours(18);
    c.add(sale(&[("C", 1, 4000)]));
    s.ingest(&c.origin, c.range(1, 3), None).await.unwrap();
    let day = |from: &str, to: &str| SalesFilter {
        from: from.parse().unwrap(),
        to: to.parse().unwrap(),
        stores: None,
        terminal: None,
    };
    let one = day("2026-11-22", "2026-11-22");
    assert_eq!(s.figures(&one).await.unwrap().net, 3000);
    assert_eq!(s.figures_until(&one, Some(12)).await.unwrap().net, 1000, "only the morning of the 22nd");
    assert_eq!(s.figures_until(&one, Some(16)).await.unwrap().net, 3000);
    assert_eq!(s.figures_until(&one, Some(9)).await.unwrap().transactions, 0);
    // Over two days only the last is cut: the whole 22nd and the 23rd before 09:00.
    let two = day("2026-11-22", "2026-11-23");
    assert_eq!(s.figures_until(&two, Some(9)).await.unwrap().net, 3000);
    assert_eq!(s.figures_until(&two, Some(10)).await.unwrap().net, 7000);
});
