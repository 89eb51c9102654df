//! A small forward-only migrator on `PRAGMA user_version`: migration N is the N-th file in
//! `migrations/`, applied once, in its own transaction together with the version bump.
//! (rusqlite_migration has no release for rusqlite 0.42; this is all it would do for us.)

use rusqlite::Connection;

use super::LedgerError;

/// The ledger's migrations, in order. Never edit one that has shipped: add the next.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_ledger", include_str!("../../migrations/0001_ledger.sql")),
    ("0002_catalogue", include_str!("../../migrations/0002_catalogue.sql")),
    ("0003_parked", include_str!("../../migrations/0003_parked.sql")),
];

/// Brings the schema up to date; refuses a schema newer than this program knows.
pub fn migrate(conn: &mut Connection) -> Result<u32, LedgerError> {
    let known = MIGRATIONS.len() as u32;
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > known {
        return Err(LedgerError::SchemaTooNew { found: current, known });
    }
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql).map_err(|e| LedgerError::Migration { name, source: e })?;
        tx.pragma_update(None, "user_version", i as u32 + 1)?;
        tx.commit()?;
        tracing::info!(migration = name, "applied ledger migration");
    }
    Ok(known)
}
