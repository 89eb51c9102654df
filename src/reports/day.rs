//! The business day: every document since the last Z. The X reads it; the Z closes it.
//!
//! The day a Z closes is the local date of the first document after the previous Z, but
//! never on or before the previous Z's own day: a sale made after the Z is the next day's.
//! A Z for a day that has not begun yet (a second Z on the same day) is refused.

use chrono::{DateTime, FixedOffset, NaiveDate};
use kasir_core::document::{Body, DayCloseBody};
use kasir_core::policy::{self, Action};
use kasir_core::report::Report;
use rusqlite::{Connection, OptionalExtension};
use thiserror::Error;

use super::{TOP_PRODUCTS, period_report};
use crate::store::users::User;
use crate::store::{Committed, Ledger, LedgerError};

#[derive(Debug, Error)]
pub enum DayError {
    #[error("{0} ({1}) is not a manager; the X and Z are a manager's")]
    NotAManager(String, String),
    #[error("the Z for {taken} is already taken; the next Z closes {next} and can be taken from that day on")]
    AlreadyClosed { taken: NaiveDate, next: NaiveDate },
    #[error("the business day's first document is dated {first}, after today ({today}): check the clock")]
    ClockBehind { first: NaiveDate, today: NaiveDate },
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

/// The open business day: its documents and the date it will be closed as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub z_number: u64,
    pub business_date: NaiveDate,
    pub first_seq: u64,
    pub last_seq: u64,
    /// The previous Z's day, if any.
    pub previous: Option<NaiveDate>,
}

fn date_of(created_at: &str) -> NaiveDate {
    NaiveDate::parse_from_str(&created_at[..10], "%Y-%m-%d").expect("canonical times start with a date")
}

/// The business day that is open now (at `today`, store time).
pub fn business_period(conn: &Connection, today: NaiveDate) -> Result<Period, LedgerError> {
    let last: Option<(u64, u64, String)> = conn
        .prepare_cached("SELECT z_number, seq, business_date FROM day_closes ORDER BY z_number DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let tip: u64 =
        conn.prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM documents")?.query_row([], |r| r.get(0))?;
    let (z_number, first_seq, previous) = match &last {
        Some((z, seq, date)) => (z + 1, seq + 1, Some(date_of(date))),
        None => (1, 1, None),
    };
    let first_date: Option<String> = conn
        .prepare_cached("SELECT created_at FROM documents WHERE seq = ?1")?
        .query_row([first_seq], |r| r.get(0))
        .optional()?;
    let mut business_date = first_date.as_deref().map_or(today, date_of);
    if let Some(prev) = previous
        && business_date <= prev
    {
        business_date = prev.succ_opt().expect("dates go on");
    }
    Ok(Period { z_number, business_date, first_seq, last_seq: tip, previous })
}

fn require_manager(user: &User) -> Result<(), DayError> {
    if !policy::may_do_alone(user.role, Action::CloseDay) {
        return Err(DayError::NotAManager(user.name.clone(), user.code.clone()));
    }
    Ok(())
}

/// The X: a reading of the open business day. It writes nothing.
pub fn x_report(
    conn: &Connection,
    user: &User,
    now: DateTime<FixedOffset>,
) -> Result<(Period, Report), DayError> {
    require_manager(user)?;
    let period = business_period(conn, now.date_naive())?;
    let report = period_report(conn, period.first_seq, period.last_seq, Some(TOP_PRODUCTS), true)?;
    Ok((period, report))
}

/// The Z: closes the business day with its report frozen in the ledger.
pub fn close_day(
    ledger: &mut Ledger,
    user: &User,
    now: DateTime<FixedOffset>,
) -> Result<Committed, DayError> {
    require_manager(user)?;
    let today = now.date_naive();
    let period = business_period(ledger.conn(), today)?;
    if period.business_date > today {
        return Err(match period.previous {
            Some(taken) if taken >= today => DayError::AlreadyClosed { taken, next: period.business_date },
            _ => DayError::ClockBehind { first: period.business_date, today },
        });
    }
    // The report is computed inside the commit's transaction: exactly the ledger as sealed.
    Ok(ledger.commit_built(&user.code, now, |conn| {
        let period = business_period(conn, today)?;
        let report = period_report(conn, period.first_seq, period.last_seq, Some(TOP_PRODUCTS), true)?;
        let body = DayCloseBody {
            z_number: period.z_number,
            business_date: period.business_date.to_string(),
            report,
        };
        Ok(Body::DayClose(Box::new(body)))
    })?)
}
