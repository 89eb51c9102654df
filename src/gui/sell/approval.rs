//! A manager's PIN asked for on the spot: to void a line or the whole sale, to open the
//! drawer without a sale, or to allow a price or discount past the cashier's limit; and what
//! the checkout does once the manager has said yes.

use iced::widget::{TextInput, column, operation, text};
use iced::{Element, Task};
use kasir_core::document::Approval;
use kasir_core::policy::Action;
use kasir_core::{Cart, LineId, Locale, Quantity};

use super::{Message, State, focus_scan};
use crate::devices::printing;
use crate::gui::widgets::{dialog, dialog_buttons, entry, error_text};
use crate::gui::{Context, call, kick_drawer, tr};
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

#[derive(Debug, Clone)]
pub struct Approver {
    pub purpose: Purpose,
    pub manager: String,
    pub pin: String,
    pub reason: String,
    pub error: Option<String>,
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
            manager: String::new(),
            pin: String::new(),
            reason: String::new(),
            error: None,
            checking: false,
        };
        (a, operation::focus(MANAGER_ID))
    }

    fn title(&self, l: Locale) -> String {
        let what = match &self.purpose {
            Purpose::VoidLine(_) => tr(l, "batal baris", "void line").to_owned(),
            Purpose::DecreaseQuantity(..) => tr(l, "kurangi jumlah", "decrease quantity").to_owned(),
            Purpose::VoidSale => tr(l, "batal transaksi", "void sale").to_owned(),
            Purpose::NoSale => tr(l, "buka laci tanpa transaksi", "open drawer (no sale)").to_owned(),
            Purpose::Edit { needed, .. } => {
                needed.iter().map(|(action, _)| action_name(*action, l)).collect::<Vec<_>>().join(", ")
            }
        };
        format!("{}: {what}", tr(l, "Persetujuan manajer", "Manager approval"))
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
                tr(l, "baris", "lines"),
                cart.totals().total.format(l)
            )),
            Purpose::Edit { needed, .. } => Some(
                needed
                    .iter()
                    .map(|(_, line)| match line.and_then(|id| cart.line(id)) {
                        Some(line) => line.product.name.clone(),
                        None => tr(l, "seluruh transaksi", "whole order").to_owned(),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Purpose::NoSale => None,
        };
        let error = self.error.as_deref().map(error_text);
        dialog(
            column![text(self.title(l)).size(22)]
                .push(subject.map(|s| text(s).size(16)))
                .push(self.field(
                    tr(l, "Kode manajer", "Manager code"),
                    &self.manager,
                    MANAGER_ID,
                    Message::ApproverManager,
                ))
                .push(self.field("PIN", &self.pin, PIN_ID, Message::ApproverPin).secure(true))
                .push(self.field(tr(l, "Alasan", "Reason"), &self.reason, REASON_ID, Message::ApproverReason))
                .push(error)
                .push(dialog_buttons(
                    l,
                    Message::Dismiss,
                    tr(l, "Setujui", "Approve"),
                    (!self.checking).then_some(Message::ApproverSubmit),
                ))
                .spacing(10)
                .width(440),
        )
    }

    /// A field of the prompt: Enter in any of them checks the PIN.
    fn field<'a>(
        &self,
        placeholder: &str,
        value: &'a str,
        id: &'static str,
        on_input: fn(String) -> Message,
    ) -> TextInput<'a, Message> {
        entry(placeholder, value, id, on_input, Message::ApproverSubmit).padding(8)
    }
}

impl State {
    /// Checks the manager's code and PIN on the back end, once every field is filled in.
    pub(super) fn check_approver(&mut self, ctx: &Context) -> Task<Message> {
        let l = ctx.locale;
        let Some(a) = &mut self.approver else { return Task::none() };
        let missing = if a.manager.trim().is_empty() {
            Some((tr(l, "Kode manajer wajib diisi", "The manager's code is required"), MANAGER_ID))
        } else if a.pin.is_empty() {
            Some((tr(l, "PIN wajib diisi", "The PIN is required"), PIN_ID))
        } else if a.reason.trim().is_empty() {
            Some((tr(l, "Alasan wajib diisi", "A reason is required"), REASON_ID))
        } else {
            None
        };
        if let Some((message, field)) = missing {
            a.error = Some(message.into());
            return operation::focus(field);
        }
        a.checking = true;
        let (manager, pin) = (a.manager.trim().to_owned(), std::mem::take(&mut a.pin));
        let actions = a.purpose.actions();
        call(ctx, move |b| {
            b.ledger
                .authenticate_approver(&manager, &pin, &b.config.permissions, &actions)
                .map_err(|e| e.to_string())
        })
        .map(Message::ApproverChecked)
    }

    /// The back end's answer to the PIN: a refusal stays in the prompt; a manager's yes is
    /// carried out.
    pub(super) fn approver_checked(
        &mut self,
        result: Result<users::User, String>,
        ctx: &Context,
        cashier: &users::User,
    ) -> Task<Message> {
        match result {
            Err(e) => {
                self.with_approver(|a| {
                    a.checking = false;
                    a.error = Some(e);
                });
                operation::focus(PIN_ID)
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
        let l = ctx.locale;
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
                    self.info(format!(
                        "{}: {} — {}",
                        tr(l, "Baris dibatalkan", "Line voided"),
                        line.product.name,
                        manager.name
                    ));
                }
                focus_scan()
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
                    self.info(format!(
                        "{}: {} — {}",
                        tr(l, "Jumlah dikurangi", "Quantity decreased"),
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
                    .map_err(|e| e.to_string())
                })
                .map(Message::SaleVoided)
            }
            Purpose::NoSale => {
                let who = cashier.clone();
                call(ctx, move |b| {
                    let now = b.config.now();
                    checkout::no_sale(&mut b.ledger, &b.config.permissions, &who, &manager, &reason, now)
                        .map(|c| c.receipt_number().to_owned())
                        .map_err(|e| e.to_string())
                })
                .map(Message::NoSaleDone)
            }
        }
    }

    /// A no-sale is recorded: now the drawer opens. The kick is device I/O and needs no
    /// ledger, so it runs on a thread of its own, never on the back end: a drawer port that
    /// hangs holds up no scan's lookup.
    pub(super) fn open_drawer(&mut self, receipt: String, ctx: &Context) -> Task<Message> {
        let l = ctx.locale;
        let Ok(address) = printing::printer_address(&ctx.config, None) else {
            self.info(format!(
                "{} {receipt}. {}",
                tr(l, "Buka laci dicatat:", "No-sale recorded as"),
                tr(l, "Laci kas belum dikonfigurasi.", "No cash drawer is configured.")
            ));
            return focus_scan();
        };
        let kick = kick_drawer(ctx.config.clone(), address);
        Task::perform(kick, move |r| Message::DrawerOpened(receipt.clone(), r))
    }

    /// Says the no-sale is recorded, and whether the drawer opened.
    pub(super) fn drawer_opened(&mut self, receipt: &str, result: Result<(), String>, l: Locale) {
        let drawer = match result {
            Ok(()) => tr(l, "Laci dibuka.", "Drawer opened.").to_owned(),
            Err(e) => format!("{} {e}", tr(l, "Laci tidak terbuka:", "The drawer did not open:")),
        };
        self.info(format!("{} {receipt}. {drawer}", tr(l, "Buka laci dicatat:", "No-sale recorded as")));
    }
}

pub fn action_name(action: Action, l: Locale) -> &'static str {
    match action {
        Action::PriceOverride => tr(l, "ubah harga", "price override"),
        Action::DiscountOverLimit => tr(l, "diskon di atas batas", "discount over the limit"),
        Action::VoidLine => tr(l, "batal baris", "void line"),
        Action::DecreaseQuantity => tr(l, "kurangi jumlah", "decrease quantity"),
        Action::VoidSale => tr(l, "batal transaksi", "void sale"),
        Action::NoSale => tr(l, "buka laci", "no sale"),
        Action::CashIn => tr(l, "kas masuk", "cash in"),
        Action::CashOut => tr(l, "kas keluar", "cash out"),
        Action::Return => tr(l, "retur", "return"),
        Action::ReadX => tr(l, "laporan X", "X reading"),
        Action::CloseDay => tr(l, "tutup hari", "close the day"),
    }
}
