//! Checkout: the scan field always has focus; a scanner (digits + Enter) or typed digits add
//! by barcode (`3*code` adds three), letters search by name as you type. The cart shows every
//! line and the totals at all times. Changing a line or the order discount past the
//! cashier's limits, removing a line, voiding the sale and opening the drawer need a
//! manager's PIN, recorded in the ledger.

mod approval;
mod editor;
mod view;

use iced::Task;
use iced::keyboard::{Key, key::Named};
use iced::widget::operation;
use kasir_core::document::Approval;
use kasir_core::policy::{self, Action};
use kasir_core::{Cart, LineId, Locale, Product, Quantity};

pub use approval::{Approver, Purpose};
pub use editor::{Editor, Target};

use super::{Context, call, tr};
use crate::sale::checkout;
use crate::store::catalogue::ScanHit;
use crate::store::parked::ParkedEntry;
use crate::store::users;

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

#[derive(Debug)]
pub struct State {
    pub cart: Cart,
    pub approvals: Vec<Approval>,
    pub input: String,
    pub results: Vec<Product>,
    pub notice: Option<(NoticeKind, String)>,
    pub approver: Option<Approver>,
    pub editor: Option<Editor>,
    /// The parked carts, while their list is open.
    pub parked: Option<Vec<ParkedEntry>>,
    /// When the scan field's current text started, and how many changes it took: a
    /// keyboard-wedge scanner types a whole code in a burst.
    typing: Option<(std::time::Instant, u32)>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The scan field changed.
    Input(String),
    /// Enter in the scan field: a barcode, or the first search result.
    Submit,
    /// The back end's answer to a scan of `code`.
    Scanned(String, Quantity, Result<ScanHit, String>),
    /// A code from the serial scanner (the scan field's typing is left alone).
    DeviceScan(String),
    /// Search results for a query (stale ones are dropped).
    Found(String, Result<Vec<Product>, String>),
    /// A search result was picked.
    Pick(Product),
    /// One more of a line.
    More(LineId),
    /// One less of a line (never below one; removing is a void).
    Less(LineId),
    /// Open the edit dialog for a line (quantity or weight, price, discount).
    EditLine(LineId),
    /// Edit the last line (F3).
    EditLast,
    /// Edit the order discount (F4).
    EditOrder,
    EditorQuantity(String),
    EditorPrice(String),
    EditorDiscount(String),
    EditorPercent(bool),
    EditorApply,
    /// Ask a manager to approve removing a line.
    VoidLine(LineId),
    /// Ask a manager to approve voiding the whole sale in progress (F5).
    VoidSale,
    /// The back end recorded the voided sale under this receipt number.
    SaleVoided(Result<String, String>),
    /// Ask a manager to approve opening the drawer without a sale (F11).
    NoSale,
    /// The back end recorded the no-sale under this receipt number.
    NoSaleDone(Result<String, String>),
    /// The drawer, opened (or not) for that no-sale.
    DrawerOpened(String, Result<(), String>),
    /// Fields of the manager prompt.
    ApproverManager(String),
    ApproverPin(String),
    ApproverReason(String),
    /// Check the manager's PIN.
    ApproverSubmit,
    /// The back end's answer to the manager's PIN.
    ApproverChecked(Result<users::User, String>),
    /// Escape: close whatever dialog is open without doing anything (an edit waiting for a
    /// manager is undone).
    Dismiss,
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
    /// A receipt's barcode was scanned into the scan field: start a return of that sale.
    Return(String),
}

/// Keystrokes closer together than this, on average, come from a scanner (people type
/// 100–300 ms apart; keyboard-wedge scanners a few ms).
const SCANNER_GAP: std::time::Duration = std::time::Duration::from_millis(30);

/// `S01-T01-000123`: a receipt number as its barcode carries it.
fn is_receipt_number(code: &str) -> bool {
    let parts: Vec<&str> = code.split('-').collect();
    parts.len() == 3
        && parts[..2].iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && parts[2].len() >= 6
        && parts[2].chars().all(|c| c.is_ascii_digit())
}

fn focus_scan() -> Task<Message> {
    operation::focus(SCAN_ID)
}

/// `3*8991002101234`: a quantity typed before the code.
fn split_quantity(input: &str) -> Option<(Quantity, &str)> {
    let (n, code) = input.split_once(['*', 'x', 'X'])?;
    let q = Quantity::parse(n).ok()?;
    Some((q, code.trim()))
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
                editor: None,
                parked: None,
                typing: None,
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

    fn error(&mut self, message: impl Into<String>) {
        self.notice = Some((NoticeKind::Error, message.into()));
    }

    fn info(&mut self, message: impl Into<String>) {
        self.notice = Some((NoticeKind::Info, message.into()));
    }

    fn new_cart(&mut self) {
        self.cart = Cart::new(self.cart.currency(), self.cart.tax_mode());
        self.approvals.clear();
    }

    /// Approvals the cart needs from `cashier` that it does not have yet.
    fn missing(&self, ctx: &Context, cashier: &users::User) -> Vec<(Action, Option<LineId>)> {
        policy::approvals_needed(&self.cart, &self.cart.totals(), cashier.role, ctx.config.limits())
            .into_iter()
            .filter(|(action, line)| {
                !self.approvals.iter().any(|a| a.action == action.code() && a.line == *line)
            })
            .collect()
    }

    fn ask(&mut self, purpose: Purpose) -> Task<Message> {
        let (approver, focus) = Approver::ask(purpose);
        self.approver = Some(approver);
        focus
    }

    fn open_editor(&mut self, editor: Editor) -> Task<Message> {
        let focus = operation::focus(editor.first_field());
        self.editor = Some(editor);
        focus
    }

    /// Adds a looked-up product; a weighed one without a weight from its barcode asks for it.
    fn add(
        &mut self,
        hit: ScanHit,
        quantity: Option<Quantity>,
        code: Option<String>,
        l: Locale,
    ) -> Task<Message> {
        let name = hit.product.name.clone();
        let needs_weight = hit.product.sold_by_weight && !hit.measured && quantity.is_none();
        match checkout::add_to_cart(&mut self.cart, hit, quantity, code, needs_weight) {
            Ok(id) => {
                self.info(name);
                if needs_weight && let Some(line) = self.cart.line(id) {
                    return self.open_editor(Editor::for_weight(line, l));
                }
            }
            Err(e) => self.error(e.to_string()),
        }
        focus_scan()
    }

    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context,
        cashier: &users::User,
    ) -> (Task<Message>, Option<Event>) {
        let l = ctx.locale;
        let empty_cart = tr(l, "Keranjang masih kosong", "The cart is empty");
        match message {
            Message::Park => {
                if self.cart.is_empty() {
                    self.error(empty_cart);
                    return (focus_scan(), None);
                }
                let (cart, approvals, who) =
                    (self.cart.clone(), self.approvals.clone(), cashier.code.clone());
                let park = call(ctx, move |b| {
                    let now = b.config.now();
                    b.ledger.park(&who, &cart, &approvals, now).map_err(|e| e.to_string())
                });
                return (park.map(Message::Parked), None);
            }
            Message::Parked(Ok(id)) => {
                self.new_cart();
                self.info(format!("{} #{id}", tr(l, "Transaksi diparkir", "Sale parked as")));
                return (focus_scan(), None);
            }
            Message::Parked(Err(e))
            | Message::ParkedList(Err(e))
            | Message::Recalled(Err(e))
            | Message::Scanned(_, _, Err(e))
            | Message::Found(_, Err(e)) => self.error(e),
            Message::ShowParked => {
                let _currency = self.cart.currency();
                let list = call(ctx, move |b| b.ledger.parked().map_err(|e| e.to_string()));
                return (list.map(Message::ParkedList), None);
            }
            Message::ParkedList(Ok(list)) => self.parked = Some(list),
            Message::Recall(id) => {
                if !self.cart.is_empty() {
                    self.error(tr(
                        l,
                        "Selesaikan atau parkir transaksi ini dulu",
                        "Finish or park this sale first",
                    ));
                    return (Task::none(), None);
                }
                let recall = call(ctx, move |b| b.ledger.recall(id).map_err(|e| e.to_string()));
                return (recall.map(Message::Recalled), None);
            }
            Message::Recalled(Ok((cart, approvals))) => {
                self.cart = cart;
                self.approvals = approvals;
                self.parked = None;
                return (focus_scan(), None);
            }
            Message::Input(value) => {
                self.typing = match (self.typing, value.is_empty()) {
                    (_, true) => None,
                    (None, false) => Some((std::time::Instant::now(), 1)),
                    (Some((started, n)), false) => Some((started, n + 1)),
                };
                self.input = value;
                let query = self.input.trim().to_owned();
                let is_code = !query.is_empty()
                    && query.chars().all(|c| c.is_ascii_digit() || matches!(c, '*' | 'x' | 'X' | ',' | '.'))
                    && query.starts_with(|c: char| c.is_ascii_digit());
                if query.chars().count() < 2 || is_code {
                    self.results.clear();
                    return (Task::none(), None);
                }
                let q = query.clone();
                let search =
                    call(ctx, move |b| b.catalogue.search(&q, SEARCH_LIMIT).map_err(|e| e.to_string()));
                return (search.map(move |r| Message::Found(query.clone(), r)), None);
            }
            Message::DeviceScan(code) => {
                if self.editor.is_some() || self.approver.is_some() || self.parked.is_some() {
                    self.error(format!(
                        "{} {code}: {}",
                        tr(l, "Pindaian", "Scan"),
                        tr(l, "tutup dialog dulu", "close the dialog first")
                    ));
                    return (Task::none(), None);
                }
                let c = code.clone();
                let scan = call(ctx, move |b| {
                    let rules = b.config.barcode.variable_measure.clone();
                    b.catalogue.scan(&c, &rules).map_err(|e| e.to_string())
                });
                return (scan.map(move |r| Message::Scanned(code.clone(), Quantity::default(), r)), None);
            }
            Message::Submit => {
                let typed = self.input.trim().to_owned();
                if typed.is_empty() {
                    return (Task::none(), None);
                }
                let burst = self
                    .typing
                    .take()
                    .is_some_and(|(started, n)| n >= 6 && started.elapsed() < SCANNER_GAP * n);
                if burst && is_receipt_number(&typed) {
                    self.input.clear();
                    self.results.clear();
                    if !self.cart.is_empty() {
                        self.error(tr(
                            l,
                            "Selesaikan atau parkir transaksi ini dulu",
                            "Finish or park this sale first",
                        ));
                        return (focus_scan(), None);
                    }
                    return (Task::none(), Some(Event::Return(typed)));
                }
                let (quantity, code) = match split_quantity(&typed) {
                    Some((q, code)) => (Some(q), code.to_owned()),
                    None => (None, typed.clone()),
                };
                if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
                    // Enter on a name: take the first result.
                    if let Some(first) = self.results.first().cloned() {
                        return self.update(Message::Pick(first), ctx, cashier);
                    }
                    self.error(format!("{} '{typed}'", tr(l, "Tidak ada barang", "No product matches")));
                    return (focus_scan(), None);
                }
                self.input.clear();
                self.results.clear();
                let c = code.clone();
                let scan = call(ctx, move |b| {
                    let rules = b.config.barcode.variable_measure.clone();
                    b.catalogue.scan(&c, &rules).map_err(|e| e.to_string())
                });
                let q = quantity.unwrap_or_default();
                return (
                    Task::batch([scan.map(move |r| Message::Scanned(code.clone(), q, r)), focus_scan()]),
                    None,
                );
            }
            Message::Scanned(code, quantity, Ok(hit)) => {
                let quantity = quantity.is_positive().then_some(quantity);
                return (self.add(hit, quantity, Some(code), l), None);
            }
            Message::Found(query, Ok(results)) => {
                if query == self.input.trim() {
                    self.results = results;
                }
            }
            Message::Pick(product) => {
                self.input.clear();
                self.results.clear();
                let hit = ScanHit { product, quantity: Quantity::ONE, price: None, measured: false };
                return (self.add(hit, None, None, l), None);
            }
            Message::QuickKey(sku) => {
                let find = call(ctx, move |b| b.catalogue.sellable_by_sku(&sku).map_err(|e| e.to_string()));
                return (find.map(Message::QuickKeyFound), None);
            }
            Message::QuickKeyFound(Ok(product)) => return self.update(Message::Pick(product), ctx, cashier),
            Message::QuickKeyFound(Err(e)) => {
                self.error(e);
                return (focus_scan(), None);
            }
            Message::More(id) => self.change_quantity(id, 1),
            Message::Less(id) => self.change_quantity(id, -1),
            Message::EditLine(id) => {
                if let Some(line) = self.cart.line(id) {
                    return (self.open_editor(Editor::for_line(line, l)), None);
                }
            }
            Message::EditLast => match self.cart.lines().last() {
                Some(line) => return (self.open_editor(Editor::for_line(line, l)), None),
                None => self.error(empty_cart),
            },
            Message::EditOrder => {
                if self.cart.is_empty() {
                    self.error(empty_cart);
                } else {
                    return (self.open_editor(Editor::for_order(&self.cart, l)), None);
                }
            }
            Message::EditorQuantity(v) => self.with_editor(|e| e.quantity = v),
            Message::EditorPrice(v) => self.with_editor(|e| e.price = v),
            Message::EditorDiscount(v) => self.with_editor(|e| e.discount = v),
            Message::EditorPercent(v) => self.with_editor(|e| e.percent = v),
            Message::EditorApply => return (self.apply_edit(ctx, cashier), None),
            Message::VoidLine(id) => return (self.ask(Purpose::VoidLine(id)), None),
            Message::VoidSale => {
                if self.cart.is_empty() {
                    self.error(empty_cart);
                    return (focus_scan(), None);
                }
                return (self.ask(Purpose::VoidSale), None);
            }
            Message::NoSale => {
                if !self.cart.is_empty() {
                    self.error(tr(
                        l,
                        "Selesaikan atau parkir transaksi ini dulu",
                        "Finish or park this sale first",
                    ));
                    return (focus_scan(), None);
                }
                return (self.ask(Purpose::NoSale), None);
            }
            Message::SaleVoided(Ok(receipt)) => {
                self.new_cart();
                self.info(format!(
                    "{} {receipt}",
                    tr(l, "Transaksi dibatalkan dan dicatat:", "Sale voided, recorded as")
                ));
                return (focus_scan(), None);
            }
            Message::NoSaleDone(Ok(receipt)) => {
                // Recorded first; then the drawer opens (on the back end: it is device I/O).
                let Ok(address) = crate::devices::printing::printer_address(&ctx.config, None) else {
                    self.info(format!(
                        "{} {receipt}. {}",
                        tr(l, "Buka laci dicatat:", "No-sale recorded as"),
                        tr(l, "Laci kas belum dikonfigurasi.", "No cash drawer is configured.")
                    ));
                    return (focus_scan(), None);
                };
                let open = call(ctx, move |b| {
                    crate::devices::printing::open_drawer(&b.config, &address).map_err(|e| e.to_string())
                });
                return (open.map(move |r| Message::DrawerOpened(receipt.clone(), r)), None);
            }
            Message::DrawerOpened(receipt, result) => {
                let drawer = match result {
                    Ok(()) => tr(l, "Laci dibuka.", "Drawer opened.").to_owned(),
                    Err(e) => format!("{} {e}", tr(l, "Laci tidak terbuka:", "The drawer did not open:")),
                };
                self.info(format!(
                    "{} {receipt}. {drawer}",
                    tr(l, "Buka laci dicatat:", "No-sale recorded as")
                ));
                return (focus_scan(), None);
            }
            Message::SaleVoided(Err(e)) | Message::NoSaleDone(Err(e)) => {
                self.error(e);
                return (focus_scan(), None);
            }
            Message::ApproverManager(v) => self.with_approver(|a| a.manager = v),
            Message::ApproverPin(v) => {
                self.with_approver(|a| a.pin = v.chars().filter(char::is_ascii_digit).collect())
            }
            Message::ApproverReason(v) => self.with_approver(|a| a.reason = v),
            Message::Dismiss => {
                if let Some(Approver { purpose: Purpose::Edit { before, approvals_before, .. }, .. }) =
                    self.approver.take()
                {
                    self.cart = before;
                    self.approvals = approvals_before;
                }
                // A weighed product that never got its weight is not left in at 1 kg.
                if let Some(Editor { weigh: true, target: Target::Line(id), .. }) = self.editor.take() {
                    let _ = self.cart.remove(id);
                }
                self.approver = None;
                self.parked = None;
                return (focus_scan(), None);
            }
            Message::ApproverSubmit => {
                let Some(a) = &mut self.approver else { return (Task::none(), None) };
                let missing = if a.manager.trim().is_empty() {
                    Some((
                        tr(l, "Kode manajer wajib diisi", "The manager's code is required"),
                        approval::MANAGER_ID,
                    ))
                } else if a.pin.is_empty() {
                    Some((tr(l, "PIN wajib diisi", "The PIN is required"), approval::PIN_ID))
                } else if a.reason.trim().is_empty() {
                    Some((tr(l, "Alasan wajib diisi", "A reason is required"), approval::REASON_ID))
                } else {
                    None
                };
                if let Some((message, field)) = missing {
                    a.error = Some(message.into());
                    return (operation::focus(field), None);
                }
                a.checking = true;
                let (manager, pin) = (a.manager.trim().to_owned(), std::mem::take(&mut a.pin));
                let check = call(ctx, move |b| {
                    b.ledger.authenticate_manager(&manager, &pin).map_err(|e| e.to_string())
                });
                return (check.map(Message::ApproverChecked), None);
            }
            Message::ApproverChecked(Err(e)) => {
                self.with_approver(|a| {
                    a.checking = false;
                    a.error = Some(e);
                });
                return (operation::focus(approval::PIN_ID), None);
            }
            Message::ApproverChecked(Ok(manager)) => {
                let Some(a) = self.approver.take() else { return (Task::none(), None) };
                return (self.approved(a, manager, ctx, cashier), None);
            }
            Message::Pay => {
                if self.cart.is_empty() {
                    self.error(empty_cart);
                    return (focus_scan(), None);
                }
                // Anything still unapproved (say, a quantity change that took an amount
                // discount past the limit) is asked for now, not refused at payment.
                let needed = self.missing(ctx, cashier);
                if !needed.is_empty() {
                    let purpose = Purpose::Edit {
                        before: self.cart.clone(),
                        approvals_before: self.approvals.clone(),
                        needed,
                    };
                    return (self.ask(purpose), None);
                }
                let sale = Sale { cart: self.cart.clone(), approvals: self.approvals.clone() };
                return (Task::none(), Some(Event::Pay(sale)));
            }
            Message::Focus => return (focus_scan(), None),
        }
        (Task::none(), None)
    }

    /// Makes the edit in the dialog; past the cashier's limits it waits for a manager.
    fn apply_edit(&mut self, ctx: &Context, cashier: &users::User) -> Task<Message> {
        let l = ctx.locale;
        let Some(editor) = &mut self.editor else { return Task::none() };
        let edited = match editor.apply(&self.cart, l) {
            Ok(cart) => cart,
            Err(e) => {
                editor.error = Some(e);
                return Task::none();
            }
        };
        let target = editor.target;
        self.editor = None;
        let before = std::mem::replace(&mut self.cart, edited);
        let approvals_before = self.approvals.clone();
        // An approval covers the price or discount it was given for; a new one asks again.
        let cart = &self.cart;
        self.approvals.retain(|a| !changed_since(a, target, &before, cart));
        let needed = self.missing(ctx, cashier);
        if needed.is_empty() {
            return focus_scan();
        }
        self.ask(Purpose::Edit { before, approvals_before, needed })
    }

    /// Carries out what the manager approved.
    fn approved(
        &mut self,
        a: Approver,
        manager: users::User,
        ctx: &Context,
        cashier: &users::User,
    ) -> Task<Message> {
        let l = ctx.locale;
        let reason = a.reason.trim().to_owned();
        let approval = |action: Action, line: Option<LineId>, reason: String| Approval {
            action: action.code().to_owned(),
            approver: manager.code.clone(),
            reason,
            line,
        };
        match a.purpose {
            Purpose::VoidLine(id) => {
                if let Ok(line) = self.cart.remove(id) {
                    // Approvals for the removed line went with it; the void records it.
                    self.approvals.retain(|a| a.line != Some(id));
                    self.approvals.push(approval(
                        Action::VoidLine,
                        None,
                        format!("{reason} ({} × {})", line.product.name, line.quantity),
                    ));
                    self.info(format!(
                        "{}: {} — {}",
                        tr(l, "Baris dibatalkan", "Line voided"),
                        line.product.name,
                        manager.name
                    ));
                }
                focus_scan()
            }
            Purpose::Edit { needed, .. } => {
                for (action, line) in needed {
                    self.approvals.push(approval(action, line, reason.clone()));
                }
                self.info(format!("{} {}", tr(l, "Disetujui oleh", "Approved by"), manager.name));
                focus_scan()
            }
            Purpose::VoidSale => {
                let (cart, who) = (self.cart.clone(), cashier.clone());
                call(ctx, move |b| {
                    let now = b.config.now();
                    checkout::cancel_sale(&mut b.ledger, &who, &cart, &manager, &reason, now)
                        .map(|c| c.receipt_number().to_owned())
                        .map_err(|e| e.to_string())
                })
                .map(Message::SaleVoided)
            }
            Purpose::NoSale => {
                let who = cashier.clone();
                call(ctx, move |b| {
                    let now = b.config.now();
                    checkout::no_sale(&mut b.ledger, &who, &manager, &reason, now)
                        .map(|c| c.receipt_number().to_owned())
                        .map_err(|e| e.to_string())
                })
                .map(Message::NoSaleDone)
            }
        }
    }

    fn with_approver(&mut self, f: impl FnOnce(&mut Approver)) {
        if let Some(a) = &mut self.approver {
            f(a);
        }
    }

    fn with_editor(&mut self, f: impl FnOnce(&mut Editor)) {
        if let Some(e) = &mut self.editor {
            f(e);
        }
    }

    fn change_quantity(&mut self, id: LineId, delta: i64) {
        let Some(line) = self.cart.line(id) else { return };
        let step = if line.product.sold_by_weight { Quantity::from_milli(100) } else { Quantity::ONE };
        let q = if delta > 0 { line.quantity + step } else { line.quantity - step };
        if q.is_positive()
            && let Err(e) = self.cart.set_quantity(id, q)
        {
            self.error(e.to_string());
        }
    }
}

/// Whether `a` was given for a price or discount that this edit changed.
fn changed_since(a: &Approval, target: Target, before: &Cart, after: &Cart) -> bool {
    let price = a.action == Action::PriceOverride.code();
    let discount = a.action == Action::DiscountOverLimit.code();
    match target {
        Target::Order => discount && a.line.is_none() && before.order_discount() != after.order_discount(),
        Target::Line(id) if a.line == Some(id) => {
            let (Some(b), Some(n)) = (before.line(id), after.line(id)) else { return true };
            (price && b.price_override != n.price_override)
                || (discount && (b.discount != n.discount || b.quantity != n.quantity))
        }
        Target::Line(_) => false,
    }
}

/// F-keys on the checkout screen.
pub fn shortcut(key: &Key) -> Option<Message> {
    match key {
        Key::Named(Named::F9) => Some(Message::Pay),
        Key::Named(Named::F2) => Some(Message::Focus),
        Key::Named(Named::F6) => Some(Message::Park),
        Key::Named(Named::F7) => Some(Message::ShowParked),
        Key::Named(Named::F3) => Some(Message::EditLast),
        Key::Named(Named::F4) => Some(Message::EditOrder),
        Key::Named(Named::F5) => Some(Message::VoidSale),
        Key::Named(Named::F11) => Some(Message::NoSale),
        Key::Named(Named::Escape) => Some(Message::Dismiss),
        _ => None,
    }
}
