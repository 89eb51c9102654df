//! The drawer on the checkout screen: a cash sale whose drawer does not open says so on the
//! receipt screen, in words; a no-sale is recorded with what the drawer did.

mod common;

use common::gui::{approve, log_in, scan, send, start_with};
use kasir::app::config::Drawer;
use kasir::gui::{Message, Screen, payment, sell};
use kasir::messages::{Explain, Locale};
use kasir_core::document::{Body, DrawerOutcome};

#[test]
fn a_cash_sale_whose_drawer_does_not_open_says_so_on_the_receipt_screen() {
    let (_shop, mut app) =
        start_with(|c| c.printer.drawer = Drawer::Serial("serial:/dev/ttyKASIRNOPE0".into()));
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    send(&mut app, Message::Sell(sell::Message::Pay));
    send(&mut app, Message::Payment(payment::Message::Kind(kasir_core::TenderKind::Cash)));
    send(&mut app, Message::Payment(payment::Message::Exact));
    send(&mut app, Message::Payment(payment::Message::Complete));
    let Screen::Receipt(r) = &app.screen else { panic!("the sale completed") };
    let why = r.drawer.as_ref().expect("the drawer's trouble is on screen").explain(Locale::Id);
    assert!(why.contains("Laci tidak terbuka") && why.contains("port tidak ada"), "{why}");
}

#[test]
fn a_card_sale_leaves_the_drawer_alone() {
    let (_shop, mut app) =
        start_with(|c| c.printer.drawer = Drawer::Serial("serial:/dev/ttyKASIRNOPE0".into()));
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    common::gui::pay_exact_by_card(&mut app);
    let Screen::Receipt(r) = &app.screen else { panic!() };
    assert!(r.drawer.is_none(), "no drawer for a card sale");
}

#[test]
fn a_no_sale_is_recorded_with_the_drawer_that_did_not_open() {
    let (shop, mut app) =
        start_with(|c| c.printer.drawer = Drawer::Serial("serial:/dev/ttyKASIRNOPE0".into()));
    log_in(&mut app, "K01", "1111");
    send(&mut app, Message::Sell(sell::Message::NoSale));
    approve(&mut app, "M01", "1234", "tukar uang kecil");
    let Body::NoSale(n) = shop.ledger().document(2).unwrap().unwrap().body else { panic!("a no-sale") };
    let Some(DrawerOutcome::DidNotOpen { reason }) = n.drawer else { panic!("{:?}", n.drawer) };
    assert!(reason.contains("no such port"), "{reason}");
    let (_, said) = common::gui::sell_state(&app).notice_text(Locale::Id).unwrap();
    assert!(said.contains("S01-T01-000002") && said.contains("Laci tidak terbuka"), "{said}");
}
