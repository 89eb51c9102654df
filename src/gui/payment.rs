//! Payment: one or more tenders (cash, card, QRIS, e-wallet, voucher), quick cash buttons
//! for common notes and the exact amount, change due shown large. The sale commits only
//! when fully paid, through the same path as `kasir sell`.

use iced::keyboard::{Key, key::Named};
use iced::widget::{button, column, container, row, space, text, text_input};
use iced::{Element, Length, Task};
use kasir_core::tender::{self, Tender, TenderKind};
use kasir_core::{CartTotals, Money};

use super::sell::Sale;
use super::{Context, call, style, tr};
use crate::sale::checkout;
use crate::sale::receipt::tender_name;
use crate::store::users::User;

pub const AMOUNT_ID: &str = "amount";
/// Tenders offered on the screen (customer accounts come with customers, later).
const KINDS: [TenderKind; 5] =
    [TenderKind::Cash, TenderKind::Card, TenderKind::Qris, TenderKind::EWallet, TenderKind::Voucher];
/// Quick cash buttons: the notes customers hand over most.
const QUICK_CASH: [i64; 3] = [20_000, 50_000, 100_000];

#[derive(Debug)]
pub struct State {
    pub sale: Sale,
    pub totals: CartTotals,
    pub tenders: Vec<Tender>,
    pub kind: TenderKind,
    pub amount: String,
    pub error: Option<String>,
    pub committing: bool,
}

/// A committed sale, for the receipt screen.
#[derive(Debug, Clone)]
pub struct Done {
    pub receipt_number: String,
    pub change: Money,
    pub amount_due: Money,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Choose how the next amount is paid.
    Kind(TenderKind),
    /// The amount field changed.
    Amount(String),
    /// Add the typed amount as a tender.
    AddTender,
    /// Add a quick cash note.
    QuickCash(i64),
    /// Add exactly what is still due, in the chosen tender.
    Exact,
    /// Remove a tender that was added by mistake.
    RemoveTender(usize),
    /// Commit the sale.
    Complete,
    /// The back end's answer to the commit.
    Committed(Result<Done, String>),
    /// Back to the cart.
    Back,
}

pub enum Event {
    Back(Sale),
    Completed(Done),
}

impl State {
    pub fn new(sale: Sale) -> State {
        let totals = sale.cart.totals();
        State {
            sale,
            totals,
            tenders: vec![],
            kind: TenderKind::Cash,
            amount: String::new(),
            error: None,
            committing: false,
        }
    }

    fn rounding(ctx: &Context) -> tender::CashRounding {
        ctx.config.cash_rounding()
    }

    /// What is still to pay (cash part rounded as the store rounds cash).
    pub fn remaining(&self, ctx: &Context) -> Money {
        tender::remaining_due(self.totals.total, &self.tenders, State::rounding(ctx))
    }

    /// The settlement if the tenders so far pay the sale, else the reason they do not.
    pub fn settlement(&self, ctx: &Context) -> Result<tender::Settlement, tender::PaymentError> {
        tender::settle(self.totals.total, &self.tenders, State::rounding(ctx))
    }

    fn add(&mut self, kind: TenderKind, amount: Money) {
        self.error = None;
        if let Some(t) = self.tenders.iter_mut().find(|t| t.kind == kind && t.reference.is_none()) {
            t.amount += amount;
        } else {
            self.tenders.push(Tender { kind, amount, reference: None });
        }
        self.amount.clear();
    }

    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context,
        cashier: &User,
    ) -> (Task<Message>, Option<Event>) {
        let l = ctx.locale;
        let currency = ctx.config.currency();
        match message {
            Message::Kind(kind) => self.kind = kind,
            Message::Amount(v) => {
                self.amount = v.chars().filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect()
            }
            Message::AddTender => match Money::parse(&normalize_amount(&self.amount, l), currency) {
                Ok(m) if m.is_positive() => self.add(self.kind, m),
                Ok(_) => {
                    self.error =
                        Some(tr(l, "Jumlah harus lebih dari nol", "The amount must be more than zero").into())
                }
                Err(e) => self.error = Some(e.to_string()),
            },
            Message::QuickCash(minor) => self.add(TenderKind::Cash, Money::from_minor(minor, currency)),
            Message::Exact => {
                let due = self.remaining(ctx);
                if due.is_positive() {
                    self.add(self.kind, due);
                }
            }
            Message::RemoveTender(i) => {
                if i < self.tenders.len() {
                    self.tenders.remove(i);
                }
            }
            Message::Back => {
                if !self.committing {
                    return (Task::none(), Some(Event::Back(self.sale.clone())));
                }
            }
            Message::Complete => {
                if self.committing {
                    return (Task::none(), None);
                }
                if let Err(e) = self.settlement(ctx) {
                    self.error = Some(e.to_string());
                    return (Task::none(), None);
                }
                self.committing = true;
                let (sale, tenders, cashier) = (self.sale.clone(), self.tenders.clone(), cashier.clone());
                let commit = call(ctx, move |b| {
                    let now = b.config.now();
                    let committed = checkout::complete_sale(
                        &mut b.ledger,
                        &b.config,
                        &cashier,
                        &sale.cart,
                        &tenders,
                        sale.approvals.clone(),
                        now,
                    )
                    .map_err(|e| e.to_string())?;
                    let own = b.ledger.receipt_lines().map_err(|e| e.to_string())?;
                    let lines = crate::sale::receipt::sale_receipt(
                        &committed.document,
                        &b.config,
                        &own,
                        crate::sale::receipt::WIDTH_80MM,
                    )
                    .unwrap_or_default();
                    let kasir_core::document::Body::Sale(s) = &committed.document.body else {
                        return Err("not a sale".to_owned());
                    };
                    let c = b.config.currency();
                    Ok(Done {
                        receipt_number: committed.receipt_number().to_owned(),
                        change: Money::from_minor(s.change, c),
                        amount_due: Money::from_minor(s.total + s.rounding, c),
                        lines,
                    })
                });
                return (commit.map(Message::Committed), None);
            }
            Message::Committed(Ok(done)) => {
                self.committing = false;
                return (Task::none(), Some(Event::Completed(done)));
            }
            Message::Committed(Err(e)) => {
                self.committing = false;
                self.error = Some(e);
            }
        }
        (Task::none(), None)
    }

    pub fn view(&self, ctx: &Context) -> Element<'_, Message> {
        let l = ctx.locale;
        let money = |m: Money| m.format(l);
        let currency = ctx.config.currency();
        let remaining = self.remaining(ctx);
        let settled = self.settlement(ctx).ok();
        let kinds = row(KINDS.iter().map(|k| {
            button(text(tender_name(*k, l)).size(18))
                .padding([10, 16])
                .style(if *k == self.kind { button::primary } else { button::secondary })
                .on_press(Message::Kind(*k))
                .into()
        }))
        .spacing(8);
        let quick = row(QUICK_CASH.iter().map(|n| {
            button(text(money(Money::from_minor(*n, currency))).size(20))
                .padding([12, 18])
                .on_press(Message::QuickCash(*n))
                .into()
        }))
        .push(
            button(text(tr(l, "Uang pas (F8)", "Exact (F8)")).size(20))
                .padding([12, 18])
                .style(button::success)
                .on_press(Message::Exact),
        )
        .spacing(8);
        let amount = row![
            text_input(tr(l, "Jumlah", "Amount"), &self.amount)
                .id(AMOUNT_ID)
                .on_input(Message::Amount)
                .on_submit(Message::AddTender)
                .size(22)
                .padding(10)
                .width(260),
            button(text(tr(l, "Tambah", "Add")).size(20)).padding([10, 18]).on_press(Message::AddTender),
        ]
        .spacing(8);
        let tenders = column(self.tenders.iter().enumerate().map(|(i, t)| {
            row![
                text(tender_name(t.kind, l)).size(18).width(200),
                text(money(t.amount)).size(18).width(180),
                button(text("✕")).style(button::danger).on_press(Message::RemoveTender(i)),
            ]
            .spacing(10)
            .into()
        }))
        .spacing(6);
        let error = self.error.as_deref().map(|e| text(e.to_owned()).size(16).style(text::danger));
        let (big_label, big_value) = match &settled {
            Some(s) => (tr(l, "Kembalian", "Change due"), money(s.change)),
            None => (tr(l, "Sisa bayar", "Still to pay"), money(remaining)),
        };
        let rounding = settled.as_ref().filter(|s| !s.rounding.is_zero()).map(|s| {
            text(format!(
                "{}: {} → {}",
                tr(l, "Pembulatan tunai", "Cash rounding"),
                money(s.rounding),
                money(s.amount_due)
            ))
            .size(16)
        });
        let left = column![
            text(format!("{}: {}", tr(l, "Total", "Total"), money(self.totals.total))).size(28),
            kinds,
            amount,
            quick,
            tenders,
        ]
        .push(error)
        .spacing(16)
        .width(Length::Fill);
        let right = column![text(big_label).size(22), text(big_value).size(56),]
            .push(rounding)
            .push(space().height(Length::Fill))
            .push(
                button(text(tr(l, "Selesai (F9)", "Complete (F9)")).size(24).center())
                    .width(Length::Fill)
                    .padding(16)
                    .style(button::success)
                    .on_press_maybe((settled.is_some() && !self.committing).then_some(Message::Complete)),
            )
            .push(
                button(text(tr(l, "Kembali ke keranjang (Esc)", "Back to cart (Esc)")).center())
                    .width(Length::Fill)
                    .style(button::secondary)
                    .on_press(Message::Back),
            )
            .spacing(10)
            .width(380);
        row![
            container(left).padding(16).height(Length::Fill).style(style::panel),
            container(right).padding(16).height(Length::Fill).style(style::panel)
        ]
        .spacing(12)
        .into()
    }
}

/// "50.000" (id-ID) or "50,000" (en) as a plain decimal.
pub fn normalize_amount(typed: &str, locale: kasir_core::Locale) -> String {
    match locale {
        kasir_core::Locale::Id => typed.replace('.', "").replace(',', "."),
        kasir_core::Locale::En => typed.replace(',', ""),
    }
}

/// Keys on the payment screen (no input needs them: amounts are typed in the amount field).
pub fn shortcut(key: &Key) -> Option<Message> {
    match key {
        Key::Named(Named::F9) => Some(Message::Complete),
        Key::Named(Named::F8) => Some(Message::Exact),
        Key::Named(Named::Escape) => Some(Message::Back),
        _ => None,
    }
}
