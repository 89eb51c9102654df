//! `kasir-headoffice security-events`: wrong PINs and lockouts at the terminals, then
//! failed authentications at head office (wrong, unknown, revoked or malformed tokens), then
//! failed logins to the web app (of no store: listed without `--store`).

use std::collections::HashMap;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use kasir_headoffice::storage::Storage;

/// Lists security events, each at the store's own time.
pub(super) async fn list(storage: &dyn Storage, store: Option<&str>, since: Option<NaiveDate>) -> Result<()> {
    let mut offsets = HashMap::new();
    let mut offset_of = async |code: &str| -> Result<chrono::FixedOffset> {
        if let Some(o) = offsets.get(code) {
            return Ok(*o);
        }
        let utc = chrono::FixedOffset::east_opt(0).context("UTC")?;
        let offset = match storage.store(code).await? {
            Some(s) => s.utc_offset.parse().unwrap_or(utc),
            None => utc,
        };
        offsets.insert(code.to_owned(), offset);
        Ok(offset)
    };
    let since = match since {
        None => None,
        Some(day) => {
            let offset = match store {
                Some(code) => offset_of(code).await?,
                None => chrono::FixedOffset::east_opt(0).context("UTC")?,
            };
            let midnight = day.and_time(chrono::NaiveTime::MIN).and_local_timezone(offset).single();
            Some(midnight.with_context(|| format!("no midnight on {day}"))?.to_utc())
        }
    };
    let events = storage.security_events(store, since).await?;
    if events.is_empty() {
        eprintln!("no wrong PINs or lockouts");
    }
    for e in events {
        let offset = offset_of(&e.store).await?;
        println!(
            "{} {}-{} {:<8} {:<20} {}",
            e.at.with_timezone(&offset).format("%Y-%m-%d %H:%M:%S %:z"),
            e.store,
            e.terminal,
            e.user_code,
            e.event,
            e.place
        );
    }
    let failures = storage.auth_failures(store, since).await?;
    if failures.is_empty() {
        eprintln!("no failed authentications at head office");
    } else {
        println!(
            "Failed authentications at head office (tokens are never kept, only the terminal they named):"
        );
    }
    for f in failures {
        let offset = match f.claimed_store.as_str() {
            "" | "*" => chrono::FixedOffset::east_opt(0).context("UTC")?,
            code => offset_of(code).await?,
        };
        let claimed = match (f.claimed_store.as_str(), f.claimed_terminal.as_str()) {
            ("", _) => "(no terminal)".to_owned(),
            ("*", _) => "(many terminals)".to_owned(),
            (s, t) => format!("{s}-{t}"),
        };
        let remote = match f.remote.as_str() {
            "" => "an unknown address",
            "*" => "many addresses",
            r => r,
        };
        println!(
            "{} {claimed} {:<16} {} time(s) from {remote}, last at {}",
            f.first_at.with_timezone(&offset).format("%Y-%m-%d %H:%M:%S %:z"),
            f.reason.code(),
            f.count,
            f.last_at.with_timezone(&offset).format("%H:%M:%S"),
        );
    }
    if store.is_none() {
        web_logins(storage, since).await?;
    }
    Ok(())
}

/// Failed logins to the web app, in UTC: the code typed (it may name no user), why, from where.
async fn web_logins(storage: &dyn Storage, since: Option<chrono::DateTime<chrono::Utc>>) -> Result<()> {
    let failures = storage.login_failures(since).await?;
    if failures.is_empty() {
        eprintln!("no failed logins to the web app");
        return Ok(());
    }
    println!("Failed logins to the web app (passwords are never kept, only the user code typed):");
    for f in failures {
        println!(
            "{} {:<8} {:<16} from {}",
            f.at.format("%Y-%m-%d %H:%M:%S %:z"),
            f.user_code,
            f.reason,
            if f.remote.is_empty() { "an unknown address" } else { &f.remote }
        );
    }
    Ok(())
}
