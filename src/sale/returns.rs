//! Returns, from the screen or from `kasir return FILE.json`: goods back against a receipt
//! (never more than was sold less what came back before, at what was paid for them) or,
//! with a manager, without one; refunded in one tender under the store's rules.

use chrono::{DateTime, FixedOffset};
use kasir_core::document::Body;
use kasir_core::policy::{Action, Permissions, Role};
use kasir_core::returns::{self, OriginalSale, ReturnBody, ReturnError, ReturnRequest};
use kasir_core::{Cart, Money, Quantity, TenderKind};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::app::config::{Config, RefundRule};
use crate::sale::checkout;
use crate::store::catalogue::{self, LookupError};
use crate::store::users::{User, UserError};
use crate::store::{Committed, DocKind, Ledger, LedgerError, Refusal};

#[derive(Debug, Error)]
pub enum ReturnFlowError {
    #[error("no sale with receipt number {0} in this terminal's ledger")]
    UnknownReceipt(String),
    #[error(
        "sale {0} was made at another terminal: it is fetched from head office, and head office could not be asked"
    )]
    NotFetched(String),
    #[error("{0} is not a sale")]
    NotASale(String),
    #[error("give the receipt's \"lines\" (with \"receipt\") or the \"items\" (without), not {0}")]
    Shape(Shape),
    #[error("item {index}: {source}")]
    Lookup { index: usize, source: LookupError },
    #[error("item {index}: {source}")]
    Cart { index: usize, source: kasir_core::CartError },
    #[error(transparent)]
    Return(#[from] ReturnError),
    #[error("a reason is required")]
    ReasonRequired,
    #[error("this return needs a manager's approval (\"approval\": manager and PIN)")]
    ApprovalRequired,
    #[error("approval: {0}")]
    Approval(UserError),
    #[error("cashier: {0}")]
    Cashier(UserError),
    /// The store refunds to a tender the sale was paid with (`[returns] refund_to = "original"`).
    #[error(
        "refund: this store refunds to the tender the sale was paid with; {} was not used on {receipt}",
        .kind.code()
    )]
    RefundTender { kind: TenderKind, receipt: String },
    #[error("refund: exchange credit is for exchanges (kasir exchange), not a refund tender")]
    ExchangeCredit,
    #[error("refund: this store refunds in cash only")]
    CashOnly,
    #[error("refund: a return without a receipt is refunded in cash")]
    NoReceiptCash,
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

/// What a return script gives that does not make a return: the lines of a receipt, or goods
/// without one, never a mix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    ReceiptWithoutLines,
    LinesWithoutReceipt,
    LinesAndItems,
    /// An item with both a barcode and an SKU, or neither.
    ItemKey,
}

/// English for logs; the catalogue says it to the cashier (`messages/sale.rs`).
impl std::fmt::Display for Shape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Shape::ReceiptWithoutLines => "a receipt without lines",
            Shape::LinesWithoutReceipt => "lines without a receipt",
            Shape::LinesAndItems => "both lines and items",
            Shape::ItemKey => "an item with both or neither of barcode and sku",
        })
    }
}

/// A return for `kasir return` (JSON). See `examples/return.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnScript {
    pub cashier: String,
    /// The sale's receipt number; leave it out for a return without a receipt.
    #[serde(default)]
    pub receipt: Option<String>,
    /// With a receipt: which lines, how many of each.
    #[serde(default)]
    pub lines: Vec<LineSpec>,
    /// Without a receipt: the goods, by barcode or SKU, priced as today.
    #[serde(default)]
    pub items: Vec<checkout::ItemSpec>,
    pub refund: TenderKind,
    pub reason: String,
    #[serde(default)]
    pub approval: Option<ManagerSpec>,
    /// Your id for this return: sent again, it returns the return already made.
    #[serde(default)]
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineSpec {
    pub line: u32,
    pub quantity: Quantity,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagerSpec {
    pub manager: String,
    pub pin: String,
}

/// What `kasir return` prints (amounts in major units).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ReturnOutcome {
    pub receipt_number: String,
    pub original: Option<String>,
    pub total: rust_decimal::Decimal,
    pub rounding: rust_decimal::Decimal,
    pub refund: TenderKind,
    pub refunded: rust_decimal::Decimal,
    /// True when the request id had been committed before: this is that return.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repeated: bool,
}

/// A return worked out from its script, ready to be refunded.
pub struct Plan {
    pub cashier: User,
    pub original: Option<OriginalSale>,
    /// The tenders the original sale was paid with.
    pub original_tenders: Vec<TenderKind>,
    pub lines: Vec<kasir_core::returns::ReturnLine>,
    pub approver: Option<String>,
}

/// Builds and commits the return a script describes.
pub fn process(
    ledger: &mut Ledger,
    config: &Config,
    script: &ReturnScript,
    now: DateTime<FixedOffset>,
) -> Result<ReturnOutcome, ReturnFlowError> {
    if script.refund == TenderKind::Exchange {
        return Err(ReturnFlowError::ExchangeCredit);
    }
    if let Some(id) = &script.request_id
        && let Some(seq) = ledger.request_seq(id)?
    {
        return repeated(ledger, seq);
    }
    let plan = plan(ledger, config, script)?;
    check_refund_tender(
        config,
        script.refund,
        plan.original.as_ref().map(|o| (&plan.original_tenders[..], &o.receipt)),
    )?;
    let currency = ledger.currency();
    let rounding = config.cash_rounding();
    let mut body = ReturnBody::new(
        currency,
        plan.original,
        plan.lines,
        script.refund,
        rounding,
        script.reason.trim(),
        plan.approver,
    );
    body.request_id = script.request_id.clone();
    match ledger.commit(&plan.cashier.code, Body::Return(body), now) {
        Ok(committed) => outcome(&committed, false),
        Err(LedgerError::Duplicate { seq, .. }) => repeated(ledger, seq),
        Err(e) => Err(e.into()),
    }
}

fn repeated(ledger: &Ledger, seq: u64) -> Result<ReturnOutcome, ReturnFlowError> {
    let committed = ledger.committed(seq)?.ok_or(LedgerError::Refused(Refusal::Missing(seq)))?;
    outcome(&committed, true)
}

fn outcome(committed: &Committed, repeated: bool) -> Result<ReturnOutcome, ReturnFlowError> {
    let Body::Return(body) = &committed.document.body else {
        let kind = DocKind::of(&committed.document.body);
        return Err(LedgerError::Refused(Refusal::RequestNotAReturn(kind)).into());
    };
    let currency = body.currency;
    let major = |minor: i64| Money::from_minor(minor, currency).amount();
    let refund =
        body.refunds.iter().map(|t| t.kind).find(|k| *k != TenderKind::Exchange).unwrap_or(TenderKind::Cash);
    Ok(ReturnOutcome {
        receipt_number: committed.receipt_number().to_owned(),
        original: body.original.as_ref().map(|o| o.receipt.clone()),
        total: major(body.total),
        rounding: major(body.rounding),
        refund,
        refunded: major(body.refunded()),
        repeated,
    })
}

/// Works out the lines and the approval of a return, without writing anything.
pub fn plan(ledger: &Ledger, config: &Config, script: &ReturnScript) -> Result<Plan, ReturnFlowError> {
    if script.reason.trim().is_empty() {
        return Err(ReturnFlowError::ReasonRequired);
    }
    let cashier = ledger.user(&script.cashier).map_err(ReturnFlowError::Cashier)?;
    let currency = ledger.currency();
    let mut original_tenders = Vec::new();
    let (original, lines) = match (&script.receipt, script.lines.is_empty(), script.items.is_empty()) {
        (Some(receipt), false, true) => {
            let found = ledger.returnable(receipt)?;
            let Some(found) = found else {
                return Err(if ledger.is_foreign(receipt)? {
                    ReturnFlowError::NotFetched(receipt.trim().to_owned())
                } else {
                    ReturnFlowError::UnknownReceipt(receipt.trim().to_owned())
                });
            };
            let doc = &found.document;
            let Body::Sale(sale) = &doc.body else { return Err(ReturnFlowError::NotASale(receipt.clone())) };
            original_tenders = sale.tenders.iter().map(|t| t.kind).collect();
            let already = &found.already;
            let requests: Vec<ReturnRequest> = script
                .lines
                .iter()
                .map(|l| ReturnRequest { line_no: l.line, quantity: l.quantity })
                .collect();
            let lines = returns::lines_from_sale(sale, &doc.header.receipt_number, already, &requests)?;
            (Some(found.original.clone()), lines)
        }
        (None, true, false) => {
            let mut reader =
                ledger.catalogue().map_err(|source| ReturnFlowError::Lookup { index: 0, source })?;
            let mut cart = Cart::with_ceilings(currency, config.tax.mode, config.limits().ceilings);
            for (i, item) in script.items.iter().enumerate() {
                let index = i + 1;
                let hit = match (&item.barcode, &item.sku) {
                    (Some(code), None) => reader.scan(code, &config.barcode.variable_measure),
                    (None, Some(sku)) => reader.sellable_by_sku(sku).map(|product| catalogue::ScanHit {
                        product,
                        quantity: Quantity::ONE,
                        price: None,
                        measured: false,
                    }),
                    _ => {
                        return Err(ReturnFlowError::Shape(Shape::ItemKey));
                    }
                }
                .map_err(|source| ReturnFlowError::Lookup { index, source })?;
                checkout::add_to_cart(&mut cart, hit, item.quantity, item.barcode.clone(), true)
                    .map_err(|source| ReturnFlowError::Cart { index, source })?;
            }
            (None, returns::lines_from_cart(&cart, &cart.totals()))
        }
        (Some(_), true, _) => return Err(ReturnFlowError::Shape(Shape::ReceiptWithoutLines)),
        (None, false, _) => return Err(ReturnFlowError::Shape(Shape::LinesWithoutReceipt)),
        _ => return Err(ReturnFlowError::Shape(Shape::LinesAndItems)),
    };
    // One without a receipt is always a manager's; one with a receipt is `[permissions] return`.
    let permissions = if original.is_none() {
        Permissions::DEFAULT.with(Action::Return, Role::Manager)
    } else {
        config.permissions
    };
    let needs_manager = original.is_none() || !permissions.may_do_alone(cashier.role, Action::Return);
    let approver = match (&script.approval, needs_manager) {
        (Some(a), _) => Some(
            ledger
                .authenticate_approver(&a.manager, &a.pin, &permissions, &[Action::Return])
                .map_err(ReturnFlowError::Approval)?
                .code,
        ),
        // A manager ringing up a return without a receipt approves it.
        (None, true) if cashier.role == Role::Manager => Some(cashier.code.clone()),
        (None, true) => return Err(ReturnFlowError::ApprovalRequired),
        (None, false) => None,
    };
    Ok(Plan { cashier, original, original_tenders, lines, approver })
}

/// Whether the store lets this refund go to `kind` (`original`: the sale's tenders and number).
pub fn check_refund_tender(
    config: &Config,
    kind: TenderKind,
    original: Option<(&[TenderKind], &String)>,
) -> Result<(), ReturnFlowError> {
    match (config.returns.refund_to, original) {
        (RefundRule::Cash, _) if kind != TenderKind::Cash => Err(ReturnFlowError::CashOnly),
        (_, None) if kind != TenderKind::Cash => Err(ReturnFlowError::NoReceiptCash),
        (RefundRule::Original, Some((tenders, receipt))) if !tenders.contains(&kind) => {
            Err(ReturnFlowError::RefundTender { kind, receipt: receipt.clone() })
        }
        _ => Ok(()),
    }
}
