//! Failed authentications, tallied in memory and written in batches, so an administrator sees
//! who tried which terminal from where (`kasir-headoffice security-events`) while a flood of
//! wrong tokens costs head office at most one small write a second and a few kilobytes of
//! memory. The token itself is never logged or kept: only the terminal it claimed.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use kasir_core::chain::Origin;

use crate::storage::{AuthFailureReason, AuthFailures, Storage};

/// How long failed authentications are kept: a month of floods is enough to see who tried
/// what, and the table stays bounded. Older rows are pruned whenever tallies are written.
pub const KEEP_DAYS: i64 = 30;

/// The first minute still kept at `now`.
pub fn kept_since(now: DateTime<Utc>) -> DateTime<Utc> {
    now - chrono::Duration::days(KEEP_DAYS)
}

/// How often tallies are written, at most.
pub const FLUSH_EVERY: Duration = Duration::from_secs(1);
/// Distinct (claimed terminal, reason, address, minute) tallies kept between two writes; past
/// that, failures are counted in one overflow tally per reason (claimed terminal and address
/// `*`), so memory and rows written stay bounded however many codes or addresses a flood uses.
pub const MAX_TALLIES: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    store: String,
    terminal: String,
    reason: AuthFailureReason,
    remote: String,
    /// Minutes since 1970.
    minute: i64,
}

#[derive(Clone, Copy, Debug)]
struct Tally {
    first: DateTime<Utc>,
    last: DateTime<Utc>,
    count: u64,
}

#[derive(Default)]
struct Pending {
    tallies: HashMap<Key, Tally>,
    /// A write is due: the task that makes it is sleeping until its turn.
    flush_scheduled: bool,
}

/// Failed authentications waiting to be written.
pub struct FailureLog {
    storage: Arc<dyn Storage>,
    pending: Arc<Mutex<Pending>>,
}

impl FailureLog {
    pub fn new(storage: Arc<dyn Storage>) -> FailureLog {
        FailureLog { storage, pending: Arc::default() }
    }

    /// Counts one failure; it reaches the database within [`FLUSH_EVERY`]. Called from a
    /// request, inside the server's runtime.
    pub fn record(&self, claimed: Option<&Origin>, reason: AuthFailureReason, remote: Option<IpAddr>) {
        let now = Utc::now();
        let minute = now.timestamp().div_euclid(60);
        let mut key = Key {
            store: claimed.map(|o| o.store.clone()).unwrap_or_default(),
            terminal: claimed.map(|o| o.terminal.clone()).unwrap_or_default(),
            reason,
            remote: remote.map(|a| a.to_string()).unwrap_or_default(),
            minute,
        };
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        if pending.tallies.len() >= MAX_TALLIES && !pending.tallies.contains_key(&key) {
            key = Key { store: "*".into(), terminal: "*".into(), reason, remote: "*".into(), minute };
        }
        let tally = pending.tallies.entry(key).or_insert(Tally { first: now, last: now, count: 0 });
        tally.last = now;
        tally.count += 1;
        if !pending.flush_scheduled {
            pending.flush_scheduled = true;
            tokio::spawn(flush_later(self.storage.clone(), self.pending.clone()));
        }
    }
}

/// Waits for the write's turn, then writes every tally gathered meanwhile in one transaction.
async fn flush_later(storage: Arc<dyn Storage>, pending: Arc<Mutex<Pending>>) {
    tokio::time::sleep(FLUSH_EVERY).await;
    let tallies = {
        let mut p = pending.lock().unwrap_or_else(|p| p.into_inner());
        p.flush_scheduled = false;
        std::mem::take(&mut p.tallies)
    };
    let failures: Vec<AuthFailures> = tallies
        .into_iter()
        .map(|(k, t)| AuthFailures {
            claimed_store: k.store,
            claimed_terminal: k.terminal,
            reason: k.reason,
            remote: k.remote,
            minute: DateTime::from_timestamp(k.minute * 60, 0).unwrap_or(t.first),
            first_at: t.first,
            last_at: t.last,
            count: t.count,
        })
        .collect();
    let total: u64 = failures.iter().map(|f| f.count).sum();
    tracing::warn!(failures = total, "failed authentications (see kasir-headoffice security-events)");
    if let Err(e) = storage.record_auth_failures(&failures).await {
        tracing::error!(error = %e, failures = total, "failed authentications could not be kept");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A flood naming a thousand terminals from one address: every failure is counted, in at
    /// most MAX_TALLIES rows and one overflow row, written once.
    #[tokio::test]
    async fn failures_are_counted_in_few_rows_however_many_terminals_a_flood_names() {
        let dir = tempfile::tempdir().unwrap();
        let storage: Arc<dyn Storage> =
            Arc::new(crate::sqlite::SqliteStorage::open(&dir.path().join("ho.db")).unwrap());
        let log = FailureLog::new(storage.clone());
        let remote: IpAddr = "192.0.2.7".parse().unwrap();
        for i in 0..1000 {
            let claimed = Origin { store: "S01".into(), terminal: format!("X{i}") };
            log.record(Some(&claimed), AuthFailureReason::UnknownTerminal, Some(remote));
        }
        log.record(None, AuthFailureReason::Malformed, None);
        tokio::time::sleep(FLUSH_EVERY + Duration::from_millis(500)).await;
        let kept = storage.auth_failures(None, None).await.unwrap();
        assert_eq!(kept.iter().map(|f| f.count).sum::<u64>(), 1001);
        // A minute may turn during the flood: then its tallies start afresh.
        assert!(kept.len() <= 2 * (MAX_TALLIES + 1), "{} rows", kept.len());
        let overflow =
            |reason| kept.iter().any(|f| f.claimed_store == "*" && f.remote == "*" && f.reason == reason);
        assert!(overflow(AuthFailureReason::UnknownTerminal), "{kept:?}");
        assert!(
            overflow(AuthFailureReason::Malformed),
            "past the limit, a new kind of failure is counted too"
        );
        assert!(kept.iter().any(|f| f.claimed_terminal == "X0" && f.remote == "192.0.2.7" && f.count == 1));
    }
}
