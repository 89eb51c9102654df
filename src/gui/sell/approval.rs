//! A manager's PIN asked for on the spot: to void a line or the whole sale, to open the
//! drawer without a sale, or to allow a price or discount past the cashier's limit.

use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Task};
use kasir_core::policy::Action;
use kasir_core::{Cart, LineId, Locale};

use super::Message;
use crate::gui::{style, tr};
use kasir_core::document::Approval;

pub const MANAGER_ID: &str = "approver-manager";
pub const PIN_ID: &str = "approver-pin";
pub const REASON_ID: &str = "approver-reason";

/// What the manager is asked to allow.
#[derive(Debug, Clone)]
pub enum Purpose {
    VoidLine(LineId),
    /// Edits past the cashier's limits, already shown in the cart; cancelling the prompt
    /// puts `before` (and its approvals) back.
    Edit {
        before: Cart,
        approvals_before: Vec<Approval>,
        needed: Vec<(Action, Option<LineId>)>,
    },
    VoidSale,
    NoSale,
}

#[derive(Debug, Clone)]
pub struct Approver {
    pub purpose: Purpose,
    pub manager: String,
    pub pin: String,
    pub reason: String,
    pub error: Option<String>,
    pub checking: bool,
}

impl Approver {
    pub fn ask(purpose: Purpose) -> (Approver, Task<Message>) {
        let a = Approver {
            purpose,
            manager: String::new(),
            pin: String::new(),
            reason: String::new(),
            error: None,
            checking: false,
        };
        (a, iced::widget::operation::focus(MANAGER_ID))
    }

    fn title(&self, l: Locale) -> String {
        let what = match &self.purpose {
            Purpose::VoidLine(_) => tr(l, "batal baris", "void line").to_owned(),
            Purpose::VoidSale => tr(l, "batal transaksi", "void sale").to_owned(),
            Purpose::NoSale => tr(l, "buka laci tanpa transaksi", "open drawer (no sale)").to_owned(),
            Purpose::Edit { needed, .. } => {
                needed.iter().map(|(action, _)| action_name(*action, l)).collect::<Vec<_>>().join(", ")
            }
        };
        format!("{}: {what}", tr(l, "Persetujuan manajer", "Manager approval"))
    }

    pub fn view<'a>(&'a self, cart: &'a Cart, l: Locale) -> Element<'a, Message> {
        let subject = match &self.purpose {
            Purpose::VoidLine(id) => cart.line(*id).map(|line| line.product.name.clone()),
            Purpose::VoidSale => Some(format!(
                "{} {} — {}",
                cart.lines().len(),
                tr(l, "baris", "lines"),
                cart.totals().total.format(l)
            )),
            Purpose::Edit { needed, .. } => Some(
                needed
                    .iter()
                    .map(|(_, line)| match line.and_then(|id| cart.line(id)) {
                        Some(line) => line.product.name.clone(),
                        None => tr(l, "seluruh transaksi", "whole order").to_owned(),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Purpose::NoSale => None,
        };
        let error = self.error.as_deref().map(|e| text(e.to_owned()).style(text::danger));
        container(
            column![text(self.title(l)).size(22)]
                .push(subject.map(|s| text(s).size(16)))
                .push(
                    text_input(tr(l, "Kode manajer", "Manager code"), &self.manager)
                        .id(MANAGER_ID)
                        .on_input(Message::ApproverManager)
                        .on_submit(Message::ApproverSubmit)
                        .padding(8),
                )
                .push(
                    text_input("PIN", &self.pin)
                        .id(PIN_ID)
                        .secure(true)
                        .on_input(Message::ApproverPin)
                        .on_submit(Message::ApproverSubmit)
                        .padding(8),
                )
                .push(
                    text_input(tr(l, "Alasan", "Reason"), &self.reason)
                        .id(REASON_ID)
                        .on_input(Message::ApproverReason)
                        .on_submit(Message::ApproverSubmit)
                        .padding(8),
                )
                .push(error)
                .push(
                    row![
                        button(text(tr(l, "Batal (Esc)", "Cancel (Esc)")))
                            .style(button::secondary)
                            .on_press(Message::Dismiss),
                        button(text(tr(l, "Setujui", "Approve")))
                            .style(button::primary)
                            .on_press_maybe((!self.checking).then_some(Message::ApproverSubmit)),
                    ]
                    .spacing(10),
                )
                .spacing(10)
                .width(440),
        )
        .padding(20)
        .style(style::panel)
        .into()
    }
}

pub fn action_name(action: Action, l: Locale) -> &'static str {
    match action {
        Action::PriceOverride => tr(l, "ubah harga", "price override"),
        Action::DiscountOverLimit => tr(l, "diskon di atas batas", "discount over the limit"),
        Action::VoidLine => tr(l, "batal baris", "void line"),
        Action::VoidSale => tr(l, "batal transaksi", "void sale"),
        Action::NoSale => tr(l, "buka laci", "no sale"),
        Action::Return => tr(l, "retur", "return"),
        Action::CloseDay => tr(l, "tutup hari", "close the day"),
    }
}
