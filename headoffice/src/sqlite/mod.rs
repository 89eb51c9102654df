//! Head office storage in one SQLite file: the embedded default. Writers are serialised by
//! SQLite itself; every call runs on tokio's blocking pool with the one connection.

mod accounts;
mod analytics;
mod catalogue;
mod enrolment;
mod ingest;
mod plausible;
mod reports;
mod security;
mod stock;
mod stores;
mod users;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use kasir_core::chain::Origin;
use kasir_core::wire::{
    ChangePage, ProductRecord, QuickKeyRecord, SaleLookup, StoreIdentity, TaxClassRecord,
};
use rusqlite::{CachedStatement, Connection, Params, ToSql, TransactionBehavior, params};

use crate::feed::{CEILING, MAX_PAGE, Table, merge_page};
use crate::ingest::{
    FactLine, day_and_hour, fact_lines, held_sequences, plan, refers_to, sale_lookup, stock_deltas,
    voided_seq,
};
use crate::rows::{self, json};
use crate::storage::*;

const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/sqlite/0001_headoffice.sql"),
    include_str!("../../migrations/sqlite/0002_users.sql"),
    include_str!("../../migrations/sqlite/0003_tax_dpp.sql"),
    include_str!("../../migrations/sqlite/0004_enrolment.sql"),
    include_str!("../../migrations/sqlite/0005_supervisor.sql"),
    include_str!("../../migrations/sqlite/0006_security_events.sql"),
    include_str!("../../migrations/sqlite/0007_receipt_lines.sql"),
    include_str!("../../migrations/sqlite/0008_token_digest.sql"),
    include_str!("../../migrations/sqlite/0009_set_aside.sql"),
    include_str!("../../migrations/sqlite/0010_pending_tokens_busy.sql"),
    include_str!("../../migrations/sqlite/0011_summaries.sql"),
    include_str!("../../migrations/sqlite/0012_accounts.sql"),
    include_str!("../../migrations/sqlite/0013_stock_transfers.sql"),
    include_str!("../../migrations/sqlite/0014_summaries_by_store.sql"),
];

pub struct SqliteStorage {
    conn: Arc<Mutex<Connection>>,
    /// The file, for read-only connections of their own (exports).
    path: std::path::PathBuf,
}

impl SqliteStorage {
    pub fn open(path: &Path) -> Result<SqliteStorage, StorageError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| StorageError::Database(format!("cannot create {}: {e}", dir.display())))?;
        }
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // An acknowledged document is on disk: a terminal forgets it once acknowledged.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        reports::register_functions(&conn)?;
        let version: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i + 1)?;
            tx.commit()?;
        }
        Ok(SqliteStorage { conn: Arc::new(Mutex::new(conn)), path: path.to_owned() })
    }

    /// A read-only connection of its own, for a long read that must not hold the one
    /// connection every other call waits for.
    fn reader(&self) -> Result<Connection, StorageError> {
        use rusqlite::OpenFlags;
        let c = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
        )?;
        c.busy_timeout(std::time::Duration::from_secs(10))?;
        reports::register_functions(&c)?;
        Ok(c)
    }

    async fn with<T, F>(&self, f: F) -> Result<T, StorageError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StorageError> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut c = conn.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut c)
        })
        .await
        .map_err(|e| StorageError::Database(format!("storage task failed: {e}")))?
    }
}

impl rows::Row for rusqlite::Row<'_> {
    fn get<T: rows::Value>(&self, i: usize) -> Result<T, StorageError> {
        rusqlite::Row::get(self, i).map_err(|e| StorageError::Unreadable(e.to_string()))
    }

    fn time(&self, i: usize) -> Result<Option<DateTime<Utc>>, StorageError> {
        // Stored by this program as RFC 3339; anything else is named, never read as "never".
        rows::Row::get::<Option<String>>(self, i)?
            .map(|t| {
                t.parse().map_err(|e| StorageError::Unreadable(format!("time '{t}' in column {i}: {e}")))
            })
            .transpose()
    }
}

/// A shared statement ([`rows`], [`crate::feed`]) in SQLite's placeholders: `$1` becomes `?1`.
fn sql(text: &str) -> String {
    text.replace('$', "?")
}

fn prepared<'c>(c: &'c Connection, text: &str) -> Result<CachedStatement<'c>, StorageError> {
    Ok(c.prepare_cached(&sql(text))?)
}

/// Every row of a statement, mapped.
fn all<'s, T>(
    st: &'s mut CachedStatement<'_>,
    params: impl Params,
    map: impl Fn(&rusqlite::Row<'s>) -> Result<T, StorageError>,
) -> Result<Vec<T>, StorageError> {
    let mut fetched = st.query(params)?;
    let mut out = Vec::new();
    while let Some(r) = fetched.next()? {
        out.push(map(r)?);
    }
    Ok(out)
}

/// The first row of a statement, mapped, if there is one.
fn first<'s, T>(
    st: &'s mut CachedStatement<'_>,
    params: impl Params,
    map: impl Fn(&rusqlite::Row<'s>) -> Result<T, StorageError>,
) -> Result<Option<T>, StorageError> {
    st.query(params)?.next()?.map(map).transpose()
}

fn now() -> String {
    Utc::now().to_rfc3339()
}

/// Hands out `n` change numbers; the first is returned.
fn take_numbers(tx: &Connection, n: usize) -> Result<u64, StorageError> {
    let last: u64 = tx.query_row(&sql(rows::TAKE_NUMBERS), [n as i64], |r| r.get(0))?;
    Ok(last + 1 - n as u64)
}

fn store_known(c: &Connection, store: &str) -> Result<bool, StorageError> {
    Ok(c.query_row(&sql(rows::STORE_KNOWN), [store], |r| r.get(0))?)
}

crate::delegate::impl_storage!(SqliteStorage);
