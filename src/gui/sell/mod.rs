//! Checkout: the scan field always has focus; a scanner (digits + Enter) or typed digits add
//! by barcode (`3*code` adds three), letters search by name as you type. The cart shows every
//! line and the totals at all times. Changing a line or the order discount past the
//! cashier's limits, removing a line, voiding the sale and opening the drawer need a
//! manager's PIN, recorded in the ledger.

mod approval;
mod editor;
mod parked;
mod scan;
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
        policy::approvals_needed(
            &self.cart,
            &self.cart.totals(),
            cashier.role,
            ctx.config.limits(),
            &ctx.config.permissions,
        )
        .into_iter()
        .filter(|(action, line)| !self.approvals.iter().any(|a| a.action == *action && a.line == *line))
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
            Message::Park
            | Message::Parked(_)
            | Message::ShowParked
            | Message::ParkedList(_)
            | Message::Recall(_)
            | Message::Recalled(_) => return (self.parking(message, ctx, cashier), None),
            Message::Scanned(_, _, Err(e)) | Message::Found(_, Err(e)) => self.error(e),
            Message::Input(value) => return (self.typed(value, ctx), None),
            Message::DeviceScan(code) => return (self.device_scan(code, ctx), None),
            Message::Submit => return self.submit(ctx, cashier),
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
            Message::Less(id) => return (self.decrease_quantity(id, ctx, cashier), None),
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
            Message::NoSaleDone(Ok(receipt)) => return (self.open_drawer(receipt, ctx), None),
            Message::DrawerOpened(receipt, result) => {
                self.drawer_opened(&receipt, result, l);
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
            Message::ApproverSubmit => return (self.check_approver(ctx), None),
            Message::ApproverChecked(result) => return (self.approver_checked(result, ctx, cashier), None),
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
        if q.is_positive() {
            self.set_quantity(id, q);
        }
    }

    /// `−` on a line: lowering a quantity is like removing part of the line, so a user the
    /// `[permissions]` table does not let do it alone waits for an approval.
    fn decrease_quantity(&mut self, id: LineId, ctx: &Context, cashier: &users::User) -> Task<Message> {
        if ctx.config.permissions.may_do_alone(cashier.role, Action::DecreaseQuantity) {
            self.change_quantity(id, -1);
            return Task::none();
        }
        let Some(line) = self.cart.line(id) else { return Task::none() };
        let step = if line.product.sold_by_weight { Quantity::from_milli(100) } else { Quantity::ONE };
        let q = line.quantity - step;
        if !q.is_positive() {
            return Task::none();
        }
        self.ask(Purpose::DecreaseQuantity(id, q))
    }

    /// Sets a line's quantity; false (with the reason shown) when the cart refuses it.
    fn set_quantity(&mut self, id: LineId, q: Quantity) -> bool {
        match self.cart.set_quantity(id, q) {
            Ok(()) => true,
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
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
