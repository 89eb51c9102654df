//! Parked carts: a sale put aside (F6) while the next customer is served, its approvals kept
//! with it in the ledger, and the list (F7) to take one back into an empty checkout.

use iced::widget::{button, column, row, scrollable, text};
use iced::{Element, Length, Task};
use kasir_core::Locale;

use super::{Message, State};
use crate::gui::Context;
use crate::gui::notice::ask;
use crate::gui::widgets::{dialog, quiet_button};
use crate::messages::screens::ScreenSays;
use crate::messages::{Said, Text};
use crate::store::parked::ParkedEntry;
use crate::store::users;

impl State {
    /// Parking, the list and recalling; other messages are not this part's.
    pub(super) fn parking(
        &mut self,
        message: Message,
        ctx: &Context,
        cashier: &users::User,
    ) -> Task<Message> {
        match message {
            Message::Park => {
                if self.cart.is_empty() {
                    self.error(Text::CartEmpty);
                    return Task::none();
                }
                let (cart, approvals, who) =
                    (self.cart.clone(), self.approvals.clone(), cashier.code.clone());
                ask(ctx, move |b| {
                    let now = b.config.now();
                    b.ledger.park(&who, &cart, &approvals, now).map_err(Said::new)
                })
                .map(Message::Parked)
            }
            Message::Parked(Ok(id)) => {
                self.new_cart();
                self.info(Said::new(ScreenSays::SaleParked { id }));
                Task::none()
            }
            Message::Parked(Err(e)) | Message::ParkedList(Err(e)) | Message::Recalled(Err(e)) => {
                self.error(e);
                Task::none()
            }
            Message::ShowParked => {
                ask(ctx, move |b| b.ledger.parked().map_err(Said::new)).map(Message::ParkedList)
            }
            Message::ParkedList(Ok(list)) => {
                self.parked = Some(list);
                self.parked_highlight = 0;
                Task::none()
            }
            Message::Recall(id) => {
                if !self.cart.is_empty() {
                    self.error(Text::FinishOrParkFirst);
                    return Task::none();
                }
                ask(ctx, move |b| b.ledger.recall(id, b.config.limits().ceilings).map_err(Said::new))
                    .map(Message::Recalled)
            }
            Message::Recalled(Ok((cart, approvals))) => {
                self.cart = cart;
                self.approvals = approvals;
                self.parked = None;
                Task::none()
            }
            _ => Task::none(),
        }
    }
}

/// The parked carts, each a button that takes it back; the arrows move the highlight and
/// Enter takes the highlighted one.
pub(super) fn list_view(list: &[ParkedEntry], highlight: usize, l: Locale) -> Element<'_, Message> {
    let rows = column(list.iter().enumerate().map(|(i, p)| {
        button(
            row![
                text(format!("#{}", p.id)).size(16).width(50),
                text(&p.label).size(16).width(Length::Fill),
                text(p.total.format(l)).size(16),
            ]
            .spacing(10),
        )
        .width(Length::Fill)
        .style(if i == highlight { button::primary } else { button::secondary })
        .on_press(Message::Recall(p.id))
        .into()
    }))
    .spacing(4);
    let empty = list.is_empty().then(|| text(Text::NoParkedSales.get(l)));
    dialog(
        column![text(Text::ParkedSales.get(l)).size(22)]
            .push(empty)
            .push(scrollable(rows).height(360))
            .push(text(Text::ParkedListKeys.get(l)).size(13))
            .push(quiet_button(Text::CloseEsc.get(l), Message::Dismiss))
            .spacing(10)
            .width(560),
    )
}
