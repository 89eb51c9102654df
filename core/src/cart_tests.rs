//! Hand-computed cases and property tests for the cart arithmetic.

use super::*;
use crate::limits::{Ceilings, LimitError};
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

/// Ceilings far above anything the arithmetic properties generate (they test the sums, not
/// the ceilings).
fn roomy() -> Ceilings {
    Ceilings::new(dec!(1000000), dec!(1000000), dec!(100000000000000), dec!(100000000000000)).unwrap()
}

fn build(lines: &[LineSpec], order: Option<Discount>, mode: TaxMode) -> Cart {
    let mut cart = Cart::with_ceilings(Currency::IDR, mode, roomy());
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

// ---- ceilings ----------------------------------------------------------------------------

fn teh_botol() -> ProductSnapshot {
    let mut p = product("TEH-1", 4_000, 1100, true, false);
    p.name = "Teh Botol Sosro 450ml".into();
    p
}

#[test]
fn a_scan_merged_over_the_piece_ceiling_is_refused_and_the_line_stays() {
    // The issue's case: 999999*code typed after two bottles made a line of 1,000,001.
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    let id = cart.add(teh_botol(), Quantity::units(2), None).unwrap();
    let before = cart.clone();
    let e = cart.add(teh_botol(), Quantity::units(999_999), None).unwrap_err();
    assert_eq!(
        e,
        CartError::Limit(LimitError::Quantity {
            product: Some("Teh Botol Sosro 450ml".into()),
            asked: dec!(1000001),
            max: Quantity::units(9_999),
            by_weight: false,
        })
    );
    assert_eq!(cart, before, "nothing entered the cart");
    // `+` up to the ceiling is fine, one more is not.
    cart.set_quantity(id, Quantity::units(9_999)).unwrap(); // Rp 39.996.000: within Rp 100 jt
    let cheap = {
        let mut p = product("PERMEN", 100, 0, true, false);
        p.name = "Permen Kopiko".into();
        p
    };
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    let id = cart.add(cheap.clone(), Quantity::units(9_998), None).unwrap();
    assert_eq!(cart.add(cheap.clone(), Quantity::ONE, None), Ok(id));
    assert!(matches!(
        cart.add(cheap, Quantity::ONE, None),
        Err(CartError::Limit(LimitError::Quantity { .. }))
    ));
    assert_eq!(cart.lines()[0].quantity, Quantity::units(9_999));
    assert!(matches!(
        cart.set_quantity(id, Quantity::units(10_000)),
        Err(CartError::Limit(LimitError::Quantity { .. }))
    ));
}

#[test]
fn weighed_goods_stop_at_999_kg() {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    let rice = product("BERAS", 15_000, 0, true, true);
    cart.add(rice.clone(), Quantity::units(999), None).unwrap();
    let e = cart.add(rice, Quantity::from_milli(999_001), None).unwrap_err();
    assert!(matches!(e, CartError::Limit(LimitError::Quantity { by_weight: true, .. })), "{e:?}");
    assert_eq!(cart.lines().len(), 1);
}

#[test]
fn line_and_sale_amounts_have_ceilings_and_taking_a_discount_away_is_checked() {
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    // A carton at Rp 88.000: 1,136 cartons are Rp 99.968.000, 1,137 are Rp 100.056.000.
    let carton = product("TEH-24", 88_000, 1100, true, false);
    let id = cart.add(carton.clone(), Quantity::units(1_136), None).unwrap();
    let e = cart.set_quantity(id, Quantity::units(1_137)).unwrap_err();
    assert_eq!(
        e,
        CartError::Limit(LimitError::LineAmount {
            product: "Produk TEH-24".into(),
            amount: idr(100_056_000),
            max: dec!(100000000),
        })
    );
    // Tax on top counts too: Rp 95.000.000 + 11 % is over Rp 100 jt.
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    assert!(matches!(
        cart.add(product("TV", 95_000_000, 1100, false, false), Quantity::ONE, None),
        Err(CartError::Limit(LimitError::LineAmount { .. }))
    ));
    // Five lines of Rp 99 jt fit a sale, the sixth does not.
    let mut cart = Cart::new(Currency::IDR, TaxMode::PerLine);
    for i in 0..5 {
        cart.add_separate(product(&format!("L{i}"), 99_000_000, 0, true, false), Quantity::ONE, None)
            .unwrap();
    }
    let e = cart.add_separate(product("L5", 99_000_000, 0, true, false), Quantity::ONE, None).unwrap_err();
    assert!(matches!(e, CartError::Limit(LimitError::SaleAmount { .. })), "{e:?}");
    assert_eq!(cart.lines().len(), 5);
    // A price override up, or a discount taken away, may not lift the sale over either.
    let first = cart.lines()[0].id;
    assert!(cart.set_price_override(first, Some(dec!(99500000))).is_ok());
    assert!(cart.set_price_override(first, Some(dec!(100000001))).is_err());
    cart.set_line_discount(first, Some(Discount::Amount(dec!(10000000)))).unwrap();
    cart.add_separate(product("L6", 10_000_000, 0, true, false), Quantity::ONE, None).unwrap();
    assert!(matches!(
        cart.set_line_discount(first, None),
        Err(CartError::Limit(LimitError::SaleAmount { .. }))
    ));
    assert!(cart.within(cart.ceilings()).is_ok());
}

#[test]
fn a_cart_under_the_stores_own_ceilings_keeps_them_when_emptied() {
    let small = Ceilings::new(dec!(10), dec!(5), dec!(50000), dec!(100000)).unwrap();
    let mut cart = Cart::with_ceilings(Currency::IDR, TaxMode::PerLine, small);
    assert!(cart.add(teh_botol(), Quantity::units(11), None).is_err());
    cart.add(teh_botol(), Quantity::units(10), None).unwrap();
    assert_eq!(cart.emptied().ceilings(), small);
    assert!(cart.emptied().is_empty());
    // The same cart checked against the defaults passes, against tighter ones it does not.
    assert!(cart.within(Ceilings::DEFAULT).is_ok());
    let tighter = Ceilings::new(dec!(5), dec!(5), dec!(50000), dec!(100000)).unwrap();
    assert!(cart.within(tighter).is_err());
}

/// One change a cashier can make to a cart.
#[derive(Debug, Clone)]
enum Step {
    Add { product: u8, milli: i64, separate: bool },
    SetQuantity { line: u8, milli: i64 },
    Override { line: u8, price: Option<i64> },
    LineDiscount { line: u8, discount: Option<Discount> },
    OrderDiscount(Option<Discount>),
    Remove { line: u8 },
}

fn step_strategy() -> impl Strategy<Value = Step> {
    // Quantities and prices from everyday to absurd, so that ceilings are hit often.
    let milli = prop_oneof![1i64..20_000, 1_000i64..12_000_000, 1i64..1_000_000_000];
    let price = prop_oneof![0i64..100_000, 0i64..200_000_000];
    prop_oneof![
        (0u8..6, milli.clone(), any::<bool>()).prop_map(|(product, milli, separate)| Step::Add {
            product,
            milli,
            separate
        }),
        (any::<u8>(), milli).prop_map(|(line, milli)| Step::SetQuantity { line, milli }),
        (any::<u8>(), prop::option::of(price)).prop_map(|(line, price)| Step::Override { line, price }),
        (any::<u8>(), discount_strategy()).prop_map(|(line, discount)| Step::LineDiscount { line, discount }),
        discount_strategy().prop_map(Step::OrderDiscount),
        any::<u8>().prop_map(|line| Step::Remove { line }),
    ]
}

fn shelf(i: u8) -> ProductSnapshot {
    // Cheap and dear, by the piece and by weight, tax inside and on top.
    match i {
        0 => product("PERMEN", 500, 1100, true, false),
        1 => product("MIE", 3_500, 1100, true, false),
        2 => product("BERAS", 15_000, 0, true, true),
        3 => product("DAGING", 150_000, 0, true, true),
        4 => product("TV", 9_000_000, 1100, false, false),
        _ => product("EMAS", 60_000_000, 1200, false, false),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// No sequence of changes ever leaves a line or the sale over the ceilings, and a
    /// refused change leaves the cart exactly as it was.
    #[test]
    fn no_cart_ever_holds_a_line_or_total_over_the_ceilings(
        steps in prop::collection::vec(step_strategy(), 1..40),
        tight in any::<bool>(),
    ) {
        let ceilings = if tight {
            Ceilings::new(dec!(50), dec!(20), dec!(2000000), dec!(5000000)).unwrap()
        } else {
            Ceilings::DEFAULT
        };
        let mut cart = Cart::with_ceilings(Currency::IDR, TaxMode::PerLine, ceilings);
        for step in steps {
            let before = cart.clone();
            let pick = |n: u8| cart.lines().get(usize::from(n) % cart.lines().len().max(1)).map(|l| l.id);
            let result = match step {
                Step::Add { product, milli, separate } => {
                    let q = Quantity::from_milli(if shelf(product).sold_by_weight { milli } else { (milli / 1000).max(1) * 1000 });
                    if separate { cart.add_separate(shelf(product), q, None) } else { cart.add(shelf(product), q, None) }.map(|_| ())
                }
                Step::SetQuantity { line, milli } => match pick(line) {
                    Some(id) => cart.set_quantity(id, Quantity::from_milli(milli)),
                    None => Ok(()),
                },
                Step::Override { line, price } => match pick(line) {
                    Some(id) => cart.set_price_override(id, price.map(Decimal::from)),
                    None => Ok(()),
                },
                Step::LineDiscount { line, discount } => match pick(line) {
                    Some(id) => cart.set_line_discount(id, discount),
                    None => Ok(()),
                },
                Step::OrderDiscount(d) => cart.set_order_discount(d),
                Step::Remove { line } => match pick(line) {
                    Some(id) => cart.remove(id).map(|_| ()),
                    None => Ok(()),
                },
            };
            if result.is_err() {
                prop_assert_eq!(&cart, &before, "a refused change left the cart as it was");
            }
            let t = cart.totals();
            for (line, lt) in cart.lines().iter().zip(&t.lines) {
                let max = if line.product.sold_by_weight { ceilings.weight() } else { ceilings.pieces() };
                prop_assert!(line.quantity <= max, "{} over {}", line.quantity, max);
                prop_assert!(lt.extended.amount() <= ceilings.line_amount());
                prop_assert!(lt.gross.amount() <= ceilings.line_amount());
            }
            prop_assert!(t.total.amount() <= ceilings.sale_amount());
        }
    }
}
