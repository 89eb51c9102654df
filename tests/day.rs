//! A whole day at the counter, computed by hand: sales with discounts, three tax rates, split
//! tenders and cash rounding, a void, a cancelled cart, partial and full returns, cash in and
//! out, a no-sale, the shift's count and the Z. The Z must balance to the Rupiah.

mod common;

use common::{Shop, at};
use kasir::reports::{self, DayError};
use kasir::sale::checkout::{self, SaleScript};
use kasir::sale::returns::{self, ReturnScript};
use kasir::sale::shift;
use kasir::store::Ledger;
use kasir::store::users::User;
use kasir_core::document::Body;
use kasir_core::shift::DenominationCount;
use kasir_core::{Money, Quantity, TenderKind};

fn sell(ledger: &mut Ledger, shop: &Shop, json: &str, time: &str) -> u64 {
    let script: SaleScript = serde_json::from_str(json).unwrap();
    checkout::sell(ledger, &shop.config, &script, at(time)).unwrap().seq
}

fn give_back(ledger: &mut Ledger, shop: &Shop, json: &str, time: &str) -> Result<u64, String> {
    let script: ReturnScript = serde_json::from_str(json).unwrap();
    returns::process(ledger, &shop.config, &script, at(time))
        .map(|o| o.receipt_number[8..].parse().unwrap())
        .map_err(|e| e.to_string())
}

fn user(ledger: &Ledger, code: &str) -> User {
    ledger.user(code).unwrap()
}

fn idr(n: i64) -> Money {
    Money::from_minor(n, kasir_core::Currency::IDR)
}

/// The shop with one more product at the 12 % rate.
fn shop() -> (Shop, Ledger) {
    let shop = Shop::new();
    let ledger = shop.ledger();
    let csv = "sku,barcodes,name,category,unit,price,tax_class,price_includes_tax,sold_by_weight,active\n\
               RKK-12,8990000000020,Rokok Premium 16,Rokok,bks,30000,PPN12,true,false,true\n";
    ledger.import_catalogue(csv.as_bytes(), &shop.config.barcode.variable_measure).unwrap();
    (shop, ledger)
}

/// Shift 1 is open from 07:00 with Rp 500.000 (the common shop). The day:
fn ring_up_the_day(shop: &Shop, ledger: &mut Ledger) {
    // S1 09:10 K01: 3 × Indomie 10.500 + 1,25 kg beras 18.750 = 29.250, cash 50.000:
    // cash due rounds to 29.300 (+50), change 20.700.
    let s1 = sell(
        ledger,
        shop,
        r#"{"cashier":"K01","items":[{"sku":"MIE-001","quantity":3},
        {"barcode":"2100123012503"}],"tenders":[{"kind":"cash","amount":"50000"}]}"#,
        "2026-11-22T09:10:00+07:00",
    );
    assert_eq!(s1, 2);
    // S2 10:05 K02: 2 × milk 40.000 − 10 % = 36.000, − 1.000 on the order = 35.000;
    // card 20.000 and cash 20.000 for the 15.000 left: change 5.000.
    sell(
        ledger,
        shop,
        r#"{"cashier":"K02","items":[{"sku":"SUS-1L","quantity":2,"discount":{"percent":"10"}}],
        "order_discount":{"amount":"1000"},
        "tenders":[{"kind":"card","amount":"20000"},{"kind":"cash","amount":"20000"}]}"#,
        "2026-11-22T10:05:00+07:00",
    );
    // S3 10:40 K01: a box of 40 at 100.000 + 11 % on top = 111.000, and cigarettes at 12 %
    // included, 30.000: 141.000 by QRIS.
    sell(
        ledger,
        shop,
        r#"{"cashier":"K01","items":[{"sku":"DUS-40"},{"sku":"RKK-12"}],
        "tenders":[{"kind":"qris","amount":"141000","reference":"QR-1"}]}"#,
        "2026-11-22T10:40:00+07:00",
    );
    // S4 11:00 K01: 2 × Aqua 8.000, cash 10.000, change 2.000; voided at 11:05.
    sell(
        ledger,
        shop,
        r#"{"cashier":"K01","items":[{"sku":"AIR-600","quantity":2}],
        "tenders":[{"kind":"cash","amount":"10000"}]}"#,
        "2026-11-22T11:00:00+07:00",
    );
    let (k01, m01) = (user(ledger, "K01"), user(ledger, "M01"));
    checkout::void_sale(
        ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &k01,
        "S01-T01-000005",
        &m01,
        "salah harga",
        at("2026-11-22T11:05:00+07:00"),
    )
    .unwrap();
    // A cart of one Indomie (3.500) abandoned before payment.
    let script: SaleScript =
        serde_json::from_str(r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[]}"#).unwrap();
    let (cart, _) = checkout::ring_up(ledger, &shop.config, &script).unwrap();
    checkout::cancel_sale(
        ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &k01,
        &cart,
        &m01,
        "pelanggan pergi",
        at("2026-11-22T11:30:00+07:00"),
    )
    .unwrap();
    // Returns at 13:xx by K01, approved by M01:
    // R1: one Indomie of S1 (10.500 for 3 with 1.041 tax): 3.500 with 347 tax, in cash.
    // R2: one milk of S2 (35.000 for 2, tax 3.468): 17.500 with 1.734 tax, to the card.
    // R3: the other milk: 17.500 with 1.734 tax, in cash. The line is now fully back.
    let back = |line: &str, qty: u32, refund: &str| {
        format!(
            r#"{{"cashier":"K01","receipt":"S01-T01-00000{line}","lines":[{{"line":1,"quantity":{qty}}}],
            "refund":"{refund}","reason":"rusak","approval":{{"manager":"M01","pin":"1234"}}}}"#
        )
    };
    give_back(ledger, shop, &back("2", 1, "cash"), "2026-11-22T13:00:00+07:00").unwrap();
    give_back(ledger, shop, &back("3", 1, "card"), "2026-11-22T13:10:00+07:00").unwrap();
    give_back(ledger, shop, &back("3", 1, "cash"), "2026-11-22T13:20:00+07:00").unwrap();
    // Cash in 100.000 at 14:00, cash out 50.000 at 15:00, a no-sale at 16:00.
    // The cash-out is K01's with M01's approval (a cashier may not take cash out alone).
    let table = kasir_core::policy::Permissions::DEFAULT;
    let (into, out) = (true, false);
    let (tambah, galon) = (at("2026-11-22T14:00:00+07:00"), at("2026-11-22T15:00:00+07:00"));
    shift::move_cash(ledger, &table, &m01, into, idr(100_000), "tambah uang kecil", None, tambah).unwrap();
    shift::move_cash(ledger, &table, &k01, out, idr(50_000), "beli galon", Some(&m01), galon).unwrap();
    checkout::no_sale(
        ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &k01,
        &m01,
        "tukar uang",
        kasir_core::document::DrawerOutcome::Opened,
        at("2026-11-22T16:00:00+07:00"),
    )
    .unwrap();
}

fn count_of(total: i64) -> Vec<DenominationCount> {
    // 573.000 = 5 × 100.000 + 1 × 50.000 + 1 × 20.000 + 1 × 2.000 + 2 × 500.
    assert_eq!(total, 573_000);
    vec![
        DenominationCount { value: 100_000, count: 5 },
        DenominationCount { value: 50_000, count: 1 },
        DenominationCount { value: 20_000, count: 1 },
        DenominationCount { value: 2_000, count: 1 },
        DenominationCount { value: 500, count: 2 },
    ]
}

#[test]
fn the_day_adds_up_to_the_rupiah_and_the_z_balances() {
    let (shop, mut ledger) = shop();
    ring_up_the_day(&shop, &mut ledger);
    let (k01, m01) = (user(&ledger, "K01"), user(&ledger, "M01"));

    // Nothing more comes back from S2's milk than was sold; the refusal writes nothing.
    let tip = ledger.tip().unwrap().seq;
    let over = r#"{"cashier":"K01","receipt":"S01-T01-000003","lines":[{"line":1,"quantity":1}],
        "refund":"cash","reason":"x","approval":{"manager":"M01","pin":"1234"}}"#;
    let e = give_back(&mut ledger, &shop, over, "2026-11-22T17:00:00+07:00").unwrap_err();
    assert!(e.contains("only 0 of it is left to return"), "{e}");
    // Nor from a voided sale.
    let voided = over.replace("000003", "000005");
    let e = give_back(&mut ledger, &shop, &voided, "2026-11-22T17:00:00+07:00").unwrap_err();
    assert!(e.contains("was voided"), "{e}");
    assert_eq!(ledger.tip().unwrap().seq, tip);

    // The drawer: 500.000 + 80.000 cash taken − 27.700 change + 100.000 in − 50.000 out
    // − 21.000 refunded − 8.000 handed back on the void = 573.300 expected.
    let (_, flows) = shift::reading(&ledger).unwrap();
    assert_eq!(flows.expected(), 573_300);
    let close = shift::close(&mut ledger, &k01, count_of(573_000), at("2026-11-22T21:00:00+07:00")).unwrap();
    let Body::ShiftClose(c) = &close.document.body else { panic!() };
    assert_eq!((c.expected, c.counted, c.over_short), (573_300, 573_000, -300), "short 300, kept as it is");

    let z = reports::close_day(
        &mut ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &m01,
        at("2026-11-22T21:30:00+07:00"),
    )
    .unwrap();
    let Body::DayClose(day) = &z.document.body else { panic!() };
    let r = &day.report;
    assert_eq!((day.z_number, day.business_date.as_str()), (1, "2026-11-22"));
    assert_eq!(r.transactions, 3);
    assert_eq!((r.gross_sales, r.discounts, r.sales), (199_250, 5_000, 205_250));
    assert_eq!((r.returns_count, r.returns), (3, 38_500));
    assert_eq!((r.voids_count, r.voids, r.cancels_count, r.cancels, r.no_sales), (1, 8_000, 1, 3_500, 1));
    assert_eq!(r.net_sales, 166_750);
    assert_eq!(r.tax, 1_041 + 3_468 + 11_000 + 3_214 - 347 - 1_734 - 1_734);
    assert_eq!(r.rounding, 50);
    assert_eq!((r.cash_in, r.cash_out), (100_000, 50_000));
    assert_eq!(r.items, Quantity::units(8));
    assert_eq!(r.average_basket, 55_583);
    assert_eq!(r.items_per_basket, Quantity::from_milli(2_667));
    let tenders: Vec<_> =
        r.tenders.iter().map(|t| (t.kind, t.received, t.change, t.refunded, t.net)).collect();
    assert_eq!(
        tenders,
        [
            (TenderKind::Cash, 70_000, 25_700, 21_000, 23_300),
            (TenderKind::Card, 20_000, 0, 17_500, 2_500),
            (TenderKind::Qris, 141_000, 0, 0, 141_000),
        ]
    );
    // Tenders − change − refunds = net sales + rounding.
    assert_eq!(23_300 + 2_500 + 141_000, 166_750 + 50);
    assert!(r.balances());
    let taxes: Vec<_> =
        r.taxes.iter().map(|t| (t.tax_class.as_str(), t.rate_bp, t.net, t.tax, t.gross)).collect();
    assert_eq!(
        taxes,
        [
            ("BEBAS", 0, 18_750, 0, 18_750),
            ("PPN", 1100, 100_000, 11_000, 111_000),
            ("PPN", 1100, 7_000 - 694, 694, 7_000),
            ("PPN12", 1200, 30_000 - 3_214, 3_214, 30_000),
        ]
    );
    let hours: Vec<_> =
        r.by_hour.iter().map(|h| (h.key.as_str(), h.count.milli() / 1000, h.amount)).collect();
    assert_eq!(hours, [("09", 1, 29_250), ("10", 2, 176_000), ("11", 0, 0), ("13", 0, -38_500)]);
    let cashiers: Vec<_> = r.by_cashier.iter().map(|c| (c.key.as_str(), c.amount)).collect();
    assert_eq!(cashiers, [("K01", 29_250 + 141_000 - 38_500), ("K02", 35_000)]);
    let categories: Vec<_> = r.by_category.iter().map(|c| (c.key.as_str(), c.amount)).collect();
    assert_eq!(
        categories,
        [
            ("Makanan Instan", 7_000 + 111_000),
            ("Minuman", 0),
            ("Rokok", 30_000),
            ("Sembako", 18_750),
            ("Susu", 0)
        ]
    );
    assert_eq!(r.products[0].key, "DUS-40", "largest first");
    let cash = r.cash.as_ref().unwrap();
    assert_eq!((cash.expected, cash.counted, cash.over_short), (573_300, Some(573_000), Some(-300)));
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn the_x_changes_nothing_and_a_day_is_closed_once() {
    let (shop, mut ledger) = shop();
    ring_up_the_day(&shop, &mut ledger);
    let (k01, m01) = (user(&ledger, "K01"), user(&ledger, "M01"));
    let at_nine = at("2026-11-22T21:00:00+07:00");

    let file = || std::fs::read(shop.ledger_path()).unwrap();
    let before = (ledger.tip().unwrap(), file());
    let (period, x) =
        reports::x_report(&ledger, &kasir_core::policy::Permissions::DEFAULT, &m01, at_nine).unwrap();
    let (_, again) =
        reports::x_report(&ledger, &kasir_core::policy::Permissions::DEFAULT, &m01, at_nine).unwrap();
    assert_eq!(x, again);
    assert_eq!((ledger.tip().unwrap(), file()), before, "the X wrote nothing");
    assert_eq!(period.business_date.to_string(), "2026-11-22");
    assert_eq!(x.net_sales, 166_750);
    let cash = x.cash.as_ref().unwrap();
    assert_eq!((cash.expected, cash.counted), (573_300, None), "the shift is still open");

    // Only a manager reads or takes them; the Z waits for the shift to close.
    assert!(matches!(
        reports::x_report(&ledger, &kasir_core::policy::Permissions::DEFAULT, &k01, at_nine),
        Err(DayError::NotAManager(..))
    ));
    let e = reports::close_day(&mut ledger, &kasir_core::policy::Permissions::DEFAULT, &m01, at_nine)
        .unwrap_err();
    assert!(e.to_string().contains("shift 1 is still open"), "{e}");
    shift::close(&mut ledger, &k01, count_of(573_000), at_nine).unwrap();
    let z1 = reports::close_day(
        &mut ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &m01,
        at("2026-11-22T21:30:00+07:00"),
    )
    .unwrap();
    let Body::DayClose(day1) = &z1.document.body else { panic!() };
    assert_eq!(day1.report.net_sales, x.net_sales);

    // A second Z the same day is refused.
    let e = reports::close_day(
        &mut ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &m01,
        at("2026-11-22T21:40:00+07:00"),
    )
    .unwrap_err();
    assert!(matches!(e, DayError::AlreadyClosed { .. }), "{e}");
    assert!(e.to_string().contains("the Z for 2026-11-22 is already taken"), "{e}");

    // A sale after the Z belongs to the next day, which starts at zero.
    shift::open(&mut ledger, &k01, idr(300_000), at("2026-11-22T22:00:00+07:00")).unwrap();
    sell(
        &mut ledger,
        &shop,
        r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],
        "tenders":[{"kind":"cash","amount":"3500"}]}"#,
        "2026-11-22T22:10:00+07:00",
    );
    let (period, x2) = reports::x_report(
        &ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &m01,
        at("2026-11-22T22:15:00+07:00"),
    )
    .unwrap();
    assert_eq!(period.business_date.to_string(), "2026-11-23");
    assert_eq!((x2.transactions, x2.net_sales), (1, 3_500));
    let e = reports::close_day(
        &mut ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &m01,
        at("2026-11-22T23:00:00+07:00"),
    )
    .unwrap_err();
    assert!(matches!(e, DayError::AlreadyClosed { .. }), "{e}");
    let count = vec![
        DenominationCount { value: 100_000, count: 3 },
        DenominationCount { value: 2_000, count: 1 },
        DenominationCount { value: 1_000, count: 1 },
        DenominationCount { value: 500, count: 1 },
    ];
    shift::close(&mut ledger, &k01, count, at("2026-11-23T08:00:00+07:00")).unwrap();
    let z2 = reports::close_day(
        &mut ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &m01,
        at("2026-11-23T08:05:00+07:00"),
    )
    .unwrap();
    let Body::DayClose(day2) = &z2.document.body else { panic!() };
    assert_eq!((day2.z_number, day2.business_date.as_str()), (2, "2026-11-23"));
    assert_eq!(day2.report.net_sales, 3_500);
    assert_eq!(day2.report.cash.as_ref().unwrap().over_short, Some(0));
    // The perpetual grand total runs on across the Z.
    assert_eq!(z2.document.header.grand_total, 166_750 + 3_500);
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn a_z_whose_report_differs_from_the_ledger_is_refused() {
    let (shop, mut ledger) = shop();
    ring_up_the_day(&shop, &mut ledger);
    let (k01, m01) = (user(&ledger, "K01"), user(&ledger, "M01"));
    shift::close(&mut ledger, &k01, count_of(573_000), at("2026-11-22T21:00:00+07:00")).unwrap();
    let (period, mut x) = reports::x_report(
        &ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &m01,
        at("2026-11-22T21:10:00+07:00"),
    )
    .unwrap();
    x.net_sales -= 1_000;
    let forged = kasir_core::document::DayCloseBody {
        z_number: period.z_number,
        business_date: period.business_date.to_string(),
        report: x,
    };
    let e =
        ledger.commit("M01", Body::DayClose(Box::new(forged)), at("2026-11-22T21:20:00+07:00")).unwrap_err();
    assert!(e.to_string().contains("does not match the ledger"), "{e}");
}

#[test]
fn selling_needs_an_open_shift_and_one_shift_is_open_at_a_time() {
    let (shop, mut ledger) = shop();
    let k01 = user(&ledger, "K01");
    let e = shift::open(&mut ledger, &k01, idr(100_000), at("2026-11-22T08:00:00+07:00")).unwrap_err();
    assert!(e.to_string().contains("shift 1 is still open"), "{e}");
    shift::close(
        &mut ledger,
        &k01,
        vec![DenominationCount { value: 100_000, count: 5 }],
        at("2026-11-22T08:00:00+07:00"),
    )
    .unwrap();
    let script: SaleScript = serde_json::from_str(
        r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"cash","amount":"3500"}]}"#,
    )
    .unwrap();
    let e = checkout::sell(&mut ledger, &shop.config, &script, at("2026-11-22T08:05:00+07:00")).unwrap_err();
    assert!(e.to_string().contains("no shift is open"), "{e}");
    let table = kasir_core::policy::Permissions::DEFAULT;
    let e = shift::move_cash(
        &mut ledger,
        &table,
        &k01,
        true,
        idr(1_000),
        "x",
        None,
        at("2026-11-22T08:05:00+07:00"),
    )
    .unwrap_err();
    assert!(e.to_string().contains("no shift is open"), "{e}");
    assert_eq!(ledger.tip().unwrap().seq, 2, "the shift's open and close, nothing else");
}

#[test]
fn a_return_without_a_receipt_needs_a_manager_and_is_refunded_in_cash() {
    let (shop, mut ledger) = shop();
    let no_receipt = r#"{"cashier":"K01","items":[{"sku":"SUS-1L"}],"refund":"cash","reason":"tanpa struk"}"#;
    let e = give_back(&mut ledger, &shop, no_receipt, "2026-11-22T12:00:00+07:00").unwrap_err();
    assert!(e.contains("needs a manager's approval"), "{e}");
    let approved =
        format!(r#"{},"approval":{{"manager":"M01","pin":"1234"}}}}"#, no_receipt.strip_suffix('}').unwrap());
    let by_card = approved.replace("\"cash\"", "\"card\"");
    let e = give_back(&mut ledger, &shop, &by_card, "2026-11-22T12:00:00+07:00").unwrap_err();
    assert!(e.contains("refunded in cash"), "{e}");
    let seq = give_back(&mut ledger, &shop, &approved, "2026-11-22T12:00:00+07:00").unwrap();
    let doc = ledger.document(seq).unwrap().unwrap();
    let Body::Return(r) = &doc.body else { panic!() };
    assert!(r.original.is_none(), "marked as without receipt");
    assert_eq!((r.total, r.refunded(), r.approver.as_deref()), (20_000, 20_000, Some("M01")));
    assert_eq!(ledger.stock_level("SUS-1L").unwrap(), Quantity::ONE, "the milk is back on the shelf");
}

fn swap(
    ledger: &mut Ledger,
    shop: &Shop,
    json: &str,
) -> Result<kasir::sale::exchange::ExchangeOutcome, String> {
    let script: kasir::sale::exchange::ExchangeScript = serde_json::from_str(json).unwrap();
    kasir::sale::exchange::exchange(ledger, &shop.config, &script, at("2026-11-22T12:00:00+07:00"))
        .map_err(|e| e.to_string())
}

#[test]
fn an_exchange_settles_only_the_difference_both_ways_or_writes_nothing() {
    let (shop, mut ledger) = shop();
    // Sale 2: 2 × milk (40.000) paid by card.
    sell(
        &mut ledger,
        &shop,
        r#"{"cashier":"K01","items":[{"sku":"SUS-1L","quantity":2}],
        "tenders":[{"kind":"card","amount":"40000"}]}"#,
        "2026-11-22T09:00:00+07:00",
    );
    let approval = r#""reason":"tukar","approval":{"manager":"M01","pin":"1234"}"#;

    // Short of the difference: refused, and neither the return nor the sale is written.
    let tip = ledger.tip().unwrap().seq;
    let short = format!(
        r#"{{"cashier":"K01","receipt":"S01-T01-000002","lines":[{{"line":1,"quantity":1}}],
        "items":[{{"sku":"DUS-40"}}],"tenders":[{{"kind":"cash","amount":"1000"}}],{approval}}}"#
    );
    let e = swap(&mut ledger, &shop, &short).unwrap_err();
    assert!(e.contains("goods out") && e.contains("still due"), "{e}");
    assert_eq!(ledger.tip().unwrap().seq, tip, "all or nothing");

    // One milk (20.000) back for a box (111.000): the customer pays 91.000 on top.
    let more = short.replace(r#""amount":"1000""#, r#""amount":"100000""#);
    let out = swap(&mut ledger, &shop, &more).unwrap();
    assert_eq!((out.returned.to_string(), out.new_goods.to_string()), ("20000".into(), "111000".into()));
    assert_eq!(
        (out.paid.to_string(), out.change.to_string(), out.refunded.to_string()),
        ("91000".into(), "9000".into(), "0".into())
    );
    assert_eq!(
        (out.return_receipt.as_str(), out.sale_receipt.as_str()),
        ("S01-T01-000003", "S01-T01-000004")
    );

    // The other milk (20.000) back for an Indomie (3.500): 16.500 goes back to the card.
    let less = format!(
        r#"{{"cashier":"K01","receipt":"S01-T01-000002","lines":[{{"line":1,"quantity":1}}],
        "items":[{{"sku":"MIE-001"}}],"refund":"card",{approval}}}"#
    );
    let out = swap(&mut ledger, &shop, &less).unwrap();
    assert_eq!((out.paid.to_string(), out.refunded.to_string()), ("0".into(), "16500".into()));
    let Body::Return(r) = ledger.document(5).unwrap().unwrap().body else { panic!() };
    let refunds: Vec<_> = r.refunds.iter().map(|t| (t.kind, t.amount)).collect();
    assert_eq!(refunds, [(TenderKind::Exchange, 3_500), (TenderKind::Card, 16_500)]);
    assert_eq!(ledger.stock_level("SUS-1L").unwrap(), Quantity::default(), "both milks are back");

    // The day balances, and exchange credit nets to zero.
    let m01 = user(&ledger, "M01");
    let (_, x) = reports::x_report(
        &ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &m01,
        at("2026-11-22T13:00:00+07:00"),
    )
    .unwrap();
    assert!(x.balances(), "{x:?}");
    let credit = x.tenders.iter().find(|t| t.kind == TenderKind::Exchange).unwrap();
    assert_eq!((credit.received, credit.refunded, credit.net), (23_500, 23_500, 0));
    assert_eq!(x.net_sales, 40_000 + 111_000 + 3_500 - 40_000);
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn exchange_credit_cannot_pay_an_ordinary_sale() {
    let (shop, mut ledger) = shop();
    let script: SaleScript = serde_json::from_str(
        r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"exchange","amount":"3500"}]}"#,
    )
    .unwrap();
    let e = checkout::sell(&mut ledger, &shop.config, &script, at("2026-11-22T09:00:00+07:00")).unwrap_err();
    assert!(e.to_string().contains("exchange credit comes only from goods returned"), "{e}");
    // Nor past the app, straight into the ledger.
    let (cart, _) = checkout::ring_up(
        &ledger,
        &shop.config,
        &serde_json::from_str(r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[]}"#).unwrap(),
    )
    .unwrap();
    let tenders = [kasir_core::Tender { kind: TenderKind::Exchange, amount: idr(3_500), reference: None }];
    let body = checkout::sale_body(&shop.config, &cart, &cart.totals(), &tenders, vec![]).unwrap();
    let e = ledger.commit("K01", Body::Sale(body), at("2026-11-22T09:00:00+07:00")).unwrap_err();
    assert!(e.to_string().contains("exchange credit pays only the sale of an exchange"), "{e}");
}

#[test]
fn a_request_sent_twice_is_committed_once() {
    let (shop, mut ledger) = shop();
    let sale: SaleScript = serde_json::from_str(
        r#"{"cashier":"K01","items":[{"sku":"SUS-1L","quantity":3}],
            "tenders":[{"kind":"cash","amount":"60000"}],"request_id":"pos-7f3a"}"#,
    )
    .unwrap();
    let first = checkout::sell(&mut ledger, &shop.config, &sale, at("2026-11-22T09:00:00+07:00")).unwrap();
    let again = checkout::sell(&mut ledger, &shop.config, &sale, at("2026-11-22T09:00:05+07:00")).unwrap();
    assert!(!first.repeated && again.repeated);
    assert_eq!((again.receipt_number.as_str(), again.total), (first.receipt_number.as_str(), first.total));
    assert_eq!(ledger.tip().unwrap().seq, 2, "one sale, not two");

    let back = r#"{"cashier":"K01","receipt":"S01-T01-000002","lines":[{"line":1,"quantity":1}],
        "refund":"cash","reason":"rusak","approval":{"manager":"M01","pin":"1234"},"request_id":"ret-1"}"#;
    let script: ReturnScript = serde_json::from_str(back).unwrap();
    let r1 = returns::process(&mut ledger, &shop.config, &script, at("2026-11-22T10:00:00+07:00")).unwrap();
    let r2 = returns::process(&mut ledger, &shop.config, &script, at("2026-11-22T10:00:09+07:00")).unwrap();
    assert!(!r1.repeated && r2.repeated);
    assert_eq!(r2.receipt_number, r1.receipt_number);
    assert_eq!(ledger.stock_level("SUS-1L").unwrap(), Quantity::units(-2), "one milk back, not two");

    let swap_json = r#"{"cashier":"K01","receipt":"S01-T01-000002","lines":[{"line":1,"quantity":1}],
        "items":[{"sku":"MIE-001"}],"reason":"tukar","approval":{"manager":"M01","pin":"1234"},"request_id":"ex-1"}"#;
    let e1 = swap(&mut ledger, &shop, swap_json).unwrap();
    let e2 = swap(&mut ledger, &shop, swap_json).unwrap();
    assert!(!e1.repeated && e2.repeated);
    assert_eq!((e2.return_receipt, e2.sale_receipt), (e1.return_receipt, e1.sale_receipt));
    assert_eq!(ledger.tip().unwrap().seq, 5);

    // A request id names one kind of document: reusing a sale's for a return is refused.
    let reused = back.replace("ret-1", "pos-7f3a");
    let script: ReturnScript = serde_json::from_str(&reused).unwrap();
    let e =
        returns::process(&mut ledger, &shop.config, &script, at("2026-11-22T11:00:00+07:00")).unwrap_err();
    assert!(e.to_string().contains("was used for a sale, not a return"), "{e}");
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn the_days_refusals_are_said_in_the_managers_language() {
    use kasir::messages::{Explain, Locale};
    let (shop, mut ledger) = shop();
    ring_up_the_day(&shop, &mut ledger);
    let (k01, m01) = (user(&ledger, "K01"), user(&ledger, "M01"));
    let table = kasir_core::policy::Permissions::DEFAULT;
    let at_nine = at("2026-11-22T21:00:00+07:00");

    let e = reports::x_report(&ledger, &table, &k01, at_nine).unwrap_err();
    assert_eq!(
        e.explain(Locale::Id),
        "Budi Santoso (K01) bukan manajer; laporan X hanya untuk manajer (lihat [permissions])"
    );
    assert_eq!(
        e.explain(Locale::En),
        "Budi Santoso (K01) is not a manager; the X is a manager's (see [permissions])"
    );

    shift::close(&mut ledger, &k01, count_of(573_000), at_nine).unwrap();
    reports::close_day(&mut ledger, &table, &m01, at("2026-11-22T21:30:00+07:00")).unwrap();
    let e = reports::close_day(&mut ledger, &table, &m01, at("2026-11-22T21:40:00+07:00")).unwrap_err();
    assert_eq!(
        e.explain(Locale::Id),
        "Z untuk 2026-11-22 sudah diambil; Z berikutnya menutup 2026-11-23 dan baru bisa diambil mulai hari itu"
    );
    assert!(
        e.explain(Locale::En).starts_with("The Z for 2026-11-22 is already taken"),
        "{}",
        e.explain(Locale::En)
    );

    // A Z with a shift still open is the ledger's refusal, in the same language.
    shift::open(&mut ledger, &k01, idr(100_000), at("2026-11-23T07:00:00+07:00")).unwrap();
    let e = reports::close_day(&mut ledger, &table, &m01, at("2026-11-23T21:00:00+07:00")).unwrap_err();
    let (id, en) = (e.explain(Locale::Id), e.explain(Locale::En));
    assert!(id != en && !id.is_empty() && !en.is_empty(), "{id} / {en}");
    assert!(en.contains("Shift 2"), "{en}");
}
