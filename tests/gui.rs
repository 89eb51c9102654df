//! The checkout screen driven without a display: iced_test's simulator clicks and types on
//! the real views, its messages go through the real `update`, and the tasks `update` returns
//! run against a real ledger on the back-end thread.

mod common;

use common::Shop;
use iced::keyboard::key::Named;
use iced::{Element, Task};
use iced_test::{Simulator, selector};
use kasir::gui::{App, Message, Screen, login, payment, sell};
use kasir::ledger::Ledger;
use kasir::service::Terminal;
use kasir_core::document::Body;

/// Runs a task to completion and feeds every message it yields back into the app, until
/// nothing is left to run. Widget operations (focus) have no window here and are skipped.
fn drive(app: &mut App, task: Task<Message>) {
    let mut pending = vec![task];
    while let Some(task) = pending.pop() {
        let Some(stream) = iced_runtime::task::into_stream(task) else { continue };
        let actions: Vec<_> = futures::executor::block_on(futures::StreamExt::collect(stream));
        for action in actions {
            if let iced_runtime::Action::Output(message) = action {
                pending.push(app.update(message));
            }
        }
    }
}

fn send(app: &mut App, message: Message) {
    let task = app.update(message);
    drive(app, task);
}

fn simulate(app: &mut App, script: impl FnOnce(&mut Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let element: Element<'_, Message> = app.view();
        let mut ui = iced_test::simulator(element);
        script(&mut ui);
        ui.into_messages().collect()
    };
    for m in messages {
        send(app, m);
    }
}

fn start() -> (Shop, App) {
    let shop = Shop::new();
    let terminal = Terminal::start(shop.paths.clone(), shop.config.clone()).unwrap();
    let (mut app, boot) = App::new(terminal, shop.config.clone());
    drive(&mut app, boot);
    (shop, app)
}

fn log_in(app: &mut App, code: &str, pin: &str) {
    send(app, Message::Login(login::Message::Select(code.into())));
    for d in pin.chars() {
        send(app, Message::Login(login::Message::Digit(d)));
    }
    send(app, Message::Login(login::Message::Submit));
}

fn sell_state(app: &App) -> &sell::State {
    match &app.screen {
        Screen::Sell(s) => s,
        _ => panic!("not on the checkout screen"),
    }
}

fn scan(app: &mut App, code: &str) {
    simulate(app, |ui| {
        ui.click(selector::id(sell::SCAN_ID)).expect("the scan field is on screen");
        ui.typewrite(code);
        ui.tap_key(Named::Enter);
    });
}

#[test]
fn log_in_scan_change_quantity_pay_cash_and_the_sale_is_in_the_ledger() {
    let (shop, mut app) = start();
    assert!(matches!(app.screen, Screen::Login(_)));

    // The PIN pad, clicked: Budi Santoso, 1-1-1-1, Enter.
    simulate(&mut app, |ui| {
        ui.click("Budi Santoso").unwrap();
        for _ in 0..4 {
            ui.click("1").unwrap();
        }
        ui.click("Masuk (Enter)").unwrap();
    });
    assert!(matches!(app.screen, Screen::Sell(_)), "logged in");
    assert_eq!(app.cashier.as_ref().unwrap().code, "K01");

    scan(&mut app, "8991002101234"); // Indomie, Rp 3.500
    scan(&mut app, "8992388101016"); // Aqua, Rp 4.000
    scan(&mut app, "2100123012503"); // beras, 1.25 kg × Rp 15.000
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 3, "{:?}", state.notice);
    let indomie = state.cart.lines()[0].id;
    send(&mut app, Message::Sell(sell::Message::More(indomie)));
    send(&mut app, Message::Sell(sell::Message::More(indomie)));
    let total = sell_state(&app).cart.totals().total;
    assert_eq!(total.minor(), 3 * 3_500 + 4_000 + 18_750);

    // The total is on screen, formatted the Indonesian way.
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Rp 33.250").is_ok());
    drop(ui);

    send(&mut app, Message::Sell(sell::Message::Pay));
    assert!(matches!(app.screen, Screen::Payment(_)));
    simulate(&mut app, |ui| {
        ui.click("Rp 50.000").unwrap();
    });
    let Screen::Payment(p) = &app.screen else { panic!() };
    let settled = p.settlement(&app.ctx).unwrap();
    assert_eq!(settled.change.minor(), 50_000 - 33_300, "Rp 33.250 rounds to Rp 33.300 in cash");
    send(&mut app, Message::Payment(payment::Message::Complete));
    let Screen::Receipt(r) = &app.screen else { panic!("the sale did not complete") };
    assert_eq!(r.done.receipt_number, "S01-T01-000001");
    assert!(
        r.done.lines.iter().any(|l| l.contains("TOTAL") && l.contains("Rp 33.250")),
        "{:#?}",
        r.done.lines
    );

    let ledger = Ledger::open(&shop.ledger_path()).unwrap();
    let doc = ledger.document(1).unwrap().unwrap();
    let Body::Sale(sale) = doc.body else { panic!() };
    assert_eq!((sale.total, sale.rounding, sale.change), (33_250, 50, 16_700));
    assert_eq!(sale.lines[0].quantity, kasir_core::Quantity::units(3));
    assert_eq!(doc.header.user, "K01");
    assert!(ledger.verify().unwrap().is_ok());

    // One key for the next customer.
    send(&mut app, Message::Receipt(kasir::gui::receipt::Message::Next));
    assert!(sell_state(&app).cart.is_empty());
}

#[test]
fn a_wrong_pin_is_refused_and_repeated_failures_lock_the_pad() {
    let (_shop, mut app) = start();
    for _ in 0..3 {
        log_in(&mut app, "K01", "9999");
    }
    let Screen::Login(state) = &app.screen else { panic!("must stay on login") };
    assert_eq!(state.failures, 3);
    assert!(state.locked_until.is_some());
    // Even the right PIN waits out the lockout.
    log_in(&mut app, "K01", "1111");
    let Screen::Login(state) = &app.screen else { panic!("locked out, must stay on login") };
    assert!(state.error.as_deref().unwrap_or("").contains("tunggu"), "{:?}", state.error);
}

#[test]
fn voiding_a_line_needs_a_manager_pin_and_is_recorded_with_the_sale() {
    let (shop, mut app) = start();
    log_in(&mut app, "K02", "2222");
    scan(&mut app, "8991002101234");
    scan(&mut app, "8993007000017");
    let milk = sell_state(&app).cart.lines()[1].id;

    // A wrong manager PIN changes nothing.
    send(&mut app, Message::Sell(sell::Message::VoidLine(milk)));
    for m in [
        sell::Message::ApproverManager("M01".into()),
        sell::Message::ApproverPin("0000".into()),
        sell::Message::ApproverReason("salah scan".into()),
        sell::Message::ApproverSubmit,
    ] {
        send(&mut app, Message::Sell(m));
    }
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 2);
    assert!(state.approver.as_ref().unwrap().error.as_deref().unwrap().contains("wrong PIN for M01"));

    // A cashier cannot approve.
    for m in [
        sell::Message::ApproverManager("K01".into()),
        sell::Message::ApproverPin("1111".into()),
        sell::Message::ApproverSubmit,
    ] {
        send(&mut app, Message::Sell(m));
    }
    assert!(sell_state(&app).approver.as_ref().unwrap().error.as_deref().unwrap().contains("not a manager"));

    for m in [
        sell::Message::ApproverManager("M01".into()),
        sell::Message::ApproverPin("1234".into()),
        sell::Message::ApproverSubmit,
    ] {
        send(&mut app, Message::Sell(m));
    }
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 1, "the line is gone");
    assert!(state.approver.is_none());

    send(&mut app, Message::Sell(sell::Message::Pay));
    send(&mut app, Message::Payment(payment::Message::Kind(kasir_core::TenderKind::Qris)));
    send(&mut app, Message::Payment(payment::Message::Exact));
    send(&mut app, Message::Payment(payment::Message::Complete));
    assert!(matches!(app.screen, Screen::Receipt(_)));
    let ledger = Ledger::open(&shop.ledger_path()).unwrap();
    let (action, approver, reason): (String, String, String) = ledger
        .conn()
        .query_row("SELECT action, approver, reason FROM approvals WHERE seq = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((action.as_str(), approver.as_str()), ("void_line", "M01"));
    assert!(reason.starts_with("salah scan (Ultra Milk"), "{reason}");
}

#[test]
fn an_unknown_barcode_is_a_notice_and_the_field_is_ready_again() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991111111117");
    let state = sell_state(&app);
    assert!(state.cart.is_empty());
    assert_eq!(state.input, "");
    let (kind, text) = state.notice.clone().unwrap();
    assert_eq!(kind, sell::NoticeKind::Error);
    assert_eq!(text, "no product has barcode 8991111111117");
}

#[test]
fn typing_a_name_searches_and_enter_takes_the_first_result() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    simulate(&mut app, |ui| {
        ui.click(selector::id(sell::SCAN_ID)).unwrap();
        ui.typewrite("ultra");
    });
    assert_eq!(sell_state(&app).results.len(), 1);
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Ultra Milk Coklat 1 L").is_ok());
    drop(ui);
    send(&mut app, Message::Sell(sell::Message::Submit));
    let state = sell_state(&app);
    assert_eq!(state.cart.lines()[0].product.sku, "SUS-1L");
    assert!(state.results.is_empty());
}

#[test]
fn a_parked_cart_survives_a_restart_and_is_recalled_once() {
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    scan(&mut app, "8991002101234");
    scan(&mut app, "8993007000017");
    send(&mut app, Message::Sell(sell::Message::Park));
    let state = sell_state(&app);
    assert!(state.cart.is_empty(), "a new, empty cart for the next customer");
    assert!(state.notice.as_ref().unwrap().1.contains("#1"), "{:?}", state.notice);
    drop(app);

    // The prices change and the terminal restarts: the parked cart keeps its prices.
    let mut ledger = shop.ledger();
    kasir::catalogue::import::import_csv(
        ledger.conn(),
        "sku,name,price,tax_class\nMIE-001,Indomie Mi Goreng Original 85 g,9900,PPN\n".as_bytes(),
        shop.config.currency(),
        &shop.config.barcode.variable_measure,
    )
    .unwrap();
    let _ = &mut ledger;
    let terminal = Terminal::start(shop.paths.clone(), shop.config.clone()).unwrap();
    let (mut app, boot) = App::new(terminal, shop.config.clone());
    drive(&mut app, boot);
    log_in(&mut app, "K02", "2222");
    send(&mut app, Message::Sell(sell::Message::ShowParked));
    let list = sell_state(&app).parked.clone().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].total.minor(), 2 * 3_500 + 20_000);
    send(&mut app, Message::Sell(sell::Message::Recall(list[0].id)));
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 2);
    assert_eq!(state.cart.lines()[0].quantity, kasir_core::Quantity::units(2));
    assert_eq!(state.cart.totals().total.minor(), 27_000, "parked prices, not today's");
    assert!(state.parked.is_none());

    // Recalled means gone from the list: it cannot be recalled twice.
    send(&mut app, Message::Sell(sell::Message::ShowParked));
    assert!(sell_state(&app).parked.as_ref().unwrap().is_empty());
    let ledger = Ledger::open(&shop.ledger_path()).unwrap();
    assert_eq!(ledger.tip().unwrap().seq, 0, "parking writes nothing to the ledger");
}

#[test]
fn logging_out_with_items_in_the_cart_is_refused_with_a_reason() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    send(&mut app, Message::Logout);
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 1, "the sale in progress is kept");
    assert!(state.notice.as_ref().unwrap().1.contains("parkir"), "{:?}", state.notice);
    send(&mut app, Message::Sell(sell::Message::Park));
    send(&mut app, Message::Logout);
    assert!(matches!(app.screen, Screen::Login(_)), "an empty cart logs out");
}

#[test]
fn a_quick_key_adds_its_product() {
    let mut shop = Shop::new();
    shop.config.quick_keys = vec![kasir::config::QuickKey { sku: "MIE-001".into(), label: "Indomie".into() }];
    let terminal = Terminal::start(shop.paths.clone(), shop.config.clone()).unwrap();
    let (mut app, boot) = App::new(terminal, shop.config.clone());
    drive(&mut app, boot);
    log_in(&mut app, "K01", "1111");
    simulate(&mut app, |ui| {
        ui.click("Indomie").unwrap();
        ui.click("Indomie").unwrap();
    });
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 1);
    assert_eq!(
        (state.cart.lines()[0].product.sku.as_str(), state.cart.lines()[0].quantity),
        ("MIE-001", kasir_core::Quantity::units(2))
    );
}

#[test]
fn keys_map_to_actions() {
    use iced::keyboard::Key;
    assert!(matches!(sell::shortcut(&Key::Named(Named::F9)), Some(sell::Message::Pay)));
    assert!(matches!(sell::shortcut(&Key::Named(Named::F6)), Some(sell::Message::Park)));
    assert!(matches!(sell::shortcut(&Key::Named(Named::F7)), Some(sell::Message::ShowParked)));
    assert!(matches!(payment::shortcut(&Key::Named(Named::F8)), Some(payment::Message::Exact)));
    assert!(matches!(payment::shortcut(&Key::Named(Named::Escape)), Some(payment::Message::Back)));
    assert!(sell::shortcut(&Key::Character("a".into())).is_none(), "letters belong to the scan field");
}
