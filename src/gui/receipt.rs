//! After payment: the receipt number, the change due in large type and a preview of the
//! receipt. One key (Enter or F1) starts the next customer's sale.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Font, Length, Task};

use super::payment::Done;
use super::{Context, style, tr};

#[derive(Debug)]
pub struct State {
    pub done: Done,
    pub print: PrintState,
}

/// The receipt on paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintState {
    /// No printer in the config: nothing is pretended.
    NotConfigured,
    Printing,
    Printed {
        copy: bool,
        paper_low: bool,
        /// Why a drawer on its own port did not open, if it did not.
        drawer: Option<String>,
    },
    /// Why it did not print; the job waits for a reprint.
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Start the next sale.
    Next,
    /// Print the receipt (again: a copy once the original is out).
    Print,
    Printed(Result<crate::devices::printing::Printed, String>),
}

pub enum Event {
    NextCustomer,
}

impl State {
    /// The receipt screen; with a printer configured, the receipt is printed at once.
    pub fn new(done: Done, ctx: &Context) -> (State, Task<Message>) {
        let mut state = State { done, print: PrintState::NotConfigured };
        let task = state.print(ctx);
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
            Message::Next => (Task::none(), Some(Event::NextCustomer)),
            Message::Print if self.print != PrintState::Printing => (self.print(ctx), None),
            Message::Print => (Task::none(), None),
            Message::Printed(Ok(p)) => {
                self.print = PrintState::Printed {
                    copy: p.copy,
                    paper_low: p.paper_near_end,
                    drawer: p.drawer_trouble,
                };
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
            text(tr(l, "Transaksi selesai", "Sale complete")).size(26),
            text(&self.done.receipt_number).size(22),
            text(format!("{}: {}", tr(l, "Dibayar", "Paid"), self.done.amount_due.format(l))).size(20),
            text(tr(l, "Kembalian", "Change due")).size(22),
            text(self.done.change.format(l)).size(64),
            button(text(tr(l, "Pelanggan berikutnya (Enter)", "Next customer (Enter)")).size(22))
                .padding(16)
                .style(button::success)
                .on_press(Message::Next),
            self.print_view(ctx),
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

impl State {
    fn print_view(&self, ctx: &Context) -> Element<'_, Message> {
        let l = ctx.locale;
        let reprint =
            |label: &'static str| button(text(label)).style(button::secondary).on_press(Message::Print);
        match &self.print {
            PrintState::NotConfigured => text(tr(
                l,
                "Printer belum dikonfigurasi: struk tidak dicetak",
                "No printer configured: nothing printed",
            ))
            .size(14)
            .into(),
            PrintState::Printing => text(tr(l, "Mencetak…", "Printing…")).size(14).into(),
            PrintState::Printed { copy, paper_low, drawer } => column![
                text(match copy {
                    true => tr(l, "Salinan dicetak", "Copy printed"),
                    false => tr(l, "Struk dicetak", "Receipt printed"),
                })
                .size(14)
                .style(text::success),
            ]
            .push(paper_low.then(|| {
                text(tr(l, "Kertas hampir habis", "Paper running low")).size(14).style(text::danger)
            }))
            .push(drawer.as_ref().map(|why| {
                text(format!("{}: {why}", tr(l, "Laci tidak terbuka", "The drawer did not open")))
                    .size(14)
                    .style(text::danger)
            }))
            .push(reprint(tr(l, "Cetak salinan (F5)", "Print a copy (F5)")))
            .spacing(6)
            .into(),
            PrintState::Failed(why) => column![
                text(format!("{}: {why}", tr(l, "Struk tidak tercetak", "The receipt did not print")))
                    .size(14)
                    .style(text::danger),
                reprint(tr(l, "Cetak ulang (F5)", "Print again (F5)")),
            ]
            .spacing(6)
            .into(),
        }
    }
}
