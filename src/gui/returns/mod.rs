//! Returns at the counter (F8 from an empty checkout): scan the receipt's barcode or type its
//! number, choose lines and quantities, the refund tender and a reason, and a manager
//! approves. Without a receipt, the goods are scanned and valued at today's prices, refunded
//! in cash, with a manager. The refund shown is the core's own figure, and the return goes
//! through the same function as `kasir return`.

mod refund;
mod route;
mod submit;
mod view;

pub use route::Field;

use iced::Task;
use iced::keyboard::{Key, key::Named};
use kasir_core::document::{Body, SaleBody};
use kasir_core::returns::Returned;
use kasir_core::{ProductSnapshot, Quantity, TenderKind};

use super::{Context, call};
use crate::messages::screens::ScreenSays;
use crate::messages::{Said, Text};
use crate::sale::exchange::ExchangeOutcome;
use crate::sale::returns::{ReturnFlowError, ReturnOutcome};
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
    pub error: Option<Said>,
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
    pub drawer_trouble: Option<Said>,
    /// Where typed keys go.
    pub field: Field,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// A key press, routed to the current field (see `route`).
    Key(crate::gui::keys::Press),
    /// A click on a field: keys go there now.
    Field(Field),
    Receipt(String),
    Find,
    Found(Result<Original, Said>),
    Quantity(usize, String),
    Refund(TenderKind),
    Reason(String),
    Manager(String),
    Pin(String),
    Submit,
    Done(Result<ReturnOutcome, Said>),
    Back,
    /// Switch between a return against a receipt and one without.
    NoReceipt(bool),
    ItemInput(String),
    /// Enter in the item field: look the barcode or SKU up.
    AddItem,
    ItemFound(Result<ProductSnapshot, Said>),
    ItemQuantity(usize, String),
    /// Switch an exchange on or off (with a receipt).
    Exchange(bool),
    PayKind(TenderKind),
    PayAmount(String),
    Exchanged(Result<ExchangeOutcome, Said>),
    /// The drawer opened for a cash refund, or why it did not.
    DrawerAfterRefund(ReturnOutcome, Option<Said>),
}

pub enum Event {
    Back,
}

/// What a quantity field keeps of what is typed: digits and a decimal mark.
fn quantity_typed(v: &str) -> String {
    v.chars().filter(|c| c.is_ascii_digit() || matches!(c, ',' | '.')).collect()
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
            field: Field::Receipt,
        };
        (state, Task::none())
    }

    /// Finds the sale behind the receipt number typed or scanned.
    fn find(&mut self, ctx: &Context) -> Task<Message> {
        let receipt = self.receipt.trim().to_owned();
        if receipt.is_empty() {
            return Task::none();
        }
        self.busy = true;
        let (config, ledger) = (ctx.config.clone(), ctx.terminal.ledger_path().to_owned());
        let terminal = ctx.terminal.clone();
        // Head office is asked off the back-end thread (an unreachable network can take
        // seconds); then the ledger, on it, finds the sale as now known.
        let find = async move {
            let asked = receipt.clone();
            super::off_thread("kasir-sync", move || crate::sync::refresh_sale(&config, &ledger, &asked))
                .await?
                .map_err(|e| {
                    Said::new(ScreenSays::Concerning { subject: receipt.clone(), said: Said::from(e) })
                })?;
            let wanted = receipt.clone();
            let found = terminal
                .call(move |b| b.ledger.returnable(&wanted))
                .await
                .map_err(|_| Said::new(Text::BackEndStopped))?
                .map_err(Said::from)?;
            let found = found.ok_or_else(|| Said::from(ReturnFlowError::UnknownReceipt(receipt.clone())))?;
            let Body::Sale(sale) = found.document.body else {
                return Err(Said::new(ScreenSays::NotASale { receipt }));
            };
            Ok(Original { receipt: found.original.receipt, sale, already: found.already })
        };
        Task::perform(find, Message::Found)
    }

    /// Looks up the barcode or SKU typed in the item field.
    fn add_item(&mut self, ctx: &Context) -> Task<Message> {
        let code = self.item_input.trim().to_owned();
        if code.is_empty() {
            return Task::none();
        }
        self.item_input.clear();
        call(ctx, move |b| {
            let rules = b.config.barcode.variable_measure.clone();
            let product = if code.chars().all(|c| c.is_ascii_digit()) {
                b.catalogue.scan(&code, &rules).map(|hit| hit.product)
            } else {
                b.catalogue.sellable_by_sku(&code)
            };
            product.map(|p| p.snapshot()).map_err(Said::from)
        })
        .map(Message::ItemFound)
    }

    pub fn update(&mut self, message: Message, ctx: &Context, user: &User) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Key(press) => return self.key(press, ctx, user),
            Message::Field(f) => self.field = f,
            Message::Receipt(v) => self.receipt = v,
            Message::Find => return (self.find(ctx), None),
            Message::Found(Ok(original)) => {
                self.busy = false;
                self.error = None;
                self.done = None;
                self.quantities = vec![String::new(); original.sale.lines.len()];
                if !self.quantities.is_empty() {
                    self.field = Field::Quantity(0);
                }
                self.original = Some(original);
                self.refund = self.refund_kinds(ctx).first().copied().unwrap_or(TenderKind::Cash);
            }
            Message::Found(Err(e)) | Message::Done(Err(e)) => {
                self.busy = false;
                self.error = Some(e);
            }
            Message::Quantity(i, v) => {
                if let Some(q) = self.quantities.get_mut(i) {
                    *q = quantity_typed(&v);
                }
            }
            Message::Refund(kind) => self.refund = kind,
            Message::NoReceipt(on) => {
                self.no_receipt = on;
                self.error = None;
                self.refund = TenderKind::Cash;
                self.original = None;
                self.items.clear();
                self.field = if on { Field::Item } else { Field::Receipt };
            }
            Message::ItemInput(v) => self.item_input = v,
            Message::Exchange(on) => {
                self.exchange = on;
                self.items.clear();
                self.error = None;
                if on {
                    self.field = Field::Item;
                }
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
                self.field = Field::Receipt;
            }
            Message::Exchanged(Err(e)) => {
                self.busy = false;
                self.error = Some(e);
            }
            Message::AddItem => return (self.add_item(ctx), None),
            Message::ItemFound(Ok(product)) => {
                self.error = None;
                match self.items.iter_mut().find(|(p, _)| p.sku == product.sku) {
                    Some((_, typed)) => {
                        let n = Quantity::parse(typed).unwrap_or(Quantity::ONE);
                        *typed = (n + Quantity::ONE).to_string();
                    }
                    None => self.items.push((product, "1".into())),
                }
                self.field = Field::Item;
            }
            Message::ItemFound(Err(e)) => {
                self.error = Some(e);
                self.field = Field::Item;
            }
            Message::ItemQuantity(i, v) => {
                if let Some((_, q)) = self.items.get_mut(i) {
                    *q = quantity_typed(&v);
                }
            }
            Message::Reason(v) => self.reason = v,
            Message::Manager(v) => self.manager = v,
            Message::Pin(v) => self.pin = v.chars().filter(char::is_ascii_digit).collect(),
            Message::Submit => return (self.submit(ctx, user), None),
            Message::Done(Ok(outcome)) if outcome.refund == TenderKind::Cash && !self.drawer_asked => {
                self.drawer_asked = true;
                match self.open_drawer(ctx) {
                    Some(open) => {
                        return (
                            open.map(move |r| Message::DrawerAfterRefund(outcome.clone(), r.err())),
                            None,
                        );
                    }
                    None => return self.update(Message::Done(Ok(outcome)), ctx, user),
                }
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
                self.field = Field::Receipt;
            }
            Message::Back => return (Task::none(), Some(Event::Back)),
        }
        (Task::none(), None)
    }
}

/// Keys on the returns screen.
pub fn shortcut(key: &Key) -> Option<Message> {
    match key {
        Key::Named(Named::Escape) => Some(Message::Back),
        Key::Named(Named::F9) => Some(Message::Submit),
        _ => None,
    }
}
