//! Users managed at head office reach the terminals of their stores over real HTTP: they log
//! in and sell after one sync, and a new PIN or a deactivation takes effect after the next.

mod common;

use std::time::Duration;

use common::Shop;
use common::headoffice::{HeadOffice, settings};
use kasir::store::LedgerError;
use kasir::store::side::SideStore;
use kasir::store::users::UserError;
use kasir::sync::Syncer;
use kasir_core::policy::Role;
use kasir_core::wire::{Change, ChangeItem, ChangePage, TaxClassRecord, UserRecord};
use kasir_headoffice::auth::hash_pin;
use kasir_headoffice::storage::NewUser;

fn on_terminal(code: &str, ho: &HeadOffice, token: &str) -> Shop {
    let toml = format!(
        "[terminal]\ncode = \"{code}\"\n[headoffice]\nurl = \"{}\"\ntoken = \"{token}\"\ntimeout_secs = 2\n",
        ho.url()
    );
    let env = kasir::app::config::Environment::default();
    Shop::with_config(kasir::app::config::Config::parse_with(&toml, "kasir.toml", &env).unwrap())
}

fn user(code: &str, name: &str, pin: &str, store: &str) -> NewUser {
    NewUser {
        code: code.into(),
        name: name.into(),
        role: Role::Cashier,
        pin_hash: hash_pin(code, pin).unwrap(),
        stores: vec![store.into()],
    }
}

fn sale_by(cashier: &str) -> String {
    format!(
        r#"{{"cashier":"{cashier}","items":[{{"sku":"MIE-001","quantity":2}}],"tenders":[{{"kind":"cash","amount":"10000"}}]}}"#
    )
}

#[test]
fn a_user_made_at_head_office_sells_here_until_deactivated_and_only_in_their_store() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let (ho, token) = rt.block_on(async {
        let ho = HeadOffice::start().await;
        let token = ho.terminal("S01", "T01").await;
        ho.storage.add_store("S02", "Toko Dua").await.unwrap();
        ho.storage.add_user(&user("K07", "Rina", "7070", "S01")).await.unwrap();
        ho.storage.add_user(&user("K08", "Dewi", "8080", "S02")).await.unwrap();
        (ho, token)
    });
    let shop = on_terminal("T01", &ho, &token);
    let syncer =
        Syncer::new(settings(&ho.url(), &token, Duration::from_secs(5)), &shop.ledger_path()).unwrap();
    let sync = || rt.block_on(syncer.once()).unwrap();
    let ledger = shop.ledger();
    assert!(matches!(ledger.authenticate("K07", "7070"), Err(UserError::Unknown(_))), "not before a sync");

    sync();
    let rina = ledger.authenticate("K07", "7070").unwrap();
    assert_eq!((rina.name.as_str(), rina.role), ("Rina", Role::Cashier));
    assert!(matches!(ledger.authenticate("K07", "0000"), Err(UserError::WrongPin(_))));
    let receipt = shop.sell(&sale_by("K07"));
    let cashier: String = common::sql(&ledger)
        .query_row("SELECT user_code FROM documents WHERE receipt_number = ?1", [&receipt], |r| r.get(0))
        .unwrap();
    assert_eq!(cashier, "K07");
    // S02's cashier never reaches an S01 terminal, not even as a row.
    assert!(matches!(ledger.authenticate("K08", "8080"), Err(UserError::Unknown(_))));
    let rows: i64 = common::sql(&ledger)
        .query_row("SELECT COUNT(*) FROM users WHERE code = 'K08'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0);

    // A new PIN at head office: after one sync the old one is refused and the new one works.
    rt.block_on(ho.storage.set_user_pin("K07", &hash_pin("K07", "7171").unwrap())).unwrap();
    sync();
    assert!(matches!(ledger.authenticate("K07", "7070"), Err(UserError::WrongPin(_))));
    ledger.authenticate("K07", "7171").unwrap();

    // Deactivated at head office: after one sync K07 can neither log in nor ring up a sale.
    rt.block_on(ho.storage.deactivate_user("K07")).unwrap();
    sync();
    let e = ledger.authenticate("K07", "7171").unwrap_err();
    assert!(matches!(e, UserError::Unknown(_)), "{e}");
    assert_eq!(e.to_string(), "no active user with code 'K07'");
    let script: kasir::sale::checkout::SaleScript = serde_json::from_str(&sale_by("K07")).unwrap();
    let refused = kasir::sale::checkout::sell(&mut shop.ledger(), &shop.config, &script, common::now());
    assert!(refused.unwrap_err().to_string().contains("no active user with code 'K07'"));
    // The terminal's own users are untouched.
    ledger.authenticate("K01", "1111").unwrap();
}

#[test]
fn a_user_whose_pin_hash_does_not_check_stops_the_page_and_nothing_of_it_is_applied() {
    let shop = Shop::new();
    let side = SideStore::open(&shop.ledger_path()).unwrap();
    let since = side.status().unwrap().feed_cursor;
    let page = ChangePage {
        changes: vec![
            Change {
                number: 1,
                item: ChangeItem::TaxClass(TaxClassRecord {
                    code: "PPN".into(),
                    rate_bp: 1200,
                    dpp: Default::default(),
                }),
            },
            Change {
                number: 2,
                item: ChangeItem::User(UserRecord {
                    code: "K09".into(),
                    name: "Sari".into(),
                    role: Role::Cashier,
                    pin_hash: "9999".into(),
                    active: true,
                }),
            },
        ],
        next: 2,
        more: false,
    };
    let e = side.apply_feed_page(since, &page).unwrap_err();
    match &e {
        LedgerError::FeedChange { number, message } => {
            assert_eq!(*number, 2);
            assert!(message.contains("user K09") && message.contains("not an argon2"), "{message}");
        }
        other => panic!("{other}"),
    }
    assert_eq!(side.status().unwrap().feed_cursor, since, "the cursor stays");
    let rate: i64 = common::sql(&shop.ledger())
        .query_row("SELECT rate_bp FROM tax_classes WHERE code = 'PPN'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rate, 1100, "the tax class before it in the page was not applied either");
    assert!(matches!(shop.ledger().authenticate("K09", "9999"), Err(UserError::Unknown(_))));
}
