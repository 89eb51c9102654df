//! Where a key goes on the shift and day screen: the current field, chosen by state (Tab,
//! Enter, a click), in the order typed (see `gui::keys`). An amount and its reason, the
//! approver's code and PIN, and the drawer count typed straight on each land in their field.

use iced::Task;
use iced::keyboard::key::Named;

use super::{Event, Message, State, shortcut};
use crate::gui::Context;
use crate::gui::keys::{self, Press};
use crate::store::users::User;

/// The screen's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Float,
    CashAmount,
    CashReason,
    CashManager,
    CashPin,
    /// How many of note or coin `i`.
    Count(usize),
}

impl State {
    /// The fields on screen now, in Tab order.
    pub fn fields(&self) -> Vec<Field> {
        if self.status.is_none() {
            return vec![Field::Float];
        }
        let mut fields = vec![Field::CashAmount, Field::CashReason];
        if self.cash_approval.is_some() {
            fields.extend([Field::CashManager, Field::CashPin]);
        }
        fields.extend((0..self.counts.len()).map(Field::Count));
        fields
    }

    /// Where keys go now: the chosen field, or the first on screen when it is gone (the
    /// shift opened, the receipt's lines changed).
    pub fn current_field(&self) -> Field {
        keys::current_of(&self.fields(), self.field)
    }

    /// What `field` holds.
    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::Float => &self.float,
            Field::CashAmount => &self.cash_amount,
            Field::CashReason => &self.cash_reason,
            Field::CashManager => self.cash_approval.as_ref().map_or("", |a| a.manager.as_str()),
            Field::CashPin => self.cash_approval.as_ref().map_or("", |a| a.pin.as_str()),
            Field::Count(i) => self.counts.get(i).map_or("", String::as_str),
        }
    }

    fn set(field: Field, value: String) -> Message {
        match field {
            Field::Float => Message::Float(value),
            Field::CashAmount => Message::CashAmount(value),
            Field::CashReason => Message::CashReason(value),
            Field::CashManager => Message::CashManager(value),
            Field::CashPin => Message::CashManagerPin(value),
            Field::Count(i) => Message::Count(i, value),
        }
    }

    pub(super) fn key(&mut self, press: Press, ctx: &Context, user: &User) -> (Task<Message>, Option<Event>) {
        if let Some(m) = shortcut(&press.key) {
            return self.update(m, ctx, user);
        }
        let fields = self.fields();
        self.field = keys::current_of(&fields, self.field);
        if let Some(forward) = keys::tab(&press) {
            self.field = keys::next_of(&fields, self.field, forward);
            return (Task::none(), None);
        }
        if press.is(Named::Enter) {
            if self.field == Field::Float {
                return self.update(Message::OpenShift, ctx, user);
            }
            // Elsewhere Enter goes on to the next field; paying in or out and closing are
            // their buttons (which way the cash goes is the cashier's choice).
            self.field = keys::next_of(&fields, self.field, true);
            return (Task::none(), None);
        }
        let mut value = self.value(self.field).to_owned();
        if keys::edit(&mut value, &press, |_| true) {
            return self.update(State::set(self.field, value), ctx, user);
        }
        (Task::none(), None)
    }
}
