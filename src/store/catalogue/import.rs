//! `kasir catalog import FILE.csv`: every row is checked first and every bad row reported
//! with its line number and reason; nothing is imported unless all rows are good, and then
//! all of them are imported in one transaction.
//!
//! Columns (header row required, any order; `sku`, `name`, `price` and `tax_class` are
//! required, the others optional with the default shown):
//!
//! | column | meaning | default |
//! | --- | --- | --- |
//! | `sku` | unique product code | — |
//! | `barcodes` | EAN-13 / UPC-A / EAN-8 codes, or a weighed product's 7-digit variable-measure key, separated by `\|` | none |
//! | `name` | product name | — |
//! | `category` | category name | `Umum` |
//! | `unit` | selling unit (`pcs`, `kg`, …) | `pcs` |
//! | `price` | price per unit in major currency units (`12500`, `1.99`) | — |
//! | `tax_class` | a tax class code from the config (`PPN`, `BEBAS`, …) | — |
//! | `price_includes_tax` | `true`/`false` | `true` |
//! | `sold_by_weight` | `true`/`false` | `false` |
//! | `active` | `true`/`false` | `true` |
//!
//! A SKU already in the catalogue is updated; its barcodes are replaced by the file's.

use std::collections::HashSet;
use std::io::Read;

use kasir_core::Currency;
use kasir_core::barcode::VariableMeasureRule;
use kasir_core::catalogue_csv::{self, CsvError};
use kasir_core::wire::ProductRecord;
use rusqlite::{Connection, OptionalExtension, params};
use thiserror::Error;

pub use kasir_core::catalogue_csv::{COLUMNS, RowError, RowProblem};

/// From this many rows on, the name search index is rebuilt once instead of row by row.
const BULK_ROWS: usize = 2_000;

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{} bad row(s); nothing was imported:\n{}", .0.len(), catalogue_csv::format_rows(.0))]
    BadRows(Vec<RowError>),
    #[error("the file has no product rows")]
    Empty,
    #[error("cannot read the CSV: {0}")]
    Csv(String),
    #[error("catalogue: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl From<CsvError> for ImportError {
    fn from(e: CsvError) -> ImportError {
        match e {
            CsvError::BadRows(rows) => ImportError::BadRows(rows),
            CsvError::Empty => ImportError::Empty,
            CsvError::Csv(e) => ImportError::Csv(e),
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: u64,
    pub updated: u64,
    pub barcodes: u64,
}

/// Checks every row of `csv_data`, then imports all of them in one transaction, or none.
pub(in crate::store) fn import_csv<R: Read>(
    conn: &Connection,
    csv_data: R,
    currency: Currency,
    rules: &[VariableMeasureRule],
) -> Result<ImportSummary, ImportError> {
    let rows = validate(conn, csv_data, currency, rules)?;
    let tx = conn.unchecked_transaction()?;
    // A large import indexes names for search in one pass at the end, ~3× faster than row
    // by row: the search-index triggers are set aside and put back in the same transaction.
    let bulk = rows.len() >= BULK_ROWS;
    let fts_triggers: Vec<(String, String)> = if bulk {
        let triggers = tx
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'products\\_fts\\_%' ESCAPE '\\'")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        for (name, _) in &triggers {
            tx.execute_batch(&format!("DROP TRIGGER {name}"))?;
        }
        triggers
    } else {
        Vec::new()
    };
    let mut summary = ImportSummary { added: 0, updated: 0, barcodes: 0 };
    {
        let mut exists = tx.prepare_cached("SELECT 1 FROM products WHERE sku = ?1")?;
        let mut clear_codes = tx.prepare_cached("DELETE FROM barcodes WHERE sku = ?1")?;
        let mut add_code = tx.prepare_cached("INSERT INTO barcodes (code, sku) VALUES (?1, ?2)")?;
        // First pass: products and their old codes out of the way, so that a code moving
        // from one SKU to another in the same file does not collide.
        for r in &rows {
            let existed = exists.query_row([&r.sku], |_| Ok(())).optional()?.is_some();
            if existed {
                summary.updated += 1;
            } else {
                summary.added += 1;
            }
            super::upsert_product(&tx, r)?;
            clear_codes.execute([&r.sku])?;
        }
        for r in &rows {
            for code in &r.barcodes {
                add_code.execute(params![code, r.sku])?;
                summary.barcodes += 1;
            }
        }
    }
    if bulk {
        tx.execute_batch("INSERT INTO products_fts (products_fts) VALUES ('rebuild')")?;
        for (_, sql) in &fts_triggers {
            tx.execute_batch(sql)?;
        }
    }
    tx.commit()?;
    Ok(summary)
}

/// Reads and checks every row; returns all of them or every problem found.
fn validate<R: Read>(
    conn: &Connection,
    mut csv_data: R,
    currency: Currency,
    rules: &[VariableMeasureRule],
) -> Result<Vec<ProductRecord>, ImportError> {
    let mut data = Vec::new();
    csv_data.read_to_end(&mut data).map_err(|e| ImportError::Csv(e.to_string()))?;
    let tax_classes: HashSet<String> = super::tax_classes(conn)?.into_iter().map(|c| c.code).collect();
    let parsed = catalogue_csv::parse_products(&data, currency, rules, &tax_classes)?;
    // A code already in the catalogue may only stay with its SKU, or move from a SKU that
    // this file also lists (whose codes it replaces).
    let skus: HashSet<&str> = parsed.products.iter().map(|p| p.sku.as_str()).collect();
    let mut owner = conn.prepare_cached("SELECT sku FROM barcodes WHERE code = ?1")?;
    let mut errors = Vec::new();
    for (p, line) in parsed.products.iter().zip(&parsed.lines) {
        for code in &p.barcodes {
            let current: Option<String> = owner.query_row([code], |r| r.get(0)).optional()?;
            if let Some(current) = current
                && current != p.sku
                && !skus.contains(current.as_str())
            {
                errors.push(RowError {
                    line: *line,
                    reason: RowProblem::BarcodeTaken { code: code.clone(), owner: current },
                });
            }
        }
    }
    Ok(parsed.finish(errors)?)
}
