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
    assert_eq!(r.done.receipt_number, "S01-T01-000002");
    assert!(
        r.done.lines.iter().any(|l| l.contains("TOTAL") && l.contains("Rp 33.250")),
        "{:#?}",
        r.done.lines
    );

    let ledger = Ledger::open(&shop.ledger_path()).unwrap();
    let doc = ledger.document(2).unwrap().unwrap();
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
        .query_row("SELECT action, approver, reason FROM approvals WHERE seq = 2", [], |r| {
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
    assert_eq!(ledger.tip().unwrap().seq, 1, "parking writes nothing to the ledger (1 is the shift)");
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
    assert!(matches!(sell::shortcut(&Key::Named(Named::F3)), Some(sell::Message::EditLast)));
    assert!(matches!(sell::shortcut(&Key::Named(Named::F4)), Some(sell::Message::EditOrder)));
    assert!(matches!(sell::shortcut(&Key::Named(Named::F5)), Some(sell::Message::VoidSale)));
    assert!(matches!(sell::shortcut(&Key::Named(Named::F11)), Some(sell::Message::NoSale)));
    assert!(matches!(sell::shortcut(&Key::Named(Named::Escape)), Some(sell::Message::Dismiss)));
    assert!(matches!(payment::shortcut(&Key::Named(Named::F8)), Some(payment::Message::Exact)));
    assert!(matches!(payment::shortcut(&Key::Named(Named::Escape)), Some(payment::Message::Back)));
    assert!(sell::shortcut(&Key::Character("a".into())).is_none(), "letters belong to the scan field");
}

fn approve(app: &mut App, manager: &str, pin: &str, reason: &str) {
    for m in [
        sell::Message::ApproverManager(manager.into()),
        sell::Message::ApproverPin(pin.into()),
        sell::Message::ApproverReason(reason.into()),
        sell::Message::ApproverSubmit,
    ] {
        send(app, Message::Sell(m));
    }
}

fn edit_line(app: &mut App, id: kasir_core::LineId, fields: &[sell::Message]) {
    send(app, Message::Sell(sell::Message::EditLine(id)));
    assert!(sell_state(app).editor.is_some(), "the edit dialog opens");
    for m in fields {
        send(app, Message::Sell(m.clone()));
    }
    send(app, Message::Sell(sell::Message::EditorApply));
}

fn pay_exact_by_card(app: &mut App) {
    send(app, Message::Sell(sell::Message::Pay));
    assert!(matches!(app.screen, Screen::Payment(_)), "on to payment");
    send(app, Message::Payment(payment::Message::Kind(kasir_core::TenderKind::Card)));
    send(app, Message::Payment(payment::Message::Exact));
    send(app, Message::Payment(payment::Message::Complete));
    assert!(matches!(app.screen, Screen::Receipt(_)), "the sale completed");
}

#[test]
fn a_discount_within_the_cashiers_limit_needs_nobody() {
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8993007000017"); // Ultra Milk, Rp 20.000
    let milk = sell_state(&app).cart.lines()[0].id;
    edit_line(
        &mut app,
        milk,
        &[sell::Message::EditorDiscount("10".into()), sell::Message::EditorPercent(true)],
    );
    let state = sell_state(&app);
    assert!(state.approver.is_none() && state.editor.is_none());
    assert_eq!(state.cart.totals().total.minor(), 18_000);
    pay_exact_by_card(&mut app);
    let Body::Sale(sale) = shop.ledger().document(2).unwrap().unwrap().body else { panic!() };
    assert_eq!((sale.line_discounts, sale.total), (2_000, 18_000));
    assert!(sale.approvals.is_empty());
}

#[test]
fn a_discount_past_the_limit_waits_for_a_manager_and_escape_undoes_it() {
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234"); // Indomie
    scan(&mut app, "8993007000017"); // Ultra Milk, Rp 20.000
    let (indomie, milk) = {
        let lines = sell_state(&app).cart.lines();
        (lines[0].id, lines[1].id)
    };

    // 50 % is past the cashier's 10 %: the cart shows it while a manager is asked for.
    let half = [sell::Message::EditorDiscount("50".into()), sell::Message::EditorPercent(true)];
    edit_line(&mut app, milk, &half);
    assert!(sell_state(&app).approver.is_some());
    assert_eq!(sell_state(&app).cart.totals().total.minor(), 3_500 + 10_000);
    // Escape: the discount is gone again.
    send(&mut app, Message::Sell(sell::Message::Dismiss));
    let state = sell_state(&app);
    assert!(state.approver.is_none());
    assert_eq!(state.cart.line(milk).unwrap().discount, None);
    assert_eq!(state.cart.totals().total.minor(), 23_500);

    // The Indomie goes (void, manager), then the 50 % on the milk, approved.
    send(&mut app, Message::Sell(sell::Message::VoidLine(indomie)));
    approve(&mut app, "M01", "1234", "salah scan");
    edit_line(&mut app, milk, &half);
    approve(&mut app, "M01", "1234", "kemasan penyok");
    let state = sell_state(&app);
    assert!(state.approver.is_none());
    assert_eq!(state.cart.totals().total.minor(), 10_000);

    // Parked and recalled, the approval still belongs to the milk, now the only line.
    send(&mut app, Message::Sell(sell::Message::Park));
    send(&mut app, Message::Sell(sell::Message::ShowParked));
    let id = sell_state(&app).parked.as_ref().unwrap()[0].id;
    send(&mut app, Message::Sell(sell::Message::Recall(id)));
    assert_eq!(sell_state(&app).cart.lines().len(), 1);
    pay_exact_by_card(&mut app);

    let ledger = shop.ledger();
    let rows: Vec<(String, String, String, Option<i64>)> = ledger
        .conn()
        .prepare("SELECT action, approver, reason, line_no FROM approvals WHERE seq = 2 ORDER BY idx")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!((rows[0].0.as_str(), rows[0].3), ("void_line", None));
    assert_eq!(
        rows[1],
        ("discount_over_limit".into(), "M01".into(), "kemasan penyok".into(), Some(1)),
        "the approval names receipt line 1, the milk"
    );
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn a_price_override_by_a_cashier_needs_a_manager() {
    let (shop, mut app) = start();
    log_in(&mut app, "K02", "2222");
    scan(&mut app, "8992388101016"); // Aqua, Rp 4.000
    let aqua = sell_state(&app).cart.lines()[0].id;
    // Typing the catalogue price is no override.
    edit_line(&mut app, aqua, &[sell::Message::EditorPrice("4.000".into())]);
    assert!(sell_state(&app).approver.is_none());
    assert_eq!(sell_state(&app).cart.line(aqua).unwrap().price_override, None);

    edit_line(
        &mut app,
        aqua,
        &[sell::Message::EditorQuantity("2".into()), sell::Message::EditorPrice("3.500".into())],
    );
    // A cashier's own PIN does not approve it.
    approve(&mut app, "K01", "1111", "harga promo rak");
    assert!(sell_state(&app).approver.as_ref().unwrap().error.as_deref().unwrap().contains("not a manager"));
    approve(&mut app, "M01", "1234", "harga promo rak");
    assert_eq!(sell_state(&app).cart.totals().total.minor(), 7_000);
    pay_exact_by_card(&mut app);
    let Body::Sale(sale) = shop.ledger().document(2).unwrap().unwrap().body else { panic!() };
    assert_eq!((sale.lines[0].list_price, sale.lines[0].unit_price), (4_000, 3_500));
    assert_eq!(sale.approvals[0].action, "price_override");
    assert_eq!(sale.approvals[0].line, Some(1));
}

#[test]
fn a_bad_edit_is_explained_and_changes_nothing() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    let id = sell_state(&app).cart.lines()[0].id;
    edit_line(&mut app, id, &[sell::Message::EditorQuantity("1,5".into())]);
    let state = sell_state(&app);
    let error = state.editor.as_ref().unwrap().error.clone().unwrap();
    assert!(error.contains("whole number"), "{error}");
    assert_eq!(state.cart.lines()[0].quantity, kasir_core::Quantity::ONE);
    send(&mut app, Message::Sell(sell::Message::EditorQuantity("abc".into())));
    send(&mut app, Message::Sell(sell::Message::EditorApply));
    assert!(sell_state(&app).editor.as_ref().unwrap().error.as_deref().unwrap().contains("abc"));
}

#[test]
fn a_weighed_product_picked_by_name_asks_for_its_weight() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    simulate(&mut app, |ui| {
        ui.click(selector::id(sell::SCAN_ID)).unwrap();
        ui.typewrite("beras");
    });
    send(&mut app, Message::Sell(sell::Message::Submit));
    assert!(sell_state(&app).editor.as_ref().is_some_and(|e| e.weigh), "the weight is asked for");
    // Escape: the rice never got a weight, so it is not left in at 1 kg.
    send(&mut app, Message::Sell(sell::Message::Dismiss));
    assert!(sell_state(&app).cart.is_empty());

    scan(&mut app, "2100123"); // the rice's item key, no weight in it
    send(&mut app, Message::Sell(sell::Message::EditorQuantity("0,75".into())));
    send(&mut app, Message::Sell(sell::Message::EditorApply));
    let state = sell_state(&app);
    assert!(state.editor.is_none());
    assert_eq!(state.cart.lines()[0].quantity, kasir_core::Quantity::from_milli(750));
    assert_eq!(state.cart.totals().total.minor(), 11_250);
}

#[test]
fn a_quantity_typed_before_the_code_adds_that_many() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "6*8991002101234");
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 1, "{:?}", state.notice);
    assert_eq!(state.cart.lines()[0].quantity, kasir_core::Quantity::units(6));
}

#[test]
fn voiding_the_sale_in_progress_is_recorded_with_the_manager_and_moves_nothing() {
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    scan(&mut app, "8993007000017");
    send(&mut app, Message::Sell(sell::Message::VoidSale));
    // No reason, no void.
    approve(&mut app, "M01", "1234", "");
    assert_eq!(sell_state(&app).cart.lines().len(), 2);
    approve(&mut app, "M01", "1234", "pelanggan batal");
    let state = sell_state(&app);
    assert!(state.cart.is_empty(), "{:?}", state.notice);
    assert!(state.notice.as_ref().unwrap().1.contains("S01-T01-000002"));

    let ledger = shop.ledger();
    let doc = ledger.document(2).unwrap().unwrap();
    let Body::Cancel(c) = &doc.body else { panic!("{doc:?}") };
    assert_eq!((c.total, c.lines.len(), c.approver.as_str()), (23_500, 2, "M01"));
    assert_eq!(doc.header.grand_total, 0, "nothing was sold");
    assert_eq!(ledger.stock_level("MIE-001").unwrap(), kasir_core::Quantity::default());
    assert_eq!(common::count(&ledger, "payments"), 0);
    let approval: (String, String) = ledger
        .conn()
        .query_row("SELECT action, reason FROM approvals WHERE seq = 2", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(approval, ("void_sale".into(), "pelanggan batal".into()));
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn a_no_sale_needs_a_manager_an_empty_cart_and_says_there_is_no_drawer() {
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    send(&mut app, Message::Sell(sell::Message::NoSale));
    assert!(sell_state(&app).approver.is_none(), "not in the middle of a sale");
    send(&mut app, Message::Sell(sell::Message::Park));

    send(&mut app, Message::Sell(sell::Message::NoSale));
    approve(&mut app, "M01", "1234", "tukar uang kecil");
    let notice = sell_state(&app).notice.clone().unwrap().1;
    assert!(notice.contains("S01-T01-000002") && notice.contains("belum dikonfigurasi"), "{notice}");
    let Body::NoSale(n) = shop.ledger().document(2).unwrap().unwrap().body else { panic!() };
    assert_eq!((n.approver.as_str(), n.reason.as_str()), ("M01", "tukar uang kecil"));
}

fn manager_state(app: &App) -> &kasir::gui::manager::State {
    match &app.screen {
        Screen::Manager(s) => s,
        _ => panic!("not on the shift screen"),
    }
}

#[test]
fn the_shift_screen_pays_out_counts_closes_and_takes_the_z() {
    use kasir::gui::manager;
    let (shop, mut app) = start();
    log_in(&mut app, "M01", "1234");
    assert_eq!(app.shift, Some(Some(1)), "the shop's shift 1 is open");
    scan(&mut app, "8991002101234");
    send(&mut app, Message::OpenManager);
    assert!(matches!(app.screen, Screen::Sell(_)), "not with a sale in progress");
    send(&mut app, Message::Sell(sell::Message::Park));
    send(&mut app, Message::OpenManager);
    let (s, flows) = manager_state(&app).status.clone().unwrap();
    assert_eq!((s.shift_no, flows.expected()), (1, 500_000));

    for m in [
        manager::Message::CashAmount("20.000".into()),
        manager::Message::CashReason("beli galon".into()),
        manager::Message::MoveCash(false),
    ] {
        send(&mut app, Message::Manager(m));
    }
    let state = manager_state(&app);
    assert!(
        state.notice.as_ref().is_some_and(|(ok, n)| *ok && n.contains("S01-T01-000002")),
        "{:?}",
        state.notice
    );
    assert_eq!(state.status.as_ref().unwrap().1.expected(), 480_000);

    // 4 × 100.000 + 1 × 50.000 + 1 × 20.000 + 1 × 5.000 = 475.000: short 5.000.
    let denominations = kasir_core::shift::IDR_DENOMINATIONS;
    for (value, count) in [(100_000, "4"), (50_000, "1"), (20_000, "1"), (5_000, "1")] {
        let i = denominations.iter().position(|d| *d == value).unwrap();
        send(&mut app, Message::Manager(manager::Message::Count(i, count.into())));
    }
    send(&mut app, Message::Manager(manager::Message::X));
    assert!(manager_state(&app).report.as_ref().unwrap().text.contains("X — "));
    // Charts beside the text, and the report saved as CSV into the data directory.
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Penjualan per jam").is_ok() && ui.find("Per pembayaran").is_ok());
    drop(ui);
    send(&mut app, Message::Manager(manager::Message::ExportCsv));
    let saved = manager_state(&app).notice.clone().unwrap().1;
    let path = saved.split_once(": ").unwrap().1.to_owned();
    assert!(std::fs::read_to_string(&path).unwrap().contains("totals,net_sales"), "{saved}");
    send(&mut app, Message::Manager(manager::Message::ExportPdf));
    let saved = manager_state(&app).notice.clone().unwrap().1;
    let path = saved.split_once(": ").unwrap().1.to_owned();
    assert!(path.ends_with(".pdf") && std::fs::read(&path).unwrap().starts_with(b"%PDF-"), "{saved}");
    // Closing asks first; the second press closes.
    send(&mut app, Message::Manager(manager::Message::CloseShift));
    assert!(manager_state(&app).status.is_some(), "asked, not done");
    send(&mut app, Message::Manager(manager::Message::CloseShift));
    let state = manager_state(&app);
    assert!(state.status.is_none(), "no shift open now");
    assert_eq!(app.shift, Some(None));
    send(&mut app, Message::Manager(manager::Message::Z));
    assert!(manager_state(&app).notice.as_ref().unwrap().1.contains("Tekan sekali lagi"));
    send(&mut app, Message::Manager(manager::Message::Z));
    let z = manager_state(&app).report.clone().unwrap().text;
    assert!(z.contains("Z 1") && z.contains("Rp 475.000"), "{z}");

    let ledger = shop.ledger();
    let Body::ShiftClose(c) = ledger.document(3).unwrap().unwrap().body else { panic!() };
    assert_eq!((c.expected, c.counted, c.over_short), (480_000, 475_000, -5_000));
    assert!(matches!(ledger.document(4).unwrap().unwrap().body, Body::DayClose(_)));
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn logging_in_with_no_shift_open_goes_to_the_shift_screen_and_a_cashier_cannot_take_the_z() {
    use kasir::gui::manager;
    let (shop, mut app) = start();
    {
        let mut ledger = shop.ledger();
        let k01 = kasir::users::find(ledger.conn(), "K01").unwrap();
        let count = vec![kasir_core::shift::DenominationCount { value: 100_000, count: 5 }];
        kasir::shift::close(&mut ledger, &k01, count, common::now()).unwrap();
    }
    log_in(&mut app, "K01", "1111");
    assert!(matches!(app.screen, Screen::Manager(_)), "a shift must be opened first");
    assert!(manager_state(&app).status.is_none());
    send(&mut app, Message::Manager(manager::Message::Z));
    send(&mut app, Message::Manager(manager::Message::Z));
    let notice = manager_state(&app).notice.clone().unwrap();
    assert!(!notice.0 && notice.1.contains("is not a manager"), "{notice:?}");
    send(&mut app, Message::Manager(manager::Message::Float("300.000".into())));
    send(&mut app, Message::Manager(manager::Message::OpenShift));
    assert_eq!(app.shift, Some(Some(2)));
    assert_eq!(manager_state(&app).status.as_ref().unwrap().1.float, 300_000);
    send(&mut app, Message::Manager(manager::Message::Back));
    assert!(matches!(app.screen, Screen::Sell(_)));
}

fn returns_state(app: &App) -> &kasir::gui::returns::State {
    match &app.screen {
        Screen::Returns(s) => s,
        _ => panic!("not on the returns screen"),
    }
}

#[test]
fn a_return_is_found_by_receipt_shows_its_refund_and_needs_a_manager() {
    use kasir::gui::returns;
    let (shop, mut app) = start();
    {
        let mut ledger = shop.ledger();
        let script: kasir::checkout::SaleScript = serde_json::from_str(
            r#"{"cashier":"K02","items":[{"sku":"MIE-001","quantity":3},{"sku":"SUS-1L"}],
                "tenders":[{"kind":"cash","amount":"50000"}]}"#,
        )
        .unwrap();
        kasir::checkout::sell(&mut ledger, &shop.config, &script, common::now()).unwrap();
    }
    log_in(&mut app, "K01", "1111");
    send(&mut app, Message::OpenReturns);
    for m in [returns::Message::Receipt("S01-T01-000002".into()), returns::Message::Find] {
        send(&mut app, Message::Returns(m));
    }
    assert_eq!(returns_state(&app).original.as_ref().unwrap().sale.lines.len(), 2);
    // More than was sold is refused with the line named, and nothing is written.
    for m in [
        returns::Message::Quantity(0, "4".into()),
        returns::Message::Reason("rusak".into()),
        returns::Message::Submit,
    ] {
        send(&mut app, Message::Returns(m));
    }
    let e = returns_state(&app).error.clone().unwrap();
    assert!(e.contains("only 3 of it is left"), "{e}");
    send(&mut app, Message::Returns(returns::Message::Quantity(0, "2".into())));
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Dikembalikan: Rp 7.000").is_ok(), "the refund is shown before it is recorded");
    drop(ui);
    // Without a manager the store's rules refuse it.
    send(&mut app, Message::Returns(returns::Message::Submit));
    assert!(returns_state(&app).error.as_deref().unwrap().contains("needs a manager's approval"));
    for m in [
        returns::Message::Manager("M01".into()),
        returns::Message::Pin("1234".into()),
        returns::Message::Submit,
    ] {
        send(&mut app, Message::Returns(m));
    }
    let done = returns_state(&app).done.clone().unwrap();
    assert_eq!((done.receipt_number.as_str(), done.refunded.to_string()), ("S01-T01-000003", "7000".into()));
    let ledger = shop.ledger();
    let Body::Return(r) = ledger.document(3).unwrap().unwrap().body else { panic!() };
    assert_eq!(
        (r.total, r.approver.as_deref(), r.lines[0].quantity),
        (7_000, Some("M01"), kasir_core::Quantity::units(2))
    );
    send(&mut app, Message::Returns(returns::Message::Back));
    assert!(matches!(app.screen, Screen::Sell(_)));
}

#[test]
fn a_return_without_a_receipt_scans_the_goods_and_needs_a_manager() {
    use kasir::gui::returns;
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    send(&mut app, Message::OpenReturns);
    send(&mut app, Message::Returns(returns::Message::NoReceipt(true)));
    for _ in 0..2 {
        send(&mut app, Message::Returns(returns::Message::ItemInput("8993007000017".into())));
        send(&mut app, Message::Returns(returns::Message::AddItem));
    }
    send(&mut app, Message::Returns(returns::Message::ItemInput("NOPE-1".into())));
    send(&mut app, Message::Returns(returns::Message::AddItem));
    assert!(returns_state(&app).error.as_deref().unwrap().contains("NOPE-1"));
    assert_eq!(returns_state(&app).items.len(), 1, "the milk twice is one line of two");
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Dikembalikan: Rp 40.000").is_ok());
    drop(ui);
    send(&mut app, Message::Returns(returns::Message::Reason("tanpa struk".into())));
    send(&mut app, Message::Returns(returns::Message::Submit));
    assert!(returns_state(&app).error.as_deref().unwrap().contains("needs a manager's approval"));
    for m in [
        returns::Message::Manager("M01".into()),
        returns::Message::Pin("1234".into()),
        returns::Message::Submit,
    ] {
        send(&mut app, Message::Returns(m));
    }
    let done = returns_state(&app).done.clone().unwrap();
    assert_eq!((done.refund, done.refunded.to_string()), (kasir_core::TenderKind::Cash, "40000".into()));
    let Body::Return(r) = shop.ledger().document(2).unwrap().unwrap().body else { panic!() };
    assert!(r.original.is_none() && r.approver.as_deref() == Some("M01"));
}

#[test]
fn an_exchange_on_screen_takes_only_the_difference() {
    use kasir::gui::returns;
    let (shop, mut app) = start();
    {
        let mut ledger = shop.ledger();
        let script: kasir::checkout::SaleScript = serde_json::from_str(
            r#"{"cashier":"K01","items":[{"sku":"SUS-1L","quantity":2}],"tenders":[{"kind":"card","amount":"40000"}]}"#,
        )
        .unwrap();
        kasir::checkout::sell(&mut ledger, &shop.config, &script, common::now()).unwrap();
    }
    log_in(&mut app, "K01", "1111");
    send(&mut app, Message::OpenReturns);
    for m in [
        returns::Message::Receipt("S01-T01-000002".into()),
        returns::Message::Find,
        returns::Message::Quantity(0, "1".into()),
        returns::Message::Exchange(true),
        returns::Message::ItemInput("8991002199996".into()), // the box of 40, 111.000
        returns::Message::AddItem,
    ] {
        send(&mut app, Message::Returns(m));
    }
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Pelanggan bayar: Rp 91.000").is_ok(), "20.000 back, 111.000 out");
    drop(ui);
    for m in [
        returns::Message::PayKind(kasir_core::TenderKind::Cash),
        returns::Message::PayAmount("100.000".into()),
        returns::Message::Reason("ganti barang".into()),
        returns::Message::Manager("M01".into()),
        returns::Message::Pin("1234".into()),
        returns::Message::Submit,
    ] {
        send(&mut app, Message::Returns(m));
    }
    let state = returns_state(&app);
    let x = state.exchanged.clone().unwrap_or_else(|| panic!("{:?}", state.error));
    assert_eq!((x.paid.to_string(), x.change.to_string()), ("91000".into(), "9000".into()));
    let ledger = shop.ledger();
    assert!(matches!(ledger.document(3).unwrap().unwrap().body, Body::Return(_)));
    assert!(matches!(ledger.document(4).unwrap().unwrap().body, Body::Sale(_)));
    assert!(ledger.verify().unwrap().is_ok());
}

fn start_with(config: impl FnOnce(&mut kasir::config::Config)) -> (Shop, App) {
    let mut shop = Shop::new();
    config(&mut shop.config);
    let terminal = Terminal::start(shop.paths.clone(), shop.config.clone()).unwrap();
    let (mut app, boot) = App::new(terminal, shop.config.clone());
    drive(&mut app, boot);
    (shop, app)
}

#[test]
fn scans_from_a_serial_scanner_arrive_in_the_cart() {
    use futures::StreamExt;
    use kasir::scanning::ScannerEvent;
    // The scanner is played on a real pseudo-terminal: the terminal reads its other end.
    let (mut scanner, slave) = serialport::TTYPort::pair().unwrap();
    let path = serialport::SerialPort::name(&slave).unwrap();
    drop(slave);
    let (_shop, mut app) = start_with(|c| c.scanner.address = format!("serial:{path}"));
    log_in(&mut app, "K01", "1111");
    let mut scans = Box::pin(kasir::gui::scanner_stream(
        format!("serial:{path}"),
        kasir_drivers::scanner::Suffix::Cr,
        false,
    ));
    std::thread::sleep(std::time::Duration::from_millis(300)); // the reader opens its end
    std::io::Write::write_all(&mut scanner, b"8991002101234\r8993007000017\r").unwrap();
    for _ in 0..2 {
        let event = futures::executor::block_on(scans.next()).unwrap();
        assert!(matches!(event, ScannerEvent::Scan(_)), "{event:?}");
        send(&mut app, Message::Scanner(event));
    }
    let skus: Vec<String> = sell_state(&app).cart.lines().iter().map(|l| l.product.sku.clone()).collect();
    assert_eq!(skus, ["MIE-001", "SUS-1L"]);
    // The scan field's own typing was left alone.
    assert!(sell_state(&app).input.is_empty());
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find(format!("Pemindai: serial:{path}")).is_ok(), "the status bar names the scanner");
}

#[test]
fn the_receipt_prints_after_payment_and_f5_prints_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("receipts.bin");
    let (_shop, mut app) = start_with(|c| c.printer.address = format!("file:{}", paper.display()));
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    pay_exact_by_card(&mut app);
    let Screen::Receipt(r) = &app.screen else { panic!() };
    assert_eq!(
        r.print,
        kasir::gui::receipt::PrintState::Printed { copy: false, paper_low: false, drawer: None }
    );
    send(&mut app, Message::Key(iced::keyboard::Key::Named(Named::F5), Default::default()));
    let Screen::Receipt(r) = &app.screen else { panic!() };
    assert_eq!(
        r.print,
        kasir::gui::receipt::PrintState::Printed { copy: true, paper_low: false, drawer: None }
    );
    let printed = std::fs::read_to_string(paper.with_extension("txt")).unwrap();
    assert_eq!(printed.matches("S01-T01-000002").count(), 4, "receipt number and barcode, twice");
    assert_eq!(printed.matches("SALINAN / COPY").count(), 1);
}

#[test]
fn a_receipt_that_does_not_print_says_why_and_the_sale_stands() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (shop, mut app) = start_with(|c| c.printer.address = format!("tcp://127.0.0.1:{port}"));
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    pay_exact_by_card(&mut app);
    let Screen::Receipt(r) = &app.screen else { panic!() };
    let kasir::gui::receipt::PrintState::Failed(why) = &r.print else { panic!("{:?}", r.print) };
    assert!(why.contains("cannot connect") && why.contains("kept"), "{why}");
    assert!(shop.ledger().document(2).unwrap().is_some(), "the sale is committed");
}

#[test]
fn the_shift_screen_prints_a_test_page_and_the_x() {
    use kasir::gui::manager;
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("printer.bin");
    let (_shop, mut app) = start_with(|c| c.printer.address = format!("file:{}", paper.display()));
    log_in(&mut app, "M01", "1234");
    send(&mut app, Message::OpenManager);
    send(&mut app, Message::Manager(manager::Message::TestPrint));
    assert!(manager_state(&app).notice.as_ref().unwrap().1.starts_with("Dicetak"));
    send(&mut app, Message::Manager(manager::Message::X));
    send(&mut app, Message::Manager(manager::Message::PrintReport));
    let printed = std::fs::read_to_string(paper.with_extension("txt")).unwrap();
    assert!(printed.contains("KASIR — TEST PRINT") && printed.contains("X — "), "{printed}");

    // Without a printer, said so.
    let (_shop, mut app) = start();
    log_in(&mut app, "M01", "1234");
    send(&mut app, Message::OpenManager);
    send(&mut app, Message::Manager(manager::Message::TestPrint));
    assert!(manager_state(&app).notice.as_ref().unwrap().1.contains("no printer is configured"));
}

#[test]
fn a_receipt_barcode_from_a_keyboard_wedge_scanner_starts_its_return_but_typing_it_does_not() {
    let (shop, mut app) = start();
    {
        let mut ledger = shop.ledger();
        let script: kasir::checkout::SaleScript = serde_json::from_str(
            r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"cash","amount":"3500"}]}"#,
        )
        .unwrap();
        kasir::checkout::sell(&mut ledger, &shop.config, &script, common::now()).unwrap();
    }
    log_in(&mut app, "K01", "1111");
    // Typed by hand, a key every 60 ms: it is text, not a scan.
    let mut typed = String::new();
    for c in "S01-T01-000002".chars() {
        typed.push(c);
        send(&mut app, Message::Sell(sell::Message::Input(typed.clone())));
        std::thread::sleep(std::time::Duration::from_millis(60));
    }
    send(&mut app, Message::Sell(sell::Message::Submit));
    assert!(matches!(app.screen, Screen::Sell(_)), "still at the checkout");
    // The field cleared, the same characters in a scanner's burst: the return of that sale opens.
    send(&mut app, Message::Sell(sell::Message::Input(String::new())));
    scan(&mut app, "S01-T01-000002");
    let Screen::Returns(r) = &app.screen else { panic!("not on the returns screen") };
    assert_eq!(r.original.as_ref().unwrap().receipt, "S01-T01-000002");
}
