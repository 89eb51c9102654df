//! A small forward-only migrator on `PRAGMA user_version`: migration N is the N-th file in
//! `migrations/`, applied once, in its own transaction together with the version bump.
//! (rusqlite_migration has no release for rusqlite 0.42; this is all it would do for us.)

use rusqlite::{Connection, OptionalExtension};

use super::LedgerError;

/// The ledger's migrations, in order. Never edit one that has shipped: add the next.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_ledger", include_str!("../../migrations/0001_ledger.sql")),
    ("0002_catalogue", include_str!("../../migrations/0002_catalogue.sql")),
    ("0003_parked", include_str!("../../migrations/0003_parked.sql")),
    ("0004_cancel", include_str!("../../migrations/0004_cancel.sql")),
    ("0005_shifts_returns", include_str!("../../migrations/0005_shifts_returns.sql")),
    ("0006_print_jobs", include_str!("../../migrations/0006_print_jobs.sql")),
    ("0007_sync", include_str!("../../migrations/0007_sync.sql")),
    ("0008_headoffice_sales", include_str!("../../migrations/0008_headoffice_sales.sql")),
    ("0009_pin_lockout", include_str!("../../migrations/0009_pin_lockout.sql")),
    ("0010_tax_dpp", include_str!("../../migrations/0010_tax_dpp.sql")),
    ("0011_supervisor", include_str!("../../migrations/0011_supervisor.sql")),
    ("0012_security_events_sync", include_str!("../../migrations/0012_security_events_sync.sql")),
    ("0013_receipt_lines", include_str!("../../migrations/0013_receipt_lines.sql")),
    ("0014_product_tally", include_str!("../../migrations/0014_product_tally.sql")),
    ("0015_sync_error_words", include_str!("../../migrations/0015_sync_error_words.sql")),
    ("0016_token_rotation", include_str!("../../migrations/0016_token_rotation.sql")),
    ("0017_rotated_replaced", include_str!("../../migrations/0017_rotated_replaced.sql")),
];

/// Brings the schema up to date; refuses a schema newer than this program knows.
pub fn migrate(conn: &mut Connection) -> Result<u32, LedgerError> {
    let known = MIGRATIONS.len() as u32;
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > known {
        return Err(LedgerError::SchemaTooNew { found: current, known });
    }
    if current == known {
        return Ok(known);
    }
    // A migration may rebuild a table that others refer to; foreign keys are off while it
    // runs (they cannot change inside a transaction) and checked before each commit.
    let fk: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = apply(conn, current);
    conn.pragma_update(None, "foreign_keys", fk)?;
    result.map(|()| known)
}

fn apply(conn: &mut Connection, current: u32) -> Result<(), LedgerError> {
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql).map_err(|e| LedgerError::Migration { name, source: e })?;
        let broken: Option<String> = tx
            .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
            .optional()
            .map_err(|e| LedgerError::Migration { name, source: e })?;
        if let Some(table) = broken {
            return Err(LedgerError::Migration {
                name,
                source: rusqlite::Error::InvalidParameterName(format!(
                    "leaves rows in {table} pointing nowhere"
                )),
            });
        }
        tx.pragma_update(None, "user_version", i as u32 + 1)?;
        tx.commit()?;
        tracing::info!(migration = name, "applied ledger migration");
    }
    Ok(())
}
