//! Every document the real cart, tender and return code makes passes; each kind of nonsense
//! is named with its field and value.

use super::*;
use crate::chain::{ChainTip, Origin, seal};
use crate::document::{CashMovementBody, SaleLine, VoidBody};
use crate::returns::{OriginalSale, ReturnRequest, lines_from_sale};
use crate::tax::{DppBase, TaxMode};
use crate::tender::{RoundingMode, Tender, settle};
use crate::{Currency, Money};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn product(
    sku: &str,
    price: i64,
    rate_bp: u32,
    inclusive: bool,
    weighed: bool,
    dpp: DppBase,
) -> ProductSnapshot {
    ProductSnapshot {
        sku: sku.into(),
        name: format!("Produk {sku}"),
        category: "Umum".into(),
        unit: if weighed { "kg".into() } else { "pcs".into() },
        unit_price: Money::from_minor(price, Currency::IDR),
        tax_class: format!("T{rate_bp}"),
        tax_rate: TaxRate::from_basis_points(rate_bp),
        dpp,
        price_includes_tax: inclusive,
        sold_by_weight: weighed,
    }
}

const STEP_100: CashRounding = CashRounding { step_minor: 100, mode: RoundingMode::Nearest };

/// A sale as the terminal makes it: cart, settlement, body.
fn checkout(cart: &Cart, tenders: &[Tender], rounding: CashRounding) -> SaleBody {
    let totals = cart.totals();
    let settlement = settle(totals.total, tenders, rounding).expect("settles");
    SaleBody::from_checkout(cart, &totals, tenders, &settlement, vec![])
}

fn idr(n: i64) -> Money {
    Money::from_minor(n, Currency::IDR)
}

fn cash(n: i64) -> Tender {
    Tender { kind: TenderKind::Cash, amount: idr(n), reference: None }
}

fn a_sale() -> SaleBody {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    let id =
        cart.add(product("MIE", 3_500, 1100, true, false, DppBase::FULL), Quantity::units(3), None).unwrap();
    cart.set_line_discount(id, Some(Discount::Percent(Decimal::from(10)))).unwrap();
    cart.add(
        product("BERAS", 15_000, 1200, true, true, DppBase::ELEVEN_TWELFTHS),
        Quantity::from_milli(1_250),
        None,
    )
    .unwrap();
    cart.set_order_discount(Some(Discount::Amount(Decimal::from(1_030)))).unwrap();
    let due = cart.totals().total.minor();
    checkout(&cart, &[cash(due + 5_049)], STEP_100)
}

fn problem(s: &SaleBody) -> Implausible {
    check_document(&doc(Body::Sale(s.clone()))).unwrap_err()
}

fn doc(body: Body) -> Document {
    let origin = Origin { store: "S01".into(), terminal: "T01".into() };
    let at = DateTime::parse_from_rfc3339("2026-11-22T10:00:00+07:00").unwrap();
    seal(&ChainTip::genesis(), &origin, at, "K01", body).document
}

#[test]
fn a_real_sale_passes() {
    let s = a_sale();
    assert!(s.rounding != 0 && s.change > 0, "the example rounds and gives change");
    assert_eq!(check_document(&doc(Body::Sale(s))), Ok(()));
}

#[test]
fn a_negative_quantity_is_named() {
    let mut s = a_sale();
    s.lines[0].quantity = Quantity::units(-3);
    let e = problem(&s);
    assert!(matches!(&e, Implausible::Quantity { field, .. } if field == "line 1 quantity"), "{e}");
    assert!(e.to_string().contains("-3"), "{e}");
}

#[test]
fn a_negative_sale_is_out_of_range() {
    let mut s = a_sale();
    s.total = -5_000_000_000;
    let e = problem(&s);
    assert_eq!(
        e,
        Implausible::OutOfRange {
            field: "total".into(),
            value: -5_000_000_000,
            min: 0,
            max: MAX_AMOUNT.into()
        }
    );
}

#[test]
fn the_largest_integer_is_out_of_range() {
    let mut s = a_sale();
    s.lines[1].gross = i64::MAX;
    let e = problem(&s);
    assert!(e.to_string().contains("line 2 gross is 9223372036854775807"), "{e}");
}

#[test]
fn lines_that_do_not_add_up_are_named() {
    let mut s = a_sale();
    s.lines[0].tax += 1;
    let e = problem(&s);
    assert!(e.to_string().starts_with("line 1 tax is"), "{e}");

    let mut s = a_sale();
    s.total += 1_000;
    s.tenders[0].amount += 1_000;
    s.change = s.tenders[0].amount - s.total - s.rounding;
    let e = problem(&s);
    assert!(matches!(&e, Implausible::DoesNotAddUp { field, .. } if field == "total"), "{e}");

    let mut s = a_sale();
    s.taxes[0].tax += 1;
    assert!(matches!(problem(&s), Implausible::TaxesDiffer { .. }));

    let mut s = a_sale();
    s.lines[1].line_no = 1;
    assert_eq!(problem(&s), Implausible::LineNumber { found: 1, expected: 2 });
}

#[test]
fn tenders_that_do_not_settle_are_named() {
    let mut s = a_sale();
    s.tenders[0].amount -= 10_000;
    let e = problem(&s);
    assert!(matches!(e, Implausible::Unsettled { .. }), "{e}");

    let mut s = a_sale();
    s.tenders[0].kind = TenderKind::Card;
    assert!(matches!(problem(&s), Implausible::NonCashOverTotal { .. }));

    let mut s = a_sale();
    s.tenders[0].amount = 0;
    assert!(problem(&s).to_string().starts_with("tenders[0] (cash) amount is 0"));
}

#[test]
fn cash_movements_and_floats_stay_in_range() {
    let out = |amount| Body::CashOut(CashMovementBody { amount, reason: "bank".into(), approver: None });
    assert_eq!(check_document(&doc(out(250_000))), Ok(()));
    assert!(check_document(&doc(out(-1))).is_err());
    assert!(check_document(&doc(out(i64::MAX))).is_err());
}

#[test]
fn times_keep_to_the_window() {
    let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    let now = t("2026-11-22T03:00:00Z").with_timezone(&Utc);
    let prev = Some(t("2026-11-22T10:00:00+07:00"));
    assert_eq!(check_time(t("2026-11-21T11:00:00+07:00"), prev, now), Ok(()), "a clock put back 23 h");
    assert!(matches!(
        check_time(t("2026-11-21T09:00:00+07:00"), prev, now),
        Err(Implausible::TooEarly { .. })
    ));
    assert_eq!(check_time(t("2026-11-24T02:00:00Z"), prev, now), Ok(()));
    let e = check_time(t("2027-11-22T10:00:00+07:00"), prev, now).unwrap_err();
    assert!(e.to_string().contains("2027-11-22T10:00:00.000+07:00"), "{e}");
    assert_eq!(check_time(t("2020-01-01T00:00:00Z"), None, now), Ok(()), "a first document has no previous");
    // A clock 40 h fast, put right: the sales after the correction are on time.
    let fast = Some(t("2026-11-23T19:00:00Z"));
    assert_eq!(check_time(t("2026-11-22T03:05:00Z"), fast, now), Ok(()));
    assert!(check_time(t("2026-11-21T02:00:00Z"), fast, now).is_err());
}

#[test]
fn a_void_must_void_an_earlier_sale_of_its_terminal_once() {
    let sale = doc(Body::Sale(a_sale()));
    let mut header = sale.header.clone();
    header.seq = 2;
    let void = |seq: u64, receipt: &str, total: i64| VoidBody {
        voided_seq: seq,
        voided_receipt: receipt.into(),
        total,
        reason: "salah".into(),
        approver: "M01".into(),
    };
    let total = a_sale().total;
    let right = void(1, "S01-T01-000001", total);
    assert_eq!(check_void(&header, &right, Some(&sale), false), Ok(()));
    assert!(matches!(check_void(&header, &right, None, false), Err(Implausible::Missing { .. })));
    assert!(matches!(check_void(&header, &right, Some(&sale), true), Err(Implausible::AlreadyVoided { .. })));
    let other = void(1, "S01-T02-000001", total);
    assert!(matches!(
        check_void(&header, &other, Some(&sale), false),
        Err(Implausible::NotEarlierHere { .. })
    ));
    let wrong_total = void(1, "S01-T01-000001", total + 1);
    assert!(matches!(
        check_void(&header, &wrong_total, Some(&sale), false),
        Err(Implausible::DoesNotAddUp { .. })
    ));
    let cash_in = doc(Body::CashIn(CashMovementBody { amount: 1, reason: "x".into(), approver: None }));
    assert!(matches!(check_void(&header, &right, Some(&cash_in), false), Err(Implausible::NotASale { .. })));
}

#[test]
fn a_return_refers_to_a_sale_of_its_store() {
    let sale_body = a_sale();
    let sale = doc(Body::Sale(sale_body.clone()));
    let lines = lines_from_sale(
        &sale_body,
        "S01-T01-000001",
        &[],
        &[ReturnRequest { line_no: 1, quantity: Quantity::units(2) }],
    )
    .unwrap();
    let original = |receipt: &str, seq| Some(OriginalSale { seq, receipt: receipt.into(), hash: None });
    let ret = ReturnBody::new(
        Currency::IDR,
        original("S01-T01-000001", 1),
        lines,
        TenderKind::Cash,
        STEP_100,
        "rusak",
        None,
    );
    let mut header = sale.header.clone();
    header.seq = 2;
    assert_eq!(check_document(&doc(Body::Return(ret.clone()))), Ok(()));
    assert_eq!(check_return_original(&header, &ret, Some(&sale), false), Ok(()));
    assert!(matches!(check_return_original(&header, &ret, None, false), Err(Implausible::Missing { .. })));
    assert!(matches!(
        check_return_original(&header, &ret, Some(&sale), true),
        Err(Implausible::OriginalSetAside { .. })
    ));
    let elsewhere = ReturnBody { original: original("S01-T02-000009", 9), ..ret.clone() };
    assert_eq!(check_return_original(&header, &elsewhere, None, false), Ok(()), "may not have arrived yet");
    let other_store = ReturnBody { original: original("S02-T01-000001", 1), ..ret.clone() };
    assert!(matches!(
        check_return_original(&header, &other_store, None, false),
        Err(Implausible::OtherStore { .. })
    ));
    let mut too_many = ret.clone();
    too_many.lines[0].quantity = Quantity::units(4);
    let e = check_return_original(&header, &too_many, Some(&sale), false).unwrap_err();
    assert!(e.to_string().contains("sold 3 of it, not 4"), "{e}");
    let mut unbalanced = ret;
    unbalanced.refunds[0].amount += 500;
    assert!(matches!(
        check_document(&doc(Body::Return(unbalanced))),
        Err(Implausible::RefundsUnsettled { .. })
    ));
}

#[test]
fn a_sale_of_the_most_lines_passes_and_one_more_is_named() {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    for i in 0..=MAX_LINES {
        let p = product(&format!("SKU{i}"), 1_000, 1100, true, false, DppBase::FULL);
        cart.add(p, Quantity::units(1), None).unwrap();
    }
    let due = cart.totals().total.minor();
    let over = checkout(&cart, &[cash(due)], STEP_100);
    assert_eq!(
        problem(&over),
        Implausible::TooManyLines { kind: "sale", lines: MAX_LINES + 1, max: MAX_LINES }
    );
    cart.remove(cart.lines()[MAX_LINES].id).unwrap();
    let due = cart.totals().total.minor();
    let most = checkout(&cart, &[cash(due)], STEP_100);
    assert_eq!(check_document(&doc(Body::Sale(most))), Ok(()));
}

#[test]
fn the_reason_names_the_document() {
    let mut s = a_sale();
    s.total = -5;
    let d = doc(Body::Sale(s));
    let text = describe(&d, &check_document(&d).unwrap_err());
    assert!(text.starts_with("document 1 (S01-T01-000001, sale): total is -5"), "{text}");
}

#[derive(Clone, Debug)]
struct LineSpec {
    price: i64,
    milli: i64,
    rate_bp: u32,
    inclusive: bool,
    weighed: bool,
    dpp: DppBase,
    discount: Option<Discount>,
}

fn discount_strategy() -> impl Strategy<Value = Option<Discount>> {
    prop_oneof![
        Just(None),
        (0u32..=100).prop_map(|p| Some(Discount::Percent(Decimal::from(p)))),
        (0i64..50_000).prop_map(|a| Some(Discount::Amount(Decimal::from(a)))),
    ]
}

fn line_strategy() -> impl Strategy<Value = LineSpec> {
    (
        0i64..2_000_000,
        1i64..20_000,
        prop::sample::select(vec![0u32, 1100, 1200]),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec![DppBase::FULL, DppBase::ELEVEN_TWELFTHS]),
        discount_strategy(),
    )
        .prop_map(|(price, milli, rate_bp, inclusive, weighed, dpp, discount)| LineSpec {
            price,
            milli: if weighed { milli } else { (milli / 1000).max(1) * 1000 },
            rate_bp,
            inclusive,
            weighed,
            dpp,
            discount,
        })
}

fn tender_kind() -> impl Strategy<Value = TenderKind> {
    prop::sample::select(TenderKind::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    /// Whatever the cart and the tenders, the sale the terminal commits makes sense to head
    /// office, and so does a return of part of it.
    #[test]
    fn every_sale_the_terminal_makes_passes(
        specs in prop::collection::vec(line_strategy(), 1..12),
        order in discount_strategy(),
        per_doc in any::<bool>(),
        part in 0i64..=100,
        non_cash in tender_kind(),
        extra_cash in 0i64..200_000,
        step in prop::sample::select(vec![1i64, 100, 500, 1000]),
        mode in prop::sample::select(vec![RoundingMode::Nearest, RoundingMode::Down, RoundingMode::Up]),
        returned in 0usize..12,
    ) {
        let mode_tax = if per_doc { TaxMode::PerDocument } else { TaxMode::PerLine };
        let mut cart = Cart::new(Currency::IDR, mode_tax);
        for (i, l) in specs.iter().enumerate() {
            let p = product(&format!("P{i}"), l.price, l.rate_bp, l.inclusive, l.weighed, l.dpp);
            if let Ok(id) = cart.add(p, Quantity::from_milli(l.milli), None) {
                cart.set_line_discount(id, l.discount).unwrap_or(());
            }
        }
        prop_assume!(!cart.is_empty());
        let _ = cart.set_order_discount(order);
        let total = cart.totals().total.minor();
        let rounding = CashRounding { step_minor: step, mode };
        // Part of the total by another tender, the rest (if any) in cash with some over.
        let first = total * part / 100;
        let mut tenders = Vec::new();
        if first > 0 {
            tenders.push(Tender { kind: non_cash, amount: idr(first), reference: None });
        }
        let left = rounding.apply(total - first);
        if left > 0 {
            tenders.push(cash(left + extra_cash));
        } else if total - first > 0 {
            // Rounded to nothing in cash: pay the rest by card instead.
            tenders.push(Tender { kind: TenderKind::Card, amount: idr(total - first), reference: None });
        }
        let totals = cart.totals();
        let Ok(settlement) = settle(totals.total, &tenders, rounding) else {
            return Err(TestCaseError::reject("tenders the payment screen would not take"));
        };
        let sale = SaleBody::from_checkout(&cart, &totals, &tenders, &settlement, vec![]);
        let d = doc(Body::Sale(sale.clone()));
        prop_assert_eq!(check_document(&d), Ok(()));

        let line = &sale.lines[returned % sale.lines.len()];
        let q = if line.quantity.is_whole() { Quantity::ONE } else { line.quantity };
        let asked = [ReturnRequest { line_no: line.line_no, quantity: q }];
        let lines = lines_from_sale(&sale, &d.header.receipt_number, &[], &asked).unwrap();
        let original = Some(OriginalSale { seq: 1, receipt: d.header.receipt_number.clone(), hash: None });
        let ret = ReturnBody::new(Currency::IDR, original, lines, TenderKind::Cash, rounding, "rusak", None);
        let mut header = d.header.clone();
        header.seq = 2;
        prop_assert_eq!(check_document(&doc(Body::Return(ret.clone()))), Ok(()));
        prop_assert_eq!(check_return_original(&header, &ret, Some(&d), false), Ok(()));
        let receipt = d.header.receipt_number.clone();
        let (reason, approver) = ("x".to_owned(), "M01".to_owned());
        let void = VoidBody { voided_seq: 1, voided_receipt: receipt, total: sale.total, reason, approver };
        prop_assert_eq!(check_void(&header, &void, Some(&d), false), Ok(()));
    }
}

#[test]
fn a_line_from_the_test_harness_with_its_tax_summary_passes() {
    // What head office tests build by hand: tax-free lines with their one-rate summary.
    let line = SaleLine {
        line_no: 1,
        sku: "A".into(),
        name: "A".into(),
        category: "Umum".into(),
        unit: "pcs".into(),
        barcode: None,
        quantity: Quantity::units(2),
        list_price: 500,
        unit_price: 500,
        extended: 1000,
        line_discount: 0,
        order_discount: 0,
        net: 1000,
        tax: 0,
        gross: 1000,
        tax_class: "BEBAS".into(),
        tax_rate_bp: 0,
        price_includes_tax: true,
        dpp_base: DppBase::FULL,
        dpp: None,
    };
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    cart.add(product("A", 500, 0, true, false, DppBase::FULL), Quantity::units(2), None).unwrap();
    let mut s = checkout(&cart, &[cash(1000)], CashRounding::NONE);
    s.lines[0].name = "A".into();
    s.lines[0].tax_class = "BEBAS".into();
    s.taxes[0].tax_class = "BEBAS".into();
    assert_eq!(s.lines[0], line);
    assert_eq!(check_document(&doc(Body::Sale(s))), Ok(()));
}
