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

/// A scan with the keyboard-wedge scanner: a click on the scan field first (as a cashier
/// might), then the code and Enter at scanner speed.
pub fn scan(app: &mut App, code: &str) {
    click(app, selector::id(sell::SCAN_ID));
    scanner_burst(app, code);
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

/// A key press as the windowing system delivers it, and when.
#[derive(Clone)]
pub struct Stroke {
    pub event: iced::Event,
    pub at: std::time::Instant,
}

fn key_event(
    key: iced::keyboard::Key,
    text: Option<&str>,
    modifiers: iced::keyboard::Modifiers,
) -> iced::Event {
    iced::Event::Keyboard(iced::keyboard::Event::KeyPressed {
        key: key.clone(),
        modified_key: key,
        physical_key: iced::keyboard::key::Physical::Unidentified(
            iced::keyboard::key::NativeCode::Unidentified,
        ),
        location: iced::keyboard::Location::Standard,
        modifiers,
        text: text.map(Into::into),
        repeat: false,
    })
}

/// A named key (Enter, Tab, an arrow, an F-key) at `at`.
pub fn named(key: Named, at: std::time::Instant) -> Stroke {
    Stroke { event: key_event(iced::keyboard::Key::Named(key), None, Default::default()), at }
}

/// Shift+Tab at `at`.
pub fn shift_tab(at: std::time::Instant) -> Stroke {
    Stroke {
        event: key_event(iced::keyboard::Key::Named(Named::Tab), None, iced::keyboard::Modifiers::SHIFT),
        at,
    }
}

/// `text` typed one key every `gap` from `start` (a scanner: a few ms; a person: 30 ms and up).
/// `\t` is Tab and `\n` Enter, as xdotool types them.
pub fn typed(text: &str, start: std::time::Instant, gap: std::time::Duration) -> Vec<Stroke> {
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            let at = start + gap * i as u32;
            match c {
                '\t' => named(Named::Tab, at),
                '\n' => named(Named::Enter, at),
                c => {
                    let s = c.to_string();
                    let key = iced::keyboard::Key::Character(s.as_str().into());
                    Stroke { event: key_event(key, Some(&s), Default::default()), at }
                }
            }
        })
        .collect()
}

/// Hands `strokes` to the app as the iced runtime does with one batch of window events:
/// the widgets on screen see every event first (and may take it), then the `keys()`
/// subscription turns each press, in order, into the app's message through the same
/// function the running program uses. No widget focus task runs in between, as none would
/// in the real program before the batch is through.
pub fn strokes(app: &mut App, strokes: &[Stroke]) {
    let (widget_messages, presses) = {
        let element: Element<'_, Message> = app.view();
        let mut ui = iced_test::simulator(element);
        let mut presses = vec![];
        for s in strokes {
            let status =
                ui.simulate([s.event.clone()]).first().copied().unwrap_or(iced::event::Status::Ignored);
            if let iced::Event::Keyboard(iced::keyboard::Event::KeyPressed { key, modifiers, .. }) = &s.event
            {
                let release = iced::Event::Keyboard(iced::keyboard::Event::KeyReleased {
                    key: key.clone(),
                    modified_key: key.clone(),
                    physical_key: iced::keyboard::key::Physical::Unidentified(
                        iced::keyboard::key::NativeCode::Unidentified,
                    ),
                    location: iced::keyboard::Location::Standard,
                    modifiers: *modifiers,
                });
                ui.simulate([release]);
            }
            presses.extend(kasir::gui::keys::from_event(&s.event, status, s.at));
        }
        (ui.into_messages().collect::<Vec<_>>(), presses)
    };
    for m in widget_messages {
        send(app, m);
    }
    for p in presses {
        send(app, Message::Key(p));
    }
}

/// Types `text` at a person's speed (30 ms a key), as one batch.
pub fn type_at_30ms(app: &mut App, text: &str) {
    strokes(app, &typed(text, std::time::Instant::now(), std::time::Duration::from_millis(30)));
}

/// A keyboard-wedge scanner: the 13 digits of `code` and Enter within 50 ms, as one batch.
pub fn scanner_burst(app: &mut App, code: &str) {
    let code = format!("{code}\n");
    strokes(app, &typed(&code, std::time::Instant::now(), std::time::Duration::from_micros(3_500)));
}

/// Clicks whatever `selector` finds on the current screen, and runs what the click sends.
pub fn click<S>(app: &mut App, selector: S)
where
    S: iced_test::Selector + Send,
    S::Output: iced_test::selector::Bounded + Clone + Send + Sync + 'static,
{
    simulate(app, |ui| {
        ui.click(selector).expect("on screen");
    });
}
