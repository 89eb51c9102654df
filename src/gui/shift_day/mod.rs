//! The shift and day screen (F12 from an empty checkout): open a shift with its float, pay
//! cash in or out, count the drawer by denomination and close the shift, read the X and take
//! the Z. Every action is the same function the headless `kasir shift` and `kasir report`
//! commands call; the X and Z are a manager's (the core refuses a cashier).

mod report;
mod route;
mod view;

pub use route::Field;

use iced::Task;
use iced::keyboard::{Key, key::Named};
use kasir_core::document::Body;
use kasir_core::policy::Action as PolicyAction;
use kasir_core::report::Report;
use kasir_core::shift::{self as core_shift, CashFlows, DenominationCount};
use kasir_core::{Currency, Money};

use super::payment::normalize_amount;
use super::{Context, call};
use crate::messages::Said;
use crate::messages::screens::{ShiftSays, ShiftText};
use crate::reports::render;
use crate::sale::shift;
use crate::store::Shift;
use crate::store::users::User;

/// A committing action run on the back end: what to tell the user, or why it was refused.
type Action = Box<dyn FnOnce(&mut crate::app::service::Backend) -> Result<Said, Said> + Send>;

/// The open shift and its drawer figures, as the back end last read them.
pub type Status = Option<(Shift, CashFlows)>;

#[derive(Debug)]
pub struct State {
    pub status: Status,
    pub float: String,
    pub cash_amount: String,
    pub cash_reason: String,
    /// Set once a cash movement turned out to need an approval (`[permissions]`): the screen
    /// then asks for the approver's code and PIN beside the amount.
    pub cash_approval: Option<CashApproval>,
    /// Counts typed per denomination, in the currency's order (largest first).
    pub counts: Vec<String>,
    /// The last X or Z: its heading, figures and text.
    pub report: Option<Shown>,
    pub notice: Option<(bool, Said)>,
    pub busy: bool,
    /// Closing the shift and taking the Z cannot be undone: the first press asks, the second does.
    pub confirming: Option<Confirm>,
    /// Where typed keys go.
    pub field: Field,
}

/// The approver of a cash movement, as typed.
#[derive(Debug, Clone, Default)]
pub struct CashApproval {
    pub manager: String,
    pub pin: String,
}

pub const CASH_MANAGER_ID: &str = "cash-manager";
pub const CASH_PIN_ID: &str = "cash-manager-pin";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    CloseShift,
    Z,
}

/// A report on screen.
#[derive(Debug, Clone)]
pub struct Shown {
    pub heading: render::Heading,
    pub report: Report,
    pub text: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Status, Said>),
    /// A key press, routed to the current field (see `route`).
    Key(crate::gui::keys::Press),
    /// A click on a field: keys go there now.
    Field(Field),
    Float(String),
    OpenShift,
    CashAmount(String),
    CashReason(String),
    /// The approver's code and PIN, when the movement needs them.
    CashManager(String),
    CashManagerPin(String),
    /// Pay in (true) or out (false).
    MoveCash(bool),
    Count(usize, String),
    CloseShift,
    X,
    Z,
    // Boxed: a report is many times the size of every other message.
    Report(Result<Box<(render::Heading, Report)>, Said>),
    /// Write the report on screen as CSV into the data directory.
    ExportCsv,
    /// Write it as PDF there.
    ExportPdf,
    /// Print the report on screen on the receipt printer.
    PrintReport,
    /// Print a test page.
    TestPrint,
    /// Where the CSV went (nothing typed is cleared).
    Saved(Result<Said, Said>),
    /// A committed action: what to tell the user.
    Done(Result<Said, Said>),
    Back,
}

pub enum Event {
    Back,
    /// The open shift changed (for the status bar).
    Shift(Option<u64>),
}

fn load(ctx: &Context) -> Task<Message> {
    call(ctx, |b| match shift::reading(&b.ledger) {
        Ok(reading) => Ok(Some(reading)),
        Err(shift::ShiftError::NoneOpen) => Ok(None),
        Err(e) => Err(Said::from(e)),
    })
    .map(Message::Loaded)
}

/// Runs a committing action on the back end; its answer comes back as [`Message::Done`].
fn commit(ctx: &Context, action: Action) -> Task<Message> {
    call(ctx, action).map(Message::Done)
}

impl State {
    pub fn new(ctx: &Context) -> (State, Task<Message>) {
        let n = core_shift::denominations(ctx.config.currency()).len();
        let state = State {
            status: None,
            float: String::new(),
            cash_amount: String::new(),
            cash_reason: String::new(),
            cash_approval: None,
            counts: vec![String::new(); n],
            report: None,
            notice: None,
            busy: true,
            confirming: None,
            field: Field::Float,
        };
        (state, load(ctx))
    }

    fn money(&self, typed: &str, ctx: &Context) -> Result<Money, Said> {
        Money::parse(&normalize_amount(typed, ctx.locale), ctx.config.currency())
            .map_err(|e| Said::new(ShiftSays::BadAmount(Said::from(e))))
    }

    fn counted(&self, currency: Currency) -> Result<Vec<DenominationCount>, Said> {
        core_shift::denominations(currency)
            .iter()
            .zip(&self.counts)
            .filter(|(_, typed)| !typed.trim().is_empty())
            .map(|(&value, typed)| {
                let count = typed
                    .trim()
                    .parse::<u32>()
                    .map_err(|_| Said::new(ShiftSays::NotACount { typed: typed.clone() }))?;
                Ok(DenominationCount { value, count })
            })
            .collect()
    }

    /// Closing the shift and taking the Z ask first: true when this press only asked.
    fn ask_first(&mut self, message: &Message) -> bool {
        let asked = match message {
            Message::CloseShift => Some(Confirm::CloseShift),
            Message::Z => Some(Confirm::Z),
            _ => None,
        };
        match asked {
            Some(c) if self.confirming != Some(c) => {
                self.confirming = Some(c);
                let what = match c {
                    Confirm::CloseShift => ShiftText::PressAgainToClose,
                    Confirm::Z => ShiftText::PressAgainForZ,
                };
                self.notice = Some((false, Said::new(what)));
                return true;
            }
            Some(_) => self.confirming = None,
            // Anything the user does in between calls the question off.
            None if !matches!(
                message,
                Message::Loaded(_)
                    | Message::Report(_)
                    | Message::Done(_)
                    | Message::Saved(_)
                    // A key is routed to what it does, which calls the question off if it acts.
                    | Message::Key(_)
                    | Message::Field(_)
            ) =>
            {
                self.confirming = None
            }
            None => {}
        }
        false
    }

    pub fn update(&mut self, message: Message, ctx: &Context, user: &User) -> (Task<Message>, Option<Event>) {
        let l = ctx.locale;
        if self.ask_first(&message) {
            return (Task::none(), None);
        }
        match message {
            Message::Loaded(Ok(status)) => {
                self.busy = false;
                let shift_no = status.as_ref().map(|(s, _)| s.shift_no);
                self.status = status;
                return (Task::none(), Some(Event::Shift(shift_no)));
            }
            Message::Loaded(Err(e)) | Message::Report(Err(e)) => {
                self.busy = false;
                self.notice = Some((false, e));
            }
            Message::Key(press) => return self.key(press, ctx, user),
            Message::Field(f) => self.field = f,
            Message::Float(v) => self.float = v,
            Message::CashAmount(v) => self.cash_amount = v,
            Message::CashReason(v) => self.cash_reason = v,
            Message::CashManager(v) => self.cash_approval.get_or_insert_default().manager = v,
            Message::CashManagerPin(v) => {
                self.cash_approval.get_or_insert_default().pin =
                    v.chars().filter(char::is_ascii_digit).collect()
            }
            Message::Count(i, v) => {
                if let Some(c) = self.counts.get_mut(i) {
                    *c = v.chars().filter(char::is_ascii_digit).collect();
                }
            }
            Message::OpenShift => match self.money(&self.float, ctx) {
                Err(e) => self.notice = Some((false, e)),
                Ok(float) => {
                    self.busy = true;
                    let who = user.clone();
                    let open = Box::new(move |b: &mut crate::app::service::Backend| {
                        let now = b.config.now();
                        shift::open(&mut b.ledger, &who, float, now)
                            .map(|c| {
                                Said::new(ShiftSays::ShiftOpened { receipt: c.receipt_number().to_owned() })
                            })
                            .map_err(Said::from)
                    });
                    return (commit(ctx, open), None);
                }
            },
            Message::MoveCash(into) => match self.money(&self.cash_amount, ctx) {
                Err(e) => self.notice = Some((false, e)),
                Ok(amount) => {
                    // Past what the table lets this user do alone: ask for the approver first.
                    let approver = match self.cash_approval.as_mut() {
                        _ if !shift::needs_approval(&ctx.config.permissions, user, into) => None,
                        Some(a) if !a.manager.trim().is_empty() && !a.pin.is_empty() => {
                            Some((a.manager.trim().to_owned(), std::mem::take(&mut a.pin)))
                        }
                        asked => {
                            let first = asked.is_none();
                            self.cash_approval.get_or_insert_default();
                            let least = ctx.config.permissions.least(if into {
                                PolicyAction::CashIn
                            } else {
                                PolicyAction::CashOut
                            });
                            self.notice = Some((false, Said::new(ShiftSays::NeedsApproval { least })));
                            self.field = if first { Field::CashManager } else { Field::CashPin };
                            return (Task::none(), None);
                        }
                    };
                    self.busy = true;
                    let (who, reason) = (user.clone(), self.cash_reason.clone());
                    let pay = Box::new(move |b: &mut crate::app::service::Backend| {
                        let now = b.config.now();
                        let action = if into { PolicyAction::CashIn } else { PolicyAction::CashOut };
                        let approver = approver
                            .map(|(code, pin)| {
                                b.ledger.authenticate_approver(&code, &pin, &b.config.permissions, &[action])
                            })
                            .transpose()
                            .map_err(Said::from)?;
                        let permissions = b.config.permissions;
                        shift::move_cash(
                            &mut b.ledger,
                            &permissions,
                            &who,
                            into,
                            amount,
                            &reason,
                            approver.as_ref(),
                            now,
                        )
                        .map(|c| {
                            Said::new(ShiftSays::CashMoved {
                                into,
                                amount,
                                receipt: c.receipt_number().to_owned(),
                            })
                        })
                        .map_err(Said::from)
                    });
                    return (commit(ctx, pay), None);
                }
            },
            Message::CloseShift => match self.counted(ctx.config.currency()) {
                Err(e) => self.notice = Some((false, e)),
                Ok(counts) => {
                    self.busy = true;
                    return (commit(ctx, close_shift(user.clone(), counts)), None);
                }
            },
            Message::X | Message::Z => {
                self.busy = true;
                let take_z = matches!(message, Message::Z);
                return (Task::batch([report::take(ctx, user, take_z), load(ctx)]), None);
            }
            Message::Report(Ok(shown)) => {
                let (heading, report) = *shown;
                self.busy = false;
                let text = render::text(&heading, &report, l);
                self.report = Some(Shown { heading, report, text });
            }
            Message::PrintReport | Message::TestPrint => {
                return (self.print(matches!(message, Message::TestPrint), ctx), None);
            }
            Message::ExportCsv | Message::ExportPdf => {
                return (self.export(matches!(message, Message::ExportPdf), ctx), None);
            }
            Message::Saved(result) => {
                self.notice = Some(match result {
                    Ok(words) => (true, words),
                    Err(e) => (false, e),
                });
            }
            Message::Done(result) => {
                self.notice = Some(match result {
                    Ok(words) => {
                        self.float.clear();
                        self.cash_amount.clear();
                        self.cash_reason.clear();
                        self.cash_approval = None;
                        self.counts.iter_mut().for_each(String::clear);
                        (true, words)
                    }
                    Err(e) => (false, e),
                });
                return (load(ctx), None);
            }
            Message::Back => return (Task::none(), Some(Event::Back)),
        }
        (Task::none(), None)
    }
}

/// Closes the open shift with the drawer counted, and says how it came out.
fn close_shift(who: User, counts: Vec<DenominationCount>) -> Action {
    Box::new(move |b| {
        let now = b.config.now();
        let c = shift::close(&mut b.ledger, &who, counts, now).map_err(Said::from)?;
        let Body::ShiftClose(close) = &c.document.body else { unreachable!("a close") };
        let m = |v: i64| Money::from_minor(v, b.ledger.currency());
        Ok(Said::new(ShiftSays::ShiftClosed {
            shift_no: close.shift_no,
            receipt: c.receipt_number().to_owned(),
            expected: m(close.expected),
            counted: m(close.counted),
            over_short: m(close.over_short),
        }))
    })
}

/// Keys on the shift screen.
pub fn shortcut(key: &Key) -> Option<Message> {
    match key {
        Key::Named(Named::Escape | Named::F12) => Some(Message::Back),
        _ => None,
    }
}
