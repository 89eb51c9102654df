//! Issue 12: one `[permissions]` table decides who may do what alone, for the library, the
//! commands and the screen alike.

mod common;

use std::process::{Command, Stdio};

use common::gui::{approve, edit_line, log_in, scan, sell_state, send, start};
use common::{Shop, count, now};
use kasir::app::config::Config;
use kasir::gui::{Message, sell};
use kasir::sale::checkout::{self, SaleScript};
use kasir::sale::shift;
use kasir_core::document::Body;
use kasir_core::policy::{Action, Permissions, Role};
use kasir_core::{Currency, Money};

fn idr(n: i64) -> Money {
    Money::from_minor(n, Currency::IDR)
}

#[test]
fn a_cashiers_cash_out_waits_for_a_manager_and_records_who_approved() {
    let shop = Shop::new();
    let mut ledger = shop.ledger();
    let (k01, m01, k02) =
        (ledger.user("K01").unwrap(), ledger.user("M01").unwrap(), ledger.user("K02").unwrap());
    let table = &shop.config.permissions;
    let before = ledger.tip().unwrap().seq;
    let e = shift::move_cash(&mut ledger, table, &k01, false, idr(50_000), "beli galon", None, now())
        .unwrap_err();
    assert!(matches!(e, shift::ShiftError::ApprovalRequired { .. }), "{e}");
    assert!(e.to_string().contains("manager"), "{e}");
    let e = shift::move_cash(&mut ledger, table, &k01, false, idr(50_000), "beli galon", Some(&k02), now())
        .unwrap_err();
    assert!(matches!(e, shift::ShiftError::ApproverNotAllowed { .. }), "{e}");
    assert_eq!(ledger.tip().unwrap().seq, before, "refusals wrote nothing");

    // Cash in stays a cashier's own.
    shift::move_cash(&mut ledger, table, &k01, true, idr(10_000), "uang kecil", None, now()).unwrap();
    let c = shift::move_cash(&mut ledger, table, &k01, false, idr(50_000), "beli galon", Some(&m01), now())
        .unwrap();
    let Body::CashOut(out) = &c.document.body else { panic!("a cash-out") };
    assert_eq!(out.approver.as_deref(), Some("M01"));
    let row: (String, String, String) = common::sql(&ledger)
        .query_row(
            "SELECT action, approver, reason FROM approvals WHERE seq = ?1",
            [c.document.header.seq],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(row, ("cash_out".into(), "M01".into(), "beli galon".into()));
    // A cash-in needs no approval, so its document has no approver field at all.
    assert_eq!(count(&ledger, "approvals"), 1);
}

#[test]
fn a_supervisor_does_what_the_table_gives_supervisors() {
    let mut config = Config::embedded();
    config.permissions = Permissions::DEFAULT.with(Action::CashOut, Role::Supervisor);
    let shop = Shop::with_config(config);
    let mut ledger = shop.ledger();
    ledger.add_user("S01", "Sari", Role::Supervisor, "5555").unwrap();
    let (k01, s01) = (ledger.user("K01").unwrap(), ledger.user("S01").unwrap());
    assert_eq!(s01.role, Role::Supervisor, "the users table takes a supervisor");
    let table = &shop.config.permissions;
    shift::move_cash(&mut ledger, table, &s01, false, idr(20_000), "parkir", None, now()).unwrap();
    let c =
        shift::move_cash(&mut ledger, table, &k01, false, idr(20_000), "parkir", Some(&s01), now()).unwrap();
    let Body::CashOut(out) = &c.document.body else { panic!("a cash-out") };
    assert_eq!(out.approver.as_deref(), Some("S01"));
    // Under the default table a supervisor may neither take cash out alone nor approve it.
    let default = Permissions::DEFAULT;
    let e = shift::move_cash(&mut ledger, &default, &s01, false, idr(1), "x", None, now()).unwrap_err();
    assert!(matches!(e, shift::ShiftError::ApprovalRequired { .. }), "{e}");
    assert!(ledger.authenticate_approver("S01", "5555", &default, &[Action::CashOut]).is_err());
    assert!(ledger.authenticate_approver("S01", "5555", table, &[Action::CashOut]).is_ok());
}

const OVERRIDE: &str = r#"{"cashier":"CASHIER","items":[{"sku":"MIE-001","price":"3000"}],
    "tenders":[{"kind":"cash","amount":"3000"}]}"#;

#[test]
fn a_configured_price_override_changes_who_may_do_it() {
    let config = Config::parse("[permissions]\nprice_override = \"supervisor\"\n", "kasir.toml").unwrap();
    assert_eq!(config.permissions.least(Action::PriceOverride), Role::Supervisor);
    let shop = Shop::with_config(config);
    let mut ledger = shop.ledger();
    ledger.add_user("S01", "Sari", Role::Supervisor, "5555").unwrap();
    let script =
        |who: &str| -> SaleScript { serde_json::from_str(&OVERRIDE.replace("CASHIER", who)).unwrap() };
    let e = checkout::sell(&mut ledger, &shop.config, &script("K01"), now()).unwrap_err();
    assert!(e.to_string().contains("price_override"), "{e}");
    checkout::sell(&mut ledger, &shop.config, &script("S01"), now()).unwrap();
    // Under the defaults the supervisor would need a manager.
    let plain = Shop::new();
    let mut other = plain.ledger();
    other.add_user("S01", "Sari", Role::Supervisor, "5555").unwrap();
    assert!(checkout::sell(&mut other, &plain.config, &script("S01"), now()).is_err());
}

#[test]
fn an_unknown_action_or_role_in_permissions_is_refused_naming_key_and_file() {
    let e =
        Config::parse("[permissions]\nrefund = \"manager\"\n", "/etc/kasir.toml").unwrap_err().to_string();
    assert!(e.contains("/etc/kasir.toml") && e.contains("permissions.refund"), "{e}");
    let e = Config::parse("[permissions]\ncash_out = \"boss\"\n", "kasir.toml").unwrap_err().to_string();
    assert!(e.contains("kasir.toml") && e.contains("permissions.cash_out"), "{e}");
    // The old key still means what it did; both at once are refused.
    let old = Config::parse("[returns]\nmanager_approval = false\n", "kasir.toml").unwrap();
    assert_eq!(old.permissions.least(Action::Return), Role::Cashier);
    let both = "[returns]\nmanager_approval = false\n[permissions]\nreturn = \"manager\"\n";
    assert!(Config::parse(both, "kasir.toml").is_err());
    assert_eq!(Config::embedded().permissions, Permissions::DEFAULT);
}

fn kasir(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kasir"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("KASIR_CONFIG")
        .env_remove("KASIR_PIN")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn the_cli_cash_out_of_a_cashier_needs_a_managers_code_and_pin() {
    let dir = tempfile::tempdir().unwrap();
    assert!(kasir(dir.path(), &["init", "--demo"]).status.success());
    let docs = || {
        let out = kasir(dir.path(), &["ledger", "verify"]);
        // "OK: N dokumen terverifikasi dalam … ; hash terakhir H": the count and the hash, not
        // the timing.
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        (text.split(" terverifikasi").next().map(str::to_owned), text.rsplit(' ').next().map(str::to_owned))
    };
    let before = docs();
    let base = ["shift", "cash-out", "50000", "--user", "K01", "--pin", "1111", "--reason", "beli galon"];
    let out = kasir(dir.path(), &base);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("perlu persetujuan manajer (kode dan PIN) untuk kas keluar"), "{err}");
    assert_eq!(docs(), before, "a refused cash-out writes nothing");
    let out = kasir(dir.path(), &[&base[..], &["--manager", "K02", "--manager-pin", "2222"]].concat());
    assert!(!out.status.success(), "a cashier cannot approve it");
    let out = kasir(dir.path(), &[&base[..], &["--manager", "M01", "--manager-pin", "1234"]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Kas keluar Rp 50.000"));
}

#[test]
fn a_cashiers_quantity_decrease_waits_for_a_manager_on_screen() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    scan(&mut app, "8991002101234");
    let line = sell_state(&app).cart.lines()[0].clone();
    assert_eq!(line.quantity, kasir_core::Quantity::units(2));
    send(&mut app, Message::Sell(sell::Message::Less(line.id)));
    assert!(sell_state(&app).approver.is_some(), "the − asks for an approval");
    assert_eq!(sell_state(&app).cart.lines()[0].quantity, kasir_core::Quantity::units(2), "not yet lowered");
    approve(&mut app, "K02", "2222", "salah scan");
    assert_eq!(
        sell_state(&app).cart.lines()[0].quantity,
        kasir_core::Quantity::units(2),
        "a cashier may not"
    );
    send(&mut app, Message::Sell(sell::Message::Dismiss));
    send(&mut app, Message::Sell(sell::Message::Less(line.id)));
    approve(&mut app, "M01", "1234", "salah scan");
    let state = sell_state(&app);
    assert!(state.approver.is_none());
    assert_eq!(state.cart.lines()[0].quantity, kasir_core::Quantity::units(1));
    assert!(state.approvals.iter().any(|a| a.action == Action::DecreaseQuantity && a.approver == "M01"));
}

#[test]
fn lowering_a_quantity_in_the_line_editor_waits_for_a_manager_too() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    for _ in 0..3 {
        scan(&mut app, "8991002101234");
    }
    let id = sell_state(&app).cart.lines()[0].id;
    edit_line(&mut app, id, &[sell::Message::EditorQuantity("1".into())]);
    let state = sell_state(&app);
    assert!(state.approver.is_some(), "typing a lower quantity asks for an approval as − does");
    approve(&mut app, "M01", "1234", "salah scan");
    let state = sell_state(&app);
    assert_eq!(state.cart.lines()[0].quantity, kasir_core::Quantity::units(1));
    assert!(state.approvals.iter().any(|a| a.action == Action::DecreaseQuantity && a.approver == "M01"));
    // Raising it again needs nobody.
    edit_line(&mut app, id, &[sell::Message::EditorQuantity("2".into())]);
    assert!(sell_state(&app).approver.is_none());
    assert_eq!(sell_state(&app).cart.lines()[0].quantity, kasir_core::Quantity::units(2));
}
