//! The ledger on a real SQLite file: sales commit with all their rows, the database refuses
//! edits, the chain verifies, and tampering is found and named.

mod common;

use common::{Shop, count, now};
use kasir::messages::Explain;
use kasir::sale::checkout::{self, SaleScript};
use kasir::store::{Ledger, LedgerError};
use kasir_core::Money;
use kasir_core::document::{Body, CashMovementBody, VoidBody};

fn script(json: &str) -> SaleScript {
    serde_json::from_str(json).unwrap()
}

const TWO_TENDERS: &str = r#"{
    "cashier": "K01",
    "items": [
        {"barcode": "8991002101234", "quantity": 3},
        {"barcode": "8992388101023"},
        {"barcode": "2100123012503"},
        {"sku": "DUS-40"}
    ],
    "tenders": [
        {"kind": "qris", "amount": "100000", "reference": "QR-7781"},
        {"kind": "cash", "amount": "50000"}
    ]
}"#;

#[test]
fn a_sale_commits_with_lines_payments_stock_and_outbox() {
    let shop = Shop::new();
    let mut ledger = shop.ledger();
    let out = checkout::sell(&mut ledger, &shop.config, &script(TWO_TENDERS), now()).unwrap();
    // 3 × 3,500 + 4,000 + 1.25 kg × 15,000 + 100,000 + 11 % on the box.
    // = 10,500 + 4,000 + 18,750 + 111,000 = 144,250; cash part 44,250 → 44,300.
    // Document 1 is the shop's open shift.
    assert_eq!(out.receipt_number, "S01-T01-000002");
    assert_eq!(out.total.to_string(), "144250");
    assert_eq!(out.rounding.to_string(), "50");
    assert_eq!(out.change.to_string(), "5700");
    assert_eq!(count(&ledger, "sale_lines"), 4);
    assert_eq!(count(&ledger, "payments"), 2);
    assert_eq!(count(&ledger, "stock_movements"), 4);
    assert_eq!(ledger.outbox_pending().unwrap(), 2, "the shift and the sale");
    assert_eq!(ledger.stock_level("BRS-KG").unwrap().milli(), -1250);
    assert_eq!(ledger.stock_level("MIE-001").unwrap().milli(), -3000);

    let doc = ledger.document_by_receipt("S01-T01-000002").unwrap().unwrap();
    let Body::Sale(sale) = doc.body else { panic!("not a sale") };
    assert_eq!(sale.lines[2].quantity.milli(), 1250);
    assert_eq!(sale.lines[2].barcode.as_deref(), Some("2100123012503"));
    assert_eq!(doc.header.grand_total, 144_250);
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn numbers_are_gapless_and_the_grand_total_runs_on() {
    let shop = Shop::new();
    let mut ledger = shop.ledger();
    let mut receipts = Vec::new();
    for _ in 0..5 {
        receipts.push(
            checkout::sell(&mut ledger, &shop.config, &script(TWO_TENDERS), now()).unwrap().receipt_number,
        );
    }
    ledger
        .commit(
            "M01",
            Body::CashIn(CashMovementBody { amount: 100_000, reason: "float".into(), approver: None }),
            now(),
        )
        .unwrap();
    assert_eq!(receipts, (2..=6).map(|i| format!("S01-T01-{i:06}")).collect::<Vec<_>>());
    let report = ledger.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problem);
    assert_eq!(report.documents, 7);
    assert_eq!(report.tip.grand_total, 5 * 144_250);
}

#[test]
fn a_void_takes_the_sale_back_once() {
    let shop = Shop::new();
    let mut ledger = shop.ledger();
    let sale = checkout::sell(&mut ledger, &shop.config, &script(TWO_TENDERS), now()).unwrap();
    let void = || {
        Body::Void(VoidBody {
            voided_seq: sale.seq,
            voided_receipt: sale.receipt_number.clone(),
            total: 144_250,
            reason: "customer changed mind".into(),
            approver: "M01".into(),
        })
    };
    let committed = ledger.commit("K01", void(), now()).unwrap();
    assert_eq!(committed.document.header.grand_total, 0);
    assert_eq!(ledger.stock_level("BRS-KG").unwrap().milli(), 0);
    let again = ledger.commit("K01", void(), now()).unwrap_err();
    assert!(again.to_string().contains("already voided"), "{again}");
    assert_eq!(ledger.tip().unwrap().seq, 3, "the refused void wrote nothing");
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn the_database_refuses_updates_deletes_and_gaps() {
    let shop = Shop::new();
    let mut ledger = shop.ledger();
    checkout::sell(&mut ledger, &shop.config, &script(TWO_TENDERS), now()).unwrap();
    let conn = common::sql(&ledger);
    for sql in [
        "UPDATE documents SET amount = 1",
        "DELETE FROM documents",
        "UPDATE sale_lines SET gross = 0",
        "DELETE FROM sale_lines",
        "UPDATE payments SET amount = 1",
        "DELETE FROM payments",
        "DELETE FROM stock_movements",
        "DELETE FROM outbox",
        "UPDATE terminal SET store = 'S99'",
    ] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("ledger"), "{sql}: {err}");
    }
    let gap = conn
        .execute(
            "INSERT INTO documents (seq, kind, receipt_number, created_at, user_code, amount, grand_total,
                                    prev_hash, hash, body)
             VALUES (5, 'no_sale', 'x', 't', 'u', 0, 0, ?1, 'h', '{}')",
            [kasir_core::chain::GENESIS_HASH],
        )
        .unwrap_err();
    assert!(gap.to_string().contains("without a gap"), "{gap}");
    let unlinked = conn
        .execute(
            "INSERT INTO documents (seq, kind, receipt_number, created_at, user_code, amount, grand_total,
                                    prev_hash, hash, body)
             VALUES (3, 'no_sale', 'x', 't', 'u', 0, 0, 'p', 'h', '{}')",
            [],
        )
        .unwrap_err();
    assert!(unlinked.to_string().contains("previous document's hash"), "{unlinked}");
    assert!(ledger.verify().unwrap().is_ok());
}

/// Drops the append-only triggers (as an attacker with the file could) and edits with SQL.
fn tamper(ledger: &Ledger, sql: &str) {
    let conn = common::sql(ledger);
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'products_fts%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in triggers {
        conn.execute(&format!("DROP TRIGGER {t}"), []).unwrap();
    }
    conn.execute_batch(sql).unwrap();
}

fn three_sales() -> (Shop, Ledger) {
    let shop = Shop::new();
    let mut ledger = shop.ledger();
    for _ in 0..3 {
        checkout::sell(&mut ledger, &shop.config, &script(TWO_TENDERS), now()).unwrap();
    }
    (shop, ledger)
}

#[test]
fn verify_names_an_edited_document() {
    let (_shop, ledger) = three_sales();
    tamper(
        &ledger,
        "UPDATE documents SET body = replace(body, '\"total\":144250', '\"total\":14425') WHERE seq = 2",
    );
    let report = ledger.verify().unwrap();
    assert_eq!(report.documents, 1);
    let problem = report.problem.unwrap().to_string();
    assert!(problem.starts_with("document 2 (S01-T01-000002)"), "{problem}");
}

#[test]
fn verify_names_an_edited_projection_row() {
    let (_shop, ledger) = three_sales();
    tamper(&ledger, "UPDATE sale_lines SET gross = 1 WHERE seq = 3 AND line_no = 2");
    let found = ledger.verify().unwrap().problem.unwrap();
    assert_eq!(found.seq(), Some(3));
    // The manager reads it in the shop's language.
    assert_eq!(
        found.explain(kasir::messages::Locale::Id),
        "dokumen 3 (S01-T01-000003): baris sale_lines-nya berbeda dari isinya"
    );
    let problem = found.to_string();
    assert!(problem.contains("document 3 (S01-T01-000003)") && problem.contains("sale_lines"), "{problem}");
}

#[test]
fn verify_names_a_deleted_document() {
    let (_shop, ledger) = three_sales();
    tamper(
        &ledger,
        "DELETE FROM outbox WHERE seq = 2; DELETE FROM payments WHERE seq = 2; DELETE FROM stock_movements WHERE seq = 2;
         DELETE FROM sale_lines WHERE seq = 2; DELETE FROM settlements WHERE seq = 2; DELETE FROM documents WHERE seq = 2;",
    );
    let problem = ledger.verify().unwrap().problem.unwrap().to_string();
    assert!(problem.contains("sequence 3 follows 1"), "{problem}");
}

#[test]
fn verify_names_a_changed_grand_total_column() {
    let (_shop, ledger) = three_sales();
    tamper(&ledger, "UPDATE documents SET grand_total = 0 WHERE seq = 3");
    let problem = ledger.verify().unwrap().problem.unwrap().to_string();
    assert!(problem.starts_with("document 3 (S01-T01-000003)"), "{problem}");
}

#[test]
fn a_newer_schema_is_refused_with_a_clear_message() {
    let shop = Shop::new();
    {
        let ledger = shop.ledger();
        common::sql(&ledger).pragma_update(None, "user_version", 99).unwrap();
    }
    let err = Ledger::open(&shop.ledger_path()).err().unwrap();
    assert!(matches!(err, LedgerError::SchemaTooNew { found: 99, .. }));
    assert!(err.to_string().contains("newer than this Kasir knows"), "{err}");
}

#[test]
fn the_ledger_is_in_wal_mode_with_full_sync() {
    let shop = Shop::new();
    let ledger = shop.ledger();
    let d = ledger.durability().unwrap();
    assert_eq!((d.journal_mode.as_str(), d.synchronous), ("wal", 2));
}

#[test]
fn a_refused_sale_writes_nothing() {
    let shop = Shop::new();
    let mut ledger = shop.ledger();
    let bad = [
        r#"{"cashier":"K01","items":[{"barcode":"8991002101234"}],"tenders":[{"kind":"cash","amount":"1000"}]}"#,
        r#"{"cashier":"K01","items":[{"barcode":"8991002101235"}],"tenders":[{"kind":"cash","amount":"5000"}]}"#,
        r#"{"cashier":"K01","items":[{"barcode":"8990000000013"}],"tenders":[{"kind":"cash","amount":"5000"}]}"#,
        r#"{"cashier":"K01","items":[{"sku":"MIE-001","price":"1000"}],"tenders":[{"kind":"cash","amount":"5000"}]}"#,
        r#"{"cashier":"K09","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"cash","amount":"5000"}]}"#,
    ];
    let expected =
        ["still due", "check digit", "no longer sold", "price_override on line 1", "no active user"];
    for (json, want) in bad.iter().zip(expected) {
        let err = checkout::sell(&mut ledger, &shop.config, &script(json), now()).unwrap_err();
        assert!(err.to_string().contains(want), "{want}: {err}");
    }
    assert_eq!(ledger.tip().unwrap().seq, 1, "only the shift");
    assert_eq!(
        count(&ledger, "sale_lines") + count(&ledger, "stock_movements") + count(&ledger, "settlements"),
        0
    );
    assert_eq!(count(&ledger, "outbox"), 1);
}

#[test]
fn a_price_override_with_a_manager_pin_is_recorded_with_the_approver() {
    let shop = Shop::new();
    let mut ledger = shop.ledger();
    let json = r#"{"cashier":"K01","items":[{"sku":"MIE-001","price":"3000"},{"sku":"MIE-001"}],
        "approval":{"manager":"M01","pin":"1234","reason":"harga promo rak"},
        "tenders":[{"kind":"cash","amount":"10000"}]}"#;
    let out = checkout::sell(&mut ledger, &shop.config, &script(json), now()).unwrap();
    assert_eq!(out.total.to_string(), "6500", "the override applies to its own line only");
    let (action, approver, line): (String, String, i64) = common::sql(&ledger)
        .query_row("SELECT action, approver, line_no FROM approvals", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((action.as_str(), approver.as_str(), line), ("price_override", "M01", 1));

    let wrong_pin = json.replace("\"1234\"", "\"9999\"");
    let err = checkout::sell(&mut ledger, &shop.config, &script(&wrong_pin), now()).unwrap_err();
    assert!(err.to_string().contains("wrong PIN for M01"), "{err}");
    let cashier_approves = json.replace("\"M01\",\"pin\":\"1234\"", "\"K02\",\"pin\":\"2222\"");
    let err = checkout::sell(&mut ledger, &shop.config, &script(&cashier_approves), now()).unwrap_err();
    assert!(err.to_string().contains("not a manager"), "{err}");
    assert_eq!(ledger.tip().unwrap().seq, 2);
}

#[test]
fn the_sale_document_records_what_the_cashier_saw() {
    let shop = Shop::new();
    let mut ledger = shop.ledger();
    let json = r#"{"cashier":"K02","items":[{"sku":"SUS-1L","quantity":2,"discount":{"percent":"5"}}],
        "order_discount":{"amount":"1000"},"tenders":[{"kind":"card","amount":"37000","reference":"APPR 1234"}]}"#;
    let out = checkout::sell(&mut ledger, &shop.config, &script(json), now()).unwrap();
    // 40,000 − 5 % = 38,000 − 1,000 = 37,000; tax 37,000 × 11/111 = 3,666.67 → 3,667.
    assert_eq!(
        (out.total.to_string(), out.tax.to_string(), out.rounding.to_string()),
        ("37000".into(), "3667".into(), "0".into())
    );
    let doc = ledger.document(2).unwrap().unwrap();
    assert_eq!(doc.header.user, "K02");
    let Body::Sale(sale) = doc.body else { panic!() };
    assert_eq!(sale.lines[0].line_discount, 2_000);
    assert_eq!(sale.lines[0].order_discount, 1_000);
    assert_eq!(
        Money::from_minor(sale.net + sale.tax, ledger.currency()),
        Money::from_minor(sale.total, ledger.currency())
    );
}

#[test]
fn a_version_3_ledger_with_sales_upgrades_and_keeps_its_chain() {
    let (shop, ledger) = three_sales();
    let before: Vec<String> = common::sql(&ledger)
        .prepare("SELECT hash FROM documents ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // Put the documents table back as version 3 had it (no 'cancel' kind, none of the later
    // versions' tables), as a store running that release would have it.
    let v4 = kasir::store::migrate::MIGRATIONS[3].1;
    let v3 = v4.replace("'void', 'cancel', ", "'void', ");
    assert_ne!(v3, v4);
    let raw = common::sql(&ledger);
    raw.pragma_update(None, "foreign_keys", false).unwrap();
    let drop_v5 = "DROP TABLE settlements; DROP TABLE return_lines; DROP TABLE shifts; DROP TABLE day_closes;
         DROP TABLE requests; DROP TABLE print_jobs; DROP TABLE sync_state; DROP TABLE quick_keys;
         DROP TABLE stock_levels; DROP TABLE headoffice_sales; DROP TABLE pin_failures;
         DROP TABLE security_events; DROP TABLE receipt_lines; DROP TABLE receipt_lines_source;
         DROP TABLE tally_mark; DROP TABLE product_tally;
         ALTER TABLE tax_classes DROP COLUMN dpp_den; ALTER TABLE tax_classes DROP COLUMN dpp_num;
         ALTER TABLE sale_lines DROP COLUMN dpp; ALTER TABLE sale_lines DROP COLUMN dpp_base;";
    raw.execute_batch(&format!("BEGIN; {v3} {drop_v5} PRAGMA user_version = 3; COMMIT;")).unwrap();
    drop((raw, ledger));
    let raw = rusqlite::Connection::open(shop.ledger_path()).unwrap();
    let version: u32 = raw.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 3);
    drop(raw);

    // Opening it applies migration 4: same documents, same hashes, and the new kind works.
    let mut ledger = Ledger::open(&shop.ledger_path()).unwrap();
    let version: u32 = common::sql(&ledger).query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, kasir::store::migrate::MIGRATIONS.len() as u32);
    let after: Vec<String> = common::sql(&ledger)
        .prepare("SELECT hash FROM documents ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(before, after);
    assert!(ledger.verify().unwrap().is_ok());
    assert!(ledger.durability().unwrap().foreign_keys, "foreign keys are on again after migrating");
    // The rebuilt table still refuses edits, gaps and deletes.
    assert!(common::sql(&ledger).execute("UPDATE documents SET amount = 0 WHERE seq = 1", []).is_err());
    assert!(common::sql(&ledger).execute("DELETE FROM documents WHERE seq = 3", []).is_err());

    let cashier = ledger.user("K01").unwrap();
    let manager = ledger.user("M01").unwrap();
    let (cart, _) = checkout::ring_up(&ledger, &shop.config, &script(TWO_TENDERS)).unwrap();
    let c = checkout::cancel_sale(
        &mut ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &cashier,
        &cart,
        &manager,
        "pelanggan batal",
        now(),
    )
    .unwrap();
    assert_eq!(c.seq(), 5);
    // A cashier cannot approve a void, and a void needs a reason.
    let refused = checkout::cancel_sale(
        &mut ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &cashier,
        &cart,
        &cashier,
        "x",
        now(),
    )
    .unwrap_err();
    assert!(refused.to_string().contains("may not approve"), "{refused}");
    let refused = checkout::cancel_sale(
        &mut ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &cashier,
        &cart,
        &manager,
        " ",
        now(),
    )
    .unwrap_err();
    assert!(refused.to_string().contains("reason"), "{refused}");
    assert_eq!(count(&ledger, "documents"), 5);
    assert_eq!(count(&ledger, "settlements"), 3, "the sales' figures were filled in from their bodies");
    assert!(ledger.verify().unwrap().is_ok());
}
