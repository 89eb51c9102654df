//! Returns at the counter (F8 from an empty checkout): scan the receipt's barcode or type its
//! number, choose lines and quantities, the refund tender and a reason, and a manager
//! approves. The refund shown is the core's own figure, and the return goes through the same
//! function as `kasir return` (a return without a receipt is headless only for now).

use iced::keyboard::{Key, key::Named};
use iced::widget::{button, column, container, operation, row, scrollable, text, text_input};
use iced::{Element, Length, Task};
use kasir_core::document::{Body, SaleBody};
use kasir_core::returns::{self, ReturnRequest, Returned};
use kasir_core::{Money, Quantity, TenderKind};

use super::{Context, call, style, tr};
use crate::config::RefundRule;
use crate::ledger::returned_from;
use crate::receipt::tender_name;
use crate::returns::{LineSpec, ManagerSpec, ReturnOutcome, ReturnScript};
use crate::users::User;

pub const RECEIPT_ID: &str = "return-receipt";

/// A committed sale as the return screen needs it.
#[derive(Debug, Clone)]
pub struct Original {
    pub receipt: String,
    pub sale: SaleBody,
    pub already: Vec<Returned>,
}

#[derive(Debug)]
pub struct State {
    pub receipt: String,
    pub original: Option<Original>,
    /// Quantities typed per line of the original, by position.
    pub quantities: Vec<String>,
    pub refund: TenderKind,
    pub reason: String,
    pub manager: String,
    pub pin: String,
    pub error: Option<String>,
    pub done: Option<ReturnOutcome>,
    pub busy: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Receipt(String),
    Find,
    Found(Result<Original, String>),
    Quantity(usize, String),
    Refund(TenderKind),
    Reason(String),
    Manager(String),
    Pin(String),
    Submit,
    Done(Result<ReturnOutcome, String>),
    Back,
}

pub enum Event {
    Back,
}

impl State {
    pub fn new() -> (State, Task<Message>) {
        let state = State {
            receipt: String::new(),
            original: None,
            quantities: vec![],
            refund: TenderKind::Cash,
            reason: String::new(),
            manager: String::new(),
            pin: String::new(),
            error: None,
            done: None,
            busy: false,
        };
        (state, operation::focus(RECEIPT_ID))
    }

    /// The lines and quantities typed, as requests (blank fields left out).
    fn requests(&self) -> Result<Vec<ReturnRequest>, String> {
        let Some(o) = &self.original else { return Ok(vec![]) };
        o.sale
            .lines
            .iter()
            .zip(&self.quantities)
            .filter(|(_, typed)| !typed.trim().is_empty())
            .map(|(line, typed)| {
                let quantity = Quantity::parse(typed).map_err(|e| format!("{}: {e}", line.name))?;
                Ok(ReturnRequest { line_no: line.line_no, quantity })
            })
            .collect()
    }

    /// What the customer gets back for what is typed, as the core computes it.
    fn preview(&self) -> Result<i64, String> {
        let Some(o) = &self.original else { return Ok(0) };
        let requests = self.requests()?;
        if requests.is_empty() {
            return Ok(0);
        }
        let lines = returns::lines_from_sale(&o.sale, &o.receipt, &o.already, &requests)
            .map_err(|e| e.to_string())?;
        Ok(lines.iter().map(|l| l.gross).sum())
    }

    /// Tenders the store allows for this refund.
    fn refund_kinds(&self, ctx: &Context) -> Vec<TenderKind> {
        let Some(o) = &self.original else { return vec![TenderKind::Cash] };
        match ctx.config.returns.refund_to {
            RefundRule::Cash => vec![TenderKind::Cash],
            RefundRule::Original => {
                let mut kinds: Vec<TenderKind> = o.sale.tenders.iter().map(|t| t.kind).collect();
                kinds.sort();
                kinds.dedup();
                kinds
            }
            RefundRule::Any => TenderKind::ALL.to_vec(),
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Context, user: &User) -> (Task<Message>, Option<Event>) {
        let l = ctx.locale;
        match message {
            Message::Receipt(v) => self.receipt = v,
            Message::Find => {
                let receipt = self.receipt.trim().to_owned();
                if receipt.is_empty() {
                    return (Task::none(), None);
                }
                self.busy = true;
                let find = call(ctx, move |b| {
                    let doc = b.ledger.document_by_receipt(&receipt).map_err(|e| e.to_string())?;
                    let doc =
                        doc.ok_or_else(|| format!("no sale with receipt number {receipt} in this ledger"))?;
                    let Body::Sale(sale) = doc.body else { return Err(format!("{receipt} is not a sale")) };
                    let already =
                        returned_from(b.ledger.conn(), doc.header.seq).map_err(|e| e.to_string())?;
                    Ok(Original { receipt: doc.header.receipt_number, sale, already })
                });
                return (find.map(Message::Found), None);
            }
            Message::Found(Ok(original)) => {
                self.busy = false;
                self.error = None;
                self.done = None;
                self.quantities = vec![String::new(); original.sale.lines.len()];
                self.original = Some(original);
                self.refund = self.refund_kinds(ctx).first().copied().unwrap_or(TenderKind::Cash);
            }
            Message::Found(Err(e)) | Message::Done(Err(e)) => {
                self.busy = false;
                self.error = Some(e);
            }
            Message::Quantity(i, v) => {
                if let Some(q) = self.quantities.get_mut(i) {
                    *q = v.chars().filter(|c| c.is_ascii_digit() || matches!(c, ',' | '.')).collect();
                }
            }
            Message::Refund(kind) => self.refund = kind,
            Message::Reason(v) => self.reason = v,
            Message::Manager(v) => self.manager = v,
            Message::Pin(v) => self.pin = v.chars().filter(char::is_ascii_digit).collect(),
            Message::Submit => {
                let Some(o) = &self.original else { return (Task::none(), None) };
                let requests = match self.requests() {
                    Ok(r) if r.is_empty() => {
                        self.error = Some(
                            tr(l, "Isi jumlah yang dikembalikan", "Enter the quantities coming back").into(),
                        );
                        return (Task::none(), None);
                    }
                    Ok(r) => r,
                    Err(e) => {
                        self.error = Some(e);
                        return (Task::none(), None);
                    }
                };
                let approval = (!self.manager.trim().is_empty()).then(|| ManagerSpec {
                    manager: self.manager.trim().to_owned(),
                    pin: std::mem::take(&mut self.pin),
                });
                let script = ReturnScript {
                    cashier: user.code.clone(),
                    receipt: Some(o.receipt.clone()),
                    lines: requests
                        .iter()
                        .map(|r| LineSpec { line: r.line_no, quantity: r.quantity })
                        .collect(),
                    items: vec![],
                    refund: self.refund,
                    reason: self.reason.clone(),
                    approval,
                    request_id: None,
                };
                self.busy = true;
                let task = call(ctx, move |b| {
                    let now = b.config.now();
                    crate::returns::process(&mut b.ledger, &b.config, &script, now).map_err(|e| e.to_string())
                });
                return (task.map(Message::Done), None);
            }
            Message::Done(Ok(outcome)) => {
                self.busy = false;
                self.error = None;
                self.original = None;
                self.quantities.clear();
                self.receipt.clear();
                self.reason.clear();
                self.manager.clear();
                self.done = Some(outcome);
                return (operation::focus(RECEIPT_ID), None);
            }
            Message::Back => return (Task::none(), Some(Event::Back)),
        }
        (Task::none(), None)
    }

    pub fn view<'a>(&'a self, ctx: &Context) -> Element<'a, Message> {
        let l = ctx.locale;
        let currency = ctx.config.currency();
        let m = |v: i64| Money::from_minor(v, currency).format(l);
        let find = row![
            text_input(
                tr(l, "Pindai atau ketik nomor struk", "Scan or type the receipt number"),
                &self.receipt
            )
            .id(RECEIPT_ID)
            .on_input(Message::Receipt)
            .on_submit(Message::Find)
            .padding(10)
            .size(20),
            button(text(tr(l, "Cari", "Find"))).padding(10).on_press(Message::Find),
        ]
        .spacing(8);
        let done = self.done.as_ref().map(|d| {
            text(format!(
                "{} {}: {} {}",
                tr(l, "Retur dicatat", "Return recorded"),
                d.receipt_number,
                tr_refund(l, d.refund),
                Money::new(d.refunded, currency).format(l)
            ))
            .style(text::success)
        });
        let error = self.error.as_deref().map(|e| text(e.to_owned()).style(text::danger));
        let lines = self.original.as_ref().map(|o| {
            let header = row![
                text(tr(l, "Barang", "Item")).width(Length::Fill),
                text(tr(l, "Dibeli", "Sold")).width(80),
                text(tr(l, "Sisa", "Left")).width(80),
                text("Total").width(110),
                text(tr(l, "Kembali", "Back")).width(90),
            ]
            .spacing(8);
            let rows =
                column(o.sale.lines.iter().zip(&self.quantities).enumerate().map(|(i, (line, typed))| {
                    let back: i64 = o
                        .already
                        .iter()
                        .filter(|r| r.line_no == line.line_no)
                        .map(|r| r.quantity.milli())
                        .sum();
                    let left = Quantity::from_milli(line.quantity.milli() - back);
                    row![
                        text(format!("{}. {}", line.line_no, line.name)).width(Length::Fill),
                        text(kasir_core::format::format_quantity(line.quantity, l)).width(80),
                        text(kasir_core::format::format_quantity(left, l)).width(80),
                        text(m(line.gross)).width(110),
                        text_input("0", typed)
                            .on_input(move |v| Message::Quantity(i, v))
                            .width(90)
                            .padding(4),
                    ]
                    .spacing(8)
                    .align_y(iced::Alignment::Center)
                    .into()
                }))
                .spacing(6);
            column![
                text(format!("{} {}", tr(l, "Struk", "Receipt"), o.receipt)).size(20),
                header,
                scrollable(rows)
            ]
            .spacing(8)
        });
        let refund = match self.preview() {
            Ok(v) => text(format!("{}: {}", tr(l, "Dikembalikan", "Refund"), m(v))).size(28),
            Err(e) => text(e).style(text::danger),
        };
        let kinds = row(self.refund_kinds(ctx).into_iter().map(|k| {
            button(text(tender_name(k, l)))
                .style(if k == self.refund { button::primary } else { button::secondary })
                .on_press(Message::Refund(k))
                .into()
        }))
        .spacing(6);
        let side = column![
            refund,
            text(tr(l, "Dikembalikan lewat", "Refund to")).size(14),
            kinds,
            text_input(tr(l, "Alasan (wajib)", "Reason (required)"), &self.reason)
                .on_input(Message::Reason)
                .padding(8),
            text(tr(l, "Persetujuan manajer", "Manager approval")).size(14),
            text_input(tr(l, "Kode manajer", "Manager code"), &self.manager)
                .on_input(Message::Manager)
                .padding(8),
            text_input("PIN", &self.pin)
                .secure(true)
                .on_input(Message::Pin)
                .on_submit(Message::Submit)
                .padding(8),
            button(text(tr(l, "Catat retur", "Record the return")).size(20))
                .padding(12)
                .width(Length::Fill)
                .style(button::success)
                .on_press_maybe((self.original.is_some() && !self.busy).then_some(Message::Submit)),
            button(text(tr(l, "Kembali (Esc)", "Back (Esc)")))
                .style(button::secondary)
                .on_press(Message::Back),
        ]
        .spacing(10)
        .width(340);
        row![
            container(
                column![text(tr(l, "Retur barang", "Returns")).size(24), find]
                    .push(done)
                    .push(error)
                    .push(lines)
                    .spacing(12)
            )
            .padding(16)
            .width(Length::Fill)
            .height(Length::Fill)
            .style(style::panel),
            container(side).padding(16).height(Length::Fill).style(style::panel),
        ]
        .spacing(12)
        .into()
    }
}

fn tr_refund(l: kasir_core::Locale, kind: TenderKind) -> String {
    format!("{} {}", tr(l, "refund", "refund"), tender_name(kind, l))
}

/// Keys on the returns screen.
pub fn shortcut(key: &Key) -> Option<Message> {
    match key {
        Key::Named(Named::Escape) => Some(Message::Back),
        Key::Named(Named::F9) => Some(Message::Submit),
        _ => None,
    }
}
