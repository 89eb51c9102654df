//! Head office storage on PostgreSQL, for production. A batch is written with one statement
//! per table (arrays unnested server-side), so a push costs a handful of round trips however
//! many documents it carries.

mod accounts;
mod analytics;
mod catalogue;
mod enrolment;
pub mod error;
mod ingest;
mod plausible;
mod reports;
mod security;
mod stock;
mod stores;
mod users;

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use deadpool_postgres::GenericClient;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use kasir_core::chain::Origin;
use kasir_core::document::canonical_time;
use kasir_core::wire::{
    ChangePage, ProductRecord, PushedDocument, QuickKeyRecord, SaleLookup, StoreIdentity, TaxClassRecord,
};
use tokio_postgres::types::ToSql;
use tokio_postgres::{IsolationLevel, NoTls};

use crate::feed::{CEILING, MAX_PAGE, Table, merge_page};
use crate::ingest::{
    FactLine, day_and_hour, fact_lines, held_sequences, plan, refers_to, sale_lookup, stock_deltas,
    voided_seq,
};
use crate::rows::{self, json};
use crate::storage::*;

const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/postgres/0001_headoffice.sql"),
    include_str!("../../migrations/postgres/0002_users.sql"),
    include_str!("../../migrations/postgres/0003_tax_dpp.sql"),
    include_str!("../../migrations/postgres/0004_enrolment.sql"),
    include_str!("../../migrations/postgres/0005_supervisor.sql"),
    include_str!("../../migrations/postgres/0006_security_events.sql"),
    include_str!("../../migrations/postgres/0007_receipt_lines.sql"),
    include_str!("../../migrations/postgres/0008_token_digest.sql"),
    include_str!("../../migrations/postgres/0009_set_aside.sql"),
    include_str!("../../migrations/postgres/0010_stock_pending.sql"),
    include_str!("../../migrations/postgres/0011_pending_tokens_busy.sql"),
    include_str!("../../migrations/postgres/0012_summaries.sql"),
    include_str!("../../migrations/postgres/0013_accounts.sql"),
    include_str!("../../migrations/postgres/0014_stock_transfers.sql"),
    include_str!("../../migrations/postgres/0015_summaries_by_store.sql"),
];

pub struct PgStorage {
    pool: Pool,
}

impl PgStorage {
    /// Connects (pool of up to `max_connections`) and applies any missing migrations.
    pub async fn connect(url: &str, max_connections: usize) -> Result<PgStorage, StorageError> {
        let config = tokio_postgres::Config::from_str(url)
            .map_err(|e| StorageError::Invalid(format!("database URL: {e}")))?;
        let manager = Manager::from_config(
            config.clone(),
            NoTls,
            ManagerConfig { recycling_method: RecyclingMethod::Fast },
        );
        let pool = Pool::builder(manager)
            .max_size(max_connections)
            .build()
            .map_err(|e| StorageError::Database(e.to_string()))?;
        let target = error::postgres_target(&config);
        let storage = PgStorage { pool };
        // The first connection is made here: its failure names the server, user and database.
        storage.migrate().await.map_err(|e| match e {
            StorageError::Database(why) => StorageError::Database(format!("{target}: {why}")),
            other => other,
        })?;
        Ok(storage)
    }

    async fn migrate(&self) -> Result<(), StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        // One migrator at a time, even with several servers starting together.
        tx.execute("SELECT pg_advisory_xact_lock(4171997001)", &[]).await?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY)").await?;
        let done: usize =
            rows::unsigned(&tx.query_one("SELECT COUNT(*) FROM schema_migrations", &[]).await?, 0)?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
            tx.batch_execute(sql).await?;
            tx.execute("INSERT INTO schema_migrations (version) VALUES ($1)", &[&(i as i32 + 1)]).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

impl rows::Row for tokio_postgres::Row {
    fn get<T: rows::Value>(&self, i: usize) -> Result<T, StorageError> {
        self.try_get(i).map_err(|e| StorageError::Unreadable(e.to_string()))
    }

    fn time(&self, i: usize) -> Result<Option<DateTime<Utc>>, StorageError> {
        self.try_get(i).map_err(|e| StorageError::Unreadable(e.to_string()))
    }
}

type Params<'a> = [&'a (dyn ToSql + Sync)];

/// A read-only transaction that sees one consistent snapshot, for reads made of several
/// queries (the change feed's tables, users with their stores).
async fn snapshot(
    client: &mut deadpool_postgres::Client,
) -> Result<deadpool_postgres::Transaction<'_>, StorageError> {
    Ok(client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?)
}

/// Every row of a statement, mapped. Statements are prepared once per connection and kept
/// (the helpers below too): a push then costs one round trip per statement, not two, and
/// PostgreSQL plans each statement once instead of on every push.
async fn all<T>(
    c: &impl GenericClient,
    sql: &str,
    params: &Params<'_>,
    map: impl Fn(&tokio_postgres::Row) -> Result<T, StorageError>,
) -> Result<Vec<T>, StorageError> {
    c.query(&c.prepare_cached(sql).await?, params).await?.iter().map(map).collect()
}

/// The row of a statement, mapped, if there is one.
async fn first<T>(
    c: &impl GenericClient,
    sql: &str,
    params: &Params<'_>,
    map: impl Fn(&tokio_postgres::Row) -> Result<T, StorageError>,
) -> Result<Option<T>, StorageError> {
    c.query_opt(&c.prepare_cached(sql).await?, params).await?.as_ref().map(map).transpose()
}

/// The one value a statement returns.
async fn scalar<T: rows::Value>(
    c: &impl GenericClient,
    sql: &str,
    params: &Params<'_>,
) -> Result<T, StorageError> {
    rows::Row::get(&c.query_one(&c.prepare_cached(sql).await?, params).await?, 0)
}

/// Hands out `n` change numbers; the first is returned. The counter row stays locked until
/// the transaction ends, so numbers are handed out in commit order.
async fn take_numbers(tx: &impl GenericClient, n: usize) -> Result<i64, StorageError> {
    let last: i64 = scalar(tx, rows::TAKE_NUMBERS, &[&(n as i64)]).await?;
    Ok(last + 1 - n as i64)
}

async fn store_known(tx: &impl GenericClient, store: &str) -> Result<bool, StorageError> {
    scalar(tx, rows::STORE_KNOWN, &[&store]).await
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
crate::delegate::impl_storage!(PgStorage);
