//! After payment: the receipt number, the change due in large type and a preview of the
//! receipt. One key (Enter or F1) starts the next customer's sale.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Font, Length};

use super::payment::Done;
use super::{Context, style, tr};

#[derive(Debug)]
pub struct State {
    pub done: Done,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Start the next sale.
    Next,
}

pub enum Event {
    NextCustomer,
}

impl State {
    pub fn new(done: Done) -> State {
        State { done }
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Next => Some(Event::NextCustomer),
        }
    }

    pub fn view(&self, ctx: &Context) -> Element<'_, Message> {
        let l = ctx.locale;
        let preview = column(
            self.done.lines.iter().map(|line| text(line.clone()).font(Font::MONOSPACE).size(14).into()),
        );
        let left = column![
            text(tr(l, "Transaksi selesai", "Sale complete")).size(26),
            text(&self.done.receipt_number).size(22),
            text(format!("{}: {}", tr(l, "Dibayar", "Paid"), self.done.amount_due.format(l))).size(20),
            text(tr(l, "Kembalian", "Change due")).size(22),
            text(self.done.change.format(l)).size(64),
            button(text(tr(l, "Pelanggan berikutnya (Enter)", "Next customer (Enter)")).size(22))
                .padding(16)
                .style(button::success)
                .on_press(Message::Next),
        ]
        .spacing(14)
        .width(Length::Fill);
        row![
            container(left).padding(16).height(Length::Fill).style(style::panel),
            container(scrollable(container(preview).padding(12).style(style::paper)).height(Length::Fill))
                .padding(16)
                .width(480)
                .height(Length::Fill)
                .style(style::panel),
        ]
        .spacing(12)
        .into()
    }
}
