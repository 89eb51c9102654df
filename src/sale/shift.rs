//! Opening and closing shifts, and cash paid in or out: the same functions for the screen
//! and for `kasir shift …`. The expected cash comes from the ledger (see
//! [`kasir_core::shift::CashFlows`]); the count is what the cashier found.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use kasir_core::Money;
use kasir_core::document::{Body, CashMovementBody, ShiftCloseBody, ShiftOpenBody};
use kasir_core::policy::{Action, Permissions};
use kasir_core::shift::{CountError, DenominationCount};
use serde::Deserialize;
use thiserror::Error;

use crate::store::cash::Shift;
use crate::store::users::User;
use crate::store::{Committed, Ledger, LedgerError};

#[derive(Debug, Error)]
pub enum ShiftError {
    #[error("shift {0} is still open; close it first")]
    AlreadyOpen(u64),
    #[error("no shift is open")]
    NoneOpen,
    #[error("the amount must be more than zero (got {0})")]
    NonPositive(String),
    #[error("the opening float must not be negative (got {0})")]
    NegativeFloat(String),
    #[error("a reason is required")]
    ReasonRequired,
    /// `action` is cash in or cash out.
    #[error("{user} may not {} alone: a {least}'s approval (code and PIN) is needed", cash_words(*.action))]
    ApprovalRequired { user: String, action: Action, least: &'static str },
    #[error("{approver} may not approve {}: a {least}'s approval is needed", cash_noun(*.action))]
    ApproverNotAllowed { approver: String, action: Action, least: &'static str },
    #[error("count: {0}")]
    Count(#[from] CountError),
    #[error("count: '{key}' is not an amount: {source}")]
    BadDenomination { key: String, source: kasir_core::money::MoneyError },
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

/// The shift that is open now, if any.
pub fn open_shift(ledger: &Ledger) -> Result<Option<Shift>, LedgerError> {
    Ok(ledger.last_shift()?.filter(|s| s.closed_seq.is_none()))
}

/// Opens the next shift with a counted float.
pub fn open(
    ledger: &mut Ledger,
    user: &User,
    float: Money,
    now: DateTime<FixedOffset>,
) -> Result<Committed, ShiftError> {
    if float.is_negative() {
        return Err(ShiftError::NegativeFloat(float.amount().to_string()));
    }
    let last = ledger.last_shift()?;
    if let Some(s) = last.filter(|s| s.closed_seq.is_none()) {
        return Err(ShiftError::AlreadyOpen(s.shift_no));
    }
    let shift_no = last.map_or(1, |s| s.shift_no + 1);
    let body = ShiftOpenBody { shift_no, float: float.minor() };
    Ok(ledger.commit(&user.code, Body::ShiftOpen(body), now)?)
}

/// Whether `user` needs someone's approval to pay cash in (`into` true) or take it out,
/// under the store's `[permissions]` table.
pub fn needs_approval(permissions: &Permissions, user: &User, into: bool) -> bool {
    !permissions.may_do_alone(user.role, cash_action(into))
}

fn cash_action(into: bool) -> Action {
    if into { Action::CashIn } else { Action::CashOut }
}

/// Cash paid into (`into` true) or out of the drawer, with a reason. When the
/// `permissions` table does not let `user` do it alone, `approver` (someone it does let,
/// whose PIN the caller has checked) is required and recorded in the document; the reason
/// is the approval's too. Refused before anything is written otherwise.
#[allow(clippy::too_many_arguments)]
pub fn move_cash(
    ledger: &mut Ledger,
    permissions: &Permissions,
    user: &User,
    into: bool,
    amount: Money,
    reason: &str,
    approver: Option<&User>,
    now: DateTime<FixedOffset>,
) -> Result<Committed, ShiftError> {
    if !amount.is_positive() {
        return Err(ShiftError::NonPositive(amount.amount().to_string()));
    }
    if reason.trim().is_empty() {
        return Err(ShiftError::ReasonRequired);
    }
    let action = cash_action(into);
    let least = permissions.least(action).code();
    let approver = match approver {
        _ if permissions.may_do_alone(user.role, action) => None,
        None => {
            return Err(ShiftError::ApprovalRequired {
                user: format!("{} ({})", user.name, user.code),
                action,
                least,
            });
        }
        Some(a) if !permissions.may_do_alone(a.role, action) => {
            return Err(ShiftError::ApproverNotAllowed {
                approver: format!("{} ({})", a.name, a.code),
                action,
                least,
            });
        }
        Some(a) => Some(a.code.clone()),
    };
    if open_shift(ledger)?.is_none() {
        return Err(ShiftError::NoneOpen);
    }
    let body = CashMovementBody { amount: amount.minor(), reason: reason.trim().to_owned(), approver };
    let body = if into { Body::CashIn(body) } else { Body::CashOut(body) };
    Ok(ledger.commit(&user.code, body, now)?)
}

fn cash_words(action: Action) -> &'static str {
    if action == Action::CashIn { "pay cash in" } else { "take cash out" }
}

fn cash_noun(action: Action) -> &'static str {
    if action == Action::CashIn { "cash in" } else { "cash out" }
}

/// The drawer figures of the open shift as they stand (what a close would record).
pub fn reading(ledger: &Ledger) -> Result<(Shift, kasir_core::shift::CashFlows), ShiftError> {
    let shift = open_shift(ledger)?.ok_or(ShiftError::NoneOpen)?;
    let flows = ledger.shift_flows(shift.opened_seq, shift.float, u64::MAX)?;
    Ok((shift, flows))
}

/// Closes the open shift with the drawer's count.
pub fn close(
    ledger: &mut Ledger,
    user: &User,
    counts: Vec<DenominationCount>,
    now: DateTime<FixedOffset>,
) -> Result<Committed, ShiftError> {
    let (shift, flows) = reading(ledger)?;
    let body = ShiftCloseBody::new(shift.shift_no, shift.opened_seq, flows, counts, ledger.currency())?;
    Ok(ledger.commit(&user.code, Body::ShiftClose(body), now)?)
}

/// A count sheet for `kasir shift close --count FILE.json`: face value (in major units, as
/// printed on the note or coin) → how many. See `examples/count.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountSheet {
    pub counts: BTreeMap<String, u32>,
}

impl CountSheet {
    pub fn denominations(
        &self,
        currency: kasir_core::Currency,
    ) -> Result<Vec<DenominationCount>, ShiftError> {
        let mut out: Vec<DenominationCount> = self
            .counts
            .iter()
            .map(|(key, &count)| {
                let value = Money::parse(&key.replace(['.', '_'], ""), currency)
                    .map_err(|source| ShiftError::BadDenomination { key: key.clone(), source })?;
                Ok(DenominationCount { value: value.minor(), count })
            })
            .collect::<Result<_, ShiftError>>()?;
        out.sort_by_key(|d| std::cmp::Reverse(d.value));
        Ok(out)
    }
}
