//! Returns refund what was paid, in any number of parts, never more.

use super::*;
use crate::document::{SaleBody, SaleLine};
use crate::tax::TaxMode;
use crate::tender::RoundingMode;
use proptest::prelude::*;

fn line(line_no: u32, qty: i64, gross: i64, tax: i64) -> SaleLine {
    SaleLine {
        line_no,
        sku: format!("SKU-{line_no}"),
        name: format!("Barang {line_no}"),
        category: "Umum".into(),
        unit: "pcs".into(),
        barcode: None,
        quantity: Quantity::units(qty),
        list_price: gross / qty,
        unit_price: gross / qty,
        extended: gross,
        line_discount: 0,
        order_discount: 0,
        net: gross - tax,
        tax,
        gross,
        tax_class: "PPN".into(),
        tax_rate_bp: 1100,
        price_includes_tax: true,
        dpp_base: Default::default(),
        dpp: None,
    }
}

fn sale(lines: Vec<SaleLine>) -> SaleBody {
    SaleBody {
        currency: crate::Currency::IDR,
        tax_mode: TaxMode::PerLine,
        subtotal: lines.iter().map(|l| l.gross).sum(),
        line_discounts: 0,
        order_discount: 0,
        net: lines.iter().map(|l| l.net).sum(),
        tax: lines.iter().map(|l| l.tax).sum(),
        total: lines.iter().map(|l| l.gross).sum(),
        items: Quantity::default(),
        lines,
        taxes: vec![],
        rounding: 0,
        tenders: vec![],
        change: 0,
        approvals: vec![],
        request_id: None,
    }
}

fn ask(line_no: u32, qty: i64) -> ReturnRequest {
    ReturnRequest { line_no, quantity: Quantity::units(qty) }
}

#[test]
fn a_discounted_line_comes_back_at_what_was_paid_in_parts_that_add_up() {
    // 3 pieces after a discount: Rp 10.000 with Rp 991 tax.
    let s = sale(vec![line(1, 3, 10_000, 991)]);
    let first = lines_from_sale(&s, "S01-T01-000001", &[], &[ask(1, 1)]).unwrap();
    assert_eq!((first[0].gross, first[0].tax, first[0].net), (3_333, 330, 3_003));
    let done = [Returned { line_no: 1, quantity: Quantity::units(1) }];
    let rest = lines_from_sale(&s, "S01-T01-000001", &done, &[ask(1, 2)]).unwrap();
    assert_eq!((rest[0].gross, rest[0].tax), (6_667, 661));
    assert_eq!(first[0].gross + rest[0].gross, 10_000);
}

#[test]
fn more_than_is_left_is_refused_and_named() {
    let s = sale(vec![line(1, 2, 7_000, 694), line(2, 1, 20_000, 1_982)]);
    let done = [Returned { line_no: 1, quantity: Quantity::units(1) }];
    let e = lines_from_sale(&s, "S01-T01-000007", &done, &[ask(1, 2)]).unwrap_err();
    assert_eq!(e.to_string(), "line 1 (Barang 1): 2 asked back, but only 1 of it is left to return");
    let e = lines_from_sale(&s, "S01-T01-000007", &[], &[ask(3, 1)]).unwrap_err();
    assert_eq!(e.to_string(), "receipt S01-T01-000007 has no line 3");
    let e = lines_from_sale(&s, "R", &[], &[ask(2, 1), ask(2, 1)]).unwrap_err();
    assert_eq!(e, ReturnError::Repeated { line_no: 2 });
    let half = ReturnRequest { line_no: 2, quantity: Quantity::from_milli(500) };
    assert!(matches!(lines_from_sale(&s, "R", &[], &[half]), Err(ReturnError::FractionalPieces { .. })));
    assert_eq!(lines_from_sale(&s, "R", &[], &[]), Err(ReturnError::Nothing));
}

#[test]
fn a_cash_refund_is_rounded_like_a_cash_sale() {
    let s = sale(vec![line(1, 1, 3_850, 382)]);
    let lines = lines_from_sale(&s, "R", &[], &[ask(1, 1)]).unwrap();
    let rounding = CashRounding { step_minor: 100, mode: RoundingMode::Nearest };
    let cash =
        ReturnBody::new(crate::Currency::IDR, None, lines.clone(), TenderKind::Cash, rounding, "rusak", None);
    assert_eq!((cash.total, cash.rounding, cash.refunds[0].amount), (3_850, 50, 3_900));
    let card =
        ReturnBody::new(crate::Currency::IDR, None, lines.clone(), TenderKind::Card, rounding, "rusak", None);
    assert_eq!((card.total, card.rounding, card.refunds[0].amount), (3_850, 0, 3_850));
    assert_eq!(card.taxes[0].tax, 382);
    // In an exchange the credit pays the new sale first; only the rest is paid back.
    let swap = ReturnBody::with_credit(
        crate::Currency::IDR,
        None,
        lines.clone(),
        2_000,
        TenderKind::Cash,
        rounding,
        "tukar",
        None,
    );
    let refunds: Vec<_> = swap.refunds.iter().map(|r| (r.kind, r.amount)).collect();
    assert_eq!(refunds, [(TenderKind::Exchange, 2_000), (TenderKind::Cash, 1_900)]);
    assert_eq!((swap.rounding, swap.refunded()), (50, 1_900));
    let all = ReturnBody::with_credit(
        crate::Currency::IDR,
        None,
        lines,
        9_999,
        TenderKind::Cash,
        rounding,
        "tukar",
        None,
    );
    let refunds: Vec<_> = all.refunds.iter().map(|r| (r.kind, r.amount)).collect();
    assert_eq!(refunds, [(TenderKind::Exchange, 3_850)], "the new sale took it all");
}

proptest! {
    /// Returning a line in any parts refunds exactly its gross and tax, each part ≥ 0.
    #[test]
    fn parts_add_up_to_the_line(
        qty in 1i64..40,
        gross in 0i64..2_000_000,
        tax_share in 0i64..=100,
        cuts in proptest::collection::vec(1i64..40, 1..10),
    ) {
        let tax = gross * tax_share / 1_000;
        let s = sale(vec![line(1, qty, gross, tax)]);
        let mut done = Vec::new();
        let (mut refunded, mut refunded_tax, mut left) = (0, 0, qty);
        for c in cuts.into_iter().chain(std::iter::once(qty)) {
            let q = c.min(left);
            if q == 0 { break; }
            let out = lines_from_sale(&s, "R", &done, &[ask(1, q)]).unwrap();
            prop_assert!(out[0].gross >= 0 && out[0].tax >= 0 && out[0].net >= 0);
            refunded += out[0].gross;
            refunded_tax += out[0].tax;
            left -= q;
            done.push(Returned { line_no: 1, quantity: Quantity::units(q) });
        }
        prop_assert_eq!(left, 0);
        prop_assert_eq!(refunded, gross);
        prop_assert_eq!(refunded_tax, tax);
        prop_assert!(lines_from_sale(&s, "R", &done, &[ask(1, 1)]).is_err(), "nothing is left");
    }
}
