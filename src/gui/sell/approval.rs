//! A manager's PIN asked for on the spot: to void a line or the whole sale, to open the
//! drawer without a sale, or to allow a price or discount past the cashier's limit; and what
//! the checkout does once the manager has said yes.

use iced::widget::{column, text};
use iced::{Element, Task};
use kasir_core::document::Approval;
use kasir_core::policy::Action;
use kasir_core::{Cart, LineId, Locale, Quantity};

use super::{Message, State};
use crate::devices::drawer::DrawerError;
use crate::gui::notice::ask;
use crate::gui::widgets::{dialog, dialog_buttons, error_text, field};
use crate::gui::{Context, tasks};
use crate::messages::Said;
use crate::messages::devices::DrawerSays;
use crate::messages::screens::ScreenSays;
use crate::messages::{Explain, Text};
use crate::sale::checkout;
use crate::store::users;

pub const MANAGER_ID: &str = "approver-manager";
pub const PIN_ID: &str = "approver-pin";
pub const REASON_ID: &str = "approver-reason";

/// What the manager is asked to allow.
#[derive(Debug, Clone)]
pub enum Purpose {
    VoidLine(LineId),
    /// Lowering a line's quantity to the given one (`[permissions] decrease_quantity`).
    DecreaseQuantity(LineId, Quantity),
    /// Edits past the cashier's limits, already shown in the cart; cancelling the prompt
    /// puts `before` (and its approvals) back.
    Edit {
        before: Cart,
        approvals_before: Vec<Approval>,
        needed: Vec<(Action, Option<LineId>)>,
    },
    VoidSale,
    NoSale,
}

/// The prompt's fields, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Manager,
    Pin,
    Reason,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::Manager, Field::Pin, Field::Reason];
}

#[derive(Debug, Clone)]
pub struct Approver {
    pub purpose: Purpose,
    /// Where typed keys go.
    pub field: Field,
    pub manager: String,
    pub pin: String,
    pub reason: String,
    pub error: Option<Said>,
    pub checking: bool,
}

impl Purpose {
    /// What the approver must be allowed to do alone (`[permissions]`).
    pub fn actions(&self) -> Vec<Action> {
        match self {
            Purpose::VoidLine(_) => vec![Action::VoidLine],
            Purpose::DecreaseQuantity(..) => vec![Action::DecreaseQuantity],
            Purpose::Edit { needed, .. } => needed.iter().map(|(a, _)| *a).collect(),
            Purpose::VoidSale => vec![Action::VoidSale],
            Purpose::NoSale => vec![Action::NoSale],
        }
    }
}

impl Approver {
    pub fn ask(purpose: Purpose) -> (Approver, Task<Message>) {
        let a = Approver {
            purpose,
            field: Field::Manager,
            manager: String::new(),
            pin: String::new(),
            reason: String::new(),
            error: None,
            checking: false,
        };
        (a, Task::none())
    }

    fn title(&self, l: Locale) -> String {
        let what = match &self.purpose {
            Purpose::Edit { needed, .. } => {
                needed.iter().map(|(action, _)| action.explain(l)).collect::<Vec<_>>().join(", ")
            }
            other => other.actions().iter().map(|a| a.explain(l)).collect::<Vec<_>>().join(", "),
        };
        format!("{}: {what}", Text::ManagerApproval.get(l))
    }

    pub fn view<'a>(&'a self, cart: &'a Cart, l: Locale) -> Element<'a, Message> {
        let subject = match &self.purpose {
            Purpose::VoidLine(id) => cart.line(*id).map(|line| line.product.name.clone()),
            Purpose::DecreaseQuantity(id, to) => {
                cart.line(*id).map(|line| format!("{}: {} → {to}", line.product.name, line.quantity))
            }
            Purpose::VoidSale => Some(format!(
                "{} {} — {}",
                cart.lines().len(),
                Text::Lines.get(l),
                cart.totals().total.format(l)
            )),
            Purpose::Edit { needed, .. } => Some(
                needed
                    .iter()
                    .map(|(_, line)| match line.and_then(|id| cart.line(id)) {
                        Some(line) => line.product.name.clone(),
                        None => Text::WholeOrder.get(l).to_owned(),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Purpose::NoSale => None,
        };
        let error = self.error.as_ref().map(|e| error_text(&e.text(l)));
        dialog(
            column![text(self.title(l)).size(22)]
                .push(subject.map(|s| text(s).size(16)))
                .push(self.input(Text::ManagerCode.get(l), &self.manager, Field::Manager))
                .push(self.input("PIN", &self.pin, Field::Pin))
                .push(self.input(Text::Reason.get(l), &self.reason, Field::Reason))
                .push(error)
                .push(text(Text::DialogKeys.get(l)).size(13))
                .push(dialog_buttons(
                    l,
                    Message::Dismiss,
                    Text::Approve.get(l),
                    (!self.checking).then_some(Message::ApproverSubmit),
                ))
                .spacing(10)
                .width(440),
        )
    }

    /// A field of the prompt, drawn as current when keys go to it; a click makes it so.
    fn input<'a>(&self, placeholder: &str, value: &str, which: Field) -> Element<'a, Message> {
        let id = match which {
            Field::Manager => MANAGER_ID,
            Field::Pin => PIN_ID,
            Field::Reason => REASON_ID,
        };
        let current = self.field == which && !self.checking;
        field(id, placeholder, value, current, which == Field::Pin, Message::ApproverField(which))
    }
}

impl State {
    /// Checks the manager's code and PIN on the back end, once every field is filled in.
    pub(super) fn check_approver(&mut self, ctx: &Context) -> Task<Message> {
        let Some(a) = &mut self.approver else { return Task::none() };
        let missing = if a.manager.trim().is_empty() {
            Some((Text::ManagerCodeRequired, Field::Manager))
        } else if a.pin.is_empty() {
            Some((Text::PinRequired, Field::Pin))
        } else if a.reason.trim().is_empty() {
            Some((Text::ReasonRequired, Field::Reason))
        } else {
            None
        };
        if let Some((message, field)) = missing {
            a.error = Some(Said::new(message));
            a.field = field;
            return Task::none();
        }
        a.checking = true;
        let (manager, pin) = (a.manager.trim().to_owned(), std::mem::take(&mut a.pin));
        let actions = a.purpose.actions();
        ask(ctx, move |b| {
            b.ledger.authenticate_approver(&manager, &pin, &b.config.permissions, &actions).map_err(Said::new)
        })
        .map(Message::ApproverChecked)
    }

    /// The back end's answer to the PIN: a refusal stays in the prompt; a manager's yes is
    /// carried out.
    pub(super) fn approver_checked(
        &mut self,
        result: Result<users::User, Said>,
        ctx: &Context,
        cashier: &users::User,
    ) -> Task<Message> {
        match result {
            Err(e) => {
                self.with_approver(|a| {
                    a.checking = false;
                    a.error = Some(e);
                    a.field = Field::Pin;
                });
                Task::none()
            }
            Ok(manager) => {
                let Some(a) = self.approver.take() else { return Task::none() };
                self.approved(a, manager, ctx, cashier)
            }
        }
    }

    /// Carries out what the manager approved.
    fn approved(
        &mut self,
        a: Approver,
        manager: users::User,
        ctx: &Context,
        cashier: &users::User,
    ) -> Task<Message> {
        let reason = a.reason.trim().to_owned();
        let approval = |action: Action, line: Option<LineId>, reason: String| Approval {
            action,
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
                    self.info(Said::new(ScreenSays::LineVoided {
                        product: line.product.name.clone(),
                        manager: manager.name.clone(),
                    }));
                }
                Task::none()
            }
            Purpose::DecreaseQuantity(id, to) => {
                if let Some(line) = self.cart.line(id).cloned()
                    && self.set_quantity(id, to)
                {
                    self.approvals.push(approval(
                        Action::DecreaseQuantity,
                        None,
                        format!("{reason} ({}: {} → {to})", line.product.name, line.quantity),
                    ));
                    self.info(Said::new(ScreenSays::QuantityDecreased {
                        product: line.product.name.clone(),
                        manager: manager.name.clone(),
                    }));
                }
                Task::none()
            }
            Purpose::Edit { needed, .. } => {
                for (action, line) in needed {
                    self.approvals.push(approval(action, line, reason.clone()));
                }
                self.info(Said::new(ScreenSays::ApprovedBy { manager: manager.name.clone() }));
                Task::none()
            }
            Purpose::VoidSale => {
                let (cart, who) = (self.cart.clone(), cashier.clone());
                ask(ctx, move |b| {
                    let now = b.config.now();
                    checkout::cancel_sale(
                        &mut b.ledger,
                        &b.config.permissions,
                        &who,
                        &cart,
                        &manager,
                        &reason,
                        now,
                    )
                    .map(|c| c.receipt_number().to_owned())
                    .map_err(Said::new)
                })
                .map(Message::SaleVoided)
            }
            Purpose::NoSale => {
                let no_sale = tasks::NoSale { cashier: cashier.clone(), approver: manager, reason };
                tasks::no_sale_allowed(ctx, no_sale).map(Message::NoSaleApproved)
            }
        }
    }

    /// The no-sale may be recorded: the drawer is kicked first (device I/O on a thread of its
    /// own, never on the back end: a drawer port that hangs holds up no scan's lookup), then
    /// the no-sale is recorded with what the drawer did.
    pub(super) fn open_drawer(&mut self, no_sale: tasks::NoSale, ctx: &Context) -> Task<Message> {
        let kick = tasks::no_sale(ctx.terminal.clone(), ctx.config.clone(), no_sale);
        Task::perform(kick, Message::NoSaleDone)
    }

    /// Says the no-sale is recorded, and whether the drawer opened (an error if it did not).
    pub(super) fn drawer_opened(&mut self, receipt: String, drawer: Result<(), DrawerError>) {
        let opened = drawer.is_ok();
        let said = Said::new(DrawerSays::NoSaleRecorded { receipt, drawer });
        if opened { self.info(said) } else { self.error(said) }
    }
}
