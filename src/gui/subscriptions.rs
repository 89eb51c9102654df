//! What the screen listens to besides the user's clicks: keys, the clock, a serial or HID
//! scanner, and the sync thread's reports. Small named functions, batched.

use iced::Subscription;
use iced::keyboard::key::Named;

use super::{App, Message, Screen};
use crate::devices::scanning::ScannerEvent;

impl App {
    pub fn subscription(&self) -> Subscription<Message> {
        if matches!(self.screen, Screen::FirstStart(_)) {
            // No ledger yet: nothing to sync and no scans to take.
            return Subscription::batch([
                keys(),
                iced::time::every(std::time::Duration::from_secs(1)).map(|_| Message::Tick),
            ]);
        }
        Subscription::batch([
            keys(),
            iced::time::every(std::time::Duration::from_secs(1)).map(|_| Message::Tick),
            self.scanner(),
            self.sync(),
        ])
    }

    /// Sync with head office, while one is configured.
    fn sync(&self) -> Subscription<Message> {
        match crate::sync::SyncSettings::from_config(&self.ctx.config) {
            Ok(Some(settings)) => {
                let ledger = self.ctx.terminal.ledger_path().to_owned();
                Subscription::run_with((settings, ledger), |(settings, ledger)| {
                    let rx = crate::sync::spawn(settings.clone(), ledger.clone());
                    iced::futures::stream::unfold(
                        rx,
                        |mut rx| async move { rx.recv().await.map(|s| (s, rx)) },
                    )
                })
                .map(Message::Sync)
            }
            _ => Subscription::none(),
        }
    }

    /// The serial scanner's scans, while one is configured.
    fn scanner(&self) -> Subscription<Message> {
        let scanner = &self.ctx.config.scanner;
        match &scanner.address {
            Some(address) => {
                let (address, suffix, exclusive) = (address.clone(), scanner.suffix, scanner.exclusive);
                Subscription::run_with((address, suffix, exclusive), |(address, suffix, exclusive)| {
                    scanner_stream(address.clone(), *suffix, *exclusive)
                })
                .map(Message::Scanner)
            }
            None => Subscription::none(),
        }
    }
}

/// The scanner thread's events as a stream, for a subscription (and for tests).
pub fn scanner_stream(
    address: String,
    suffix: kasir_drivers::scanner::Suffix,
    exclusive: bool,
) -> impl iced::futures::Stream<Item = ScannerEvent> {
    let rx = crate::devices::scanning::scans(address, suffix, exclusive);
    iced::futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|e| (e, rx)) })
}

/// Every key press, with whether a widget took it, in the order typed: the one path keys
/// take (see `gui::keys`).
fn keys() -> Subscription<Message> {
    iced::event::listen_with(|event, status, _window| {
        super::keys::from_event(&event, status, std::time::Instant::now()).map(Message::Key)
    })
}

/// Keys that act even while one of iced's text fields has focus: the F-keys, and Escape.
pub(super) fn is_function_key(named: Named) -> bool {
    use Named::*;
    matches!(named, F1 | F2 | F3 | F4 | F5 | F6 | F7 | F8 | F9 | F10 | F11 | F12 | Escape)
}
