//! Voiding the sale just completed (post-void), from the receipt screen: a manager's code,
//! PIN and the reason, then the existing void document (`checkout::void_sale`, as
//! `kasir void` writes it): the sale's stock comes back and it leaves every report figure.
//! Keys reach the prompt's current field through the one ordered path (`gui::keys`).

use iced::keyboard::key::Named;
use iced::widget::{button, column, text};
use iced::{Element, Task};
use kasir_core::Locale;
use kasir_core::policy::Action;

use super::Context;
use super::keys::{self, Press};
use super::notice::ask;
use super::sell::ApproverField as Field;
use super::widgets::{dialog, dialog_buttons, error_text, field};
use crate::messages::{Said, Text};
use crate::sale::checkout;
use crate::store::users::User;

pub const MANAGER_ID: &str = "post-void-manager";
pub const PIN_ID: &str = "post-void-pin";
pub const REASON_ID: &str = "post-void-reason";

/// The manager prompt, while it is open.
#[derive(Debug, Clone, Default)]
pub struct Prompt {
    pub manager: String,
    pub pin: String,
    pub reason: String,
    pub field: Option<Field>,
    pub error: Option<Said>,
    pub checking: bool,
}

/// The post-void part of the receipt screen.
#[derive(Debug, Clone, Default)]
pub struct PostVoid {
    pub prompt: Option<Prompt>,
    /// The void's own receipt number, once the sale is voided.
    pub voided: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Open the prompt (F6).
    Ask,
    /// A key press while the prompt is open.
    Key(Press),
    /// A click on a field of the prompt.
    Field(Field),
    Submit,
    Dismiss,
    /// The back end's answer: the void's receipt number, or why not.
    Done(Result<String, Said>),
}

impl PostVoid {
    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context,
        receipt: &str,
        cashier: &User,
    ) -> Task<Message> {
        match message {
            Message::Ask if self.voided.is_none() => {
                self.prompt = Some(Prompt { field: Some(Field::Manager), ..Prompt::default() })
            }
            Message::Ask => {}
            Message::Dismiss => self.dismiss(),
            Message::Field(f) => {
                if let Some(p) = &mut self.prompt {
                    p.field = Some(f);
                }
            }
            Message::Key(press) => return self.key(press, ctx, receipt, cashier),
            Message::Submit => return self.submit(ctx, receipt, cashier),
            Message::Done(Ok(void_receipt)) => {
                self.prompt = None;
                self.voided = Some(void_receipt);
            }
            Message::Done(Err(e)) => {
                if let Some(p) = &mut self.prompt {
                    p.checking = false;
                    p.error = Some(e);
                    p.field = Some(Field::Pin);
                }
            }
        }
        Task::none()
    }

    /// Closes the prompt, unless its PIN is on the way: the void is then being written, and
    /// the screen must show that it was, not a prompt closed as if nothing happened.
    fn dismiss(&mut self) {
        if !self.prompt.as_ref().is_some_and(|p| p.checking) {
            self.prompt = None;
        }
    }

    fn key(&mut self, press: Press, ctx: &Context, receipt: &str, cashier: &User) -> Task<Message> {
        if press.is(Named::Escape) {
            self.dismiss();
            return Task::none();
        }
        if press.is(Named::Enter) {
            return self.submit(ctx, receipt, cashier);
        }
        let Some(p) = &mut self.prompt else { return Task::none() };
        if p.checking {
            return Task::none();
        }
        let current = p.field.unwrap_or(Field::Manager);
        if let Some(forward) = keys::tab(&press) {
            p.field = Some(keys::next_of(&Field::ALL, current, forward));
            return Task::none();
        }
        match current {
            Field::Manager => keys::edit(&mut p.manager, &press, |c| !c.is_whitespace()),
            Field::Pin => keys::edit(&mut p.pin, &press, |c| c.is_ascii_digit()),
            Field::Reason => keys::edit(&mut p.reason, &press, |_| true),
        };
        Task::none()
    }

    /// Checks the manager and writes the void in one step on the back end.
    fn submit(&mut self, ctx: &Context, receipt: &str, cashier: &User) -> Task<Message> {
        let Some(p) = &mut self.prompt else { return Task::none() };
        let missing = if p.manager.trim().is_empty() {
            Some((Text::ManagerCodeRequired, Field::Manager))
        } else if p.pin.is_empty() {
            Some((Text::PinRequired, Field::Pin))
        } else if p.reason.trim().is_empty() {
            Some((Text::ReasonRequired, Field::Reason))
        } else {
            None
        };
        if let Some((why, field)) = missing {
            p.error = Some(Said::new(why));
            p.field = Some(field);
            return Task::none();
        }
        p.checking = true;
        let (manager, pin, reason) =
            (p.manager.trim().to_owned(), std::mem::take(&mut p.pin), p.reason.clone());
        let (receipt, cashier) = (receipt.to_owned(), cashier.clone());
        ask(ctx, move |b| {
            let approver = b
                .ledger
                .authenticate_approver(&manager, &pin, &b.config.permissions, &[Action::VoidSale])
                .map_err(Said::new)?;
            let now = b.config.now();
            checkout::void_sale(
                &mut b.ledger,
                &b.config.permissions,
                &cashier,
                &receipt,
                &approver,
                &reason,
                now,
            )
            .map(|c| c.receipt_number().to_owned())
            .map_err(Said::new)
        })
        .map(Message::Done)
    }

    /// The button under the receipt, or what became of the sale.
    pub fn button(&self, l: Locale) -> Element<'_, Message> {
        match &self.voided {
            Some(void) => text(format!("{} — {} {void}", Text::PostVoided.get(l), Text::PostVoidDone.get(l)))
                .size(18)
                .style(text::danger)
                .into(),
            None => button(text(Text::PostVoidF6.get(l))).style(button::danger).on_press(Message::Ask).into(),
        }
    }

    /// The manager prompt, while open.
    pub fn dialog(&self, l: Locale) -> Option<Element<'_, Message>> {
        let p = self.prompt.as_ref()?;
        let current = |f: Field| p.field == Some(f) && !p.checking;
        Some(dialog(
            column![text(Text::PostVoidTitle.get(l)).size(22)]
                .push(field(
                    MANAGER_ID,
                    Text::ManagerCode.get(l),
                    &p.manager,
                    current(Field::Manager),
                    false,
                    Message::Field(Field::Manager),
                ))
                .push(field(PIN_ID, "PIN", &p.pin, current(Field::Pin), true, Message::Field(Field::Pin)))
                .push(field(
                    REASON_ID,
                    Text::Reason.get(l),
                    &p.reason,
                    current(Field::Reason),
                    false,
                    Message::Field(Field::Reason),
                ))
                .push(p.error.as_ref().map(|e| error_text(&e.text(l))))
                .push(text(Text::DialogKeys.get(l)).size(13))
                .push(dialog_buttons(
                    l,
                    Message::Dismiss,
                    Text::Approve.get(l),
                    (!p.checking).then_some(Message::Submit),
                ))
                .spacing(10)
                .width(440),
        ))
    }
}
