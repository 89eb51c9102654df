//! The store as the sync thread sees it: a connection of its own to the ledger file (WAL
//! lets it work beside the checkout's), which never writes documents. It reads the outbox,
//! keeps the sync state, applies head office's change feed (`feed.rs`) and keeps checked
//! copies of other terminals' sales for returns.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::Utc;
use kasir_core::wire::{PushedDocument, QuickKeyRecord, SaleLookup, SecurityEvent};
use rusqlite::{Connection, TransactionBehavior, params};
use serde::Serialize;

use super::{Ledger, LedgerError, foreign, open_connection};

/// Where sync stands, as the status bar and `kasir sync status` show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SyncStatus {
    /// Documents not yet acknowledged by head office.
    pub waiting: u64,
    pub delivered_seq: u64,
    pub feed_cursor: u64,
    pub last_attempt_at: Option<String>,
    pub last_success_at: Option<String>,
    /// The last round's error, in English (logs, `--format json`).
    pub last_error: Option<String>,
    /// The same error in Bahasa Indonesia.
    #[serde(skip)]
    pub last_error_id: Option<String>,
    /// The latest document head office set aside, if it ever set one aside.
    pub set_aside: Option<SetAsideNote>,
}

/// A document head office took into this terminal's chain but kept out of its figures and
/// stock because its content made no sense (a negative quantity, say): the latest one is kept
/// so the status bar and `kasir sync status` can say so until a later one replaces it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SetAsideNote {
    pub seq: u64,
    pub receipt: String,
    /// Head office's reason, in its words.
    pub reason: String,
    /// When this terminal heard of it (RFC 3339, UTC).
    pub at: String,
}

impl SyncStatus {
    /// The last round's error in `locale`'s words.
    pub fn last_error_in(&self, locale: kasir_core::Locale) -> Option<&str> {
        match locale {
            kasir_core::Locale::Id => self.last_error_id.as_deref().or(self.last_error.as_deref()),
            kasir_core::Locale::En => self.last_error.as_deref(),
        }
    }
}

/// The next documents to push.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiting {
    /// Up to the batch's limit, in order.
    pub documents: Vec<PushedDocument>,
    /// Everything up to here is at head office, as far as this terminal knows.
    pub delivered: u64,
    /// The ledger's newest document.
    pub newest: u64,
}

/// The next security events to push (wrong PINs and lockouts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitingEvents {
    /// Up to the batch's limit, by id.
    pub events: Vec<SecurityEvent>,
    /// Every event up to this id is at head office, as far as this terminal knows.
    pub delivered: u64,
}

pub struct SideStore {
    conn: Mutex<Connection>,
}

impl SideStore {
    /// A second connection to an existing, up-to-date ledger file.
    pub fn open(path: &Path) -> Result<SideStore, LedgerError> {
        // Opening the ledger once applies any migration and checks the file is a ledger.
        drop(Ledger::open(path)?);
        Ok(SideStore { conn: Mutex::new(open_connection(path, false)?) })
    }

    pub(in crate::store) fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while the lock was held cannot leave a half-done transaction behind:
        // SQLite rolls back what was not committed.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Where sync stands.
    pub fn status(&self) -> Result<SyncStatus, LedgerError> {
        status(&self.conn())
    }

    /// Records how a round with head office ended: `error` is `None` for a success, else
    /// its words in English and in Bahasa Indonesia.
    pub fn record_round(&self, error: Option<(&str, &str)>) -> Result<(), LedgerError> {
        let (en, id) = error.unzip();
        self.conn().execute(
            "UPDATE sync_state SET last_attempt_at = ?1,
                 last_success_at = CASE WHEN ?2 IS NULL THEN ?1 ELSE last_success_at END, last_error = ?2,
                 last_error_id = ?3
             WHERE id = 1",
            params![Utc::now().to_rfc3339(), en, id],
        )?;
        Ok(())
    }

    /// Records that head office set aside document `seq` (receipt `receipt`) for `reason`,
    /// unless this one's or a later document's note is kept already (a batch sent again is
    /// told again).
    pub fn record_set_aside(&self, seq: u64, receipt: &str, reason: &str) -> Result<(), LedgerError> {
        self.conn().execute(
            "UPDATE sync_state SET set_aside_seq = ?1, set_aside_receipt = ?2, set_aside_reason = ?3,
                 set_aside_at = ?4
             WHERE id = 1 AND (set_aside_seq IS NULL OR set_aside_seq < ?1)",
            params![seq, receipt, reason, Utc::now().to_rfc3339()],
        )?;
        Ok(())
    }

    /// The next `limit` documents after what head office acknowledged.
    pub fn waiting(&self, limit: usize) -> Result<Waiting, LedgerError> {
        let conn = self.conn();
        let delivered: u64 =
            conn.query_row("SELECT delivered_seq FROM sync_state WHERE id = 1", [], |r| r.get(0))?;
        let newest: u64 = conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM documents", [], |r| r.get(0))?;
        let mut st = conn
            .prepare_cached("SELECT seq, hash, body FROM documents WHERE seq > ?1 ORDER BY seq LIMIT ?2")?;
        let documents = st
            .query_map(params![delivered, limit as i64], |r| {
                Ok(PushedDocument { seq: r.get(0)?, hash: r.get(1)?, canonical: r.get(2)? })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Waiting { documents, delivered, newest })
    }

    /// Records head office's acknowledgement. If head office holds less than was thought
    /// (restored from a backup), the mark moves back and the rest is sent again.
    pub fn delivered(&self, before: u64, acknowledged: u64) -> Result<(), LedgerError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("UPDATE sync_state SET delivered_seq = ?1 WHERE id = 1", [acknowledged])?;
        if acknowledged > before {
            tx.execute(
                "UPDATE outbox SET delivered_at = ?1 WHERE seq > ?2 AND seq <= ?3 AND delivered_at IS NULL",
                params![Utc::now().to_rfc3339(), before, acknowledged],
            )?;
        } else if acknowledged < before {
            tracing::warn!(
                before,
                acknowledged,
                "head office holds fewer documents than acknowledged before; sending again"
            );
        }
        tx.commit()?;
        Ok(())
    }

    /// The next `limit` security events after the last one head office acknowledged.
    pub fn waiting_security_events(&self, limit: usize) -> Result<WaitingEvents, LedgerError> {
        let conn = self.conn();
        let delivered: u64 =
            conn.query_row("SELECT security_events_delivered FROM sync_state WHERE id = 1", [], |r| {
                r.get(0)
            })?;
        let mut st = conn.prepare_cached(
            "SELECT id, at, user_code, event, place FROM security_events WHERE id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let events = st
            .query_map(params![delivered, limit as i64], |r| {
                Ok(SecurityEvent {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    user_code: r.get(2)?,
                    event: r.get(3)?,
                    place: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(WaitingEvents { events, delivered })
    }

    /// Records that head office holds every security event up to `id`. The mark only moves
    /// forward.
    pub fn security_events_delivered(&self, id: u64) -> Result<(), LedgerError> {
        self.conn().execute(
            "UPDATE sync_state SET security_events_delivered = MAX(security_events_delivered, ?1)
             WHERE id = 1",
            [id],
        )?;
        Ok(())
    }

    /// How far the change feed has been applied.
    pub fn feed_cursor(&self) -> Result<u64, LedgerError> {
        Ok(self.conn().query_row("SELECT feed_cursor FROM sync_state WHERE id = 1", [], |r| r.get(0))?)
    }

    /// Keeps a sale fetched from head office, after checking that it is what it claims to be.
    pub fn keep_sale_copy(&self, receipt: &str, lookup: &SaleLookup) -> Result<(), LedgerError> {
        foreign::store_foreign_sale(&self.conn(), receipt, lookup)
    }

    /// Whether a copy of sale `receipt` was fetched before.
    pub fn has_sale_copy(&self, receipt: &str) -> Result<bool, LedgerError> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM headoffice_sales WHERE receipt = ?1)",
            [receipt.trim()],
            |r| r.get(0),
        )?)
    }

    /// Whether `receipt` was made at another terminal than this one.
    pub fn is_foreign(&self, receipt: &str) -> Result<bool, LedgerError> {
        foreign::is_foreign(&self.conn(), receipt)
    }
}

impl Ledger {
    /// Where sync stands, read on the ledger's own connection.
    pub fn sync_status(&self) -> Result<SyncStatus, LedgerError> {
        status(self.conn())
    }

    /// Quick keys set at head office, if any (they replace the configured ones).
    pub fn headoffice_quick_keys(&self) -> Result<Option<Vec<QuickKeyRecord>>, LedgerError> {
        let mut st = self.conn().prepare("SELECT sku, label FROM quick_keys ORDER BY position")?;
        let keys: Vec<QuickKeyRecord> = st
            .query_map([], |r| Ok(QuickKeyRecord { sku: r.get(0)?, label: r.get(1)? }))?
            .collect::<Result<_, _>>()?;
        Ok((!keys.is_empty()).then_some(keys))
    }
}

fn status(conn: &Connection) -> Result<SyncStatus, LedgerError> {
    Ok(conn.query_row(
        "SELECT COALESCE((SELECT MAX(seq) FROM documents), 0) - delivered_seq, delivered_seq, feed_cursor,
             last_attempt_at, last_success_at, last_error, last_error_id,
             set_aside_seq, set_aside_receipt, set_aside_reason, set_aside_at
         FROM sync_state WHERE id = 1",
        [],
        |r| {
            let set_aside = match r.get::<_, Option<u64>>(7)? {
                Some(seq) => Some(SetAsideNote {
                    seq,
                    receipt: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                    reason: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                    at: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
                }),
                None => None,
            };
            Ok(SyncStatus {
                waiting: r.get::<_, i64>(0)?.max(0) as u64,
                delivered_seq: r.get(1)?,
                feed_cursor: r.get(2)?,
                last_attempt_at: r.get(3)?,
                last_success_at: r.get(4)?,
                last_error: r.get(5)?,
                last_error_id: r.get(6)?,
                set_aside,
            })
        },
    )?)
}
