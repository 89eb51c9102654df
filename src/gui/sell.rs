//! Checkout: the scan field always has focus; a scanner (digits + Enter) or typed digits add
//! by barcode, letters search by name as you type. The cart shows every line and the totals
//! at all times. Removing a line needs a manager's PIN, recorded with the sale.

use iced::keyboard::{Key, key::Named};
use iced::widget::{button, column, container, operation, row, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length, Task};
use kasir_core::document::Approval;
use kasir_core::policy::Action;
use kasir_core::{Cart, LineId, Locale, Product, Quantity};

use super::{Context, call, style, tr};
use crate::catalogue::ScanHit;
use crate::checkout;
use crate::parked::{self, ParkedEntry};
use crate::users;

pub const SCAN_ID: &str = "scan";
const SEARCH_LIMIT: usize = 12;

/// A cart on its way to payment, with the approvals given while it was built.
#[derive(Debug, Clone)]
pub struct Sale {
    pub cart: Cart,
    pub approvals: Vec<Approval>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

/// A manager's PIN being asked for on the spot.
#[derive(Debug, Clone, Default)]
pub struct Approver {
    pub line: Option<LineId>,
    pub manager: String,
    pub pin: String,
    pub reason: String,
    pub error: Option<String>,
    pub checking: bool,
}

#[derive(Debug)]
pub struct State {
    pub cart: Cart,
    pub approvals: Vec<Approval>,
    pub input: String,
    pub results: Vec<Product>,
    pub notice: Option<(NoticeKind, String)>,
    pub approver: Option<Approver>,
    /// The parked carts, while their list is open.
    pub parked: Option<Vec<ParkedEntry>>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The scan field changed.
    Input(String),
    /// Enter in the scan field: a barcode, or the first search result.
    Submit,
    /// The back end's answer to a scan of `code`.
    Scanned(String, Result<ScanHit, String>),
    /// Search results for a query (stale ones are dropped).
    Found(String, Result<Vec<Product>, String>),
    /// A search result was picked.
    Pick(Product),
    /// One more of a line.
    More(LineId),
    /// One less of a line (never below one; removing is a void).
    Less(LineId),
    /// Ask a manager to approve removing a line.
    VoidLine(LineId),
    /// Fields of the manager prompt.
    ApproverManager(String),
    ApproverPin(String),
    ApproverReason(String),
    /// Check the manager's PIN.
    ApproverSubmit,
    /// The back end's answer to the manager's PIN.
    ApproverChecked(Result<users::User, String>),
    /// Close the manager prompt without doing anything.
    ApproverCancel,
    /// Park the cart (F6): put it aside and start an empty one.
    Park,
    /// The back end parked the cart under this number.
    Parked(Result<i64, String>),
    /// Show the parked carts (F7).
    ShowParked,
    /// The parked carts, from the back end.
    ParkedList(Result<Vec<ParkedEntry>, String>),
    /// Take a parked cart back.
    Recall(i64),
    /// The recalled cart, from the back end.
    Recalled(Result<(Cart, Vec<Approval>), String>),
    /// Close the parked list.
    CloseParked,
    /// A quick key was pressed: add the product with this SKU.
    QuickKey(String),
    /// The product behind a quick key, from the back end.
    QuickKeyFound(Result<Product, String>),
    /// Go to payment.
    Pay,
    /// Put the focus back on the scan field.
    Focus,
}

/// What the checkout screen asks of the app.
pub enum Event {
    Pay(Sale),
}

fn focus_scan() -> Task<Message> {
    operation::focus(SCAN_ID)
}

impl State {
    pub fn with_cart(sale: Sale) -> (State, Task<Message>) {
        (
            State {
                cart: sale.cart,
                approvals: sale.approvals,
                input: String::new(),
                results: vec![],
                notice: None,
                approver: None,
                parked: None,
            },
            focus_scan(),
        )
    }

    /// A fresh cart in the store's currency and tax mode.
    pub fn for_store(ctx: &Context) -> (State, Task<Message>) {
        State::with_cart(Sale {
            cart: Cart::new(ctx.config.currency(), ctx.config.tax.mode),
            approvals: vec![],
        })
    }

    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context,
        cashier: &users::User,
    ) -> (Task<Message>, Option<Event>) {
        let l = ctx.locale;
        match message {
            Message::Park => {
                if self.cart.is_empty() {
                    self.notice = Some((
                        NoticeKind::Error,
                        tr(l, "Keranjang masih kosong", "The cart is empty").into(),
                    ));
                    return (focus_scan(), None);
                }
                let (cart, approvals, who) =
                    (self.cart.clone(), self.approvals.clone(), cashier.code.clone());
                let park = call(ctx, move |b| {
                    let now = b.config.now();
                    parked::park(b.ledger.conn(), &who, &cart, &approvals, now).map_err(|e| e.to_string())
                });
                return (park.map(Message::Parked), None);
            }
            Message::Parked(Ok(id)) => {
                self.cart = Cart::new(self.cart.currency(), self.cart.tax_mode());
                self.approvals.clear();
                self.notice = Some((
                    NoticeKind::Info,
                    format!("{} #{id}", tr(l, "Transaksi diparkir", "Sale parked as")),
                ));
                return (focus_scan(), None);
            }
            Message::Parked(Err(e)) | Message::ParkedList(Err(e)) | Message::Recalled(Err(e)) => {
                self.notice = Some((NoticeKind::Error, e));
            }
            Message::ShowParked => {
                let currency = self.cart.currency();
                let list =
                    call(ctx, move |b| parked::list(b.ledger.conn(), currency).map_err(|e| e.to_string()));
                return (list.map(Message::ParkedList), None);
            }
            Message::ParkedList(Ok(list)) => self.parked = Some(list),
            Message::CloseParked => {
                self.parked = None;
                return (focus_scan(), None);
            }
            Message::Recall(id) => {
                if !self.cart.is_empty() {
                    self.notice = Some((
                        NoticeKind::Error,
                        tr(l, "Selesaikan atau parkir transaksi ini dulu", "Finish or park this sale first")
                            .into(),
                    ));
                    return (Task::none(), None);
                }
                let recall =
                    call(ctx, move |b| parked::recall(b.ledger.conn(), id).map_err(|e| e.to_string()));
                return (recall.map(Message::Recalled), None);
            }
            Message::Recalled(Ok((cart, approvals))) => {
                self.cart = cart;
                self.approvals = approvals;
                self.parked = None;
                return (focus_scan(), None);
            }
            Message::Input(value) => {
                self.input = value;
                let query = self.input.trim().to_owned();
                let is_code = !query.is_empty() && query.chars().all(|c| c.is_ascii_digit());
                if query.chars().count() < 2 || is_code {
                    self.results.clear();
                    return (Task::none(), None);
                }
                let q = query.clone();
                let search =
                    call(ctx, move |b| b.catalogue.search(&q, SEARCH_LIMIT).map_err(|e| e.to_string()));
                return (search.map(move |r| Message::Found(query.clone(), r)), None);
            }
            Message::Submit => {
                let code = self.input.trim().to_owned();
                if code.is_empty() {
                    return (Task::none(), None);
                }
                if !code.chars().all(|c| c.is_ascii_digit()) {
                    // Enter on a name: take the first result.
                    if let Some(first) = self.results.first().cloned() {
                        return self.update(Message::Pick(first), ctx, cashier);
                    }
                    self.notice = Some((
                        NoticeKind::Error,
                        format!("{} '{code}'", tr(l, "Tidak ada barang", "No product matches")),
                    ));
                    return (focus_scan(), None);
                }
                self.input.clear();
                self.results.clear();
                let c = code.clone();
                let scan = call(ctx, move |b| {
                    let rules = b.config.barcode.variable_measure.clone();
                    b.catalogue.scan(&c, &rules).map_err(|e| e.to_string())
                });
                return (
                    Task::batch([scan.map(move |r| Message::Scanned(code.clone(), r)), focus_scan()]),
                    None,
                );
            }
            Message::Scanned(code, Ok(hit)) => {
                let name = hit.product.name.clone();
                match checkout::add_to_cart(&mut self.cart, hit, None, Some(code), false) {
                    Ok(_) => self.notice = Some((NoticeKind::Info, name)),
                    Err(e) => self.notice = Some((NoticeKind::Error, e.to_string())),
                }
            }
            Message::Scanned(_, Err(e)) => self.notice = Some((NoticeKind::Error, e)),
            Message::Found(query, Ok(results)) => {
                if query == self.input.trim() {
                    self.results = results;
                }
            }
            Message::Found(_, Err(e)) => self.notice = Some((NoticeKind::Error, e)),
            Message::Pick(product) => {
                let name = product.name.clone();
                let hit = ScanHit { product, quantity: Quantity::ONE, price: None };
                match checkout::add_to_cart(&mut self.cart, hit, None, None, false) {
                    Ok(_) => self.notice = Some((NoticeKind::Info, name)),
                    Err(e) => self.notice = Some((NoticeKind::Error, e.to_string())),
                }
                self.input.clear();
                self.results.clear();
                return (focus_scan(), None);
            }
            Message::QuickKey(sku) => {
                let find = call(ctx, move |b| b.catalogue.sellable_by_sku(&sku).map_err(|e| e.to_string()));
                return (find.map(Message::QuickKeyFound), None);
            }
            Message::QuickKeyFound(Ok(product)) => return self.update(Message::Pick(product), ctx, cashier),
            Message::QuickKeyFound(Err(e)) => {
                self.notice = Some((NoticeKind::Error, e));
                return (focus_scan(), None);
            }
            Message::More(id) => self.change_quantity(id, 1),
            Message::Less(id) => self.change_quantity(id, -1),
            Message::VoidLine(id) => {
                self.approver = Some(Approver { line: Some(id), ..Approver::default() });
            }
            Message::ApproverManager(v) => self.with_approver(|a| a.manager = v),
            Message::ApproverPin(v) => {
                self.with_approver(|a| a.pin = v.chars().filter(char::is_ascii_digit).collect())
            }
            Message::ApproverReason(v) => self.with_approver(|a| a.reason = v),
            Message::ApproverCancel => {
                self.approver = None;
                self.parked = None;
                return (focus_scan(), None);
            }
            Message::ApproverSubmit => {
                let Some(a) = &mut self.approver else { return (Task::none(), None) };
                if a.reason.trim().is_empty() {
                    a.error = Some(tr(l, "Alasan wajib diisi", "A reason is required").into());
                    return (Task::none(), None);
                }
                a.checking = true;
                let (manager, pin) = (a.manager.trim().to_owned(), std::mem::take(&mut a.pin));
                let check = call(ctx, move |b| {
                    users::authenticate_manager(b.ledger.conn(), &manager, &pin).map_err(|e| e.to_string())
                });
                return (check.map(Message::ApproverChecked), None);
            }
            Message::ApproverChecked(Err(e)) => self.with_approver(|a| {
                a.checking = false;
                a.error = Some(e);
            }),
            Message::ApproverChecked(Ok(manager)) => {
                let Some(a) = self.approver.take() else { return (Task::none(), None) };
                if let Some(id) = a.line
                    && let Ok(line) = self.cart.remove(id)
                {
                    self.approvals.push(Approval {
                        action: Action::VoidLine.code().to_owned(),
                        approver: manager.code.clone(),
                        reason: format!("{} ({} × {})", a.reason.trim(), line.product.name, line.quantity),
                        line: None,
                    });
                    self.notice = Some((
                        NoticeKind::Info,
                        format!(
                            "{}: {} — {}",
                            tr(l, "Baris dibatalkan", "Line voided"),
                            line.product.name,
                            manager.name
                        ),
                    ));
                }
                return (focus_scan(), None);
            }
            Message::Pay => {
                if self.cart.is_empty() {
                    self.notice = Some((
                        NoticeKind::Error,
                        tr(l, "Keranjang masih kosong", "The cart is empty").into(),
                    ));
                    return (focus_scan(), None);
                }
                let sale = Sale { cart: self.cart.clone(), approvals: self.approvals.clone() };
                return (Task::none(), Some(Event::Pay(sale)));
            }
            Message::Focus => return (focus_scan(), None),
        }
        (Task::none(), None)
    }

    fn with_approver(&mut self, f: impl FnOnce(&mut Approver)) {
        if let Some(a) = &mut self.approver {
            f(a);
        }
    }

    fn change_quantity(&mut self, id: LineId, delta: i64) {
        let Some(line) = self.cart.line(id) else { return };
        let step = if line.product.sold_by_weight { Quantity::from_milli(100) } else { Quantity::ONE };
        let q = if delta > 0 { line.quantity + step } else { line.quantity - step };
        if q.is_positive()
            && let Err(e) = self.cart.set_quantity(id, q)
        {
            self.notice = Some((NoticeKind::Error, e.to_string()));
        }
    }

    pub fn view(&self, ctx: &Context) -> Element<'_, Message> {
        let l = ctx.locale;
        let money = |m: kasir_core::Money| m.format(l);
        let scan = text_input(
            tr(l, "Pindai barcode atau ketik nama barang…", "Scan a barcode or type a product name…"),
            &self.input,
        )
        .id(SCAN_ID)
        .on_input(Message::Input)
        .on_submit(Message::Submit)
        .size(22)
        .padding(12);
        let notice = self.notice.as_ref().map(|(kind, msg)| {
            let t = text(msg.clone()).size(16);
            container(if *kind == NoticeKind::Error { t.style(text::danger) } else { t.style(text::success) })
                .padding([4, 8])
        });
        let results = (!self.results.is_empty()).then(|| {
            container(
                column(self.results.iter().map(|p| {
                    button(
                        row![text(&p.name).size(16).width(Length::Fill), text(money(p.unit_price)).size(16)]
                            .spacing(12),
                    )
                    .width(Length::Fill)
                    .style(button::secondary)
                    .on_press(Message::Pick(p.clone()))
                    .into()
                }))
                .spacing(2),
            )
            .style(style::panel)
            .padding(6)
        });
        let totals = self.cart.totals();
        let header = row![
            text(tr(l, "Barang", "Item")).width(Length::FillPortion(5)),
            text(tr(l, "Jumlah", "Qty")).width(Length::FillPortion(3)),
            text(tr(l, "Harga", "Price")).width(Length::FillPortion(2)),
            text(tr(l, "Diskon", "Discount")).width(Length::FillPortion(2)),
            text("Total").width(Length::FillPortion(2)),
            space().width(40),
        ]
        .spacing(8);
        let lines = column(self.cart.lines().iter().zip(&totals.lines).map(|(line, t)| {
            row![
                text(&line.product.name).size(16).width(Length::FillPortion(5)),
                row![
                    button(text("−")).on_press(Message::Less(line.id)).style(button::secondary),
                    text(format!(
                        "{} {}",
                        kasir_core::format::format_quantity(line.quantity, l),
                        line.product.unit
                    ))
                    .size(16),
                    button(text("+")).on_press(Message::More(line.id)).style(button::secondary),
                ]
                .spacing(6)
                .align_y(Alignment::Center)
                .width(Length::FillPortion(3)),
                text(money(line.unit_price())).size(16).width(Length::FillPortion(2)),
                text(money(t.line_discount + t.order_discount)).size(16).width(Length::FillPortion(2)),
                text(money(t.gross)).size(16).width(Length::FillPortion(2)),
                button(text("✕")).style(button::danger).on_press(Message::VoidLine(line.id)).width(40),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
            .into()
        }))
        .spacing(6);
        let cart = container(column![header, scrollable(lines).height(Length::Fill)].spacing(8))
            .padding(10)
            .height(Length::Fill)
            .style(style::panel);
        let side = column![
            text(tr(l, "Total belanja", "Total")).size(18),
            text(money(totals.total)).size(44),
            text(format!("{}: {}", tr(l, "Jumlah barang", "Items"), totals.item_count)).size(16),
            text(format!("{}: {}", tr(l, "Subtotal", "Subtotal"), money(totals.subtotal))).size(16),
            text(format!(
                "{}: {}",
                tr(l, "Diskon", "Discounts"),
                money(totals.line_discounts + totals.order_discount)
            ))
            .size(16),
            text(format!("{}: {}", tr(l, "PPN (termasuk)", "Tax"), money(totals.tax))).size(16),
            space().height(Length::Fill),
            button(text(tr(l, "Bayar (F9)", "Pay (F9)")).size(24).center())
                .width(Length::Fill)
                .padding(16)
                .style(button::success)
                .on_press(Message::Pay),
            text(tr(
                l,
                "F2 cari · F6 parkir · F7 panggil · F9 bayar · F10 keluar · ✕ batal baris (PIN manajer)",
                "F2 search · F6 park · F7 recall · F9 pay · F10 log out · ✕ void line (manager PIN)"
            ))
            .size(13),
        ]
        .spacing(8)
        .width(320);
        let quick_keys = (!ctx.config.quick_keys.is_empty()).then(|| {
            row(ctx.config.quick_keys.iter().map(|k| {
                button(text(k.label.clone()).size(16))
                    .padding([10, 14])
                    .style(button::secondary)
                    .on_press(Message::QuickKey(k.sku.clone()))
                    .into()
            }))
            .spacing(8)
        });
        let main = column![scan]
            .push(notice)
            .push(results)
            .push(quick_keys)
            .push(cart)
            .spacing(10)
            .width(Length::Fill);
        let screen: Element<'_, Message> =
            row![main, container(side).padding(14).height(Length::Fill).style(style::panel)]
                .spacing(12)
                .into();
        match (&self.approver, &self.parked) {
            (Some(a), _) => style::modal(screen, self.approver_view(a, l), Message::ApproverCancel),
            (None, Some(list)) => style::modal(screen, parked_view(list, l), Message::CloseParked),
            (None, None) => screen,
        }
    }

    fn approver_view<'a>(&'a self, a: &'a Approver, l: Locale) -> Element<'a, Message> {
        let line = a
            .line
            .and_then(|id| self.cart.line(id))
            .map(|line| line.product.name.clone())
            .unwrap_or_default();
        let error = a.error.as_deref().map(|e| text(e.to_owned()).style(text::danger));
        container(
            column![
                text(tr(l, "Persetujuan manajer: batal baris", "Manager approval: void line")).size(22),
                text(line).size(16),
                text_input(tr(l, "Kode manajer", "Manager code"), &a.manager)
                    .on_input(Message::ApproverManager)
                    .padding(8),
                text_input("PIN", &a.pin).secure(true).on_input(Message::ApproverPin).padding(8),
                text_input(tr(l, "Alasan", "Reason"), &a.reason)
                    .on_input(Message::ApproverReason)
                    .on_submit(Message::ApproverSubmit)
                    .padding(8),
                row![
                    button(text(tr(l, "Batal (Esc)", "Cancel (Esc)")))
                        .style(button::secondary)
                        .on_press(Message::ApproverCancel),
                    button(text(tr(l, "Setujui", "Approve")))
                        .style(button::primary)
                        .on_press_maybe((!a.checking).then_some(Message::ApproverSubmit)),
                ]
                .spacing(10),
            ]
            .push(error)
            .spacing(10)
            .width(420),
        )
        .padding(20)
        .style(style::panel)
        .into()
    }
}

fn parked_view(list: &[ParkedEntry], l: Locale) -> Element<'_, Message> {
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
    container(
        column![text(tr(l, "Transaksi diparkir", "Parked sales")).size(22)]
            .push(empty)
            .push(scrollable(rows).height(360))
            .push(
                button(text(tr(l, "Tutup (Esc)", "Close (Esc)")))
                    .style(button::secondary)
                    .on_press(Message::CloseParked),
            )
            .spacing(10)
            .width(560),
    )
    .padding(20)
    .style(style::panel)
    .into()
}

/// F-keys on the checkout screen.
pub fn shortcut(key: &Key) -> Option<Message> {
    match key {
        Key::Named(Named::F9) => Some(Message::Pay),
        Key::Named(Named::F2) => Some(Message::Focus),
        Key::Named(Named::F6) => Some(Message::Park),
        Key::Named(Named::F7) => Some(Message::ShowParked),
        Key::Named(Named::Escape) => Some(Message::ApproverCancel),
        _ => None,
    }
}
