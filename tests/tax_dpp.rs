//! PPN 12 % on a DPP of 11/12 (PMK 131/2024), worked out by hand: a sale of a tax-inclusive
//! and a tax-exclusive product of class PPN12D, its receipt at 48 and 32 columns, a part
//! return and the Z, each DPP and PPN to the Rupiah.

mod common;

use common::{Shop, at};
use kasir::reports::{self, render};
use kasir::sale::checkout::{self, SaleScript};
use kasir::sale::receipt;
use kasir::sale::returns::{self, ReturnScript};
use kasir_core::Locale;
use kasir_core::document::Body;
use kasir_core::tax::DppBase;

/// The common shop with two products of the 2025 class: 12 % on DPP 11/12.
fn shop() -> (Shop, kasir::store::Ledger) {
    let shop = Shop::new();
    let ledger = shop.ledger();
    let csv = "sku,barcodes,name,category,unit,price,tax_class,price_includes_tax,sold_by_weight,active\n\
               TV-32,8990000000037,Televisi LED 32 inci,Elektronik,unit,111000,PPN12D,true,false,true\n\
               KRD-40,8990000000044,Kardus Mie Grosir isi 40,Grosir,dus,100000,PPN12D,false,false,true\n";
    ledger.import_catalogue(csv.as_bytes(), &shop.config.barcode.variable_measure).unwrap();
    (shop, ledger)
}

#[test]
fn a_sale_its_receipt_a_return_and_the_z_on_dpp_eleven_twelfths() {
    let (shop, mut ledger) = shop();
    let script: SaleScript = serde_json::from_str(
        r#"{"cashier":"K01","items":[{"sku":"TV-32","quantity":2},{"sku":"KRD-40"}],
            "tenders":[{"kind":"qris","amount":"333000"}]}"#,
    )
    .unwrap();
    let seq =
        checkout::sell(&mut ledger, &shop.config, &script, at("2026-11-22T10:00:00+07:00")).unwrap().seq;
    let doc = ledger.document(seq).unwrap().unwrap();
    let Body::Sale(sale) = &doc.body else { panic!() };

    // TV, 2 × 111.000 = 222.000 including tax: gross = net × (1 + 11/12 × 12 %) = net × 1,11,
    //   PPN = 222.000 × 13.200 / 133.200 = 22.000, net 200.000,
    //   DPP = 200.000 × 11/12 = 183.333,33 → 183.333 (12 % of it: 21.999,96 → 22.000).
    // Carton, 100.000 before tax: DPP = 100.000 × 11/12 = 91.666,67 → 91.667,
    //   PPN = 91.667 × 12 % = 11.000,04 → 11.000, gross 111.000.
    let lines: Vec<_> = sale.lines.iter().map(|l| (l.net, l.dpp, l.tax, l.gross)).collect();
    assert_eq!(lines, [(200_000, Some(183_333), 22_000, 222_000), (100_000, Some(91_667), 11_000, 111_000)]);
    assert!(sale.lines.iter().all(|l| l.dpp_base == DppBase::ELEVEN_TWELFTHS && l.tax_rate_bp == 1200));
    let taxes: Vec<_> =
        sale.taxes.iter().map(|t| (t.price_includes_tax, t.net, t.dpp, t.tax, t.gross)).collect();
    assert_eq!(
        taxes,
        [(false, 100_000, Some(91_667), 11_000, 111_000), (true, 200_000, Some(183_333), 22_000, 222_000)]
    );
    assert_eq!((sale.subtotal, sale.tax, sale.total), (322_000, 33_000, 333_000));
    // The document says so in its canonical JSON, as a fraction and an amount.
    let json = String::from_utf8(kasir_core::chain::canonical_bytes(&doc)).unwrap();
    assert!(json.contains(r#""price_includes_tax":true,"dpp_base":"11/12","dpp":183333}"#), "{json}");

    // The receipt: the carton is marked +PPN, its tax is added before TOTAL so that
    // 322.000 + 11.000 = 333.000, and each rate shows its DPP and its PPN.
    let text = receipt::sale_receipt(&doc, &shop.config, &Default::default(), 48).unwrap();
    let at_line = |needle: &str| {
        text.iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in\n{}", text.join("\n")))
    };
    assert!(text[at_line("Kardus Mie Grosir")].ends_with("+PPN"));
    assert!(!text[at_line("Televisi LED")].contains("+PPN"));
    assert!(text[at_line("Subtotal")].ends_with("Rp 322.000"));
    let added = at_line("PPN ditambahkan");
    assert!(text[added].ends_with("Rp 11.000"));
    assert_eq!(at_line("TOTAL"), added + 1);
    assert!(text[at_line("TOTAL")].ends_with("Rp 333.000"));
    assert!(text.contains(&receipt::pair("  DPP 12% Rp 91.667", "PPN Rp 11.000", 48)), "{}", text.join("\n"));
    assert!(
        text.contains(&receipt::pair("  DPP 12% Rp 183.333", "PPN Rp 22.000", 48)),
        "{}",
        text.join("\n")
    );
    for width in [48, 32] {
        let text = receipt::sale_receipt(&doc, &shop.config, &Default::default(), width).unwrap();
        // (The store's own name and address, above, are the shop's to keep short.)
        for l in text.iter().skip(3).flat_map(|l| l.split('\n')) {
            assert!(l.chars().count() <= width, "{l:?} is wider than {width}");
        }
    }

    // One TV comes back: half the line, PPN 11.000, gross 111.000, net 100.000, and the
    // DPP 183.333 × 1/2 = 91.666,5 → 91.667 (half away from zero).
    let back: ReturnScript = serde_json::from_str(&format!(
        r#"{{"cashier":"K01","receipt":"{}","lines":[{{"line":1,"quantity":1}}],"refund":"qris",
            "reason":"rusak","approval":{{"manager":"M01","pin":"1234"}}}}"#,
        doc.header.receipt_number
    ))
    .unwrap();
    let out = returns::process(&mut ledger, &shop.config, &back, at("2026-11-22T11:00:00+07:00")).unwrap();
    let rseq: u64 = out.receipt_number[8..].parse().unwrap();
    let Body::Return(r) = ledger.document(rseq).unwrap().unwrap().body else { panic!() };
    let l = &r.lines[0];
    assert_eq!((l.net, l.dpp, l.tax, l.gross), (100_000, Some(91_667), 11_000, 111_000));
    assert_eq!(r.taxes[0].dpp, Some(91_667));

    // The Z: inclusive DPP 183.333 − 91.667 = 91.666 with PPN 22.000 − 11.000 = 11.000;
    // exclusive DPP 91.667 with PPN 11.000.
    let m01 = ledger.user("M01").unwrap();
    // The drawer holds just the float (the day was paid by QRIS).
    let float = vec![kasir_core::shift::DenominationCount { value: 100_000, count: 5 }];
    kasir::sale::shift::close(&mut ledger, &m01, float, at("2026-11-22T21:00:00+07:00")).unwrap();
    let z = reports::close_day(
        &mut ledger,
        &kasir_core::policy::Permissions::DEFAULT,
        &m01,
        at("2026-11-22T21:30:00+07:00"),
    )
    .unwrap();
    let Body::DayClose(day) = &z.document.body else { panic!() };
    let rep = &day.report;
    let taxes: Vec<_> = rep
        .taxes
        .iter()
        .map(|t| (t.tax_class.as_str(), t.price_includes_tax, t.net, t.dpp, t.tax, t.gross))
        .collect();
    assert_eq!(
        taxes,
        [
            ("PPN12D", false, 100_000, Some(91_667), 11_000, 111_000),
            ("PPN12D", true, 100_000, Some(91_666), 11_000, 111_000),
        ]
    );
    assert_eq!(rep.tax, 22_000);
    let heading = render::Heading {
        title: "Z 1".into(),
        store: "S01".into(),
        terminal: "T01".into(),
        period: "2026-11-22".into(),
        printed_at: "2026-11-22 21:30".into(),
        kind: kasir::reports::ReportKind::Z {
            number: 1,
            business_date: "2026-11-22".parse().unwrap(),
            receipt: "S01-T01-000004".into(),
        },
    };
    let text = render::text_width(&heading, rep, Locale::Id, 48);
    assert!(text.contains(&receipt::pair("    DPP 11/12", "Rp 91.666", 48)), "{text}");
    assert!(text.contains(&receipt::pair("    DPP 11/12", "Rp 91.667", 48)), "{text}");
    let csv = render::csv(&heading, rep);
    assert!(csv.contains("dpp 11/12"), "{csv}");
    assert!(ledger.verify().unwrap().is_ok());
}
