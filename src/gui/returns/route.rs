//! Where a key goes on the returns screen: the current field, chosen by state (Tab, Enter, a
//! click), in the order typed, as on the checkout (see `gui::keys`). A receipt number, the
//! goods, the quantities, the reason and the manager's code and PIN typed straight on each
//! land in their own field.

use iced::Task;
use iced::keyboard::key::Named;

use super::{Event, Message, State, shortcut};
use crate::gui::Context;
use crate::gui::keys::{self, Press};
use crate::store::users::User;

/// The screen's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Receipt,
    /// Goods scanned (back without a receipt, or out in an exchange).
    Item,
    /// How many of line `i` of the receipt come back.
    Quantity(usize),
    /// How many of the scanned goods `i`.
    ItemQuantity(usize),
    PayAmount,
    Reason,
    Manager,
    Pin,
}

impl State {
    /// The fields on screen now, in Tab order.
    pub fn fields(&self) -> Vec<Field> {
        let mut fields = vec![];
        if self.no_receipt {
            fields.push(Field::Item);
            fields.extend((0..self.items.len()).map(Field::ItemQuantity));
        } else {
            fields.push(Field::Receipt);
            fields.extend((0..self.quantities.len()).map(Field::Quantity));
            if self.exchange {
                fields.push(Field::Item);
                fields.extend((0..self.items.len()).map(Field::ItemQuantity));
                fields.push(Field::PayAmount);
            }
        }
        fields.extend([Field::Reason, Field::Manager, Field::Pin]);
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
            Field::Receipt => &self.receipt,
            Field::Item => &self.item_input,
            Field::Quantity(i) => self.quantities.get(i).map_or("", String::as_str),
            Field::ItemQuantity(i) => self.items.get(i).map_or("", |(_, q)| q.as_str()),
            Field::PayAmount => &self.pay_amount,
            Field::Reason => &self.reason,
            Field::Manager => &self.manager,
            Field::Pin => &self.pin,
        }
    }

    /// The message that puts `value` in `field` (each keeps what it accepts).
    fn set(field: Field, value: String) -> Message {
        match field {
            Field::Receipt => Message::Receipt(value),
            Field::Item => Message::ItemInput(value),
            Field::Quantity(i) => Message::Quantity(i, value),
            Field::ItemQuantity(i) => Message::ItemQuantity(i, value),
            Field::PayAmount => Message::PayAmount(value),
            Field::Reason => Message::Reason(value),
            Field::Manager => Message::Manager(value),
            Field::Pin => Message::Pin(value),
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
            return match self.field {
                Field::Receipt => self.update(Message::Find, ctx, user),
                Field::Item => self.update(Message::AddItem, ctx, user),
                Field::Pin => self.update(Message::Submit, ctx, user),
                // Enter elsewhere goes on to the next field, as Tab does.
                _ => {
                    self.field = keys::next_of(&fields, self.field, true);
                    (Task::none(), None)
                }
            };
        }
        let mut value = self.value(self.field).to_owned();
        if keys::edit(&mut value, &press, |_| true) {
            return self.update(State::set(self.field, value), ctx, user);
        }
        (Task::none(), None)
    }
}
