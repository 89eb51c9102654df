//! Hand-computed cases and property tests for the cart arithmetic.

use super::*;
use crate::money::sum;
use proptest::prelude::*;
use rust_decimal_macros::dec;

fn product(sku: &str, price: i64, rate_bp: u32, inclusive: bool, weighed: bool) -> ProductSnapshot {
    ProductSnapshot {
        sku: sku.into(),
        name: format!("Produk {sku}"),
        category: "Umum".into(),
        unit: if weighed { "kg".into() } else { "pcs".into() },
        unit_price: Money::from_minor(price, Currency::IDR),
        tax_class: format!("T{rate_bp}"),
        tax_rate: TaxRate::from_basis_points(rate_bp),
        dpp: DppBase::FULL,
        price_includes_tax: inclusive,
        sold_by_weight: weighed,
    }
}

fn idr(n: i64) -> Money {
    Money::from_minor(n, Currency::IDR)
}

#[test]
fn inclusive_ppn_splits_out_of_the_shelf_price() {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    cart.add(product("A", 11_100, 1100, true, false), Quantity::units(1), None).unwrap();
    let t = cart.totals();
    // 11,100 × 11/111 = 1,100 exactly.
    assert_eq!((t.net, t.tax, t.total), (idr(10_000), idr(1_100), idr(11_100)));
}

#[test]
fn exclusive_price_adds_tax_on_top() {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    cart.add(product("A", 10_000, 1100, false, false), Quantity::units(3), None).unwrap();
    let t = cart.totals();
    assert_eq!((t.net, t.tax, t.total), (idr(30_000), idr(3_300), idr(33_300)));
}

#[test]
fn two_rates_and_both_bases_in_one_cart() {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    cart.add(product("MIE", 3_500, 1100, true, false), Quantity::units(5), None).unwrap(); // 17,500
    cart.add(product("BERAS", 15_000, 0, true, true), Quantity::from_milli(2_500), None).unwrap(); // 37,500
    cart.add(product("DUS", 100_000, 1100, false, false), Quantity::units(1), None).unwrap(); // 100,000 + 11,000
    let t = cart.totals();
    // 17,500 × 11/111 = 1,734.23 → 1,734.
    assert_eq!(t.lines[0].tax, idr(1_734));
    assert_eq!(t.lines[1].tax, idr(0));
    assert_eq!(t.lines[2].tax, idr(11_000));
    assert_eq!(t.total, idr(17_500 + 37_500 + 111_000));
    assert_eq!(t.tax, idr(12_734));
    assert_eq!(t.taxes.len(), 3);
    assert_eq!(t.item_count, Quantity::units(7), "five pieces, one weighed line, one box");
}

#[test]
fn line_and_order_discounts() {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    let a = cart.add(product("A", 10_000, 1100, true, false), Quantity::units(2), None).unwrap();
    let b = cart.add(product("B", 5_000, 1100, true, false), Quantity::units(1), None).unwrap();
    cart.set_line_discount(a, Some(Discount::Percent(dec!(10)))).unwrap(); // 20,000 → 18,000
    cart.set_order_discount(Some(Discount::Amount(dec!(2_300)))).unwrap(); // over 18,000 + 5,000
    let t = cart.totals();
    assert_eq!(t.lines[0].line_discount, idr(2_000));
    // 2,300 × 18/23 = 1,800 and 2,300 × 5/23 = 500.
    assert_eq!(t.lines[0].order_discount, idr(1_800));
    assert_eq!(t.lines[1].order_discount, idr(500));
    assert_eq!(t.total, idr(20_700));
    assert_eq!(cart.line(b).unwrap().quantity, Quantity::units(1));
}

#[test]
fn a_discount_larger_than_the_line_stops_at_zero() {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    let a = cart.add(product("A", 1_000, 1100, true, false), Quantity::units(1), None).unwrap();
    cart.set_line_discount(a, Some(Discount::Amount(dec!(5_000)))).unwrap();
    let t = cart.totals();
    assert_eq!((t.lines[0].line_discount, t.total), (idr(1_000), idr(0)));
}

#[test]
fn rescanning_adds_to_the_last_line_but_weighed_goods_do_not_merge() {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    let a1 = cart.add(product("A", 1_000, 1100, true, false), Quantity::units(1), None).unwrap();
    let a2 = cart.add(product("A", 1_000, 1100, true, false), Quantity::units(1), None).unwrap();
    assert_eq!(a1, a2);
    assert_eq!(cart.lines()[0].quantity, Quantity::units(2));
    cart.add(product("W", 20_000, 0, true, true), Quantity::from_milli(500), None).unwrap();
    cart.add(product("W", 20_000, 0, true, true), Quantity::from_milli(700), None).unwrap();
    assert_eq!(cart.lines().len(), 3);
}

#[test]
fn per_document_tax_rounds_once_per_rate() {
    // Three lines of Rp 1,000 at 11 % inclusive: per line 99 each (297); per document
    // 3,000 × 11/111 = 297.297 → 297 as well, but 7 lines of Rp 100 differ:
    // per line 10 × 7 = 70; per document 700 × 11/111 = 69.37 → 69.
    let mut per_line = Cart::new(Currency::IDR, TaxMode::PerLine);
    let mut per_doc = Cart::new(Currency::IDR, TaxMode::PerDocument);
    for i in 0..7 {
        let p = product(&format!("P{i}"), 100, 1100, true, false);
        per_line.add(p.clone(), Quantity::units(1), None).unwrap();
        per_doc.add(p, Quantity::units(1), None).unwrap();
    }
    assert_eq!(per_line.totals().tax, idr(70));
    let t = per_doc.totals();
    assert_eq!(t.tax, idr(69));
    assert_eq!(t.net + t.tax, t.total);
}

fn ppn12_dpp(sku: &str, price: i64, inclusive: bool) -> ProductSnapshot {
    let mut p = product(sku, price, 1200, inclusive, false);
    p.tax_class = "PPN12D".into();
    p.dpp = DppBase::ELEVEN_TWELFTHS;
    p
}

#[test]
fn ppn_12_on_dpp_eleven_twelfths_inclusive() {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    cart.add(ppn12_dpp("TV", 111_000, true), Quantity::units(1), None).unwrap();
    let t = cart.totals();
    // gross = net × (1 + 11/12 × 12 %) = net × 1.11, so
    // tax = 111,000 × (11 × 1,200) / (12 × 10,000 + 11 × 1,200) = 111,000 × 13,200 / 133,200
    //     = 11,000 exactly; net = 111,000 − 11,000 = 100,000;
    // DPP = 100,000 × 11/12 = 91,666.67 → 91,667 (and 12 % × 91,667 = 11,000.04 → 11,000).
    let l = &t.lines[0];
    assert_eq!((l.net, l.dpp, l.tax, l.gross), (idr(100_000), idr(91_667), idr(11_000), idr(111_000)));
    let s = &t.taxes[0];
    assert_eq!(
        (s.dpp_base, s.net, s.dpp, s.tax, s.gross),
        (DppBase::ELEVEN_TWELFTHS, idr(100_000), idr(91_667), idr(11_000), idr(111_000))
    );
}

#[test]
fn ppn_12_on_dpp_eleven_twelfths_exclusive_charges_the_rate_on_the_rounded_dpp() {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    cart.add(ppn12_dpp("A", 100_000, false), Quantity::units(1), None).unwrap();
    cart.add(ppn12_dpp("B", 250, false), Quantity::units(1), None).unwrap();
    let t = cart.totals();
    // 100,000: DPP = 91,666.67 → 91,667; PPN = 91,667 × 12 % = 11,000.04 → 11,000.
    assert_eq!((t.lines[0].dpp, t.lines[0].tax, t.lines[0].gross), (idr(91_667), idr(11_000), idr(111_000)));
    // 250: DPP = 229.17 → 229; PPN = 229 × 12 % = 27.48 → 27 (a flat 11 % would give 27.5 → 28:
    // the printed DPP × 12 % is what the printed PPN must be).
    assert_eq!((t.lines[1].dpp, t.lines[1].tax, t.lines[1].gross), (idr(229), idr(27), idr(277)));
    assert_eq!((t.taxes.len(), t.taxes[0].dpp, t.taxes[0].tax), (1, idr(91_896), idr(11_027)));
}

#[test]
fn per_document_dpp_is_rounded_once_and_spread_over_the_lines() {
    let mut per_line = Cart::new(Currency::IDR, TaxMode::PerLine);
    let mut per_doc = Cart::new(Currency::IDR, TaxMode::PerDocument);
    for cart in [&mut per_line, &mut per_doc] {
        cart.add(ppn12_dpp("A", 55_500, true), Quantity::units(1), None).unwrap();
        cart.add(ppn12_dpp("B", 55_500, true), Quantity::units(1), None).unwrap();
    }
    // Per line: tax = 55,500 × 13,200 / 133,200 = 5,500 each, net 50,000 each,
    // DPP = 50,000 × 11/12 = 45,833.33 → 45,833 each, 91,666 in all.
    let t = per_line.totals();
    assert_eq!((t.taxes[0].net, t.taxes[0].dpp, t.taxes[0].tax), (idr(100_000), idr(91_666), idr(11_000)));
    // Per document: 111,000 → tax 11,000, net 100,000, DPP 91,666.67 → 91,667, spread over
    // nets of 50,000 and 50,000: 45,833.5 each, the odd rupiah to the first line.
    let t = per_doc.totals();
    assert_eq!((t.taxes[0].net, t.taxes[0].dpp, t.taxes[0].tax), (idr(100_000), idr(91_667), idr(11_000)));
    assert_eq!((t.lines[0].dpp, t.lines[1].dpp), (idr(45_834), idr(45_833)));
}

#[test]
fn a_whole_price_base_taxes_as_before() {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    cart.add(product("RKK", 30_000, 1200, true, false), Quantity::units(1), None).unwrap();
    let t = cart.totals();
    // 30,000 × 12/112 = 3,214.29 → 3,214; the DPP is the whole net, 26,786.
    assert_eq!((t.net, t.tax, t.lines[0].dpp), (idr(26_786), idr(3_214), idr(26_786)));
}

#[test]
fn dpp_bases_parse_in_lowest_terms_and_refuse_nonsense() {
    assert_eq!("11/12".parse::<DppBase>(), Ok(DppBase::ELEVEN_TWELFTHS));
    assert_eq!("22/24".parse::<DppBase>(), Ok(DppBase::ELEVEN_TWELFTHS));
    assert_eq!(" 1 / 1 ".parse::<DppBase>(), Ok(DppBase::FULL));
    assert!(DppBase::FULL.is_full() && !DppBase::ELEVEN_TWELFTHS.is_full());
    for bad in ["0/12", "13/12", "11/0", "11", "11/12/1", "-1/2", "a/b", "1.5/2", ""] {
        assert!(bad.parse::<DppBase>().is_err(), "{bad}");
    }
    assert_eq!(serde_json::to_string(&DppBase::ELEVEN_TWELFTHS).unwrap(), r#""11/12""#);
    assert_eq!(serde_json::from_str::<DppBase>(r#""11/12""#).unwrap(), DppBase::ELEVEN_TWELFTHS);
    assert!(serde_json::from_str::<DppBase>(r#""12/11""#).is_err());
}

#[test]
fn cents_currency_works() {
    let mut cart = Cart::new(Currency::USD, TaxMode::PerLine);
    let mut p = product("A", 0, 825, false, false);
    p.unit_price = Money::from_minor(1_999, Currency::USD);
    cart.add(p, Quantity::units(3), None).unwrap();
    let t = cart.totals();
    // 59.97 × 8.25 % = 4.9475 → 4.95.
    assert_eq!(t.tax, Money::from_minor(495, Currency::USD));
    assert_eq!(t.total, Money::from_minor(6_492, Currency::USD));
}

#[test]
fn bad_edits_are_refused() {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    let a = cart.add(product("A", 1_000, 1100, true, false), Quantity::units(1), None).unwrap();
    assert_eq!(
        cart.set_quantity(a, Quantity::from_milli(0)),
        Err(CartError::NonPositiveQuantity(Quantity::from_milli(0)))
    );
    assert!(matches!(cart.set_quantity(a, Quantity::from_milli(1500)), Err(CartError::FractionalPieces(..))));
    assert_eq!(
        cart.set_line_discount(a, Some(Discount::Percent(dec!(120)))),
        Err(CartError::BadPercent(dec!(120)))
    );
    assert!(matches!(cart.set_price_override(a, Some(dec!(10.5))), Err(CartError::TooPrecise(..))));
    assert_eq!(cart.set_price_override(a, Some(dec!(-1))), Err(CartError::NegativePrice(dec!(-1))));
    assert_eq!(cart.remove(99), Err(CartError::NoSuchLine(99)));
}

#[test]
fn allocate_is_exact() {
    assert_eq!(allocate(100, &[1, 1, 1]), vec![34, 33, 33]);
    assert_eq!(allocate(0, &[5, 5]), vec![0, 0]);
    assert_eq!(allocate(7, &[0, 0]), vec![0, 0]);
}

// ---- properties -------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct LineSpec {
    price: i64,
    rate_bp: u32,
    inclusive: bool,
    weighed: bool,
    qty_milli: i64,
    discount: Option<Discount>,
    override_price: Option<i64>,
    dpp: DppBase,
}

fn dpp_strategy() -> impl Strategy<Value = DppBase> {
    prop_oneof![
        Just(DppBase::FULL),
        Just(DppBase::ELEVEN_TWELFTHS),
        (1u32..=100, 1u32..=100).prop_map(|(a, b)| DppBase::new(a.min(b), a.max(b)).unwrap()),
    ]
}

fn discount_strategy() -> impl Strategy<Value = Option<Discount>> {
    prop_oneof![
        Just(None),
        (0u32..=10_000).prop_map(|bp| Some(Discount::Percent(Decimal::new(i64::from(bp), 2)))),
        (0i64..2_000_000).prop_map(|a| Some(Discount::Amount(Decimal::from(a)))),
    ]
}

fn line_strategy() -> impl Strategy<Value = LineSpec> {
    (
        0i64..5_000_000,
        prop_oneof![Just(0u32), Just(1100), Just(1200), 0u32..3000],
        any::<bool>(),
        any::<bool>(),
        1i64..50,
        1i64..20_000,
        discount_strategy(),
        prop::option::of(0i64..5_000_000),
        dpp_strategy(),
    )
        .prop_map(|(price, rate_bp, inclusive, weighed, units, grams, discount, override_price, dpp)| {
            LineSpec {
                dpp,
                price,
                rate_bp,
                inclusive,
                weighed,
                qty_milli: if weighed { grams } else { units * 1000 },
                discount,
                override_price,
            }
        })
}

fn build(lines: &[LineSpec], order: Option<Discount>, mode: TaxMode) -> Cart {
    let mut cart = Cart::new(Currency::IDR, mode);
    for (i, l) in lines.iter().enumerate() {
        let mut p = product(&format!("P{i}"), l.price, l.rate_bp, l.inclusive, l.weighed);
        p.dpp = l.dpp;
        let id = cart.add(p, Quantity::from_milli(l.qty_milli), None).unwrap();
        cart.set_line_discount(id, l.discount).unwrap();
        cart.set_price_override(id, l.override_price.map(Decimal::from)).unwrap();
    }
    cart.set_order_discount(order).unwrap();
    cart
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn totals_always_balance(
        lines in prop::collection::vec(line_strategy(), 0..25),
        order in discount_strategy(),
        per_doc in any::<bool>(),
    ) {
        let mode = if per_doc { TaxMode::PerDocument } else { TaxMode::PerLine };
        let t = build(&lines, order, mode).totals();
        let c = Currency::IDR;
        // Lines sum to the total, net + tax = gross everywhere.
        prop_assert_eq!(sum(c, t.lines.iter().map(|l| l.gross)), t.total);
        prop_assert_eq!(t.net + t.tax, t.total);
        for l in &t.lines {
            prop_assert_eq!(l.net + l.tax, l.gross);
            // Discounts never make a line negative.
            prop_assert!(!l.net.is_negative() && !l.tax.is_negative() && !l.gross.is_negative());
            prop_assert!(l.line_discount.amount() + l.order_discount.amount() <= l.extended.amount());
        }
        for (spec, l) in lines.iter().zip(&t.lines) {
            // The DPP is a share of the net: all of it at 1/1, never more, never negative.
            prop_assert!(!l.dpp.is_negative() && l.dpp.minor() <= l.net.minor());
            if spec.dpp.is_full() {
                prop_assert_eq!(l.dpp, l.net);
            }
            // Per line, a tax-exclusive line's tax is its rounded DPP × rate.
            if !per_doc && !spec.inclusive {
                let r = TaxRate::from_basis_points(spec.rate_bp);
                prop_assert_eq!(l.tax, l.dpp.times(r.fraction()).round());
            }
        }
        for s in &t.taxes {
            prop_assert_eq!(s.net + s.tax, s.gross);
            let of_group = t.lines.iter().zip(&lines).filter(|(_, spec)| {
                TaxRate::from_basis_points(spec.rate_bp) == s.rate && spec.dpp == s.dpp_base
                    && spec.inclusive == s.price_includes_tax
            });
            prop_assert_eq!(sum(c, of_group.map(|(l, _)| l.dpp)), s.dpp);
        }
        prop_assert_eq!(sum(c, t.taxes.iter().map(|s| s.gross)), t.total);
        prop_assert_eq!(t.subtotal - t.line_discounts - t.order_discount,
            sum(c, t.lines.iter().map(|l| if lines_inclusive(&lines, l.id) { l.gross } else { l.net })));
    }

    #[test]
    fn allocation_sums_and_never_exceeds_weights(
        weights in prop::collection::vec(0i64..1_000_000, 1..30),
        frac in 0u32..=100,
    ) {
        let total = weights.iter().sum::<i64>() * i64::from(frac) / 100;
        let shares = allocate(total, &weights);
        prop_assert_eq!(shares.iter().sum::<i64>(), total);
        for (s, w) in shares.iter().zip(&weights) {
            prop_assert!(*s >= 0 && s <= w);
        }
    }

    #[test]
    fn change_is_cash_tendered_minus_cash_due(
        total in 0i64..10_000_000,
        card in 0i64..10_000_000,
        extra_cash in 0i64..200_000,
        step in prop_oneof![Just(1i64), Just(100), Just(500), Just(1000)],
    ) {
        use crate::tender::{settle, CashRounding, RoundingMode, Tender, TenderKind};
        let card = card.min(total);
        let rounding = CashRounding { step_minor: step, mode: RoundingMode::Nearest };
        let cash_due = rounding.apply(total - card);
        prop_assume!(cash_due > 0);
        let mut tenders = vec![Tender { kind: TenderKind::Cash, amount: idr(cash_due + extra_cash), reference: None }];
        if card > 0 {
            tenders.push(Tender { kind: TenderKind::Card, amount: idr(card), reference: None });
        }
        let s = settle(idr(total), &tenders, rounding).unwrap();
        prop_assert_eq!(s.change, idr(extra_cash));
        prop_assert_eq!(s.tendered - s.change, s.total + s.rounding);
        prop_assert!(s.rounding.minor().abs() * 2 <= step);
    }
}

fn lines_inclusive(lines: &[LineSpec], id: LineId) -> bool {
    lines[(id - 1) as usize].inclusive
}
