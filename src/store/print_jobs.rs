//! The print queue in the ledger file: a job is queued before it is sent and marked printed
//! only when the printer took it; a failed job keeps its reason and is the one the next
//! attempt sends. Jobs are bookkeeping beside the ledger, not documents.

use chrono::{DateTime, FixedOffset};
use kasir_core::document::canonical_time;
use rusqlite::{OptionalExtension, params};

use super::{Ledger, LedgerError};

/// A queued receipt job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueuedReceipt {
    pub job_id: i64,
    /// The original is out already: this one prints as a copy.
    pub copy: bool,
}

impl Ledger {
    /// Queues a receipt of document `seq` for `printer`, or hands back the job that failed
    /// before (so a retry prints it once).
    pub fn queue_receipt(
        &self,
        seq: u64,
        printer: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<QueuedReceipt, LedgerError> {
        let conn = self.conn();
        let queued: Option<(i64, bool)> = conn
            .prepare_cached(
                "SELECT id, copy FROM print_jobs WHERE seq = ?1 AND printed_at IS NULL ORDER BY id LIMIT 1",
            )?
            .query_row([seq], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((job_id, copy)) = queued {
            return Ok(QueuedReceipt { job_id, copy });
        }
        let copy: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM print_jobs WHERE seq = ?1 AND printed_at IS NOT NULL)",
            )?
            .query_row([seq], |r| r.get(0))?;
        conn.prepare_cached(
            "INSERT INTO print_jobs (seq, what, copy, printer, queued_at) VALUES (?1, 'receipt', ?2, ?3, ?4)",
        )?
        .execute(params![seq, copy, printer, canonical_time::format(&now)])?;
        Ok(QueuedReceipt { job_id: conn.last_insert_rowid(), copy })
    }

    /// Queues a job that belongs to no document (an X or Z report, a test page).
    pub fn queue_print(
        &self,
        what: &str,
        printer: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<i64, LedgerError> {
        let conn = self.conn();
        conn.prepare_cached(
            "INSERT INTO print_jobs (seq, what, copy, printer, queued_at) VALUES (NULL, ?1, 0, ?2, ?3)",
        )?
        .execute(params![what, printer, canonical_time::format(&now)])?;
        Ok(conn.last_insert_rowid())
    }

    /// The printer took job `job_id`.
    pub fn print_done(&self, job_id: i64, now: DateTime<FixedOffset>) -> Result<(), LedgerError> {
        self.conn()
            .prepare_cached("UPDATE print_jobs SET printed_at = ?1, error = NULL WHERE id = ?2")?
            .execute(params![canonical_time::format(&now), job_id])?;
        Ok(())
    }

    /// Job `job_id` did not print, for `reason`; it stays queued.
    pub fn print_failed(&self, job_id: i64, reason: &str) -> Result<(), LedgerError> {
        self.conn()
            .prepare_cached("UPDATE print_jobs SET error = ?1 WHERE id = ?2")?
            .execute(params![reason, job_id])?;
        Ok(())
    }
}
