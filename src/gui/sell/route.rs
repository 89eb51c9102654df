//! Where a key goes on the checkout screen, decided by what is open, in the order the keys
//! were typed: the manager prompt's current field, the edit dialog's, the parked list, or
//! else the scan field, whatever was clicked last. Tab changes a dialog's current field at
//! once, so the next key already lands in the new one.

use iced::Task;
use iced::keyboard::key::Named;

use super::{ApproverField, EditorField, Event, Message, State, Target, shortcut};
use crate::gui::Context;
use crate::gui::keys::{self, Press};
use crate::store::users;

/// Characters a number field takes: digits and the decimal and thousands marks.
fn numeric(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, ',' | '.')
}

impl State {
    pub(super) fn key(
        &mut self,
        press: Press,
        ctx: &Context,
        cashier: &users::User,
    ) -> (Task<Message>, Option<Event>) {
        if self.approver.is_some() {
            return self.approver_key(&press, ctx, cashier);
        }
        if self.editor.is_some() {
            return self.editor_key(&press, ctx, cashier);
        }
        if let Some(list) = &self.parked {
            let ids: Vec<i64> = list.iter().map(|p| p.id).collect();
            if let Some(forward) = keys::arrow(&press).or(keys::tab(&press)) {
                self.parked_highlight = keys::step(self.parked_highlight, ids.len(), forward);
            } else if press.is(Named::Enter)
                && let Some(id) = ids.get(self.parked_highlight)
            {
                return self.update(Message::Recall(*id), ctx, cashier);
            } else if press.is(Named::Escape) {
                return self.update(Message::Dismiss, ctx, cashier);
            }
            return (Task::none(), None);
        }
        self.scan_field_key(press, ctx, cashier)
    }

    /// Keys with no dialog open: the F-keys act, the rest is the scan field's.
    fn scan_field_key(
        &mut self,
        press: Press,
        ctx: &Context,
        cashier: &users::User,
    ) -> (Task<Message>, Option<Event>) {
        if press.is(Named::Escape) {
            // Esc first empties what is typed, then acknowledges an error.
            if !self.input.is_empty() {
                self.input.clear();
                self.results.clear();
                self.typing = None;
                return (Task::none(), None);
            }
            return self.update(Message::Acknowledge, ctx, cashier);
        }
        if let Some(m) = shortcut(&press.key) {
            return self.update(m, ctx, cashier);
        }
        if press.is(Named::Enter) {
            return self.submit(press.at, ctx, cashier);
        }
        if let Some(forward) = keys::arrow(&press) {
            self.highlight = keys::step(self.highlight, self.results.len(), forward);
            return (Task::none(), None);
        }
        let mut input = self.input.clone();
        if keys::edit(&mut input, &press, |_| true) {
            return (self.typed(input, press.at, ctx), None);
        }
        (Task::none(), None)
    }

    fn approver_key(
        &mut self,
        press: &Press,
        ctx: &Context,
        cashier: &users::User,
    ) -> (Task<Message>, Option<Event>) {
        if press.is(Named::Escape) {
            return self.update(Message::Dismiss, ctx, cashier);
        }
        if press.is(Named::Enter) {
            return self.update(Message::ApproverSubmit, ctx, cashier);
        }
        let Some(a) = &mut self.approver else { return (Task::none(), None) };
        if a.checking {
            // The PIN is on its way to the back end: typing now would change nothing shown.
            return (Task::none(), None);
        }
        if let Some(forward) = keys::tab(press) {
            a.field = keys::next_of(&ApproverField::ALL, a.field, forward);
            return (Task::none(), None);
        }
        match a.field {
            ApproverField::Manager => keys::edit(&mut a.manager, press, |c| !c.is_whitespace()),
            ApproverField::Pin => keys::edit(&mut a.pin, press, |c| c.is_ascii_digit()),
            ApproverField::Reason => keys::edit(&mut a.reason, press, |_| true),
        };
        (Task::none(), None)
    }

    fn editor_key(
        &mut self,
        press: &Press,
        ctx: &Context,
        cashier: &users::User,
    ) -> (Task<Message>, Option<Event>) {
        if press.is(Named::Escape) {
            return self.update(Message::Dismiss, ctx, cashier);
        }
        if press.is(Named::Enter) {
            return self.update(Message::EditorApply, ctx, cashier);
        }
        let Some(e) = &mut self.editor else { return (Task::none(), None) };
        let fields: &[EditorField] = match e.target {
            Target::Line(_) => &EditorField::ALL,
            Target::Order => &[EditorField::Discount],
        };
        if let Some(forward) = keys::tab(press) {
            e.field = keys::next_of(fields, e.field, forward);
            return (Task::none(), None);
        }
        // `%` in the discount switches between a percentage and an amount.
        if e.field == EditorField::Discount && press.typed() == Some("%") {
            e.percent = !e.percent;
            return (Task::none(), None);
        }
        match e.field {
            EditorField::Quantity => keys::edit(&mut e.quantity, press, numeric),
            EditorField::Price => keys::edit(&mut e.price, press, numeric),
            EditorField::Discount => keys::edit(&mut e.discount, press, numeric),
        };
        (Task::none(), None)
    }
}
