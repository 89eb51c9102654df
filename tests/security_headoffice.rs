//! Wrong PINs and lockouts reach head office over real HTTP like documents: exactly once,
//! resent when an answer is lost, and a refusal of them stops neither documents nor the feed.

mod common;

use std::time::Duration;

use common::Shop;
use common::headoffice::{FaultProxy, HeadOffice, LOSE_ANSWER, settings};
use kasir::store::side::SideStore;
use kasir::store::users::UserError;
use kasir::sync::{SyncError, Syncer};
use kasir_core::wire::TaxClassRecord;
use kasir_headoffice::Storage;

/// (terminal, id, user, event) of what head office lists for store S01.
async fn at_head_office(ho: &dyn Storage) -> Vec<(String, u64, String, String)> {
    ho.security_events(Some("S01"), None)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (format!("{}-{}", e.store, e.terminal), e.id, e.user_code, e.event))
        .collect()
}

fn row(id: u64, event: &str) -> (String, u64, String, String) {
    ("S01-T01".to_owned(), id, "K01".to_owned(), event.to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_wrong_pins_and_the_lockout_reach_head_office_exactly_once() {
    let ho = HeadOffice::start().await;
    let token = ho.terminal("S01", "T01").await;
    let proxy = FaultProxy::start(ho.addr).await;
    let shop = Shop::new();
    let ledger = shop.ledger();
    assert!(matches!(ledger.authenticate("K01", "9999"), Err(UserError::WrongPin(_))));
    assert!(matches!(ledger.authenticate("K01", "9998"), Err(UserError::WrongPin(_))));
    assert!(matches!(ledger.authenticate("K01", "9997"), Err(UserError::LockedOut { .. })));
    let syncer =
        Syncer::new(settings(&proxy.url(), &token, Duration::from_secs(3)), &shop.ledger_path()).unwrap();

    // One sync: head office holds every failure and the lockout, for S01-T01 and K01.
    let report = syncer.once().await.unwrap();
    assert_eq!(report.security_events, 4);
    let expected = vec![row(1, "wrong_pin"), row(2, "wrong_pin"), row(3, "wrong_pin"), row(4, "locked_out")];
    assert_eq!(at_head_office(ho.storage.as_ref()).await, expected);
    let listed = ho.storage.security_events(None, None).await.unwrap();
    assert!(listed.iter().all(|e| e.place == "pin"));

    // A second sync sends nothing again.
    let side = SideStore::open(&shop.ledger_path()).unwrap();
    assert!(side.waiting_security_events(100).unwrap().events.is_empty());
    let again = syncer.once().await.unwrap();
    assert_eq!(again.security_events, 0);
    assert_eq!(at_head_office(ho.storage.as_ref()).await, expected, "no duplicates");

    // Still locked: the refusal is kept too. Head office stores it, but its answer is lost.
    assert!(matches!(ledger.authenticate("K01", "1111"), Err(UserError::LockedOut { .. })));
    syncer.push().await.unwrap();
    proxy.set(LOSE_ANSWER);
    let e = syncer.push_security_events().await.unwrap_err();
    assert!(matches!(e, SyncError::Unreachable { .. }), "{e}");
    assert_eq!(at_head_office(ho.storage.as_ref()).await.len(), 5, "head office committed it");
    assert_eq!(side.waiting_security_events(100).unwrap().events.len(), 1, "not counted delivered");
    // The next round sends it again; head office acknowledges it and keeps it once.
    let resent = syncer.once().await.unwrap();
    assert_eq!(resent.security_events, 0, "already stored");
    let mut expected = expected;
    expected.push(row(5, "refused_while_locked"));
    assert_eq!(at_head_office(ho.storage.as_ref()).await, expected);
    assert!(side.waiting_security_events(100).unwrap().events.is_empty());
    assert_eq!(syncer.once().await.unwrap().security_events, 0);
    assert_eq!(at_head_office(ho.storage.as_ref()).await, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_head_office_refuses_stop_neither_documents_nor_the_feed_and_are_reported() {
    let ho = HeadOffice::start().await;
    let token = ho.terminal("S01", "T01").await;
    let shop = Shop::new();
    let ledger = shop.ledger();
    assert!(matches!(ledger.authenticate("K01", "9999"), Err(UserError::WrongPin(_))));
    // A row head office will not take (nothing on a terminal writes this).
    common::sql(&ledger).execute("UPDATE security_events SET place = '' WHERE id = 1", []).unwrap();
    shop.sell(
        r#"{"cashier":"K01","items":[{"sku":"MIE-001","quantity":1}],"tenders":[{"kind":"cash","amount":"5000"}]}"#,
    );
    ho.storage
        .put_tax_class(&TaxClassRecord { code: "PPN".into(), rate_bp: 1200, dpp: Default::default() })
        .await
        .unwrap();
    let syncer =
        Syncer::new(settings(&ho.url(), &token, Duration::from_secs(3)), &shop.ledger_path()).unwrap();

    let e = syncer.once().await.unwrap_err();
    assert!(matches!(e, SyncError::Answer { status: 422, .. }), "{e}");
    assert!(e.to_string().contains("events[0] (id 1): place \"\""), "{e}");
    let status = syncer.status().unwrap();
    use kasir::messages::Explain;
    assert_eq!(status.last_error.as_deref(), Some(e.explain(kasir_core::Locale::En).as_str()), "reported");
    assert_eq!(
        status.last_error_in(kasir_core::Locale::Id),
        Some(e.explain(kasir_core::Locale::Id).as_str())
    );
    assert_eq!(status.waiting, 0, "the sale went");
    assert_eq!(ho.storage.terminals().await.unwrap()[0].last_seq, status.delivered_seq);
    assert!(status.feed_cursor > 0, "the feed came down");
    assert!(at_head_office(ho.storage.as_ref()).await.is_empty());

    common::sql(&ledger).execute("UPDATE security_events SET place = 'pin' WHERE id = 1", []).unwrap();
    assert_eq!(syncer.once().await.unwrap().security_events, 1);
    assert_eq!(at_head_office(ho.storage.as_ref()).await, [row(1, "wrong_pin")]);
    assert_eq!(syncer.status().unwrap().last_error, None);
}
