//! The report adds up by hand.

use super::*;

fn product(sku: &str, category: &str, qty: i64, gross: i64, tax: i64, discounts: i64) -> ProductFigures {
    ProductFigures {
        sku: sku.into(),
        name: format!("Barang {sku}"),
        category: category.into(),
        tax_class: "PPN".into(),
        rate_bp: 1100,
        price_includes_tax: true,
        dpp_base: Default::default(),
        quantity: Quantity::units(qty),
        extended: gross + discounts,
        discounts,
        net: gross - tax,
        dpp: gross - tax,
        tax,
        gross,
    }
}

fn sale(cashier: &str, hour: u8, total: i64, rounding: i64, change: i64, items: i64) -> SaleFigures {
    SaleFigures { cashier: cashier.into(), hour, total, rounding, change, items: Quantity::units(items) }
}

#[test]
fn a_small_day_adds_up_and_balances() {
    let mut b = ReportBuilder::new(crate::Currency::IDR);
    // Sale 1 (K01, 09h): A × 2 = 7.000, cash 10.000, change 3.000.
    b.sale(&sale("K01", 9, 7_000, 0, 3_000, 2), 1);
    b.tender(TenderKind::Cash, 10_000, 1);
    b.sale_lines(&product("A", "Mie", 2, 7_000, 694, 0), 1);
    // Sale 2 (K02, 10h): B × 1 = 20.000 less 2.000 discount = 18.000 by card.
    b.sale(&sale("K02", 10, 18_000, 0, 0, 1), 1);
    b.tender(TenderKind::Card, 18_000, 1);
    b.sale_lines(&product("B", "Susu", 1, 18_000, 1_784, 2_000), 1);
    // Sale 3 (K01, 10h): A × 1 = 3.500 → 3.500 cash exactly; then voided.
    let s3 = sale("K01", 10, 3_500, 0, 0, 1);
    b.sale(&s3, 1);
    b.tender(TenderKind::Cash, 3_500, 1);
    b.sale_lines(&product("A", "Mie", 1, 3_500, 347, 0), 1);
    b.sale(&s3, -1);
    b.tender(TenderKind::Cash, 3_500, -1);
    b.sale_lines(&product("A", "Mie", 1, 3_500, 347, 0), -1);
    // A return of one A from sale 1, refunded 3.500 in cash at 11h by K01.
    b.return_doc("K01", 11, 3_500, 0);
    b.refund(TenderKind::Cash, 3_500);
    b.return_lines(&product("A", "Mie", 1, 3_500, 347, 0));
    b.no_sale();
    b.cancel(12_000);
    b.cash_in(50_000);
    let flows = CashFlows {
        float: 100_000,
        cash_sales: 10_000,
        change: 3_000,
        cash_in: 50_000,
        cash_refunds: 3_500,
        ..CashFlows::default()
    };
    b.cash(flows, Some(153_000));
    let r = b.finish(Some(1));

    assert_eq!(r.transactions, 2);
    assert_eq!((r.gross_sales, r.discounts, r.sales), (27_000, 2_000, 25_000));
    assert_eq!((r.returns_count, r.returns, r.voids_count, r.voids), (1, 3_500, 1, 3_500));
    assert_eq!((r.cancels_count, r.cancels, r.no_sales), (1, 12_000, 1));
    assert_eq!(r.net_sales, 21_500);
    assert_eq!(r.tax, 694 + 1_784 - 347);
    assert_eq!(r.items, Quantity::units(3));
    assert_eq!(r.average_basket, 10_750);
    assert_eq!(r.items_per_basket, Quantity::from_milli(1_500));
    let cash = &r.tenders[0];
    assert_eq!(
        (cash.kind, cash.received, cash.change, cash.refunded, cash.net),
        (TenderKind::Cash, 10_000, 3_000, 3_500, 3_500)
    );
    assert_eq!((r.tenders[1].kind, r.tenders[1].net), (TenderKind::Card, 18_000));
    assert!(r.balances());
    let hours: Vec<(&str, i64)> = r.by_hour.iter().map(|h| (h.key.as_str(), h.amount)).collect();
    assert_eq!(hours, [("09", 7_000), ("10", 18_000), ("11", -3_500)]);
    let cashiers: Vec<(&str, i64, i64)> =
        r.by_cashier.iter().map(|c| (c.key.as_str(), c.count.milli() / 1000, c.amount)).collect();
    assert_eq!(cashiers, [("K01", 1, 3_500), ("K02", 1, 18_000)]);
    assert_eq!(r.products.len(), 1, "top 1");
    assert_eq!((r.products[0].key.as_str(), r.products[0].amount), ("B", 18_000));
    let categories: Vec<(&str, i64)> = r.by_category.iter().map(|c| (c.key.as_str(), c.amount)).collect();
    assert_eq!(categories, [("Mie", 3_500), ("Susu", 18_000)]);
    let cash = r.cash.unwrap();
    assert_eq!((cash.expected, cash.counted, cash.over_short), (153_500, Some(153_000), Some(-500)));
}
