//! Recording what was typed: a return (with or without its receipt) or an exchange, as the
//! same scripts `kasir return` and `kasir exchange` take, and the drawer opened for cash
//! going back.

use iced::Task;
use kasir_core::returns::ReturnRequest;
use kasir_core::{Cart, Money, TenderKind};

use super::{Message, State};
use crate::devices::printing;
use crate::gui::payment::normalize_amount;
use crate::gui::{Context, call, kick_drawer};
use crate::messages::Said;
use crate::messages::screens::ReturnsText;
use crate::sale::checkout::{ItemSpec, TenderSpec};
use crate::sale::exchange::ExchangeScript;
use crate::sale::returns::{LineSpec, ManagerSpec, ReturnScript};
use crate::store::users::User;

/// The task that records it, or why nothing was (`None`: nothing to tell the cashier).
type Submitted = Result<Task<Message>, Option<Said>>;

impl State {
    /// F9 or the button: records the return or exchange, or says what is missing.
    pub(super) fn submit(&mut self, ctx: &Context, user: &User) -> Task<Message> {
        let submitted = if self.no_receipt {
            self.return_without_receipt(ctx, user)
        } else if self.exchange {
            self.exchange_goods(ctx, user)
        } else {
            self.return_against_receipt(ctx, user)
        };
        submitted.unwrap_or_else(|e| {
            if let Some(e) = e {
                self.error = Some(e);
            }
            Task::none()
        })
    }

    fn return_without_receipt(&mut self, ctx: &Context, user: &User) -> Submitted {
        let items = match self.goods_cart(ctx)? {
            cart if cart.is_empty() => {
                return Err(Some(Said::new(ReturnsText::ScanGoodsComingBack)));
            }
            cart => item_specs(&cart),
        };
        let script = ReturnScript { items, refund: TenderKind::Cash, ..self.return_script(user) };
        Ok(self.commit(ctx, script))
    }

    fn return_against_receipt(&mut self, ctx: &Context, user: &User) -> Submitted {
        let Some(o) = &self.original else { return Err(None) };
        let receipt = o.receipt.clone();
        let requests = match self.requests()? {
            r if r.is_empty() => {
                return Err(Some(Said::new(ReturnsText::EnterQuantitiesComingBack)));
            }
            r => r,
        };
        let script =
            ReturnScript { receipt: Some(receipt), lines: line_specs(&requests), ..self.return_script(user) };
        Ok(self.commit(ctx, script))
    }

    fn exchange_goods(&mut self, ctx: &Context, user: &User) -> Submitted {
        let Some(o) = &self.original else { return Err(None) };
        let receipt = o.receipt.clone();
        let requests = self.requests()?;
        let cart = self.goods_cart(ctx)?;
        let (_, owed) = self.difference(ctx)?;
        let tenders = if owed > 0 {
            // Left empty: exactly what is owed, rounded as cash is.
            let amount = if self.pay_amount.trim().is_empty() {
                let due = match self.pay_kind {
                    TenderKind::Cash => ctx.config.cash_rounding().apply(owed),
                    _ => owed,
                };
                Money::from_minor(due, ctx.config.currency())
            } else {
                Money::parse(&normalize_amount(&self.pay_amount, ctx.locale), ctx.config.currency())
                    .map_err(Said::from)?
            };
            vec![TenderSpec { kind: self.pay_kind, amount: amount.amount(), reference: None }]
        } else {
            vec![]
        };
        let script = ExchangeScript {
            cashier: user.code.clone(),
            receipt,
            lines: line_specs(&requests),
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
            crate::sale::exchange::exchange(&mut b.ledger, &b.config, &script, now).map_err(Said::from)
        });
        Ok(task.map(Message::Exchanged))
    }

    /// A return by `user` of nothing yet, with the reason and the manager's approval typed,
    /// refunded as chosen.
    fn return_script(&mut self, user: &User) -> ReturnScript {
        ReturnScript {
            cashier: user.code.clone(),
            receipt: None,
            lines: vec![],
            items: vec![],
            refund: self.refund,
            reason: self.reason.clone(),
            approval: self.approval(),
            request_id: None,
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
            crate::sale::returns::process(&mut b.ledger, &b.config, &script, now).map_err(Said::from)
        })
        .map(Message::Done)
    }

    /// Opens the drawer for a cash refund just recorded (`None`: no printer, so no drawer).
    /// The kick is device I/O and needs no ledger: it runs on a thread of its own, so a drawer
    /// port that hangs never holds up the back end and the next scan's lookup.
    pub(super) fn open_drawer(&self, ctx: &Context) -> Option<Task<Result<(), Said>>> {
        let address = printing::printer_address(&ctx.config, None).ok()?;
        Some(Task::perform(kick_drawer(ctx.config.clone(), address), |r| r))
    }
}

/// The lines of the receipt coming back, by number and quantity.
fn line_specs(requests: &[ReturnRequest]) -> Vec<LineSpec> {
    requests.iter().map(|r| LineSpec { line: r.line_no, quantity: r.quantity }).collect()
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
