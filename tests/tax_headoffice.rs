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

    ho.storage.put_tax_class(&TaxClassRecord { code: "PPN".into(), rate_bp: 1200 }).await.unwrap();
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
