//! Wrong PINs lock a user out, per user and across restarts, wherever the PIN is typed (the
//! screen's login and approvals and the commands all go through `Ledger::authenticate`), and
//! every failure and lockout is kept.

mod common;

use common::Shop;
use kasir::store::users::UserError;

#[test]
fn three_wrong_pins_lock_the_user_even_after_a_restart_and_every_failure_is_kept() {
    let shop = Shop::new();
    let ledger = shop.ledger();
    assert!(matches!(ledger.authenticate("K01", "9999"), Err(UserError::WrongPin(_))));
    assert!(matches!(ledger.authenticate("K01", "9998"), Err(UserError::WrongPin(_))));
    let third = ledger.authenticate("K01", "9997").unwrap_err();
    assert!(matches!(third, UserError::LockedOut { seconds: 5, .. }), "{third}");
    assert_eq!(third.to_string(), "too many wrong PINs for K01; try again in 5 s");
    // Another user is not locked: the count is per user.
    assert_eq!(ledger.authenticate("K02", "2222").unwrap().code, "K02");
    drop(ledger);

    // Switched off and on: still locked, the right PIN too; and a manager's approval with
    // K01's code would be refused the same way (it is the same check).
    let ledger = shop.ledger();
    let again = ledger.authenticate("K01", "1111").unwrap_err();
    assert!(matches!(again, UserError::LockedOut { .. }), "{again}");

    // Once the lock has run out the right PIN works and the count starts again.
    common::sql(&ledger)
        .execute(
            "UPDATE pin_failures SET locked_until = '2020-01-01T00:00:00+00:00' WHERE user_code = 'K01'",
            [],
        )
        .unwrap();
    assert_eq!(ledger.authenticate("K01", "1111").unwrap().code, "K01");
    assert!(matches!(ledger.authenticate("K01", "9999"), Err(UserError::WrongPin(_))));

    let events: Vec<(String, String)> = common::sql(&ledger)
        .prepare("SELECT user_code, event FROM security_events ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let events: Vec<(&str, &str)> = events.iter().map(|(u, e)| (u.as_str(), e.as_str())).collect();
    assert_eq!(
        events,
        [
            ("K01", "wrong_pin"),
            ("K01", "wrong_pin"),
            ("K01", "wrong_pin"),
            ("K01", "locked_out"),
            ("K01", "refused_while_locked"),
            ("K01", "wrong_pin"),
        ]
    );
}

#[test]
fn a_locked_out_manager_cannot_approve_from_a_script_either() {
    let shop = Shop::new();
    let ledger = shop.ledger();
    for pin in ["0000", "0001", "0002"] {
        let _ = ledger.authenticate_manager("M01", pin);
    }
    drop(ledger);
    let json = r#"{"cashier":"K01","items":[{"sku":"MIE-001","price":"3000"}],
        "approval":{"manager":"M01","pin":"1234","reason":"harga promo"},
        "tenders":[{"kind":"cash","amount":"5000"}]}"#;
    let script: kasir::sale::checkout::SaleScript = serde_json::from_str(json).unwrap();
    let e =
        kasir::sale::checkout::sell(&mut shop.ledger(), &shop.config, &script, common::now()).unwrap_err();
    assert!(e.to_string().contains("too many wrong PINs for M01"), "{e}");
}
