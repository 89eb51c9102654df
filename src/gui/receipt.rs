//! After payment: the receipt number, the change due in large type and a preview of the
//! receipt. One key (Enter or F1) starts the next customer's sale.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Font, Length, Task};

use super::payment::Done;
use super::{Context, style};
use crate::messages::Said;
use crate::messages::screens::DoneText;

#[derive(Debug)]
pub struct State {
    pub done: Done,
    pub print: PrintState,
    /// Why the drawer did not open for this sale's cash, if it did not (it opens as a job of
    /// its own, before the receipt prints and whether or not the receipt can).
    pub drawer: Option<Box<crate::devices::drawer::DrawerError>>,
    /// Voiding this sale (F6), with a manager.
    pub void: super::post_void::PostVoid,
}

/// The receipt on paper.
#[derive(Debug, Clone, PartialEq)]
pub enum PrintState {
    /// No printer in the config: nothing is pretended.
    NotConfigured,
    Printing,
    Printed {
        copy: bool,
        paper_low: bool,
    },
    /// Why it did not print; the job waits for a reprint.
    Failed(Said),
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Start the next sale.
    Next,
    /// Print the receipt (again: a copy once the original is out).
    Print,
    Printed(Result<crate::devices::printing::Printed, Said>),
    /// The drawer was kicked for the cash of this sale: why it did not open, if it did not.
    Drawer(Option<Result<(), crate::devices::drawer::DrawerError>>),
    /// Voiding the sale just completed.
    Void(super::post_void::Message),
}

pub enum Event {
    NextCustomer,
}

impl State {
    /// The receipt screen; with a printer configured, the receipt is printed at once.
    pub fn new(done: Done, ctx: &Context) -> (State, Task<Message>) {
        let mut state =
            State { done, print: PrintState::NotConfigured, drawer: None, void: Default::default() };
        let drawer = super::tasks::drawer_for(ctx.terminal.clone(), state.done.receipt_number.clone());
        // The drawer first: a printer takes one connection at a time, and the change is due.
        let task = Task::perform(drawer, Message::Drawer).chain(state.print(ctx));
        (state, task)
    }

    fn print(&mut self, ctx: &Context) -> Task<Message> {
        let Ok(address) = crate::devices::printing::printer_address(&ctx.config, None) else {
            self.print = PrintState::NotConfigured;
            return Task::none();
        };
        self.print = PrintState::Printing;
        let receipt = self.done.receipt_number.clone();
        let terminal = ctx.terminal.clone();
        // Queue and record on the ledger's thread; the device I/O, which a jammed or
        // unplugged printer can stretch to seconds, on a thread of its own, so the next
        // customer's scans are never held up behind it.
        let printed = super::print(terminal, move |b| {
            let now = b.config.now();
            crate::devices::printing::prepare_receipt(&b.ledger, &b.config, &address, &receipt, now)
        });
        Task::perform(printed, Message::Printed)
    }

    pub fn update(&mut self, message: Message, ctx: &Context) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Void(m) => {
                let (receipt, cashier) = (self.done.receipt_number.clone(), self.done.cashier.clone());
                (self.void.update(m, ctx, &receipt, &cashier).map(Message::Void), None)
            }
            Message::Next => (Task::none(), Some(Event::NextCustomer)),
            Message::Print if self.print != PrintState::Printing => (self.print(ctx), None),
            Message::Print => (Task::none(), None),
            Message::Printed(Ok(p)) => {
                self.print = PrintState::Printed { copy: p.copy, paper_low: p.paper_near_end };
                (Task::none(), None)
            }
            Message::Drawer(result) => {
                self.drawer = result.and_then(Result::err).map(Box::new);
                (Task::none(), None)
            }
            Message::Printed(Err(e)) => {
                self.print = PrintState::Failed(e);
                (Task::none(), None)
            }
        }
    }

    pub fn view(&self, ctx: &Context) -> Element<'_, Message> {
        let l = ctx.locale;
        let preview = column(
            self.done.lines.iter().map(|line| text(line.clone()).font(Font::MONOSPACE).size(14).into()),
        );
        let left = column![
            text(DoneText::SaleComplete.get(l)).size(26),
            text(&self.done.receipt_number).size(22),
            text(format!("{}: {}", DoneText::Paid.get(l), self.done.amount_due.format(l))).size(20),
            text(DoneText::ChangeDue.get(l)).size(22),
            text(self.done.change.format(l)).size(64),
            button(text(DoneText::NextCustomer.get(l)).size(22))
                .padding(16)
                .style(button::success)
                .on_press(Message::Next),
            self.print_view(ctx),
            self.void.button(l).map(Message::Void),
        ]
        .spacing(14)
        .width(Length::Fill);
        let screen = row![
            container(left).padding(16).height(Length::Fill).style(style::panel),
            container(scrollable(container(preview).padding(12).style(style::paper)).height(Length::Fill))
                .padding(16)
                .width(480)
                .height(Length::Fill)
                .style(style::panel),
        ]
        .spacing(12);
        match self.void.dialog(l) {
            Some(d) => {
                style::modal(screen, d.map(Message::Void), Message::Void(super::post_void::Message::Dismiss))
            }
            None => screen.into(),
        }
    }
}

impl State {
    fn print_view(&self, ctx: &Context) -> Element<'_, Message> {
        let l = ctx.locale;
        let reprint =
            |label: &'static str| button(text(label)).style(button::secondary).on_press(Message::Print);
        // A drawer that did not open for this sale's cash, in words, whatever the paper did.
        let drawer = self
            .drawer
            .as_ref()
            .map(|why| text(crate::messages::Explain::explain(why.as_ref(), l)).size(14).style(text::danger));
        let print: Element<'_, Message> = match &self.print {
            PrintState::NotConfigured => text(DoneText::NoPrinter.get(l)).size(14).into(),
            PrintState::Printing => text(DoneText::Printing.get(l)).size(14).into(),
            PrintState::Printed { copy, paper_low } => column![
                text(match copy {
                    true => DoneText::CopyPrinted.get(l),
                    false => DoneText::ReceiptPrinted.get(l),
                })
                .size(14)
                .style(text::success),
            ]
            .push(paper_low.then(|| text(DoneText::PaperLow.get(l)).size(14).style(text::danger)))
            .push(reprint(DoneText::PrintCopyF5.get(l)))
            .spacing(6)
            .into(),
            PrintState::Failed(why) => column![
                text(format!("{}: {}", DoneText::DidNotPrint.get(l), why.text(l)))
                    .size(14)
                    .style(text::danger),
                reprint(DoneText::PrintAgainF5.get(l)),
            ]
            .spacing(6)
            .into(),
        };
        column![drawer, print].spacing(6).into()
    }
}
