//! Payment: one or more tenders (cash, card, QRIS, e-wallet, voucher), quick cash buttons
//! for common notes and the exact amount, change due shown large. The sale commits only
//! when fully paid, through the same path as `kasir sell`. Typed digits always go to the
//! amount, from the moment the screen opens; Enter adds the amount and completes the sale
//! once it is paid.

use iced::keyboard::{Key, key::Named};
use iced::widget::{button, column, container, row, space, text};
use iced::{Element, Length, Task};
use kasir_core::tender::{self, Tender, TenderKind};
use kasir_core::{CartTotals, Money};

use super::keys::{self, Press};
use super::notice::{Say, ask};
use super::sell::Sale;
use super::{Context, style, widgets};
use crate::messages::{Said, Text};
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
    /// What went wrong, in the banner until the next action that works.
    pub error: Option<Said>,
    pub committing: bool,
}

/// A committed sale, for the receipt screen.
#[derive(Debug, Clone)]
pub struct Done {
    pub receipt_number: String,
    pub change: Money,
    pub amount_due: Money,
    pub lines: Vec<String>,
    /// Who rang it up (a post-void is written in their name).
    pub cashier: User,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// A key press: digits go to the amount, Enter adds it (and completes a paid sale).
    Key(Press),
    /// The banner's error was read.
    Acknowledge,
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
    Committed(Result<Done, Said>),
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
            Message::Key(press) => return self.key(press, ctx, cashier),
            Message::Acknowledge => self.error = None,
            Message::Kind(kind) => self.kind = kind,
            Message::Amount(v) => {
                self.amount = v.chars().filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect()
            }
            Message::AddTender => match Money::parse(&normalize_amount(&self.amount, l), currency) {
                Ok(m) if m.is_positive() => self.add(self.kind, m),
                Ok(_) => self.error = Some(Text::AmountMoreThanZero.say()),
                Err(e) => self.error = Some(Said::new(e)),
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
                    self.error = Some(Said::new(e));
                    return (Task::none(), None);
                }
                self.error = None;
                self.committing = true;
                let (sale, tenders, cashier) = (self.sale.clone(), self.tenders.clone(), cashier.clone());
                let rang_up = cashier.clone();
                let commit = ask(ctx, move |b| {
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
                    .map_err(Said::new)?;
                    let own = b.ledger.receipt_lines().map_err(Said::new)?;
                    let lines = crate::sale::receipt::sale_receipt(
                        &committed.document,
                        &b.config,
                        &own,
                        crate::sale::receipt::WIDTH_80MM,
                    )
                    .unwrap_or_default();
                    let kasir_core::document::Body::Sale(s) = &committed.document.body else {
                        unreachable!("complete_sale commits a sale")
                    };
                    let c = b.config.currency();
                    Ok(Done {
                        receipt_number: committed.receipt_number().to_owned(),
                        change: Money::from_minor(s.change, c),
                        amount_due: Money::from_minor(s.total + s.rounding, c),
                        lines,
                        cashier: rang_up,
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
                self.error = Some(e.say());
            }
        }
        (Task::none(), None)
    }

    /// A key on the payment screen, in the order typed.
    fn key(&mut self, press: Press, ctx: &Context, cashier: &User) -> (Task<Message>, Option<Event>) {
        use iced::keyboard::{Key, key::Named};
        if let Some(m) = shortcut(&press.key) {
            return self.update(m, ctx, cashier);
        }
        match press.key {
            Key::Named(Named::Enter) => {
                if !self.amount.is_empty() {
                    let (task, event) = self.update(Message::AddTender, ctx, cashier);
                    if self.error.is_some() || self.settlement(ctx).is_err() {
                        return (task, event);
                    }
                }
                if self.settlement(ctx).is_ok() {
                    return self.update(Message::Complete, ctx, cashier);
                }
            }
            Key::Named(Named::ArrowLeft | Named::ArrowRight) => {
                let forward = press.key == Key::Named(Named::ArrowRight);
                self.kind = keys::next_of(&KINDS, self.kind, forward);
            }
            _ => {
                keys::edit(&mut self.amount, &press, |c| c.is_ascii_digit() || c == '.' || c == ',');
            }
        }
        (Task::none(), None)
    }

    /// Cash rounding as soon as paying the rest in cash makes it apply: the rounded amount
    /// the customer hands over, and the difference.
    fn cash_rounding(&self, ctx: &Context) -> Option<(Money, Money)> {
        let cash_in_play =
            self.kind == TenderKind::Cash || self.tenders.iter().any(|t| t.kind == TenderKind::Cash);
        if !cash_in_play {
            return None;
        }
        let c = self.totals.total.currency();
        let non_cash = self
            .tenders
            .iter()
            .filter(|t| t.kind != TenderKind::Cash)
            .fold(Money::zero(c), |a, t| a + t.amount);
        let left = self.totals.total - non_cash;
        if !left.is_positive() {
            return None;
        }
        let due = Money::from_minor(State::rounding(ctx).apply(left.minor()), c);
        (due != left).then(|| (due - left, due))
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
            button(text(Text::ExactF8.get(l)).size(20))
                .padding([12, 18])
                .style(button::success)
                .on_press(Message::Exact),
        )
        .spacing(8);
        // The amount is always where typed digits go: drawn as the current field.
        let amount = row![
            container(widgets::field(AMOUNT_ID, Text::Amount.get(l), &self.amount, true, false, None))
                .width(260),
            button(text(Text::Add.get(l)).size(20)).padding([10, 18]).on_press(Message::AddTender),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
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
        let banner = widgets::banner(
            self.error.as_ref().map(|e| (false, e.text(l))),
            Text::Understood.get(l),
            Message::Acknowledge,
        );
        let (big_label, big_value) = match &settled {
            Some(s) => (Text::ChangeDue.get(l), money(s.change)),
            None => (Text::StillToPay.get(l), money(remaining)),
        };
        let rounding = self.cash_rounding(ctx).map(|(difference, due)| {
            text(format!(
                "{}: {} · {}: {}",
                Text::CashRounding.get(l),
                money(difference),
                Text::CashToPay.get(l),
                money(due)
            ))
            .size(18)
        });
        let left = column![
            text(format!("{}: {}", Text::LineTotal.get(l), money(self.totals.total))).size(28),
            kinds,
            amount,
            quick,
            tenders,
            text(Text::PaymentKeys.get(l)).size(13),
        ]
        .spacing(16)
        .width(Length::Fill);
        let left = column![banner, left].spacing(8);
        let right = column![text(big_label).size(22), text(big_value).size(56),]
            .push(rounding)
            .push(space().height(Length::Fill))
            .push(
                button(text(Text::CompleteF9.get(l)).size(24).center())
                    .width(Length::Fill)
                    .padding(16)
                    .style(button::success)
                    .on_press_maybe((settled.is_some() && !self.committing).then_some(Message::Complete)),
            )
            .push(
                button(text(Text::BackToCart.get(l)).center())
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
