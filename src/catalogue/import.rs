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

use std::collections::{HashMap, HashSet};
use std::io::Read;

use kasir_core::barcode::{self, MeasureKind, VariableMeasureRule};
use kasir_core::{Currency, Money};
use rusqlite::{Connection, OptionalExtension, params};
use thiserror::Error;

pub const COLUMNS: [&str; 10] = [
    "sku",
    "barcodes",
    "name",
    "category",
    "unit",
    "price",
    "tax_class",
    "price_includes_tax",
    "sold_by_weight",
    "active",
];
const REQUIRED: [&str; 4] = ["sku", "name", "price", "tax_class"];

/// From this many rows on, the name search index is rebuilt once instead of row by row.
const BULK_ROWS: usize = 2_000;

/// One bad row (or the header, line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub reason: String,
}

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{} bad row(s); nothing was imported:\n{}", .0.len(), format_rows(.0))]
    BadRows(Vec<RowError>),
    #[error("the file has no product rows")]
    Empty,
    #[error("cannot read the CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("catalogue: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

fn format_rows(rows: &[RowError]) -> String {
    const SHOWN: usize = 50;
    let mut text: Vec<String> =
        rows.iter().take(SHOWN).map(|r| format!("  line {}: {}", r.line, r.reason)).collect();
    if rows.len() > SHOWN {
        text.push(format!("  … and {} more", rows.len() - SHOWN));
    }
    text.join("\n")
}

/// A validated row, ready to store.
#[derive(Debug, Clone)]
struct ProductRow {
    sku: String,
    barcodes: Vec<String>,
    name: String,
    category: String,
    unit: String,
    price_minor: i64,
    tax_class: String,
    price_includes_tax: bool,
    sold_by_weight: bool,
    active: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: u64,
    pub updated: u64,
    pub barcodes: u64,
}

/// Checks every row of `csv_data`, then imports all of them in one transaction, or none.
pub fn import_csv<R: Read>(
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
        let mut upsert = tx.prepare_cached(
            "INSERT INTO products (sku, name, category, unit, price, tax_class, price_includes_tax,
                                   sold_by_weight, active)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,
                 unit = excluded.unit, price = excluded.price, tax_class = excluded.tax_class,
                 price_includes_tax = excluded.price_includes_tax,
                 sold_by_weight = excluded.sold_by_weight, active = excluded.active",
        )?;
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
            upsert.execute(params![
                r.sku,
                r.name,
                r.category,
                r.unit,
                r.price_minor,
                r.tax_class,
                r.price_includes_tax,
                r.sold_by_weight,
                r.active
            ])?;
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
    csv_data: R,
    currency: Currency,
    rules: &[VariableMeasureRule],
) -> Result<Vec<ProductRow>, ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(csv_data);
    let headers = reader.headers()?.clone();
    let mut errors = Vec::new();
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        if !COLUMNS.contains(&h) {
            errors.push(RowError {
                line: 1,
                reason: format!("unknown column '{h}' (known: {})", COLUMNS.join(", ")),
            });
        } else if index.insert(COLUMNS.iter().find(|c| **c == h).expect("known"), i).is_some() {
            errors.push(RowError { line: 1, reason: format!("column '{h}' appears twice") });
        }
    }
    for r in REQUIRED {
        if !index.contains_key(r) {
            errors.push(RowError { line: 1, reason: format!("required column '{r}' is missing") });
        }
    }
    if !errors.is_empty() {
        return Err(ImportError::BadRows(errors));
    }

    let tax_classes: HashSet<String> = super::tax_classes(conn)?.into_iter().map(|c| c.code).collect();
    let mut rows = Vec::new();
    let mut skus: HashMap<String, u64> = HashMap::new();
    let mut codes: HashMap<String, (u64, String)> = HashMap::new();
    for record in reader.records() {
        let record = record?;
        let line = record.position().map_or(0, |p| p.line());
        let fields = Fields { index: &index, record: &record };
        match check_row(&fields, currency, rules, &tax_classes) {
            Ok(row) => {
                if let Some(first) = skus.insert(row.sku.clone(), line) {
                    errors.push(RowError { line, reason: format!("SKU {} also on line {first}", row.sku) });
                }
                for code in &row.barcodes {
                    if let Some((first, other)) = codes.insert(code.clone(), (line, row.sku.clone())) {
                        errors.push(RowError {
                            line,
                            reason: format!("duplicate barcode {code}: also on line {first} (SKU {other})"),
                        });
                    }
                }
                rows.push(row);
            }
            Err(reasons) => errors.extend(reasons.into_iter().map(|reason| RowError { line, reason })),
        }
    }
    // A code already in the catalogue may only stay with its SKU, or move from a SKU that
    // this file also lists (whose codes it replaces).
    let mut owner = conn.prepare_cached("SELECT sku FROM barcodes WHERE code = ?1")?;
    for (code, (line, sku)) in &codes {
        let current: Option<String> = owner.query_row([code], |r| r.get(0)).optional()?;
        if let Some(current) = current
            && &current != sku
            && !skus.contains_key(&current)
        {
            errors.push(RowError {
                line: *line,
                reason: format!(
                    "duplicate barcode {code}: already belongs to SKU {current} in the catalogue"
                ),
            });
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(ImportError::BadRows(errors));
    }
    if rows.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(rows)
}

/// One CSV record's fields by column name; a missing column reads as empty.
struct Fields<'a> {
    index: &'a HashMap<&'static str, usize>,
    record: &'a csv::StringRecord,
}

impl Fields<'_> {
    fn get(&self, name: &str) -> &str {
        self.index.get(name).and_then(|&i| self.record.get(i)).unwrap_or("")
    }
}

/// Checks one row's fields; returns every reason it is bad.
fn check_row(
    fields: &Fields,
    currency: Currency,
    rules: &[VariableMeasureRule],
    tax_classes: &HashSet<String>,
) -> Result<ProductRow, Vec<String>> {
    let mut why = Vec::new();
    let sku = fields.get("sku").to_owned();
    if sku.is_empty() {
        why.push("sku is empty".to_owned());
    } else if sku.contains('|') || sku.len() > 64 {
        why.push(format!("sku '{sku}' must be at most 64 characters without '|'"));
    }
    let name = fields.get("name").to_owned();
    if name.is_empty() {
        why.push("name is empty".to_owned());
    }
    let price_minor = match Money::parse(fields.get("price"), currency) {
        Ok(p) if p.is_negative() => {
            why.push(format!("price '{}' is negative", fields.get("price")));
            0
        }
        Ok(p) => p.minor(),
        Err(e) => {
            why.push(format!("price {e}"));
            0
        }
    };
    let tax_class = fields.get("tax_class").to_owned();
    if !tax_classes.contains(&tax_class) {
        let mut known: Vec<&String> = tax_classes.iter().collect();
        known.sort();
        why.push(format!(
            "unknown tax class '{tax_class}' (known: {})",
            known.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    let mut flag = |name: &str, default: bool| match fields.get(name).to_ascii_lowercase().as_str() {
        "" => default,
        "true" | "1" | "yes" | "ya" => true,
        "false" | "0" | "no" | "tidak" => false,
        other => {
            why.push(format!("{name} '{other}' is not true or false"));
            default
        }
    };
    let price_includes_tax = flag("price_includes_tax", true);
    let sold_by_weight = flag("sold_by_weight", false);
    let active = flag("active", true);
    let mut barcodes = Vec::new();
    for code in fields.get("barcodes").split('|').map(str::trim).filter(|c| !c.is_empty()) {
        if barcode::is_variable_measure_key(code, rules) {
            let weight_key = rules
                .iter()
                .any(|r| code.starts_with(r.prefix.as_str()) && r.kind == MeasureKind::WeightGrams);
            if weight_key && !sold_by_weight {
                why.push(format!("barcode {code} is a weight key, but the product is not sold by weight"));
            }
        } else if let Err(e) = barcode::validate_gtin(code) {
            why.push(e.to_string());
            continue;
        } else if code.len() == 13 && rules.iter().any(|r| code.starts_with(r.prefix.as_str())) {
            why.push(format!(
                "barcode {code} starts with a variable-measure prefix; list its 7-digit key {} instead",
                &code[..7]
            ));
            continue;
        }
        barcodes.push(code.to_owned());
    }
    let unit = match fields.get("unit") {
        "" if sold_by_weight => "kg",
        "" => "pcs",
        u => u,
    }
    .to_owned();
    let category = match fields.get("category") {
        "" => "Umum",
        c => c,
    }
    .to_owned();
    if why.is_empty() {
        Ok(ProductRow {
            sku,
            barcodes,
            name,
            category,
            unit,
            price_minor,
            tax_class,
            price_includes_tax,
            sold_by_weight,
            active,
        })
    } else {
        Err(why)
    }
}
