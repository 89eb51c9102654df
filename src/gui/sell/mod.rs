//! Checkout: every key goes to the scan field unless a dialog is open (see `gui::keys`); a
//! scanner (digits + Enter) or typed digits add by barcode (`3*code` adds three), letters
//! search by name as you type, the arrows move through the hits and Enter takes the
//! highlighted one. The cart shows every
//! line and the totals at all times. Changing a line or the order discount past the
//! cashier's limits, removing a line, voiding the sale and opening the drawer need a
//! manager's PIN, recorded in the ledger.

mod approval;
mod editor;
mod parked;
mod route;
mod scan;
mod view;

use std::time::Instant;

use iced::Task;
use iced::keyboard::{Key, key::Named};
use kasir_core::document::Approval;
use kasir_core::policy::{self, Action};
use kasir_core::{Cart, LineId, Locale, Product, Quantity};

pub use approval::Field as ApproverField;
pub use approval::{Approver, Purpose};
pub use editor::Field as EditorField;
pub use editor::{Editor, Target};

use crate::gui::keys::Press;
pub use crate::gui::notice::NoticeKind;
use crate::gui::notice::{Say, ask};
use crate::messages::{Said, Text};

use super::Context;
use crate::sale::checkout;
use crate::store::catalogue::ScanHit;
use crate::store::parked::ParkedEntry;
use crate::store::users;

pub const SCAN_ID: &str = "scan";

/// The name of a cart line's name on screen (a click on it opens the line's editor).
pub fn line_id(id: LineId) -> String {
    format!("line-{id}")
}
const SEARCH_LIMIT: usize = 12;

/// A cart on its way to payment, with the approvals given while it was built.
#[derive(Debug, Clone)]
pub struct Sale {
    pub cart: Cart,
    pub approvals: Vec<Approval>,
}

#[derive(Debug)]
pub struct State {
    pub cart: Cart,
    pub approvals: Vec<Approval>,
    pub input: String,
    pub results: Vec<Product>,
    /// The search hit Enter takes (the arrows move it).
    pub highlight: usize,
    /// What the banner says: an error stays until acknowledged (Esc) or until the next
    /// action that works.
    pub notice: Option<(NoticeKind, Said)>,
    pub approver: Option<Approver>,
    pub editor: Option<Editor>,
    /// The parked carts, while their list is open.
    pub parked: Option<Vec<ParkedEntry>>,
    /// The parked cart Enter takes back.
    pub parked_highlight: usize,
    /// When the scan field's current text started, and how many changes it took: a
    /// keyboard-wedge scanner types a whole code in a burst.
    typing: Option<(Instant, u32)>,
    /// Barcode lookups sent to the back end and not answered yet.
    lookups: u32,
    /// F9 came while a lookup was on its way: payment opens once the last one is in the
    /// cart, so a code scanned just before F9 is never left out of the sale.
    pay_waiting: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// A key press, routed by what is open: a dialog's current field, or the scan field.
    Key(Press),
    /// The scan field's whole text replaced (a paste).
    Input(String),
    /// Enter in the scan field: a barcode, or the highlighted search result.
    Submit,
    /// The banner's error was read (its button, or Esc).
    Acknowledge,
    /// A click on a field of the manager prompt: keys go there now.
    ApproverField(ApproverField),
    /// A click on a field of the edit dialog: keys go there now.
    EditorField(EditorField),
    /// The back end's answer to a scan of `code`.
    Scanned(String, Quantity, Result<ScanHit, Said>),
    /// A code from the serial scanner (the scan field's typing is left alone).
    DeviceScan(String),
    /// Search results for a query (stale ones are dropped).
    Found(String, Result<Vec<Product>, Said>),
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
    /// The store's stock of the edited line's product, from the back end.
    EditorStock(Option<crate::messages::limits::StockNote>),
    EditorApply,
    /// Ask a manager to approve removing a line.
    VoidLine(LineId),
    /// Ask a manager to approve voiding the whole sale in progress (F5).
    VoidSale,
    /// The back end recorded the voided sale under this receipt number.
    SaleVoided(Result<String, Said>),
    /// Ask a manager to approve opening the drawer without a sale (F11).
    NoSale,
    /// The back end says the approved no-sale may be recorded: now the drawer is kicked.
    NoSaleApproved(Result<crate::gui::tasks::NoSale, Said>),
    /// The no-sale is recorded under this receipt number, with what the drawer did.
    NoSaleDone(Result<(String, Result<(), crate::devices::drawer::DrawerError>), Said>),
    /// Fields of the manager prompt.
    ApproverManager(String),
    ApproverPin(String),
    ApproverReason(String),
    /// Check the manager's PIN.
    ApproverSubmit,
    /// The back end's answer to the manager's PIN.
    ApproverChecked(Result<users::User, Said>),
    /// Escape: close whatever dialog is open without doing anything (an edit waiting for a
    /// manager is undone).
    Dismiss,
    /// Park the cart (F6): put it aside and start an empty one.
    Park,
    /// The back end parked the cart under this number.
    Parked(Result<i64, Said>),
    /// Show the parked carts (F7).
    ShowParked,
    /// The parked carts, from the back end.
    ParkedList(Result<Vec<ParkedEntry>, Said>),
    /// Take a parked cart back.
    Recall(i64),
    /// The recalled cart, from the back end.
    Recalled(Result<(Cart, Vec<Approval>), Said>),
    /// A quick key was pressed: add the product with this SKU.
    QuickKey(String),
    /// The product behind a quick key, from the back end.
    QuickKeyFound(Result<Product, Said>),
    /// Go to payment.
    Pay,
    /// F2: empty the scan field for a new code or name.
    Focus,
}

/// What the checkout screen asks of the app.
pub enum Event {
    Pay(Sale),
    /// A receipt's barcode was scanned into the scan field: start a return of that sale.
    Return(String),
}

impl State {
    pub fn with_cart(sale: Sale) -> (State, Task<Message>) {
        (
            State {
                cart: sale.cart,
                approvals: sale.approvals,
                input: String::new(),
                results: vec![],
                highlight: 0,
                notice: None,
                approver: None,
                editor: None,
                parked: None,
                parked_highlight: 0,
                typing: None,
                lookups: 0,
                pay_waiting: false,
            },
            Task::none(),
        )
    }

    /// A fresh cart in the store's currency and tax mode.
    pub fn for_store(ctx: &Context) -> (State, Task<Message>) {
        State::with_cart(Sale {
            cart: Cart::with_ceilings(
                ctx.config.currency(),
                ctx.config.tax.mode,
                ctx.config.limits().ceilings,
            ),
            approvals: vec![],
        })
    }

    fn error(&mut self, message: impl Say) {
        self.notice = Some((NoticeKind::Error, message.say()));
    }

    fn info(&mut self, message: impl Say) {
        self.notice = Some((NoticeKind::Info, message.say()));
    }

    /// The banner's words in `l`, with their kind (for tests and the view).
    pub fn notice_text(&self, l: Locale) -> Option<(NoticeKind, String)> {
        self.notice.as_ref().map(|(kind, said)| (*kind, said.text(l)))
    }

    /// An error is not left on screen once the cashier does something that works.
    fn clear_error(&mut self) {
        if matches!(self.notice, Some((NoticeKind::Error, _))) {
            self.notice = None;
        }
    }

    fn new_cart(&mut self) {
        self.cart = self.cart.emptied();
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

    fn open_editor(&mut self, mut editor: Editor) -> Task<Message> {
        editor.field = editor.first_field();
        self.editor = Some(editor);
        Task::none()
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
                self.info(crate::gui::notice::name(name));
                if needs_weight && let Some(line) = self.cart.line(id) {
                    return self.open_editor(Editor::for_weight(line, l));
                }
            }
            Err(e) => self.error(Said::new(e)),
        }
        Task::none()
    }

    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context,
        cashier: &users::User,
    ) -> (Task<Message>, Option<Event>) {
        let l = ctx.locale;
        let empty_cart = Text::CartEmpty;
        // A click on a line, a dialog's key or a list's key is an action: the error it
        // follows no longer applies (a failed action sets its own).
        if matches!(
            message,
            Message::More(_)
                | Message::Less(_)
                | Message::EditLine(_)
                | Message::EditLast
                | Message::EditOrder
                | Message::VoidLine(_)
                | Message::VoidSale
                | Message::NoSale
                | Message::Pay
                | Message::Park
                | Message::ShowParked
                | Message::Pick(_)
                | Message::QuickKey(_)
                | Message::Acknowledge
        ) {
            self.clear_error();
        }
        match message {
            Message::Key(press) => return self.key(press, ctx, cashier),
            Message::Acknowledge => {}
            Message::ApproverField(f) => self.with_approver(|a| a.field = f),
            Message::EditorField(f) => self.with_editor(|e| e.field = f),
            Message::Park
            | Message::Parked(_)
            | Message::ShowParked
            | Message::ParkedList(_)
            | Message::Recall(_)
            | Message::Recalled(_) => return (self.parking(message, ctx, cashier), None),
            Message::Scanned(_, _, Err(e)) => {
                // The cashier must see what did not scan before paying: no payment follows.
                self.lookups = self.lookups.saturating_sub(1);
                self.pay_waiting = false;
                self.error(e);
            }
            Message::Found(_, Err(e)) => self.error(e),
            Message::Input(value) => return (self.typed(value, Instant::now(), ctx), None),
            Message::DeviceScan(code) => return (self.device_scan(code, ctx), None),
            Message::Submit => return self.submit(Instant::now(), ctx, cashier),
            Message::Scanned(code, quantity, Ok(hit)) => {
                self.lookups = self.lookups.saturating_sub(1);
                let quantity = quantity.is_positive().then_some(quantity);
                let added = self.add(hit, quantity, Some(code), l);
                return self.resume_pay(added, ctx, cashier);
            }
            Message::Found(query, Ok(results)) => {
                if query == self.input.trim() {
                    self.results = results;
                    self.highlight = 0;
                }
            }
            Message::Pick(product) => {
                self.input.clear();
                self.results.clear();
                self.highlight = 0;
                let hit = ScanHit { product, quantity: Quantity::ONE, price: None, measured: false };
                return (self.add(hit, None, None, l), None);
            }
            Message::QuickKey(sku) => {
                let find = ask(ctx, move |b| b.catalogue.sellable_by_sku(&sku).map_err(Said::new));
                return (find.map(Message::QuickKeyFound), None);
            }
            Message::QuickKeyFound(Ok(product)) => return self.update(Message::Pick(product), ctx, cashier),
            Message::QuickKeyFound(Err(e)) => {
                self.error(e);
                return (Task::none(), None);
            }
            Message::More(id) => self.change_quantity(id, 1),
            Message::Less(id) => return (self.decrease_quantity(id, ctx, cashier), None),
            Message::EditLine(id) => {
                if let Some(line) = self.cart.line(id) {
                    let stock = editor::look_up_stock(ctx, line);
                    return (Task::batch([self.open_editor(Editor::for_line(line, l)), stock]), None);
                }
            }
            Message::EditLast => match self.cart.lines().last() {
                Some(line) => {
                    let stock = editor::look_up_stock(ctx, line);
                    return (Task::batch([self.open_editor(Editor::for_line(line, l)), stock]), None);
                }
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
            Message::EditorStock(note) => self.with_editor(|e| e.stock = note),
            Message::EditorApply => return (self.apply_edit(ctx, cashier), None),
            Message::VoidLine(id) => return (self.ask(Purpose::VoidLine(id)), None),
            Message::VoidSale => {
                if self.cart.is_empty() {
                    self.error(empty_cart);
                    return (Task::none(), None);
                }
                return (self.ask(Purpose::VoidSale), None);
            }
            Message::NoSale => {
                if !self.cart.is_empty() {
                    self.error(Text::FinishOrParkFirst);
                    return (Task::none(), None);
                }
                return (self.ask(Purpose::NoSale), None);
            }
            Message::SaleVoided(Ok(receipt)) => {
                self.new_cart();
                self.info(crate::gui::notice::words(move |l| {
                    format!("{} {receipt}", Text::SaleVoidedAs.get(l))
                }));
                return (Task::none(), None);
            }
            Message::NoSaleApproved(Ok(no_sale)) => return (self.open_drawer(no_sale, ctx), None),
            Message::NoSaleDone(Ok((receipt, drawer))) => {
                self.drawer_opened(receipt, drawer);
                return (Task::none(), None);
            }
            Message::SaleVoided(Err(e)) => {
                self.error(e);
                return (Task::none(), None);
            }
            Message::NoSaleApproved(Err(e)) | Message::NoSaleDone(Err(e)) => {
                self.error(e);
                return (Task::none(), None);
            }
            Message::ApproverManager(v) => self.with_approver(|a| a.manager = v),
            Message::ApproverPin(v) => {
                self.with_approver(|a| a.pin = v.chars().filter(char::is_ascii_digit).collect())
            }
            Message::ApproverReason(v) => self.with_approver(|a| a.reason = v),
            // While a PIN is being checked the dialog stays: its answer must land on the
            // request the manager approved, not on one opened after Esc.
            Message::Dismiss if self.approver.as_ref().is_some_and(|a| a.checking) => {}
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
                self.clear_error();
                return (Task::none(), None);
            }
            Message::ApproverSubmit => return (self.check_approver(ctx), None),
            Message::ApproverChecked(result) => return (self.approver_checked(result, ctx, cashier), None),
            Message::Pay if self.lookups > 0 => self.pay_waiting = true,
            Message::Pay => {
                if self.cart.is_empty() {
                    self.error(empty_cart);
                    return (Task::none(), None);
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
            Message::Focus => {
                self.input.clear();
                self.results.clear();
                self.typing = None;
            }
        }
        (Task::none(), None)
    }

    /// After a lookup came back: opens payment if F9 waited for it and nothing else is asked
    /// of the cashier now (a weight, an approval).
    fn resume_pay(
        &mut self,
        task: Task<Message>,
        ctx: &Context,
        cashier: &users::User,
    ) -> (Task<Message>, Option<Event>) {
        if self.lookups > 0 || !std::mem::take(&mut self.pay_waiting) {
            return (task, None);
        }
        if self.editor.is_some() || self.approver.is_some() || self.parked.is_some() {
            return (task, None);
        }
        let (pay, event) = self.update(Message::Pay, ctx, cashier);
        (Task::batch([task, pay]), event)
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
                self.error(Said::new(e));
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
