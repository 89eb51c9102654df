//! The business day: every document since the last Z. The X reads it; the Z closes it.
//!
//! The day a Z closes is the local date of the first document after the previous Z, but
//! never on or before the previous Z's own day: a sale made after the Z is the next day's
//! (see [`crate::store::Figures::business_period`]). A Z for a day that has not begun yet
//! (a second Z on the same day) is refused.

use chrono::{DateTime, FixedOffset, NaiveDate};
use kasir_core::document::{Body, DayCloseBody};
use kasir_core::policy::{Action, Permissions};
use kasir_core::report::Report;
use thiserror::Error;

use super::{Period, TOP_PRODUCTS};
use crate::store::users::User;
use crate::store::{Committed, Ledger, LedgerError};

#[derive(Debug, Error)]
pub enum DayError {
    /// Name, code, the least role the `[permissions]` table gives it to, and which report.
    #[error("{0} ({1}) is not a {2}; the {3} is a {2}'s (see [permissions])")]
    NotAManager(String, String, &'static str, &'static str),
    #[error("the Z for {taken} is already taken; the next Z closes {next} and can be taken from that day on")]
    AlreadyClosed { taken: NaiveDate, next: NaiveDate },
    #[error("the business day's first document is dated {first}, after today ({today}): check the clock")]
    ClockBehind { first: NaiveDate, today: NaiveDate },
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

/// The X is `read_x`'s and the Z `close_day`'s in the store's `[permissions]` table.
fn require_manager(user: &User, permissions: &Permissions, action: Action) -> Result<(), DayError> {
    if !permissions.may_do_alone(user.role, action) {
        let what = if action == Action::ReadX { "X" } else { "Z" };
        let least = permissions.least(action).code();
        return Err(DayError::NotAManager(user.name.clone(), user.code.clone(), least, what));
    }
    Ok(())
}

/// The X: a reading of the open business day. It writes nothing.
pub fn x_report(
    ledger: &Ledger,
    permissions: &Permissions,
    user: &User,
    now: DateTime<FixedOffset>,
) -> Result<(Period, Report), DayError> {
    require_manager(user, permissions, Action::ReadX)?;
    let figures = ledger.figures();
    let period = figures.business_period(now.date_naive())?;
    let report = figures.period_report(period.first_seq, period.last_seq, Some(TOP_PRODUCTS), true)?;
    Ok((period, report))
}

/// The Z: closes the business day with its report frozen in the ledger.
pub fn close_day(
    ledger: &mut Ledger,
    permissions: &Permissions,
    user: &User,
    now: DateTime<FixedOffset>,
) -> Result<Committed, DayError> {
    require_manager(user, permissions, Action::CloseDay)?;
    let today = now.date_naive();
    let period = ledger.figures().business_period(today)?;
    if period.business_date > today {
        return Err(match period.previous {
            Some(taken) if taken >= today => DayError::AlreadyClosed { taken, next: period.business_date },
            _ => DayError::ClockBehind { first: period.business_date, today },
        });
    }
    // The report is computed inside the commit's transaction: exactly the ledger as sealed.
    Ok(ledger.commit_built(&user.code, now, |figures| {
        let period = figures.business_period(today)?;
        let report = figures.period_report(period.first_seq, period.last_seq, Some(TOP_PRODUCTS), true)?;
        let body = DayCloseBody {
            z_number: period.z_number,
            business_date: period.business_date.to_string(),
            report,
        };
        Ok(Body::DayClose(Box::new(body)))
    })?)
}
