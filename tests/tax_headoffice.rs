//! Head office's tax classes are authoritative once a terminal has received them: a restart
//! does not put `kasir.toml`'s rates back over them. Over real HTTP on loopback.

mod common;

use std::time::Duration;

use common::Shop;
use common::headoffice::{HeadOffice, settings};
use kasir::sync::Syncer;
use kasir_core::document::Body;
use kasir_core::wire::TaxClassRecord;

const SALE: &str =
    r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"cash","amount":"3500"}]}"#;

fn ppn_rate(shop: &Shop) -> u32 {
    let classes = shop.ledger().tax_classes().unwrap();
    classes.iter().find(|c| c.code == "PPN").unwrap().rate.basis_points()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_keeps_head_offices_tax_rate_over_the_configs() {
    let ho = HeadOffice::start().await;
    let token = ho.terminal("S01", "T01").await;
    let shop = Shop::new();
    assert_eq!(ppn_rate(&shop), 1100, "kasir.toml's 11 % seeds a terminal that never synced");

    ho.storage
        .put_tax_class(&TaxClassRecord { code: "PPN".into(), rate_bp: 1200, dpp: Default::default() })
        .await
        .unwrap();
    let syncer =
        Syncer::new(settings(&ho.url(), &token, Duration::from_secs(5)), &shop.ledger_path()).unwrap();
    let report = syncer.once().await.unwrap();
    assert!(report.changes_applied >= 1);
    drop(syncer);

    // `shop.ledger()` opens the ledger as every start of the terminal does, with the config's
    // classes (PPN 11 %) at hand: head office's 12 % stays, and the next sale is taxed at it.
    assert_eq!(ppn_rate(&shop), 1200);
    let receipt = shop.sell(SALE);
    let seq: u64 = receipt.rsplit('-').next().unwrap().parse().unwrap();
    let Body::Sale(sale) = shop.ledger().document(seq).unwrap().unwrap().body else { panic!() };
    // 3.500 including 12 %: 3.500 × 12 / 112 = 375.
    assert_eq!((sale.lines[0].tax_rate_bp, sale.lines[0].tax), (1200, 375));
    assert_eq!(ppn_rate(&shop), 1200, "and after yet another start");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dpp_class_from_head_office_taxes_the_next_sale_on_its_base() {
    let ho = HeadOffice::start().await;
    let token = ho.terminal("S01", "T01").await;
    let shop = Shop::new();
    let dpp = kasir_core::tax::DppBase::new(11, 12).unwrap();
    let s = ho.storage.as_ref();
    s.put_tax_class(&TaxClassRecord { code: "PPN12D".into(), rate_bp: 1200, dpp }).await.unwrap();
    s.put_product(&kasir_core::wire::ProductRecord {
        sku: "MNY-002".into(),
        name: "Minyak Goreng 2 L".into(),
        category: "Sembako".into(),
        unit: "btl".into(),
        price: 111_000,
        tax_class: "PPN12D".into(),
        price_includes_tax: true,
        sold_by_weight: false,
        active: true,
        barcodes: vec![],
    })
    .await
    .unwrap();
    let syncer =
        Syncer::new(settings(&ho.url(), &token, Duration::from_secs(5)), &shop.ledger_path()).unwrap();
    syncer.once().await.unwrap();
    drop(syncer);

    let receipt = shop.sell(
        r#"{"cashier":"K01","items":[{"sku":"MNY-002"}],"tenders":[{"kind":"card","amount":"111000"}]}"#,
    );
    let seq: u64 = receipt.rsplit('-').next().unwrap().parse().unwrap();
    let Body::Sale(sale) = shop.ledger().document(seq).unwrap().unwrap().body else { panic!() };
    let line = &sale.lines[0];
    // 111.000 including 12 % on 11/12 of the net: PPN = 111.000 × 0,11 / 1,11 = 11.000, net
    // 100.000, DPP 100.000 × 11/12 = 91.666,67 → 91.667.
    assert_eq!((line.net, line.tax, line.dpp_base, line.dpp), (100_000, 11_000, dpp, Some(91_667)));
}
