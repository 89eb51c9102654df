//! Login: pick your name, type your PIN on the pad or the keyboard. Wrong PINs are counted
//! per user by the store, across screens and restarts: from the third one on, each further
//! try waits longer (5 s, 10 s, 20 s, … up to 5 min; `kasir_core::policy::pin_lockout`), and
//! keys typed while the pad is locked are discarded.

use std::time::{Duration, Instant};

use iced::keyboard::{Key, key::Named};
use iced::widget::{button, column, container, row, text};
use iced::{Alignment, Element, Length, Task};

use super::{Context, call, style};
use crate::messages::screens::ScreenSays;
use crate::messages::{Said, Text};
use crate::store::users::{User, UserError};

#[derive(Debug, Default)]
pub struct State {
    pub users: Vec<User>,
    pub selected: Option<String>,
    pub pin: String,
    pub error: Option<Said>,
    pub failures: u32,
    pub locked_until: Option<Instant>,
    pub checking: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The users to choose from, loaded from the ledger.
    UsersLoaded(Result<Vec<User>, Said>),
    /// A user's button was pressed.
    Select(String),
    /// The arrow keys: the next (true) or previous user in the row.
    Step(bool),
    /// A digit from the pad or the keyboard.
    Digit(char),
    /// Remove the last digit.
    Backspace,
    /// Clear the PIN.
    Clear,
    /// Check the PIN.
    Submit,
    /// The back end's answer to a PIN check.
    Checked(Result<User, Refusal>),
}

/// What the login screen asks of the app.
pub enum Event {
    LoggedIn(User),
}

/// Why a PIN was not taken, and how long the user's PINs are locked, if they are.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub message: Said,
    pub locked_for: Option<Duration>,
}

impl State {
    pub fn new(ctx: &Context) -> (State, Task<Message>) {
        let load = call(ctx, |b| b.ledger.users().map_err(Said::from));
        (State::default(), load.map(Message::UsersLoaded))
    }

    /// While the selected user's PINs are locked: how long to wait, in words.
    fn wait_message(&mut self) -> Option<Said> {
        self.tick();
        let until = self.locked_until?;
        let secs = until.saturating_duration_since(Instant::now()).as_secs() + 1;
        Some(Said::new(ScreenSays::WaitAfterWrongPins { seconds: secs }))
    }

    /// Keeps the lockout countdown current.
    pub fn tick(&mut self) {
        if self.locked_until.is_some_and(|t| Instant::now() >= t) {
            self.locked_until = None;
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Context) -> (Task<Message>, Option<Event>) {
        match message {
            Message::UsersLoaded(Ok(users)) => {
                if self.selected.is_none() {
                    self.selected = users.first().map(|u| u.code.clone());
                }
                self.users = users;
            }
            Message::UsersLoaded(Err(e)) => self.error = Some(e),
            Message::Step(forward) => {
                let at = self.users.iter().position(|u| Some(u.code.as_str()) == self.selected.as_deref());
                let next = crate::gui::keys::step(at.unwrap_or(0), self.users.len(), forward);
                if let Some(user) = self.users.get(next) {
                    let code = user.code.clone();
                    return self.update(Message::Select(code), ctx);
                }
            }
            Message::Select(code) => {
                // The lock is the user's: another user's PIN pad is not locked by it (the
                // store says so if that user is locked too).
                if self.selected.as_deref() != Some(code.as_str()) {
                    (self.failures, self.locked_until) = (0, None);
                }
                self.selected = Some(code);
                self.pin.clear();
                self.error = self.wait_message();
            }
            // Keys typed on a locked pad are discarded, and the pad says why.
            Message::Digit(_) if self.wait_message().is_some() => self.error = self.wait_message(),
            Message::Digit(d) if d.is_ascii_digit() && self.pin.len() < 8 => self.pin.push(d),
            Message::Digit(_) => {}
            Message::Backspace => {
                self.pin.pop();
            }
            Message::Clear => self.pin.clear(),
            Message::Submit => {
                if let Some(wait) = self.wait_message() {
                    self.pin.clear();
                    self.error = Some(wait);
                    return (Task::none(), None);
                }
                if self.checking || self.pin.is_empty() {
                    return (Task::none(), None);
                }
                let Some(code) = self.selected.clone() else {
                    self.error = Some(Said::new(Text::ChooseYourNameFirst));
                    return (Task::none(), None);
                };
                let pin = std::mem::take(&mut self.pin);
                self.checking = true;
                let terminal = ctx.terminal.clone();
                let check = async move {
                    let answer = terminal.call(move |b| b.ledger.authenticate(&code, &pin)).await;
                    match answer {
                        Ok(Ok(user)) => Ok(user),
                        Ok(Err(e)) => {
                            let locked_for = match &e {
                                UserError::LockedOut { seconds, .. } => Some(Duration::from_secs(*seconds)),
                                _ => None,
                            };
                            Err(Refusal { message: Said::from(e), locked_for })
                        }
                        Err(_) => Err(Refusal { message: Said::new(Text::BackEndStopped), locked_for: None }),
                    }
                };
                return (Task::perform(check, Message::Checked), None);
            }
            Message::Checked(Ok(user)) => {
                self.checking = false;
                self.failures = 0;
                return (Task::none(), Some(Event::LoggedIn(user)));
            }
            Message::Checked(Err(refusal)) => {
                self.checking = false;
                self.failures += 1;
                self.locked_until = refusal.locked_for.map(|d| Instant::now() + d);
                self.error = self.wait_message().or(Some(refusal.message));
            }
        }
        (Task::none(), None)
    }

    pub fn view(&self, ctx: &Context) -> Element<'_, Message> {
        let l = ctx.locale;
        let users = row(self.users.iter().map(|u| {
            let chosen = self.selected.as_deref() == Some(u.code.as_str());
            button(column![text(&u.name).size(18), text(format!("{} · {}", u.code, u.role.code())).size(13)])
                .padding(12)
                .style(if chosen { button::primary } else { button::secondary })
                .on_press(Message::Select(u.code.clone()))
                .into()
        }))
        .spacing(10);
        let key = |label: &'static str, message: Message| -> Element<'_, Message> {
            button(text(label).size(28).center()).width(90).height(70).on_press(message).into()
        };
        let digits = |ds: [char; 3]| {
            row(ds.iter().map(|d| {
                button(text(d.to_string()).size(28).center())
                    .width(90)
                    .height(70)
                    .on_press(Message::Digit(*d))
                    .into()
            }))
            .spacing(8)
        };
        let pad = column![
            digits(['1', '2', '3']),
            digits(['4', '5', '6']),
            digits(['7', '8', '9']),
            row![key("C", Message::Clear), key("0", Message::Digit('0')), key("⌫", Message::Backspace)]
                .spacing(8),
        ]
        .spacing(8);
        let dots =
            text(if self.pin.is_empty() { "—".to_owned() } else { "●".repeat(self.pin.len()) }).size(32);
        let error = self.error.as_ref().map(|e| text(e.text(l)).style(iced::widget::text::danger));
        let enter = button(text(Text::LogInEnter.get(l)).size(20))
            .padding([12, 30])
            .style(button::success)
            .on_press_maybe((!self.checking).then_some(Message::Submit));
        container(
            column![text(Text::LogInWithPin.get(l)).size(30), users, dots, pad, enter,]
                .push(error)
                .spacing(18)
                .align_x(Alignment::Center),
        )
        .center(Length::Fill)
        .style(style::panel)
        .into()
    }
}

/// Keyboard on the login screen: digits, Backspace, Escape (clear) and Enter.
pub fn shortcut(key: &Key) -> Option<Message> {
    match key.as_ref() {
        Key::Character(c) if c.len() == 1 && c.chars().all(|d| d.is_ascii_digit()) => {
            c.chars().next().map(Message::Digit)
        }
        Key::Named(Named::Backspace) => Some(Message::Backspace),
        Key::Named(Named::Escape) => Some(Message::Clear),
        Key::Named(Named::Enter) => Some(Message::Submit),
        Key::Named(Named::ArrowRight | Named::ArrowDown) => Some(Message::Step(true)),
        Key::Named(Named::ArrowLeft | Named::ArrowUp) => Some(Message::Step(false)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_enter_drive_the_pad() {
        assert!(matches!(shortcut(&Key::Character("7".into())), Some(Message::Digit('7'))));
        assert!(matches!(shortcut(&Key::Named(Named::Enter)), Some(Message::Submit)));
        assert!(shortcut(&Key::Character("a".into())).is_none());
    }
}
