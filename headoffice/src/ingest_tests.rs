//! The pure plan: chains resumed, refused, and documents that make no sense set aside.

use super::*;
use kasir_core::chain::seal;
use kasir_core::document::{CashMovementBody, NoSaleBody};
use kasir_core::wire::PushedDocument;

fn origin() -> Origin {
    Origin { store: "S01".into(), terminal: "T01".into() }
}

fn chain(n: u64) -> Vec<Incoming> {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+07:00").unwrap();
    let mut tip = ChainTip::genesis();
    (0..n)
        .map(|i| {
            let body = Body::CashIn(CashMovementBody {
                amount: 1000 + i as i64,
                reason: "x".into(),
                approver: None,
            });
            let s = seal(&tip, &origin(), now, "M01", body);
            tip = ChainTip { seq: s.document.header.seq, hash: s.hash.clone(), grand_total: 0 };
            Incoming {
                pushed: PushedDocument {
                    seq: s.document.header.seq,
                    hash: s.hash,
                    canonical: String::from_utf8(s.canonical).unwrap(),
                },
                document: s.document,
            }
        })
        .collect()
}

fn sense() -> Sense {
    Sense::new(chrono::DateTime::parse_from_rfc3339("2026-11-22T04:00:00Z").unwrap().with_timezone(&Utc))
}

/// A chain of cash-ins of these amounts, one minute apart from 10:00.
fn cash_ins(amounts: &[i64]) -> Vec<Incoming> {
    let mut c = Sealer::new();
    for &amount in amounts {
        c.add(Body::CashIn(CashMovementBody { amount, reason: "x".into(), approver: None }), 1);
    }
    c.docs
}

/// Seals documents of S01-T01 one after another.
struct Sealer {
    tip: ChainTip,
    time: chrono::DateTime<chrono::FixedOffset>,
    docs: Vec<Incoming>,
}

impl Sealer {
    fn new() -> Sealer {
        let time = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+07:00").unwrap();
        Sealer { tip: ChainTip::genesis(), time, docs: Vec::new() }
    }

    fn add(&mut self, body: Body, minutes: i64) {
        self.time += chrono::TimeDelta::minutes(minutes);
        let s = seal(&self.tip, &origin(), self.time, "M01", body);
        self.tip = ChainTip {
            seq: s.document.header.seq,
            hash: s.hash.clone(),
            grand_total: s.document.header.grand_total,
        };
        self.docs.push(Incoming {
            pushed: PushedDocument {
                seq: s.document.header.seq,
                hash: s.hash,
                canonical: String::from_utf8(s.canonical).unwrap(),
            },
            document: s.document,
        });
    }
}

#[test]
fn nonsense_is_taken_into_the_chain_but_set_aside() {
    let docs = cash_ins(&[1000, -5_000_000_000, 2000]);
    let p = plan(&origin(), ChainTip::genesis(), &docs, &HashMap::new(), &sense());
    assert_eq!(p.accept, vec![0, 1, 2]);
    assert_eq!(p.tip.seq, 3);
    assert!(p.counts(0) && !p.counts(1) && p.counts(2));
    let (i, aside) = &p.aside[0];
    assert_eq!((*i, aside.seq, aside.receipt.as_str()), (1, 2, "S01-T01-000002"));
    assert_eq!(
        aside.reason,
        "document 2 (S01-T01-000002, cash_in): amount is -5000000000, not within 0 to 10000000000000"
    );
    assert_eq!(p.outcome().set_aside.len(), 1);
}

#[test]
fn a_document_dated_ahead_does_not_push_the_window_along() {
    let mut c = Sealer::new();
    let cash_in = || Body::CashIn(CashMovementBody { amount: 1, reason: "x".into(), approver: None });
    c.add(cash_in(), 1);
    c.add(cash_in(), 60 * 24 * 365);
    c.add(cash_in(), -60 * 24 * 365 + 1);
    let p = plan(&origin(), ChainTip::genesis(), &c.docs, &HashMap::new(), &sense());
    assert_eq!(p.aside.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![1]);
    assert!(p.aside[0].1.reason.contains("ahead of head office's clock"), "{}", p.aside[0].1.reason);
    assert_eq!(p.newest(&c.docs).as_deref(), Some("2026-11-22T10:02:00.000+07:00"));
}

#[test]
fn a_void_counts_once_and_only_for_a_sale() {
    let mut c = Sealer::new();
    let sale = {
        let mut cart = kasir_core::Cart::new(kasir_core::Currency::IDR, kasir_core::TaxMode::PerLine);
        let product = kasir_core::ProductSnapshot {
            sku: "A".into(),
            name: "A".into(),
            category: "Umum".into(),
            unit: "pcs".into(),
            unit_price: kasir_core::Money::from_minor(5_000, kasir_core::Currency::IDR),
            tax_class: "PPN".into(),
            tax_rate: kasir_core::TaxRate::from_basis_points(1100),
            dpp: Default::default(),
            price_includes_tax: true,
            sold_by_weight: false,
        };
        cart.add(product, Quantity::units(2), None).unwrap();
        let totals = cart.totals();
        let cash = [kasir_core::Tender {
            kind: kasir_core::TenderKind::Cash,
            amount: totals.total,
            reference: None,
        }];
        let settled =
            kasir_core::tender::settle(totals.total, &cash, kasir_core::CashRounding::NONE).unwrap();
        kasir_core::document::SaleBody::from_checkout(&cart, &totals, &cash, &settled, vec![])
    };
    let void = |seq: u64| {
        Body::Void(kasir_core::document::VoidBody {
            voided_seq: seq,
            voided_receipt: kasir_core::document::receipt_number("S01", "T01", seq),
            total: 10_000,
            reason: "salah".into(),
            approver: "M01".into(),
        })
    };
    c.add(Body::Sale(sale), 1);
    c.add(void(1), 1);
    c.add(void(1), 1);
    c.add(Body::CashIn(CashMovementBody { amount: 10_000, reason: "x".into(), approver: None }), 1);
    c.add(void(4), 1);
    let p = plan(&origin(), ChainTip::genesis(), &c.docs, &HashMap::new(), &sense());
    let aside: Vec<(usize, &str)> = p.aside.iter().map(|(i, a)| (*i, a.reason.as_str())).collect();
    assert_eq!(aside.len(), 2, "{aside:?}");
    assert_eq!(aside[0].0, 2);
    assert!(aside[0].1.ends_with("sale S01-T01-000001 was voided already"), "{}", aside[0].1);
    assert_eq!(aside[1].0, 4);
    assert!(aside[1].1.ends_with("which is a cash_in, not a sale"), "{}", aside[1].1);
}

fn tip_of(i: &Incoming) -> ChainTip {
    ChainTip { seq: i.pushed.seq, hash: i.pushed.hash.clone(), grand_total: 0 }
}

#[test]
fn a_resent_batch_is_recognised_and_the_new_part_taken() {
    let docs = chain(5);
    let held: HashMap<u64, String> =
        docs[..3].iter().map(|d| (d.pushed.seq, d.pushed.hash.clone())).collect();
    let p = plan(&origin(), tip_of(&docs[2]), &docs, &held, &sense());
    assert_eq!(p.already_stored, 3);
    assert_eq!(p.accept, vec![3, 4]);
    assert_eq!(p.tip.seq, 5);
    assert!(p.refusal.is_none());
}

#[test]
fn another_document_under_a_used_sequence_is_a_conflict() {
    let docs = chain(3);
    let mut held: HashMap<u64, String> = docs.iter().map(|d| (d.pushed.seq, d.pushed.hash.clone())).collect();
    held.insert(2, "f".repeat(64));
    let p = plan(&origin(), tip_of(&docs[2]), &docs, &held, &sense());
    let (i, r) = p.refusal.unwrap();
    assert_eq!((i, r.seq, r.kind), (1, 2, RefusalKind::Conflict));
    assert!(r.reason.contains("S01-T01-000002"), "{}", r.reason);
    assert_eq!(p.already_stored, 1);
}

#[test]
fn a_broken_link_is_refused_and_stops_the_batch() {
    let mut docs = chain(3);
    // A document 2 sealed on another chain: its own hash is right, but it links to a
    // document 1 head office never saw, so only the link check can catch it.
    let elsewhere = ChainTip { seq: 1, hash: "ab".repeat(32), grand_total: 0 };
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+07:00").unwrap();
    let body = Body::NoSale(NoSaleBody { reason: "x".into(), approver: "M01".into(), drawer: None });
    let s = seal(&elsewhere, &origin(), now, "M01", body);
    docs[1] = Incoming {
        pushed: PushedDocument { seq: 2, hash: s.hash, canonical: String::from_utf8(s.canonical).unwrap() },
        document: s.document,
    };
    let p = plan(&origin(), ChainTip::genesis(), &docs, &HashMap::new(), &sense());
    assert_eq!(p.accept, vec![0]);
    let (_, r) = p.refusal.unwrap();
    assert_eq!(r.kind, RefusalKind::BrokenChain);
    assert!(r.reason.contains("links to abab"), "{}", r.reason);
}

#[test]
fn a_gap_stops_without_refusing() {
    let docs = chain(4);
    let batch = vec![docs[0].clone(), docs[2].clone(), docs[3].clone()];
    let p = plan(&origin(), ChainTip::genesis(), &batch, &HashMap::new(), &sense());
    assert_eq!(p.accept, vec![0]);
    assert!(p.refusal.is_none());
    assert_eq!(p.tip.seq, 1);
}

#[test]
fn another_terminals_document_breaks_the_chain() {
    let docs = chain(1);
    let other = Origin { store: "S01".into(), terminal: "T09".into() };
    let p = plan(&other, ChainTip::genesis(), &docs, &HashMap::new(), &sense());
    assert_eq!(p.refusal.unwrap().1.kind, RefusalKind::BrokenChain);
}

#[test]
fn stock_moves_against_sales_and_with_returns() {
    let sold = FactLine {
        line_no: 1,
        sku: "A".into(),
        name: "A".into(),
        quantity_milli: 3000,
        net: 1,
        tax: 0,
        gross: 1,
    };
    let returned = sold.negated();
    let d = stock_deltas([sold.clone(), sold, returned].iter());
    assert_eq!(d, vec![("A".to_owned(), -3000)]);
}
