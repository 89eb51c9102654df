//! The catalogue in the terminal's SQLite file: products, barcodes and tax classes, with
//! barcode lookup by index and name search by trigram full-text index.

pub mod import;

use kasir_core::barcode::{self, Measure, Scanned, VariableMeasureRule};
use kasir_core::tax::{TaxClass, TaxRate};
use kasir_core::{Currency, Money, Product, Quantity};
use rusqlite::{Connection, OptionalExtension, Row, params};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum LookupError {
    #[error("{0}")]
    BadBarcode(#[from] barcode::BarcodeError),
    #[error("no product has barcode {0}")]
    UnknownBarcode(String),
    #[error("no product has SKU {0}")]
    UnknownSku(String),
    #[error("{name} ({sku}) is no longer sold")]
    Inactive { sku: String, name: String },
    #[error("catalogue: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// A product found by a scan, with the quantity or price the code carried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanHit {
    pub product: Product,
    /// From a weight barcode; otherwise one piece.
    pub quantity: Quantity,
    /// From a price-embedded barcode: the price of this pack.
    pub price: Option<Money>,
}

const PRODUCT_COLUMNS: &str = "p.sku, p.name, p.category, p.unit, p.price, p.tax_class, t.rate_bp,
     p.price_includes_tax, p.sold_by_weight, p.active,
     (SELECT group_concat(code, '|') FROM barcodes b WHERE b.sku = p.sku)";

fn product_from_row(row: &Row, currency: Currency) -> rusqlite::Result<Product> {
    let barcodes: Option<String> = row.get(10)?;
    Ok(Product {
        sku: row.get(0)?,
        name: row.get(1)?,
        category: row.get(2)?,
        unit: row.get(3)?,
        unit_price: Money::from_minor(row.get(4)?, currency),
        tax_class: row.get(5)?,
        tax_rate: TaxRate::from_basis_points(row.get(6)?),
        price_includes_tax: row.get(7)?,
        sold_by_weight: row.get(8)?,
        active: row.get(9)?,
        barcodes: barcodes.map(|b| b.split('|').map(str::to_owned).collect()).unwrap_or_default(),
    })
}

/// Replaces the tax classes with the configured ones (rates may change; codes in use stay).
pub fn sync_tax_classes(conn: &Connection, classes: &[TaxClass]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO tax_classes (code, rate_bp) VALUES (?1, ?2)
         ON CONFLICT (code) DO UPDATE SET rate_bp = excluded.rate_bp",
    )?;
    for c in classes {
        stmt.execute(params![c.code, c.rate.basis_points()])?;
    }
    Ok(())
}

pub fn tax_classes(conn: &Connection) -> rusqlite::Result<Vec<TaxClass>> {
    let mut stmt = conn.prepare_cached("SELECT code, rate_bp FROM tax_classes ORDER BY code")?;
    let rows = stmt
        .query_map([], |r| Ok(TaxClass { code: r.get(0)?, rate: TaxRate::from_basis_points(r.get(1)?) }))?;
    rows.collect()
}

/// A product by exact barcode (an EAN/UPC code, or a weighed product's 7-digit key).
pub fn by_barcode(conn: &Connection, code: &str, currency: Currency) -> Result<Option<Product>, LookupError> {
    let sql = format!(
        "SELECT {PRODUCT_COLUMNS} FROM barcodes b0 JOIN products p ON p.sku = b0.sku
         JOIN tax_classes t ON t.code = p.tax_class WHERE b0.code = ?1"
    );
    Ok(conn.prepare_cached(&sql)?.query_row([code], |r| product_from_row(r, currency)).optional()?)
}

pub fn by_sku(conn: &Connection, sku: &str, currency: Currency) -> Result<Option<Product>, LookupError> {
    let sql = format!(
        "SELECT {PRODUCT_COLUMNS} FROM products p JOIN tax_classes t ON t.code = p.tax_class WHERE p.sku = ?1"
    );
    Ok(conn.prepare_cached(&sql)?.query_row([sku], |r| product_from_row(r, currency)).optional()?)
}

/// What a scanned code sells: validates the check digit, decodes variable-measure codes,
/// and refuses inactive products.
pub fn scan(
    conn: &Connection,
    code: &str,
    rules: &[VariableMeasureRule],
    currency: Currency,
) -> Result<ScanHit, LookupError> {
    let (key, measure) = match barcode::classify(code, rules)? {
        Scanned::Gtin(code) => (code, None),
        Scanned::VariableMeasure { item_key, measure } => (item_key, Some(measure)),
    };
    let product = by_barcode(conn, &key, currency)?
        .ok_or_else(|| LookupError::UnknownBarcode(code.trim().to_owned()))?;
    if !product.active {
        return Err(LookupError::Inactive { sku: product.sku, name: product.name });
    }
    let (quantity, price) = match measure {
        None => (Quantity::ONE, None),
        Some(Measure::Weight(kg)) => (Quantity::from_decimal(kg).expect("five digits of grams fit"), None),
        // A price label (pre-packed goods, or weighed goods priced by the scale): one pack at that price.
        Some(Measure::Price(p)) => (Quantity::ONE, Some(Money::new(p, currency))),
    };
    Ok(ScanHit { product, quantity, price })
}

/// An active product by SKU, for items typed or picked by hand.
pub fn sellable_by_sku(conn: &Connection, sku: &str, currency: Currency) -> Result<Product, LookupError> {
    let product = by_sku(conn, sku, currency)?.ok_or_else(|| LookupError::UnknownSku(sku.to_owned()))?;
    if !product.active {
        return Err(LookupError::Inactive { sku: product.sku, name: product.name });
    }
    Ok(product)
}

/// Active products whose name contains every word of `query` (case-insensitive), best
/// matches first, at most `limit`. Words of three letters or more use the trigram index;
/// a query of only shorter words matches name prefixes through the name index.
pub fn search(
    conn: &Connection,
    query: &str,
    limit: usize,
    currency: Currency,
) -> Result<Vec<Product>, LookupError> {
    let words: Vec<&str> = query.split_whitespace().collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let long: Vec<&str> = words.iter().copied().filter(|w| w.chars().count() >= 3).collect();
    let short: Vec<String> = words.iter().filter(|w| w.chars().count() < 3).map(|w| like_escape(w)).collect();
    let mut out = Vec::new();
    if long.is_empty() {
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} FROM products p JOIN tax_classes t ON t.code = p.tax_class
             WHERE p.name LIKE ?1 ESCAPE '\\' AND p.active = 1 ORDER BY p.name LIMIT ?2"
        );
        let pattern = format!("{}%", short.join(" "));
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![pattern, limit as i64], |r| product_from_row(r, currency))?;
        for p in rows {
            out.push(p?);
        }
        return Ok(out);
    }
    // Each long word as an FTS5 string (quotes doubled), all of them required.
    let fts_query =
        long.iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" AND ");
    let sql = format!(
        "SELECT {PRODUCT_COLUMNS} FROM products_fts f JOIN products p ON p.rowid = f.rowid
         JOIN tax_classes t ON t.code = p.tax_class
         WHERE products_fts MATCH ?1 AND p.active = 1 ORDER BY p.name LIKE ?3 ESCAPE '\\' DESC, f.rank LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    // Short words filter afterwards; fetch extra so the filter rarely starves the list.
    let fetch = if short.is_empty() { limit } else { limit * 4 };
    // Names that start with what was typed come first ("apel" → "Apel Fuji" before "Frestea Apel").
    let starts_with = format!("{}%", like_escape(words[0]));
    let rows =
        stmt.query_map(params![fts_query, fetch as i64, starts_with], |r| product_from_row(r, currency))?;
    for p in rows {
        let p = p?;
        let name = p.name.to_lowercase();
        if short.iter().all(|s| name.contains(&s.replace('\\', "").to_lowercase())) {
            out.push(p);
            if out.len() == limit {
                break;
            }
        }
    }
    Ok(out)
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Number of products in the catalogue (active or not).
pub fn count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row("SELECT COUNT(*) FROM products", [], |r| r.get(0))
}
