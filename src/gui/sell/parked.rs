//! Parked carts: a sale put aside (F6) while the next customer is served, its approvals kept
//! with it in the ledger, and the list (F7) to take one back into an empty checkout.

use iced::widget::{button, column, row, scrollable, text};
use iced::{Element, Length, Task};
use kasir_core::Locale;

use super::{Message, State, focus_scan};
use crate::gui::widgets::{dialog, quiet_button};
use crate::gui::{Context, call, tr};
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
        let l = ctx.locale;
        match message {
            Message::Park => {
                if self.cart.is_empty() {
                    self.error(tr(l, "Keranjang masih kosong", "The cart is empty"));
                    return focus_scan();
                }
                let (cart, approvals, who) =
                    (self.cart.clone(), self.approvals.clone(), cashier.code.clone());
                call(ctx, move |b| {
                    let now = b.config.now();
                    b.ledger.park(&who, &cart, &approvals, now).map_err(|e| e.to_string())
                })
                .map(Message::Parked)
            }
            Message::Parked(Ok(id)) => {
                self.new_cart();
                self.info(format!("{} #{id}", tr(l, "Transaksi diparkir", "Sale parked as")));
                focus_scan()
            }
            Message::Parked(Err(e)) | Message::ParkedList(Err(e)) | Message::Recalled(Err(e)) => {
                self.error(e);
                Task::none()
            }
            Message::ShowParked => {
                call(ctx, move |b| b.ledger.parked().map_err(|e| e.to_string())).map(Message::ParkedList)
            }
            Message::ParkedList(Ok(list)) => {
                self.parked = Some(list);
                Task::none()
            }
            Message::Recall(id) => {
                if !self.cart.is_empty() {
                    self.error(tr(
                        l,
                        "Selesaikan atau parkir transaksi ini dulu",
                        "Finish or park this sale first",
                    ));
                    return Task::none();
                }
                call(ctx, move |b| b.ledger.recall(id).map_err(|e| e.to_string())).map(Message::Recalled)
            }
            Message::Recalled(Ok((cart, approvals))) => {
                self.cart = cart;
                self.approvals = approvals;
                self.parked = None;
                focus_scan()
            }
            _ => Task::none(),
        }
    }
}

/// The parked carts, each a button that takes it back.
pub(super) fn list_view(list: &[ParkedEntry], l: Locale) -> Element<'_, Message> {
    let rows = column(list.iter().map(|p| {
        button(
            row![
                text(format!("#{}", p.id)).size(16).width(50),
                text(&p.label).size(16).width(Length::Fill),
                text(p.total.format(l)).size(16),
            ]
            .spacing(10),
        )
        .width(Length::Fill)
        .style(button::secondary)
        .on_press(Message::Recall(p.id))
        .into()
    }))
    .spacing(4);
    let empty = list.is_empty().then(|| text(tr(l, "Tidak ada transaksi diparkir", "No parked sales")));
    dialog(
        column![text(tr(l, "Transaksi diparkir", "Parked sales")).size(22)]
            .push(empty)
            .push(scrollable(rows).height(360))
            .push(quiet_button(tr(l, "Tutup (Esc)", "Close (Esc)"), Message::Dismiss))
            .spacing(10)
            .width(560),
    )
}
