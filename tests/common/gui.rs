//! Driving the checkout screens without a display: iced_test's simulator clicks and types
//! on the real views, its messages go through the real `update`, and the tasks `update`
//! returns run against a real ledger on the back-end thread.

use iced::keyboard::key::Named;
use iced::{Element, Task};
use iced_test::{Simulator, selector};
use kasir::app::service::Terminal;
use kasir::gui::{App, Message, Screen, login, payment, sell};

use super::Shop;

/// Runs a task to completion and feeds every message it yields back into the app, until
/// nothing is left to run. Widget operations (focus) have no window here and are skipped.
pub fn drive(app: &mut App, task: Task<Message>) {
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

pub fn send(app: &mut App, message: Message) {
    let task = app.update(message);
    drive(app, task);
}

pub fn simulate(app: &mut App, script: impl FnOnce(&mut Simulator<'_, Message>)) {
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

pub fn start() -> (Shop, App) {
    start_on(Shop::new())
}

/// The checkout screen on a shop made beforehand (another terminal or store, say).
pub fn start_on(shop: Shop) -> (Shop, App) {
    let terminal = Terminal::start(shop.paths.clone(), shop.config.clone()).unwrap();
    let (mut app, boot) = App::new(terminal, shop.config.clone());
    drive(&mut app, boot);
    (shop, app)
}

pub fn log_in(app: &mut App, code: &str, pin: &str) {
    send(app, Message::Login(login::Message::Select(code.into())));
    for d in pin.chars() {
        send(app, Message::Login(login::Message::Digit(d)));
    }
    send(app, Message::Login(login::Message::Submit));
}

pub fn sell_state(app: &App) -> &sell::State {
    match &app.screen {
        Screen::Sell(s) => s,
        _ => panic!("not on the checkout screen"),
    }
}

pub fn scan(app: &mut App, code: &str) {
    simulate(app, |ui| {
        ui.click(selector::id(sell::SCAN_ID)).expect("the scan field is on screen");
        ui.typewrite(code);
        ui.tap_key(Named::Enter);
    });
}

pub fn approve(app: &mut App, manager: &str, pin: &str, reason: &str) {
    for m in [
        sell::Message::ApproverManager(manager.into()),
        sell::Message::ApproverPin(pin.into()),
        sell::Message::ApproverReason(reason.into()),
        sell::Message::ApproverSubmit,
    ] {
        send(app, Message::Sell(m));
    }
}

pub fn edit_line(app: &mut App, id: kasir_core::LineId, fields: &[sell::Message]) {
    send(app, Message::Sell(sell::Message::EditLine(id)));
    assert!(sell_state(app).editor.is_some(), "the edit dialog opens");
    for m in fields {
        send(app, Message::Sell(m.clone()));
    }
    send(app, Message::Sell(sell::Message::EditorApply));
}

pub fn pay_exact_by_card(app: &mut App) {
    send(app, Message::Sell(sell::Message::Pay));
    assert!(matches!(app.screen, Screen::Payment(_)), "on to payment");
    send(app, Message::Payment(payment::Message::Kind(kasir_core::TenderKind::Card)));
    send(app, Message::Payment(payment::Message::Exact));
    send(app, Message::Payment(payment::Message::Complete));
    assert!(matches!(app.screen, Screen::Receipt(_)), "the sale completed");
}

pub fn shift_day_state(app: &App) -> &kasir::gui::shift_day::State {
    match &app.screen {
        Screen::ShiftDay(s) => s,
        _ => panic!("not on the shift screen"),
    }
}

pub fn returns_state(app: &App) -> &kasir::gui::returns::State {
    match &app.screen {
        Screen::Returns(s) => s,
        _ => panic!("not on the returns screen"),
    }
}

pub fn start_with(config: impl FnOnce(&mut kasir::app::config::Config)) -> (Shop, App) {
    let mut shop = Shop::new();
    config(&mut shop.config);
    start_on(shop)
}
