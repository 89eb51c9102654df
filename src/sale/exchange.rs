//! Exchanges: goods back against a receipt and new goods out, settled together, so that only
//! the difference is paid or refunded. The return and the new sale are two documents
//! committed in one transaction (both or neither); the returned goods' value moves between
//! them as [`TenderKind::Exchange`] credit, which nets to zero in every report.

use chrono::{DateTime, FixedOffset};
use kasir_core::document::{Approval, Body};
use kasir_core::policy;
use kasir_core::returns::ReturnBody;
use kasir_core::{Money, Tender, TenderKind};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::app::config::Config;
use crate::sale::checkout::{self, ItemSpec, SaleScript, SellError, TenderSpec};
use crate::sale::returns::{self, LineSpec, ManagerSpec, ReturnFlowError, ReturnScript};
use crate::store::{Committed, DocKind, Ledger, LedgerError, Refusal};

#[derive(Debug, Error)]
pub enum ExchangeError {
    #[error("goods back: {0}")]
    Return(#[from] ReturnFlowError),
    #[error("goods out: {0}")]
    Sale(#[from] SellError),
    #[error("an exchange needs new goods (\"items\"); for goods back only, make a return")]
    NoNewGoods,
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

/// An exchange for `kasir exchange` (JSON). See `examples/exchange.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeScript {
    pub cashier: String,
    /// The receipt the goods coming back were sold on.
    pub receipt: String,
    /// Coming back: which lines of that receipt, how many of each.
    pub lines: Vec<LineSpec>,
    /// Going out: the new goods, as in a sale script.
    pub items: Vec<ItemSpec>,
    /// What the customer pays on top when the new goods cost more.
    #[serde(default)]
    pub tenders: Vec<TenderSpec>,
    /// How the difference goes back when the returned goods were worth more.
    #[serde(default = "cash")]
    pub refund: TenderKind,
    pub reason: String,
    #[serde(default)]
    pub approval: Option<ManagerSpec>,
    /// Your id for this exchange: sent again, it returns the exchange already made.
    #[serde(default)]
    pub request_id: Option<String>,
}

fn cash() -> TenderKind {
    TenderKind::Cash
}

/// What `kasir exchange` prints (amounts in major units).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExchangeOutcome {
    pub return_receipt: String,
    pub sale_receipt: String,
    /// The returned goods' value.
    pub returned: Decimal,
    /// The new goods' total.
    pub new_goods: Decimal,
    /// What the customer paid on top (after cash rounding), or 0.
    pub paid: Decimal,
    pub change: Decimal,
    /// What went back to the customer, or 0.
    pub refunded: Decimal,
    /// True when the request id had been committed before: this is that exchange.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repeated: bool,
}

/// Builds and commits an exchange: its return and its sale in one transaction.
pub fn exchange(
    ledger: &mut Ledger,
    config: &Config,
    script: &ExchangeScript,
    now: DateTime<FixedOffset>,
) -> Result<ExchangeOutcome, ExchangeError> {
    if script.items.is_empty() {
        return Err(ExchangeError::NoNewGoods);
    }
    if let Some(id) = &script.request_id
        && let Some(seq) = ledger.request_seq(id)?
    {
        return repeated(ledger, seq);
    }
    let back = ReturnScript {
        cashier: script.cashier.clone(),
        receipt: Some(script.receipt.clone()),
        lines: script.lines.clone(),
        items: vec![],
        refund: script.refund,
        reason: script.reason.clone(),
        approval: script.approval.clone(),
        request_id: None,
    };
    let plan = returns::plan(ledger, config, &back)?;
    let sale_script = SaleScript {
        cashier: script.cashier.clone(),
        items: script.items.clone(),
        order_discount: None,
        tenders: script.tenders.clone(),
        approval: None,
        request_id: None,
    };
    let (cart, extra) = checkout::ring_up(ledger, config, &sale_script)?;
    let totals = cart.totals();
    let currency = ledger.currency();
    let credit: i64 = plan.lines.iter().map(|l| l.gross).sum();
    let used = credit.min(totals.total.minor());
    if credit > used {
        let receipt = plan.original.as_ref().map(|o| o.receipt.clone()).unwrap_or_default();
        returns::check_refund_tender(config, script.refund, Some((&plan.original_tenders[..], &receipt)))?;
    }
    // The new goods follow the same rules as any sale: past the cashier's limits, a manager.
    let needed =
        policy::approvals_needed(&cart, &totals, plan.cashier.role, config.limits(), &config.permissions);
    let approvals = match (&script.approval, needed.is_empty()) {
        (_, true) => vec![],
        (Some(a), false) => {
            let manager = ledger
                .authenticate_approver(
                    &a.manager,
                    &a.pin,
                    &config.permissions,
                    &needed.iter().map(|(a, _)| *a).collect::<Vec<_>>(),
                )
                .map_err(|e| ExchangeError::Sale(SellError::Approval(e)))?;
            needed
                .iter()
                .map(|(action, line)| Approval {
                    action: *action,
                    approver: manager.code.clone(),
                    reason: script.reason.clone(),
                    line: *line,
                })
                .collect()
        }
        (None, false) => {
            let what = needed.iter().map(|(a, _)| (*a, None)).collect();
            return Err(ExchangeError::Sale(SellError::ApprovalRequired(what)));
        }
    };
    let mut tenders = Vec::with_capacity(extra.len() + 1);
    if used > 0 {
        tenders.push(Tender {
            kind: TenderKind::Exchange,
            amount: Money::from_minor(used, currency),
            reference: plan.original.as_ref().map(|o| format!("return from {}", o.receipt)),
        });
    }
    tenders.extend(extra);
    let sale = checkout::sale_body(config, &cart, &totals, &tenders, approvals)?;
    let rounding = config.cash_rounding();
    let ret = ReturnBody::with_credit(
        currency,
        plan.original,
        plan.lines,
        used,
        script.refund,
        rounding,
        script.reason.trim(),
        plan.approver,
    );
    let mut ret = ret;
    ret.request_id = script.request_id.clone();
    match ledger.commit_all(&plan.cashier.code, vec![Body::Return(ret), Body::Sale(sale)], now) {
        Ok(committed) => outcome(&committed[0], &committed[1], false),
        Err(LedgerError::Duplicate { seq, .. }) => repeated(ledger, seq),
        Err(e) => Err(e.into()),
    }
}

/// The exchange committed earlier under the same request id: its return and the sale after it.
fn repeated(ledger: &Ledger, seq: u64) -> Result<ExchangeOutcome, ExchangeError> {
    let missing = |seq: u64| LedgerError::Refused(Refusal::Missing(seq));
    let ret = ledger.committed(seq)?.ok_or_else(|| missing(seq))?;
    let sale = ledger.committed(seq + 1)?.ok_or_else(|| missing(seq + 1))?;
    match (&ret.document.body, &sale.document.body) {
        (Body::Return(_), Body::Sale(_)) => outcome(&ret, &sale, true),
        (other, _) => Err(LedgerError::Refused(Refusal::RequestNotAnExchange(DocKind::of(other))).into()),
    }
}

fn outcome(ret: &Committed, sale: &Committed, repeated: bool) -> Result<ExchangeOutcome, ExchangeError> {
    let (Body::Return(r), Body::Sale(s)) = (&ret.document.body, &sale.document.body) else {
        let seq = ret.seq();
        return Err(LedgerError::Refused(Refusal::NotAnExchange(seq)).into());
    };
    let currency = s.currency;
    let major = |minor: i64| Money::from_minor(minor, currency).amount();
    Ok(ExchangeOutcome {
        return_receipt: ret.receipt_number().to_owned(),
        sale_receipt: sale.receipt_number().to_owned(),
        returned: major(r.total),
        new_goods: major(s.total),
        paid: major(
            s.tenders.iter().filter(|t| t.kind != TenderKind::Exchange).map(|t| t.amount).sum::<i64>()
                - s.change,
        ),
        change: major(s.change),
        refunded: major(r.refunded()),
        repeated,
    })
}
