//! The one path every sale takes into the ledger, whether it comes from the checkout screen
//! or from `kasir sell`: build the cart from the catalogue, check approvals against the
//! store's rules, settle the tenders, and commit the sale document.

use chrono::{DateTime, FixedOffset};
use kasir_core::document::{Approval, Body, CancelBody, DrawerOutcome, NoSaleBody, SaleBody, VoidBody};
use kasir_core::limits::LimitError;
use kasir_core::policy::{self, Action, Permissions};
use kasir_core::tender::{self, Tender, TenderKind};
use kasir_core::{Cart, CartError, CartTotals, Discount, LineId, Money, Quantity};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::app::config::Config;
use crate::store::catalogue::{self, LookupError};
use crate::store::users::{User, UserError};
use crate::store::{Committed, Ledger, LedgerError};

#[derive(Debug, Error)]
pub enum SellError {
    #[error("catalogue: {0}")]
    Catalogue(LookupError),
    #[error("item {index}: {source}")]
    Lookup { index: usize, source: LookupError },
    #[error("item {index}: {source}")]
    Cart { index: usize, source: CartError },
    #[error("item {index}: give either \"barcode\" or \"sku\", not {what}")]
    ItemKey { index: usize, what: &'static str },
    #[error("order discount: {0}")]
    OrderDiscount(CartError),
    #[error("tender {index}: {source}")]
    TenderAmount { index: usize, source: kasir_core::money::MoneyError },
    #[error("tender {index}: exchange credit comes only from goods returned in an exchange")]
    ExchangeCredit { index: usize },
    #[error("the sale has no items")]
    EmptyCart,
    #[error("payment: {0}")]
    Payment(#[from] tender::PaymentError),
    /// What needs approval, and on which line (none: the whole sale).
    #[error("needs a manager's approval: {}", approvals_list(.0))]
    ApprovalRequired(Vec<(Action, Option<LineId>)>),
    #[error("approval: {0}")]
    Approval(UserError),
    #[error("cashier: {0}")]
    Cashier(UserError),
    #[error("a reason is required")]
    ReasonRequired,
    #[error("{0} may not approve this")]
    NotAllowed(String),
    /// The cart is over the store's ceilings (rung up under others, e.g. parked before a
    /// change of `[limits]`).
    #[error(transparent)]
    Limit(#[from] LimitError),
    /// `[stock] allow_negative = false` and the sale would take a product below zero.
    #[error(transparent)]
    Stock(#[from] StockShort),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

/// A sale would sell more of a product than the store has (as of the last sync), where the
/// store does not sell below zero.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{name} ({sku}): {wanted} wanted, the store has {on_hand}")]
pub struct StockShort {
    pub sku: String,
    pub name: String,
    pub on_hand: Quantity,
    pub wanted: Quantity,
}

/// A sale script for `kasir sell` (JSON). See `examples/sale.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaleScript {
    /// The cashier's user code.
    pub cashier: String,
    pub items: Vec<ItemSpec>,
    #[serde(default)]
    pub order_discount: Option<Discount>,
    pub tenders: Vec<TenderSpec>,
    /// A manager's approval for what the cashier may not do alone.
    #[serde(default)]
    pub approval: Option<ApprovalSpec>,
    /// Your id for this sale: sent again (a retry after a timeout or a crash), it returns the
    /// sale already made instead of making a second one.
    #[serde(default)]
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSpec {
    #[serde(default)]
    pub barcode: Option<String>,
    #[serde(default)]
    pub sku: Option<String>,
    /// Pieces, or kilograms for weighed goods; 1 if left out (or the weight in the barcode).
    #[serde(default)]
    pub quantity: Option<Quantity>,
    /// A price set by hand (needs a manager's approval).
    #[serde(default)]
    pub price: Option<Decimal>,
    #[serde(default)]
    pub discount: Option<Discount>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenderSpec {
    pub kind: TenderKind,
    pub amount: Decimal,
    #[serde(default)]
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalSpec {
    pub manager: String,
    pub pin: String,
    pub reason: String,
}

/// What `kasir sell` prints: amounts in major currency units, as strings.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SaleOutcome {
    pub receipt_number: String,
    pub seq: u64,
    pub currency: String,
    pub items: String,
    pub subtotal: Decimal,
    pub discounts: Decimal,
    pub net: Decimal,
    pub tax: Decimal,
    pub total: Decimal,
    pub rounding: Decimal,
    pub amount_due: Decimal,
    pub tendered: Decimal,
    pub change: Decimal,
    pub hash: String,
    /// True when the request id had been committed before: this is that sale, not a new one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repeated: bool,
}

/// Adds a product found by a scan or a SKU to the cart, as the checkout screen does.
/// With `separate`, the line is never merged into the one before.
pub fn add_to_cart(
    cart: &mut Cart,
    hit: catalogue::ScanHit,
    quantity: Option<Quantity>,
    barcode: Option<String>,
    separate: bool,
) -> Result<LineId, CartError> {
    let mut snapshot = hit.product.snapshot();
    // A price-embedded code sets this pack's price: that is the catalogue speaking, not an override.
    if let Some(price) = hit.price {
        snapshot.unit_price = price;
    }
    let quantity = quantity.unwrap_or(hit.quantity);
    if separate {
        cart.add_separate(snapshot, quantity, barcode)
    } else {
        cart.add(snapshot, quantity, barcode)
    }
}

/// Builds the cart and tenders a script describes.
pub fn ring_up(
    ledger: &Ledger,
    config: &Config,
    script: &SaleScript,
) -> Result<(Cart, Vec<Tender>), SellError> {
    let currency = ledger.currency();
    let mut reader = ledger.catalogue().map_err(SellError::Catalogue)?;
    let mut cart = Cart::with_ceilings(currency, config.tax.mode, config.limits().ceilings);
    for (i, item) in script.items.iter().enumerate() {
        let index = i + 1;
        let (hit, barcode) = match (&item.barcode, &item.sku) {
            (Some(code), None) => (
                reader
                    .scan(code, &config.barcode.variable_measure)
                    .map_err(|source| SellError::Lookup { index, source })?,
                Some(code.trim().to_owned()),
            ),
            (None, Some(sku)) => {
                let product =
                    reader.sellable_by_sku(sku).map_err(|source| SellError::Lookup { index, source })?;
                (catalogue::ScanHit { product, quantity: Quantity::ONE, price: None, measured: false }, None)
            }
            (Some(_), Some(_)) => return Err(SellError::ItemKey { index, what: "both" }),
            (None, None) => return Err(SellError::ItemKey { index, what: "neither" }),
        };
        // An item with its own price or discount gets its own line, so they apply to it alone.
        let separate = item.price.is_some() || item.discount.is_some();
        let id = add_to_cart(&mut cart, hit, item.quantity, barcode, separate)
            .map_err(|source| SellError::Cart { index, source })?;
        if separate {
            cart.set_price_override(id, item.price).map_err(|source| SellError::Cart { index, source })?;
            cart.set_line_discount(id, item.discount).map_err(|source| SellError::Cart { index, source })?;
        }
    }
    cart.set_order_discount(script.order_discount).map_err(SellError::OrderDiscount)?;
    let tenders = script
        .tenders
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if t.kind == TenderKind::Exchange {
                return Err(SellError::ExchangeCredit { index: i + 1 });
            }
            let amount = Money::from_decimal(t.amount, currency)
                .map_err(|source| SellError::TenderAmount { index: i + 1, source })?;
            Ok(Tender { kind: t.kind, amount, reference: t.reference.clone() })
        })
        .collect::<Result<Vec<_>, SellError>>()?;
    Ok((cart, tenders))
}

/// The approvals a cart needs from `cashier`, described for people.
/// `totals` must be `cart.totals()`.
pub fn missing_approvals(
    cart: &Cart,
    totals: &CartTotals,
    cashier: &User,
    config: &Config,
    given: &[Approval],
) -> Vec<(Action, Option<LineId>)> {
    let needed = policy::approvals_needed(cart, totals, cashier.role, config.limits(), &config.permissions);
    policy::missing_approvals(&needed, given)
}

/// `price_override on line 2, void_sale`: the codes, as in `[permissions]` and documents.
fn approvals_list(missing: &[(Action, Option<LineId>)]) -> String {
    let one = |(action, line): &(Action, Option<LineId>)| match line {
        Some(l) => format!("{} on line {l}", action.code()),
        None => action.code().to_owned(),
    };
    missing.iter().map(one).collect::<Vec<_>>().join(", ")
}

/// Commits a sale: checks approvals and payment, then writes the document durably.
pub fn complete_sale(
    ledger: &mut Ledger,
    config: &Config,
    cashier: &User,
    cart: &Cart,
    tenders: &[Tender],
    approvals: Vec<Approval>,
    now: DateTime<FixedOffset>,
) -> Result<Committed, SellError> {
    complete_sale_with(ledger, config, cashier, cart, tenders, approvals, None, now)
}

/// [`complete_sale`] under the caller's request id.
#[allow(clippy::too_many_arguments)]
pub fn complete_sale_with(
    ledger: &mut Ledger,
    config: &Config,
    cashier: &User,
    cart: &Cart,
    tenders: &[Tender],
    approvals: Vec<Approval>,
    request_id: Option<String>,
    now: DateTime<FixedOffset>,
) -> Result<Committed, SellError> {
    if cart.is_empty() {
        return Err(SellError::EmptyCart);
    }
    cart.within(config.limits().ceilings)?;
    if !config.stock.allow_negative {
        check_stock(ledger, cart)?;
    }
    let totals = cart.totals();
    let missing = missing_approvals(cart, &totals, cashier, config, &approvals);
    if !missing.is_empty() {
        return Err(SellError::ApprovalRequired(missing));
    }
    let mut body = sale_body(config, cart, &totals, tenders, approvals)?;
    body.request_id = request_id;
    Ok(ledger.commit(&cashier.code, Body::Sale(body), now)?)
}

/// Refuses a cart that would take a product's stock below zero, for a store that does not
/// sell what it has not got (`[stock] allow_negative = false`). A product head office never
/// sent a stock figure for is not refused: its stock is not known here.
pub fn check_stock(ledger: &Ledger, cart: &Cart) -> Result<(), SellError> {
    let mut wanted: Vec<(&str, &str, Quantity)> = Vec::new();
    for line in cart.lines() {
        let p = &line.product;
        match wanted.iter_mut().find(|w| w.0 == p.sku) {
            Some(w) => w.2 = w.2 + line.quantity,
            None => wanted.push((&p.sku, &p.name, line.quantity)),
        }
    }
    for (sku, name, wanted) in wanted {
        if let Some(on_hand) = ledger.store_stock(sku)?
            && wanted > on_hand
        {
            return Err(StockShort { sku: sku.to_owned(), name: name.to_owned(), on_hand, wanted }.into());
        }
    }
    Ok(())
}

/// Settles the tenders and builds the sale's document body. `totals` must be `cart.totals()`.
pub fn sale_body(
    config: &Config,
    cart: &Cart,
    totals: &CartTotals,
    tenders: &[Tender],
    approvals: Vec<Approval>,
) -> Result<SaleBody, SellError> {
    let rounding = config.cash_rounding();
    let settlement = tender::settle(totals.total, tenders, rounding)?;
    Ok(SaleBody::from_checkout(cart, totals, tenders, &settlement, approvals))
}

/// Checks that `approver` may allow `action` under the store's table and that there is a
/// reason for it.
fn check_approval(
    permissions: &Permissions,
    approver: &User,
    action: Action,
    reason: &str,
) -> Result<(), SellError> {
    if reason.trim().is_empty() {
        return Err(SellError::ReasonRequired);
    }
    if !permissions.may_do_alone(approver.role, action) {
        return Err(SellError::NotAllowed(format!("{} ({})", approver.name, approver.code)));
    }
    Ok(())
}

/// Voids the sale in progress as a whole: nothing is paid and no stock moves, but the cart,
/// the approving manager and the reason go into the ledger so every abandoned sale is seen.
pub fn cancel_sale(
    ledger: &mut Ledger,
    permissions: &Permissions,
    cashier: &User,
    cart: &Cart,
    approver: &User,
    reason: &str,
    now: DateTime<FixedOffset>,
) -> Result<Committed, SellError> {
    if cart.is_empty() {
        return Err(SellError::EmptyCart);
    }
    check_approval(permissions, approver, Action::VoidSale, reason)?;
    let body = CancelBody::from_cart(cart, &cart.totals(), reason.trim(), &approver.code);
    Ok(ledger.commit(&cashier.code, Body::Cancel(body), now)?)
}

/// Voids a committed sale as a whole (post-void): its stock comes back and it leaves every
/// report figure, with the approving manager and the reason recorded.
pub fn void_sale(
    ledger: &mut Ledger,
    permissions: &Permissions,
    cashier: &User,
    receipt: &str,
    approver: &User,
    reason: &str,
    now: DateTime<FixedOffset>,
) -> Result<Committed, SellError> {
    check_approval(permissions, approver, Action::VoidSale, reason)?;
    let doc = ledger
        .document_by_receipt(receipt)?
        .ok_or_else(|| LedgerError::Refused(crate::store::Refusal::NoReceipt(receipt.trim().to_owned())))?;
    let Body::Sale(sale) = &doc.body else {
        let (receipt, kind) = (receipt.trim().to_owned(), crate::store::DocKind::of(&doc.body));
        return Err(LedgerError::Refused(crate::store::Refusal::ReceiptNotASale { receipt, kind }).into());
    };
    let body = VoidBody {
        voided_seq: doc.header.seq,
        voided_receipt: doc.header.receipt_number.clone(),
        total: sale.total,
        reason: reason.trim().to_owned(),
        approver: approver.code.clone(),
    };
    Ok(ledger.commit(&cashier.code, Body::Void(body), now)?)
}

/// Whether a no-sale may be recorded now: the approver may allow it, a reason is given and
/// a shift is open. Asked before the drawer is kicked, so that the drawer opens only for a
/// no-sale the ledger will take.
pub fn no_sale_allowed(
    ledger: &Ledger,
    permissions: &Permissions,
    approver: &User,
    reason: &str,
) -> Result<(), SellError> {
    check_approval(permissions, approver, Action::NoSale, reason)?;
    if ledger.last_shift()?.is_none_or(|s| s.closed_seq.is_some()) {
        let no_shift = crate::store::Refusal::NoShiftOpen(crate::store::DocKind::NoSale);
        return Err(LedgerError::Refused(no_shift).into());
    }
    Ok(())
}

/// Records a drawer opened without a sale, with the approving manager, the reason and what
/// the drawer did: the drawer is kicked first ([`no_sale_allowed`] before that), so a no-sale
/// is never recorded as if the drawer opened when it did not.
pub fn no_sale(
    ledger: &mut Ledger,
    permissions: &Permissions,
    cashier: &User,
    approver: &User,
    reason: &str,
    drawer: DrawerOutcome,
    now: DateTime<FixedOffset>,
) -> Result<Committed, SellError> {
    check_approval(permissions, approver, Action::NoSale, reason)?;
    let body = NoSaleBody {
        reason: reason.trim().to_owned(),
        approver: approver.code.clone(),
        drawer: Some(drawer),
    };
    Ok(ledger.commit(&cashier.code, Body::NoSale(body), now)?)
}

/// `kasir sell`: runs a whole script through the same path as the checkout screen.
pub fn sell(
    ledger: &mut Ledger,
    config: &Config,
    script: &SaleScript,
    now: DateTime<FixedOffset>,
) -> Result<SaleOutcome, SellError> {
    if let Some(id) = &script.request_id
        && let Some(seq) = ledger.request_seq(id)?
    {
        return repeated(ledger, seq);
    }
    let cashier = ledger.user(&script.cashier).map_err(SellError::Cashier)?;
    let (cart, tenders) = ring_up(ledger, config, script)?;
    let mut approvals = Vec::new();
    let needed =
        policy::approvals_needed(&cart, &cart.totals(), cashier.role, config.limits(), &config.permissions);
    if let (Some(spec), false) = (&script.approval, needed.is_empty()) {
        let actions: Vec<Action> = needed.iter().map(|(a, _)| *a).collect();
        let manager = ledger
            .authenticate_approver(&spec.manager, &spec.pin, &config.permissions, &actions)
            .map_err(SellError::Approval)?;
        approvals = needed
            .iter()
            .map(|(action, line)| Approval {
                action: *action,
                approver: manager.code.clone(),
                reason: spec.reason.clone(),
                line: *line,
            })
            .collect();
    }
    let result = complete_sale_with(
        ledger,
        config,
        &cashier,
        &cart,
        &tenders,
        approvals,
        script.request_id.clone(),
        now,
    );
    match result {
        Ok(committed) => outcome(&committed, false),
        // Another process committed the same request between the lookup and the commit.
        Err(SellError::Ledger(LedgerError::Duplicate { seq, .. })) => repeated(ledger, seq),
        Err(e) => Err(e),
    }
}

/// The outcome of a sale committed earlier under the same request id.
fn repeated(ledger: &Ledger, seq: u64) -> Result<SaleOutcome, SellError> {
    let committed =
        ledger.committed(seq)?.ok_or(LedgerError::Refused(crate::store::Refusal::Missing(seq)))?;
    if !matches!(committed.document.body, Body::Sale(_)) {
        let kind = crate::store::DocKind::of(&committed.document.body);
        return Err(LedgerError::Refused(crate::store::Refusal::RequestNotASale(kind)).into());
    }
    outcome(&committed, true)
}

fn outcome(committed: &Committed, repeated: bool) -> Result<SaleOutcome, SellError> {
    let Body::Sale(sale) = &committed.document.body else {
        let kind = crate::store::DocKind::of(&committed.document.body);
        let not_a_sale = crate::store::Refusal::NotASale { seq: committed.seq(), kind };
        return Err(LedgerError::Refused(not_a_sale).into());
    };
    let c = sale.currency;
    let major = |minor: i64| Money::from_minor(minor, c).amount();
    let tendered: i64 = sale.tenders.iter().map(|t| t.amount).sum();
    Ok(SaleOutcome {
        repeated,
        receipt_number: committed.receipt_number().to_owned(),
        seq: committed.seq(),
        currency: sale.currency.code.to_owned(),
        items: sale.items.to_string(),
        subtotal: major(sale.subtotal),
        discounts: major(sale.line_discounts + sale.order_discount),
        net: major(sale.net),
        tax: major(sale.tax),
        total: major(sale.total),
        rounding: major(sale.rounding),
        amount_due: major(sale.total + sale.rounding),
        tendered: major(tendered),
        change: major(sale.change),
        hash: committed.hash.clone(),
    })
}
