//! Returns at the counter (F8 from an empty checkout): scan the receipt's barcode or type its
//! number, choose lines and quantities, the refund tender and a reason, and a manager
//! approves. Without a receipt, the goods are scanned and valued at today's prices, refunded
//! in cash, with a manager. The refund shown is the core's own figure, and the return goes
//! through the same function as `kasir return`.

use iced::keyboard::{Key, key::Named};
use iced::widget::{button, column, container, operation, row, scrollable, text, text_input, toggler};
use iced::{Element, Length, Task};
use kasir_core::document::{Body, SaleBody};
use kasir_core::returns::{self, ReturnRequest, Returned};
use kasir_core::{Cart, Money, ProductSnapshot, Quantity, TenderKind};

use super::payment::normalize_amount;
use super::{Context, call, style, tr};
use crate::app::config::RefundRule;
use crate::sale::checkout::{ItemSpec, TenderSpec};
use crate::sale::exchange::{ExchangeOutcome, ExchangeScript};
use crate::sale::receipt::tender_name;
use crate::sale::returns::{LineSpec, ManagerSpec, ReturnOutcome, ReturnScript};
use crate::store::users::User;

pub const RECEIPT_ID: &str = "return-receipt";
pub const ITEM_ID: &str = "return-item";

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
    /// A return without a receipt: the goods scanned here instead.
    pub no_receipt: bool,
    pub item_input: String,
    /// The goods scanned (for a return without a receipt, or going out in an exchange), with
    /// how many typed.
    pub items: Vec<(ProductSnapshot, String)>,
    /// An exchange: the goods back against the receipt pay for new goods scanned here.
    pub exchange: bool,
    /// How the customer pays what the new goods cost beyond the returned ones.
    pub pay_kind: TenderKind,
    pub pay_amount: String,
    pub exchanged: Option<ExchangeOutcome>,
    /// The drawer was asked to open for the cash refund just recorded.
    drawer_asked: bool,
    /// Why the drawer did not open for the last cash refund, if it did not.
    pub drawer_trouble: Option<String>,
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
    /// Switch between a return against a receipt and one without.
    NoReceipt(bool),
    ItemInput(String),
    /// Enter in the item field: look the barcode or SKU up.
    AddItem,
    ItemFound(Result<ProductSnapshot, String>),
    ItemQuantity(usize, String),
    /// Switch an exchange on or off (with a receipt).
    Exchange(bool),
    PayKind(TenderKind),
    PayAmount(String),
    Exchanged(Result<ExchangeOutcome, String>),
    /// The drawer opened for a cash refund, or why it did not.
    DrawerAfterRefund(ReturnOutcome, Option<String>),
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
            no_receipt: false,
            item_input: String::new(),
            items: vec![],
            exchange: false,
            pay_kind: TenderKind::Cash,
            pay_amount: String::new(),
            exchanged: None,
            drawer_asked: false,
            drawer_trouble: None,
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

    /// The scanned goods as a cart, priced as today.
    fn goods_cart(&self, ctx: &Context) -> Result<Cart, String> {
        let mut cart = Cart::new(ctx.config.currency(), ctx.config.tax.mode);
        for (product, typed) in &self.items {
            let quantity = Quantity::parse(typed).map_err(|e| format!("{}: {e}", product.name))?;
            cart.add_separate(product.clone(), quantity, None).map_err(|e| e.to_string())?;
        }
        Ok(cart)
    }

    /// What the customer gets back for what is typed, as the core computes it.
    fn preview(&self, ctx: &Context) -> Result<i64, String> {
        if self.no_receipt {
            let cart = self.goods_cart(ctx)?;
            return Ok(returns::lines_from_cart(&cart, &cart.totals()).iter().map(|l| l.gross).sum());
        }
        let Some(o) = &self.original else { return Ok(0) };
        let requests = self.requests()?;
        if requests.is_empty() {
            return Ok(0);
        }
        let lines = returns::lines_from_sale(&o.sale, &o.receipt, &o.already, &requests)
            .map_err(|e| e.to_string())?;
        Ok(lines.iter().map(|l| l.gross).sum())
    }

    /// In an exchange: the new goods' total and what is left to settle (positive: the customer
    /// pays it; negative: it goes back to them).
    fn difference(&self, ctx: &Context) -> Result<(i64, i64), String> {
        let credit = self.preview(ctx)?;
        let new = self.goods_cart(ctx)?.totals().total.minor();
        Ok((new, new - credit))
    }

    /// Tenders the store allows for this refund.
    fn refund_kinds(&self, ctx: &Context) -> Vec<TenderKind> {
        let Some(o) = self.original.as_ref().filter(|_| !self.no_receipt) else {
            return vec![TenderKind::Cash];
        };
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

    /// The manager's code and PIN as typed (the PIN is not kept).
    fn approval(&mut self) -> Option<ManagerSpec> {
        (!self.manager.trim().is_empty()).then(|| ManagerSpec {
            manager: self.manager.trim().to_owned(),
            pin: std::mem::take(&mut self.pin),
        })
    }

    fn commit(&mut self, ctx: &Context, script: ReturnScript) -> Task<Message> {
        self.busy = true;
        call(ctx, move |b| {
            let now = b.config.now();
            crate::sale::returns::process(&mut b.ledger, &b.config, &script, now).map_err(|e| e.to_string())
        })
        .map(Message::Done)
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
                let (config, ledger) = (ctx.config.clone(), ctx.terminal.ledger_path().to_owned());
                let terminal = ctx.terminal.clone();
                // Head office is asked off the back-end thread (an unreachable network can take
                // seconds); then the ledger, on it, finds the sale as now known.
                let find = async move {
                    let asked = receipt.clone();
                    super::off_thread("kasir-sync", move || {
                        crate::sync::refresh_sale(&config, &ledger, &asked)
                    })
                    .await?
                    .map_err(|e| format!("{receipt}: {e}"))?;
                    let wanted = receipt.clone();
                    let found = terminal
                        .call(move |b| b.ledger.returnable(&wanted))
                        .await
                        .map_err(|e| e.to_string())?
                        .map_err(|e| e.to_string())?;
                    let found = found
                        .ok_or_else(|| format!("no sale with receipt number {receipt} in this ledger"))?;
                    let Body::Sale(sale) = found.document.body else {
                        return Err(format!("{receipt} is not a sale"));
                    };
                    Ok(Original { receipt: found.original.receipt, sale, already: found.already })
                };
                return (Task::perform(find, Message::Found), None);
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
            Message::NoReceipt(on) => {
                self.no_receipt = on;
                self.error = None;
                self.refund = TenderKind::Cash;
                self.original = None;
                self.items.clear();
                return (operation::focus(if on { ITEM_ID } else { RECEIPT_ID }), None);
            }
            Message::ItemInput(v) => self.item_input = v,
            Message::Exchange(on) => {
                self.exchange = on;
                self.items.clear();
                self.error = None;
                return (if on { operation::focus(ITEM_ID) } else { Task::none() }, None);
            }
            Message::PayKind(kind) => self.pay_kind = kind,
            Message::PayAmount(v) => self.pay_amount = v,
            Message::Exchanged(Ok(outcome)) => {
                self.busy = false;
                self.error = None;
                self.original = None;
                self.items.clear();
                self.exchange = false;
                self.pay_amount.clear();
                self.receipt.clear();
                self.reason.clear();
                self.manager.clear();
                self.exchanged = Some(outcome);
                return (operation::focus(RECEIPT_ID), None);
            }
            Message::Exchanged(Err(e)) => {
                self.busy = false;
                self.error = Some(e);
            }
            Message::AddItem => {
                let code = self.item_input.trim().to_owned();
                if code.is_empty() {
                    return (Task::none(), None);
                }
                self.item_input.clear();
                let find = call(ctx, move |b| {
                    let rules = b.config.barcode.variable_measure.clone();
                    let product = if code.chars().all(|c| c.is_ascii_digit()) {
                        b.catalogue.scan(&code, &rules).map(|hit| hit.product)
                    } else {
                        b.catalogue.sellable_by_sku(&code)
                    };
                    product.map(|p| p.snapshot()).map_err(|e| e.to_string())
                });
                return (find.map(Message::ItemFound), None);
            }
            Message::ItemFound(Ok(product)) => {
                self.error = None;
                match self.items.iter_mut().find(|(p, _)| p.sku == product.sku) {
                    Some((_, typed)) => {
                        let n = Quantity::parse(typed).unwrap_or(Quantity::ONE);
                        *typed = (n + Quantity::ONE).to_string();
                    }
                    None => self.items.push((product, "1".into())),
                }
                return (operation::focus(ITEM_ID), None);
            }
            Message::ItemFound(Err(e)) => {
                self.error = Some(e);
                return (operation::focus(ITEM_ID), None);
            }
            Message::ItemQuantity(i, v) => {
                if let Some((_, q)) = self.items.get_mut(i) {
                    *q = v.chars().filter(|c| c.is_ascii_digit() || matches!(c, ',' | '.')).collect();
                }
            }
            Message::Reason(v) => self.reason = v,
            Message::Manager(v) => self.manager = v,
            Message::Pin(v) => self.pin = v.chars().filter(char::is_ascii_digit).collect(),
            Message::Submit if self.no_receipt => {
                let items = match self.goods_cart(ctx) {
                    Ok(cart) if cart.is_empty() => {
                        self.error = Some(
                            tr(l, "Pindai barang yang dikembalikan", "Scan the goods coming back").into(),
                        );
                        return (Task::none(), None);
                    }
                    Ok(cart) => item_specs(&cart),
                    Err(e) => {
                        self.error = Some(e);
                        return (Task::none(), None);
                    }
                };
                let script = ReturnScript {
                    cashier: user.code.clone(),
                    receipt: None,
                    lines: vec![],
                    items,
                    refund: TenderKind::Cash,
                    reason: self.reason.clone(),
                    approval: self.approval(),
                    request_id: None,
                };
                return (self.commit(ctx, script), None);
            }
            Message::Submit if self.exchange => {
                let Some(o) = &self.original else { return (Task::none(), None) };
                let receipt = o.receipt.clone();
                let prepared = self.requests().and_then(|requests| {
                    let cart = self.goods_cart(ctx)?;
                    let (_, owed) = self.difference(ctx)?;
                    Ok((requests, cart, owed))
                });
                let (requests, cart, owed) = match prepared {
                    Ok(p) => p,
                    Err(e) => {
                        self.error = Some(e);
                        return (Task::none(), None);
                    }
                };
                let tenders = if owed > 0 {
                    // Left empty: exactly what is owed, rounded as cash is.
                    let amount = if self.pay_amount.trim().is_empty() {
                        let due = match self.pay_kind {
                            TenderKind::Cash => {
                                ctx.config.cash_rounding().map(|r| r.apply(owed)).unwrap_or(owed)
                            }
                            _ => owed,
                        };
                        Money::from_minor(due, ctx.config.currency())
                    } else {
                        match Money::parse(&normalize_amount(&self.pay_amount, l), ctx.config.currency()) {
                            Ok(m) => m,
                            Err(e) => {
                                self.error = Some(e.to_string());
                                return (Task::none(), None);
                            }
                        }
                    };
                    vec![TenderSpec { kind: self.pay_kind, amount: amount.amount(), reference: None }]
                } else {
                    vec![]
                };
                let script = ExchangeScript {
                    cashier: user.code.clone(),
                    receipt,
                    lines: requests
                        .iter()
                        .map(|r| LineSpec { line: r.line_no, quantity: r.quantity })
                        .collect(),
                    items: item_specs(&cart),
                    tenders,
                    refund: self.refund,
                    reason: self.reason.clone(),
                    approval: self.approval(),
                    request_id: None,
                };
                self.busy = true;
                let task = call(ctx, move |b| {
                    let now = b.config.now();
                    crate::sale::exchange::exchange(&mut b.ledger, &b.config, &script, now)
                        .map_err(|e| e.to_string())
                });
                return (task.map(Message::Exchanged), None);
            }
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
                    approval: self.approval(),
                    request_id: None,
                };
                return (self.commit(ctx, script), None);
            }
            Message::Done(Ok(outcome)) if outcome.refund == TenderKind::Cash && !self.drawer_asked => {
                // Cash goes back: open the drawer (device I/O, on the back end), then show it.
                self.drawer_asked = true;
                let Ok(address) = crate::devices::printing::printer_address(&ctx.config, None) else {
                    return self.update(Message::Done(Ok(outcome)), ctx, user);
                };
                let open = call(ctx, move |b| {
                    crate::devices::printing::open_drawer(&b.config, &address).map_err(|e| e.to_string())
                });
                return (open.map(move |r| Message::DrawerAfterRefund(outcome.clone(), r.err())), None);
            }
            Message::DrawerAfterRefund(outcome, trouble) => {
                self.drawer_trouble = trouble;
                return self.update(Message::Done(Ok(outcome)), ctx, user);
            }
            Message::Done(Ok(outcome)) => {
                self.drawer_asked = false;
                self.busy = false;
                self.error = None;
                self.original = None;
                self.items.clear();
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
        let mode = toggler(self.no_receipt)
            .label(tr(l, "Tanpa struk (manajer, tunai)", "Without a receipt (manager, cash)"))
            .on_toggle(Message::NoReceipt);
        let find: Element<'_, Message> = if self.no_receipt {
            text_input(
                tr(l, "Pindai barang atau ketik SKU", "Scan the goods or type a SKU"),
                &self.item_input,
            )
            .id(ITEM_ID)
            .on_input(Message::ItemInput)
            .on_submit(Message::AddItem)
            .padding(10)
            .size(20)
            .into()
        } else {
            row![
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
            .spacing(8)
            .into()
        };
        let swap = (!self.no_receipt && self.original.is_some()).then(|| {
            let toggle = toggler(self.exchange)
                .label(tr(l, "Tukar dengan barang lain", "Exchange for other goods"))
                .on_toggle(Message::Exchange);
            let field = self.exchange.then(|| {
                text_input(tr(l, "Pindai barang baru", "Scan the new goods"), &self.item_input)
                    .id(ITEM_ID)
                    .on_input(Message::ItemInput)
                    .on_submit(Message::AddItem)
                    .padding(8)
            });
            column![toggle].push(field).spacing(8)
        });
        let exchanged = self.exchanged.as_ref().map(|x| {
            text(format!(
                "{}: {} + {} · {} {} · {} {} · {} {}",
                tr(l, "Tukar barang dicatat", "Exchange recorded"),
                x.return_receipt,
                x.sale_receipt,
                tr(l, "dibayar", "paid"),
                Money::new(x.paid, currency).format(l),
                tr(l, "kembalian", "change"),
                Money::new(x.change, currency).format(l),
                tr(l, "dikembalikan", "refunded"),
                Money::new(x.refunded, currency).format(l),
            ))
            .style(text::success)
        });
        let goods = ((self.no_receipt || self.exchange) && !self.items.is_empty()).then(|| {
            column(self.items.iter().enumerate().map(|(i, (p, typed))| {
                row![
                    text(p.name.clone()).width(Length::Fill),
                    text(format!("{} / {}", p.unit_price.format(l), p.unit)).width(150),
                    text_input("1", typed)
                        .on_input(move |v| Message::ItemQuantity(i, v))
                        .width(90)
                        .padding(4),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center)
                .into()
            }))
            .spacing(6)
        });
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
        let error =
            self.error.as_ref().or(self.drawer_trouble.as_ref()).map(|e| text(e.clone()).style(text::danger));
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
        let refund = match self.preview(ctx) {
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
        let settle: Option<Element<'_, Message>> = self.exchange.then(|| match self.difference(ctx) {
            Err(e) => text(e).style(text::danger).into(),
            Ok((new, owed)) if owed > 0 => column![
                text(format!("{}: {}", tr(l, "Barang baru", "New goods"), m(new))).size(16),
                text(format!("{}: {}", tr(l, "Pelanggan bayar", "Customer pays"), m(owed))).size(24),
                row([TenderKind::Cash, TenderKind::Card, TenderKind::Qris].into_iter().map(|k| {
                    button(text(tender_name(k, l)))
                        .style(if k == self.pay_kind { button::primary } else { button::secondary })
                        .on_press(Message::PayKind(k))
                        .into()
                }))
                .spacing(6),
                text_input(
                    tr(l, "Jumlah dibayar (kosong = pas)", "Amount paid (empty = exact)"),
                    &self.pay_amount
                )
                .on_input(Message::PayAmount)
                .padding(8),
            ]
            .spacing(6)
            .into(),
            Ok((new, owed)) => column![
                text(format!("{}: {}", tr(l, "Barang baru", "New goods"), m(new))).size(16),
                text(format!("{}: {}", tr(l, "Dikembalikan ke pelanggan", "Back to the customer"), m(-owed)))
                    .size(24),
            ]
            .spacing(6)
            .into(),
        });
        let side = column![refund, text(tr(l, "Dikembalikan lewat", "Refund to")).size(14), kinds,]
            .push(settle)
            .push(
                column![
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
                    button(
                        text(if self.exchange {
                            tr(l, "Catat tukar barang", "Record the exchange")
                        } else {
                            tr(l, "Catat retur", "Record the return")
                        })
                        .size(20)
                    )
                    .padding(12)
                    .width(Length::Fill)
                    .style(button::success)
                    .on_press_maybe(
                        ((self.original.is_some() || self.no_receipt) && !self.busy)
                            .then_some(Message::Submit),
                    ),
                    button(text(tr(l, "Kembali (Esc)", "Back (Esc)")))
                        .style(button::secondary)
                        .on_press(Message::Back),
                ]
                .spacing(10),
            )
            .spacing(10)
            .width(340);
        row![
            container(
                column![text(tr(l, "Retur barang", "Returns")).size(24), mode, find]
                    .push(done)
                    .push(error)
                    .push(exchanged)
                    .push(lines.filter(|_| !self.no_receipt))
                    .push(swap)
                    .push(goods)
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

/// The goods in `cart` as script items, by SKU and quantity.
fn item_specs(cart: &Cart) -> Vec<ItemSpec> {
    cart.lines()
        .iter()
        .map(|line| ItemSpec {
            barcode: None,
            sku: Some(line.product.sku.clone()),
            quantity: Some(line.quantity),
            price: None,
            discount: None,
        })
        .collect()
}

/// Keys on the returns screen.
pub fn shortcut(key: &Key) -> Option<Message> {
    match key {
        Key::Named(Named::Escape) => Some(Message::Back),
        Key::Named(Named::F9) => Some(Message::Submit),
        _ => None,
    }
}
