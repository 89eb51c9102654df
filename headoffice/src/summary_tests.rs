//! Summary deltas of sales, voids and batches, from sealed documents.

use super::*;
use kasir_core::Quantity;
use kasir_core::chain::{ChainTip, Origin, seal};
use kasir_core::document::{SaleLine, VoidBody};
use kasir_core::tax::TaxMode;

use crate::ingest::fact_lines;

/// A cash sale at 10:xx of whole units, tax free: (sku, category, quantity, unit price).
fn sale(seq: u64, lines: &[(&str, &str, i64, i64)], tender: TenderKind) -> Document {
    let lines: Vec<SaleLine> = lines
        .iter()
        .enumerate()
        .map(|(i, &(sku, category, q, price))| SaleLine {
            line_no: i as u32 + 1,
            sku: sku.into(),
            name: format!("Product {sku}"),
            category: category.into(),
            unit: "pcs".into(),
            barcode: None,
            quantity: Quantity::units(q),
            list_price: price,
            unit_price: price,
            extended: price * q,
            line_discount: 0,
            order_discount: 0,
            net: price * q,
            tax: 0,
            gross: price * q,
            tax_class: "BEBAS".into(),
            tax_rate_bp: 0,
            price_includes_tax: true,
            dpp_base: Default::default(),
            dpp: None,
        })
        .collect();
    let total: i64 = lines.iter().map(|l| l.gross).sum();
    sealed(
        seq,
        Body::Sale(SaleBody {
            currency: kasir_core::Currency::IDR,
            tax_mode: TaxMode::PerLine,
            items: Quantity::units(lines.iter().map(|l| l.quantity.milli() / 1000).sum()),
            lines,
            taxes: vec![TaxLine {
                tax_class: "BEBAS".into(),
                rate_bp: 0,
                price_includes_tax: true,
                net: total,
                tax: 0,
                gross: total,
                dpp_base: Default::default(),
                dpp: None,
            }],
            subtotal: total,
            line_discounts: 0,
            order_discount: 0,
            net: total,
            tax: 0,
            total,
            rounding: 0,
            // Paid with a round 100,000, change given in cash.
            tenders: vec![TenderLine { kind: tender, amount: 100_000, reference: None }],
            change: 100_000 - total,
            approvals: vec![],
            request_id: None,
        }),
    )
}

fn sealed(seq: u64, body: Body) -> Document {
    let origin = Origin { store: "S01".into(), terminal: "T01".into() };
    let tip = ChainTip { seq: seq - 1, hash: "0".repeat(64), grand_total: 0 };
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:15:00+07:00").unwrap();
    seal(&tip, &origin, at, "K01", body).document
}

fn void_of(seq: u64, sale: &Document) -> Document {
    sealed(
        seq,
        Body::Void(VoidBody {
            voided_seq: sale.header.seq,
            voided_receipt: sale.header.receipt_number.clone(),
            total: sale.body.amount(),
            reason: "salah barang".into(),
            approver: "M01".into(),
        }),
    )
}

fn day(key: &str) -> (String, String) {
    ("2026-11-22".into(), key.into())
}

#[test]
fn sales_of_one_batch_merge_per_key_and_count_each_receipt_once_per_row() {
    let mut s = Summary::default();
    let one = sale(1, &[("A", "Umum", 2, 1000), ("A", "Umum", 1, 1000)], TenderKind::Cash);
    let two = sale(2, &[("A", "Umum", 1, 1000), ("B", "Minuman", 1, 500)], TenderKind::Cash);
    for d in [&one, &two] {
        s.add(d, &fact_lines(d, &[]), None);
    }
    let h = s.hours[&("2026-11-22".to_owned(), 10)];
    assert_eq!((h.documents, h.sales, h.items_milli, h.net, h.gross), (2, 2, 5_000, 4_500, 4_500));
    let a = &s.products[&day("A")];
    assert_eq!((a.name.as_str(), a.category.as_str()), ("Product A", "Umum"));
    assert_eq!((a.sums.documents, a.sums.quantity_milli, a.sums.net), (2, 4_000, 4_000));
    assert_eq!(s.categories[&day("Minuman")].documents, 1);
    assert_eq!(s.cashiers[&day("K01")].documents, 2);
    // Cash taken less change: what stays in the drawer.
    let cash = s.tenders[&day("cash")];
    assert_eq!((cash.documents, cash.net), (2, 4_500));
    let rows = s.rows().unwrap();
    assert_eq!((rows.hours.len(), rows.products.len(), rows.taxes.len()), (1, 2, 1));
}

#[test]
fn a_void_takes_back_every_figure_of_its_sale() {
    let mut s = Summary::default();
    let sold = sale(1, &[("A", "Umum", 2, 1000)], TenderKind::Card);
    let sold_facts = fact_lines(&sold, &[]);
    s.add(&sold, &sold_facts, None);
    let void = void_of(2, &sold);
    s.add(&void, &fact_lines(&void, &sold_facts), Some(&sold));
    let h = s.hours[&("2026-11-22".to_owned(), 10)];
    assert_eq!((h.sales, h.voids, h.items_milli, h.net, h.voided), (0, 1, 0, 0, 2_000));
    assert_eq!(h.documents, 2, "the sale and its void are both receipts");
    assert_eq!(s.tenders[&day("card")].net, 0);
    assert_eq!(s.tenders[&day("cash")].net, 0, "the change given back is taken back too");
    assert_eq!(s.categories[&day("Umum")].net, 0);
    assert_eq!(s.taxes[&("2026-11-22".into(), "BEBAS".into(), 0)].net, 0);
    assert_eq!(s.approvals.len(), 1);
    assert_eq!((s.approvals[0].action.as_str(), s.approvals[0].seq), ("void_sale", 2));
}

#[test]
fn a_void_of_a_sale_that_never_counted_takes_nothing() {
    let mut s = Summary::default();
    let sold = sale(1, &[("A", "Umum", 2, 1000)], TenderKind::Cash);
    let void = void_of(2, &sold);
    s.add(&void, &fact_lines(&void, &[]), None);
    assert!(s.hours.is_empty() && s.tenders.is_empty() && s.products.is_empty());
    assert_eq!(s.approvals.len(), 1, "the approval was still given");
}

#[test]
fn a_batch_beyond_a_summary_row_is_refused_in_words() {
    let mut s = Summary::default();
    s.hours.entry(("2026-11-22".into(), 10)).or_default().net = i128::from(i64::MAX) + 1;
    assert!(matches!(s.rows(), Err(StorageError::Invalid(w)) if w.contains("2026-11-22")));
}
