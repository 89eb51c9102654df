//! The catalogue in the terminal's SQLite file: products, barcodes and tax classes, with
//! barcode lookup by index and name search by word-prefix full-text index, ranked by how
//! well each name answers and by what this terminal sells most ([`ranking`]), and the
//! store's stock ([`stock`]).

pub mod import;
pub mod ranking;
pub mod stock;
mod tally;

use kasir_core::barcode::{self, Measure, Scanned, VariableMeasureRule};
use kasir_core::tax::{DppBase, TaxClass, TaxRate};
use kasir_core::{Currency, Money, Product, Quantity};
use std::collections::HashSet;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, Statement, params};
use thiserror::Error;

use tally::unsent_sql;

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
    /// The barcode carried the weight or the price (a variable-measure code).
    pub measured: bool,
}

/// A product's columns (13: the store's stock, see [`stock`]).
const PRODUCT_COLUMNS: &str = concat!(
    "p.sku, p.name, p.category, p.unit, p.price, p.tax_class, t.rate_bp,
     p.price_includes_tax, p.sold_by_weight, p.active,
     (SELECT group_concat(code, '|') FROM barcodes b WHERE b.sku = p.sku), t.dpp_num, t.dpp_den,
     (SELECT s.quantity_milli FROM stock_levels s WHERE s.sku = p.sku) + ",
    unsent_sql!("p.sku")
);

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
        dpp: dpp_from(row, 11)?,
        price_includes_tax: row.get(7)?,
        sold_by_weight: row.get(8)?,
        active: row.get(9)?,
        barcodes: barcodes.map(|b| b.split('|').map(str::to_owned).collect()).unwrap_or_default(),
        stock: row.get::<_, Option<i64>>(13)?.map(Quantity::from_milli),
    })
}

/// A product a name search found, with what the counter shows beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub product: Product,
    /// What this terminal has sold of it, less returns and voids.
    pub sold: Quantity,
}

/// A search's columns: the product's, then (14) what this terminal sold of it.
fn hit_columns() -> String {
    format!(
        "{PRODUCT_COLUMNS}, COALESCE((SELECT tl.sold_milli FROM product_tally tl WHERE tl.sku = p.sku), 0)"
    )
}

fn hit_from_row(row: &Row, currency: Currency) -> rusqlite::Result<SearchHit> {
    Ok(SearchHit { product: product_from_row(row, currency)?, sold: Quantity::from_milli(row.get(14)?) })
}

/// How many of the products sold most a search looks among, beside what the name index
/// finds first: a store's everyday goods are found by a word of their name however far
/// down the alphabet they are.
const BEST_SELLERS: i64 = 2_000;

/// A product this terminal sells, with its name cut into words for [`ranking::fit`].
struct Seller {
    sku: String,
    name: String,
    words: Vec<String>,
    sold_milli: i64,
}

/// The products sold most, read again whenever the file has changed since (a sale, a
/// return, a feed page): one read per sale, not one per keystroke.
#[derive(Default)]
struct BestSellers {
    version: Option<i64>,
    list: Vec<Seller>,
}

/// A search's candidate: a hit read in full by the index queries, or a best seller to read
/// only if it makes the list.
enum Candidate<'a> {
    Read(Box<SearchHit>),
    Seller(&'a str),
}

/// Adds a product or replaces its details (not its barcodes): the one way a product row is
/// written, whether from a CSV import or from head office's change feed.
pub(in crate::store) fn upsert_product(
    conn: &Connection,
    p: &kasir_core::wire::ProductRecord,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO products (sku, name, category, unit, price, tax_class, price_includes_tax,
                               sold_by_weight, active)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,
             unit = excluded.unit, price = excluded.price, tax_class = excluded.tax_class,
             price_includes_tax = excluded.price_includes_tax,
             sold_by_weight = excluded.sold_by_weight, active = excluded.active",
    )?
    .execute(params![
        p.sku,
        p.name,
        p.category,
        p.unit,
        p.price,
        p.tax_class,
        p.price_includes_tax,
        p.sold_by_weight,
        p.active
    ])?;
    Ok(())
}

/// The DPP base stored in columns `i` (numerator) and `i + 1` (denominator); a pair that is
/// no fraction Kasir writes is an error, never a guess.
fn dpp_from(row: &Row, i: usize) -> rusqlite::Result<DppBase> {
    let (num, den): (u32, u32) = (row.get(i)?, row.get(i + 1)?);
    DppBase::new(num, den).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Integer, Box::new(e))
    })
}

/// Replaces the tax classes with the configured ones (rates and DPP bases may change; codes
/// in use stay).
fn sync_tax_classes(conn: &Connection, classes: &[TaxClass]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO tax_classes (code, rate_bp, dpp_num, dpp_den) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (code) DO UPDATE SET rate_bp = excluded.rate_bp, dpp_num = excluded.dpp_num,
             dpp_den = excluded.dpp_den",
    )?;
    for c in classes {
        stmt.execute(params![c.code, c.rate.basis_points(), c.dpp.numerator(), c.dpp.denominator()])?;
    }
    Ok(())
}

pub(in crate::store) fn tax_classes(conn: &Connection) -> rusqlite::Result<Vec<TaxClass>> {
    let mut stmt =
        conn.prepare_cached("SELECT code, rate_bp, dpp_num, dpp_den FROM tax_classes ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        Ok(TaxClass { code: r.get(0)?, rate: TaxRate::from_basis_points(r.get(1)?), dpp: dpp_from(r, 2)? })
    })?;
    rows.collect()
}

self_cell::self_cell!(
    /// A connection of its own with the lookup statements prepared once: the hot path of
    /// every scan. (rusqlite's `prepare_cached` costs ~20 µs more per lookup here than a
    /// statement kept prepared, which is most of the 50 µs a scan may take.)
    struct ReaderCell {
        owner: Connection,
        #[covariant]
        dependent: Statements,
    }
);

struct Statements<'c> {
    by_barcode: Statement<'c>,
    by_sku: Statement<'c>,
    by_name_prefix: Statement<'c>,
    by_words: Statement<'c>,
    hit_by_sku: Statement<'c>,
    best_sellers: Statement<'c>,
    data_version: Statement<'c>,
}

/// Reads the catalogue: barcode and SKU lookups, scans, and name search.
pub struct Reader {
    cell: ReaderCell,
    currency: Currency,
    best: BestSellers,
    /// The file's `data_version` when the tally was last folded (see [`tally`]).
    folded: Option<i64>,
}

impl Reader {
    /// Opens the catalogue in the ledger file at `path` for reading.
    pub fn open(path: &Path, currency: Currency) -> Result<Reader, LookupError> {
        let flags =
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.pragma_update(None, "query_only", "ON")?;
        // This connection writes only the tally, a cache its marks make whole again: its
        // folds need not wait for the disk (the ledger's own connection stays FULL).
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let from = "FROM products p JOIN tax_classes t ON t.code = p.tax_class";
        let hit = hit_columns();
        let cell = ReaderCell::try_new(conn, |c| -> rusqlite::Result<Statements<'_>> {
            Ok(Statements {
                by_barcode: c.prepare(&format!(
                    "SELECT {PRODUCT_COLUMNS} FROM barcodes b0 JOIN products p ON p.sku = b0.sku
                     JOIN tax_classes t ON t.code = p.tax_class WHERE b0.code = ?1"
                ))?,
                by_sku: c.prepare(&format!("SELECT {PRODUCT_COLUMNS} {from} WHERE p.sku = ?1"))?,
                // A range on the NOCASE name index: names starting with ?1.
                by_name_prefix: c.prepare(&format!(
                    "SELECT {hit} {from} WHERE p.name >= ?1 AND p.name < ?1 || char(1114111)
                     AND p.active = 1 ORDER BY p.name LIMIT ?2"
                ))?,
                // No ORDER BY: FTS5 then stops after `limit` matches instead of ranking them
                // all; what sells most is found among the best sellers instead.
                by_words: c.prepare(&format!(
                    "SELECT {hit} FROM products_fts f JOIN products p ON p.rowid = f.rowid
                     JOIN tax_classes t ON t.code = p.tax_class
                     WHERE products_fts MATCH ?1 AND p.active = 1 LIMIT ?2"
                ))?,
                hit_by_sku: c.prepare(&format!("SELECT {hit} {from} WHERE p.sku = ?1"))?,
                // A full read of the tally (one row per product ever sold here, a few
                // thousand in a year), once per sale.
                best_sellers: c.prepare(
                    "SELECT tl.sku, p.name, tl.sold_milli FROM product_tally tl
                     JOIN products p ON p.sku = tl.sku
                     WHERE tl.sold_milli > 0 AND p.active = 1 ORDER BY tl.sold_milli DESC LIMIT ?1",
                )?,
                // Changes whenever another connection (the ledger's, the sync thread's)
                // commits to the file.
                data_version: c.prepare("PRAGMA data_version")?,
            })
        })?;
        Ok(Reader { cell, currency, best: BestSellers::default(), folded: None })
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// A product by exact barcode (an EAN/UPC code, or a weighed product's 7-digit key).
    pub fn by_barcode(&mut self, code: &str) -> Result<Option<Product>, LookupError> {
        self.catch_up();
        let currency = self.currency;
        Ok(self.cell.with_dependent_mut(|_, s| {
            s.by_barcode.query_row([code], |r| product_from_row(r, currency)).optional()
        })?)
    }

    pub fn by_sku(&mut self, sku: &str) -> Result<Option<Product>, LookupError> {
        self.catch_up();
        let currency = self.currency;
        Ok(self.cell.with_dependent_mut(|_, s| {
            s.by_sku.query_row([sku], |r| product_from_row(r, currency)).optional()
        })?)
    }

    /// What a scanned code sells: validates the check digit, decodes variable-measure codes,
    /// and refuses inactive products.
    pub fn scan(&mut self, code: &str, rules: &[VariableMeasureRule]) -> Result<ScanHit, LookupError> {
        let (key, measure) = match barcode::classify(code, rules)? {
            Scanned::Gtin(code) => (code, None),
            Scanned::VariableMeasure { item_key, measure } => (item_key, Some(measure)),
        };
        let product =
            self.by_barcode(&key)?.ok_or_else(|| LookupError::UnknownBarcode(code.trim().to_owned()))?;
        if !product.active {
            return Err(LookupError::Inactive { sku: product.sku, name: product.name });
        }
        let (quantity, price) = match &measure {
            None => (Quantity::ONE, None),
            Some(Measure::Weight(kg)) => {
                (Quantity::from_decimal(*kg).expect("five digits of grams fit"), None)
            }
            // A price label (pre-packed goods, or weighed goods priced by the scale): one pack at that price.
            Some(Measure::Price(p)) => (Quantity::ONE, Some(Money::new(*p, self.currency))),
        };
        Ok(ScanHit { product, quantity, price, measured: measure.is_some() })
    }

    /// An active product by SKU, for items typed or picked by hand.
    pub fn sellable_by_sku(&mut self, sku: &str) -> Result<Product, LookupError> {
        let product = self.by_sku(sku)?.ok_or_else(|| LookupError::UnknownSku(sku.to_owned()))?;
        if !product.active {
            return Err(LookupError::Inactive { sku: product.sku, name: product.name });
        }
        Ok(product)
    }

    /// Active products matching `query`, at most `limit`, best first (see
    /// [`Reader::search_hits`]).
    pub fn search(&mut self, query: &str, limit: usize) -> Result<Vec<Product>, LookupError> {
        Ok(self.search_hits(query, limit)?.into_iter().map(|h| h.product).collect())
    }

    /// Active products whose name has a word starting with each word typed ("indo gor"
    /// finds "Indomie Mi Goreng"), case- and accent-insensitive, at most `limit`, with what
    /// this terminal sold of each and the store's stock. Ordered by [`ranking`]: how well
    /// the name answers (whole words and beginnings first), then what sells most here.
    ///
    /// Found among three sets, each cheap: names beginning with the query (the NOCASE
    /// index, alphabetically), names with the words anywhere (the FTS index, unranked), and
    /// the products this terminal sells most whose names answer the query.
    pub fn search_hits(&mut self, query: &str, limit: usize) -> Result<Vec<SearchHit>, LookupError> {
        let words: Vec<&str> = query.split_whitespace().collect();
        let typed = ranking::words(query);
        if words.is_empty() || typed.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        self.refresh_best_sellers()?;
        let currency = self.currency;
        let prefix = words.join(" ");
        // Each word as an FTS5 prefix string (quotes doubled), all of them required.
        let fts_query =
            words.iter().map(|w| format!("\"{}\"*", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" ");
        let best = &self.best.list;
        Ok(self.cell.with_dependent_mut(|_, s| -> rusqlite::Result<Vec<SearchHit>> {
            let mut found: Vec<SearchHit> = s
                .by_name_prefix
                .query_map(params![prefix, limit as i64], |r| hit_from_row(r, currency))?
                .collect::<Result<_, _>>()?;
            let mut seen: HashSet<String> = found.iter().map(|h| h.product.sku.clone()).collect();
            if found.len() < limit {
                let more = s.by_words.query_map(params![fts_query, (limit + found.len()) as i64], |r| {
                    hit_from_row(r, currency)
                })?;
                for h in more {
                    let h = h?;
                    if seen.insert(h.product.sku.clone()) {
                        found.push(h);
                    }
                }
            }
            // Every hit with its place; a name the index found counts as answering.
            let place = |name: &[String], sold: i64, label: &str| {
                let fit = match ranking::fit(name, &typed) {
                    ranking::Fit::Not => ranking::Fit::WordStarts,
                    f => f,
                };
                ranking::order_key(fit, sold, label)
            };
            let mut ranked: Vec<(_, Candidate)> = found
                .into_iter()
                .map(|h| {
                    (
                        place(&ranking::words(&h.product.name), h.sold.milli(), &h.product.name),
                        Candidate::Read(Box::new(h)),
                    )
                })
                .collect();
            // The sellers come most sold first: of each fit, only the first `limit` can make
            // the list.
            let mut per_fit = [0usize; 4];
            for seller in best {
                let fit = ranking::fit(&seller.words, &typed);
                if fit == ranking::Fit::Not || per_fit[fit as usize] >= limit || seen.contains(&seller.sku) {
                    continue;
                }
                per_fit[fit as usize] += 1;
                // Only a seller that makes the list is read in full.
                ranked.push((
                    ranking::order_key(fit, seller.sold_milli, &seller.name),
                    Candidate::Seller(&seller.sku),
                ));
            }
            ranked.sort_by(|a, b| a.0.cmp(&b.0));
            ranked.truncate(limit);
            let mut out = Vec::with_capacity(ranked.len());
            for (_, hit) in ranked {
                match hit {
                    Candidate::Read(h) => out.push(*h),
                    Candidate::Seller(sku) => {
                        if let Some(h) =
                            s.hit_by_sku.query_row([sku], |r| hit_from_row(r, currency)).optional()?
                        {
                            out.push(h);
                        }
                    }
                }
            }
            Ok(out)
        })?)
    }

    /// Folds what was committed since into the tally ([`tally`]), once per change of the
    /// file (a sale, a return, head office's acknowledgement): one small write after a sale,
    /// not one per keystroke. A fold that fails (the file busy for 5 s, say) leaves the
    /// answers exact and only the ranking a sale behind, so it is logged and tried again.
    fn catch_up(&mut self) {
        let folded = &mut self.folded;
        let outcome = self.cell.with_dependent_mut(|c, s| -> rusqlite::Result<()> {
            let version: i64 = s.data_version.query_row([], |r| r.get(0))?;
            if *folded != Some(version) {
                tally::fold(c)?;
                *folded = Some(version);
            }
            Ok(())
        });
        if let Err(e) = outcome {
            tracing::warn!("the sales tally was not brought up to date: {e}");
        }
    }

    /// Reads the best sellers again if the file changed since they were read.
    fn refresh_best_sellers(&mut self) -> Result<(), LookupError> {
        self.catch_up();
        let best = &mut self.best;
        self.cell.with_dependent_mut(|_, s| -> rusqlite::Result<()> {
            let version: i64 = s.data_version.query_row([], |r| r.get(0))?;
            if best.version == Some(version) {
                return Ok(());
            }
            best.list = s
                .best_sellers
                .query_map([BEST_SELLERS], |r| {
                    let name: String = r.get(1)?;
                    Ok(Seller { sku: r.get(0)?, words: ranking::words(&name), name, sold_milli: r.get(2)? })
                })?
                .collect::<Result<_, _>>()?;
            best.version = Some(version);
            Ok(())
        })?;
        Ok(())
    }

    /// The store's stock of `sku` (see [`stock`]), for the line editor.
    pub fn store_stock(&mut self, sku: &str) -> Result<Option<Quantity>, LookupError> {
        self.catch_up();
        Ok(self.cell.with_dependent_mut(|c, _| stock::store_stock(c, sku))?)
    }
}

impl crate::store::Ledger {
    /// Checks every row of a catalogue CSV, then imports all of them in one transaction, or
    /// none (see [`import::import_csv`]).
    pub fn import_catalogue(
        &self,
        csv: impl std::io::Read,
        rules: &[VariableMeasureRule],
    ) -> Result<import::ImportSummary, import::ImportError> {
        import::import_csv(self.conn(), csv, self.currency(), rules)
    }

    /// Sets the tax classes from the terminal's config, while head office has never sent
    /// this terminal anything: once a page of head office's change feed has been applied,
    /// head office's classes are authoritative and `kasir.toml`'s are left alone (its rates
    /// only seed a terminal that has never synced). Returns whether the config's were applied.
    pub fn seed_tax_classes(&self, classes: &[TaxClass]) -> Result<bool, crate::store::LedgerError> {
        let conn = self.conn();
        let synced: bool = conn
            .prepare_cached("SELECT feed_cursor > 0 FROM sync_state WHERE id = 1")?
            .query_row([], |r| r.get(0))?;
        if synced {
            return Ok(false);
        }
        sync_tax_classes(conn, classes)?;
        Ok(true)
    }

    /// The tax classes the catalogue knows, by code.
    pub fn tax_classes(&self) -> Result<Vec<TaxClass>, crate::store::LedgerError> {
        Ok(tax_classes(self.conn())?)
    }

    /// How many products the catalogue holds that can be sold.
    pub fn active_products(&self) -> Result<u64, crate::store::LedgerError> {
        let n: i64 = self
            .conn()
            .prepare_cached("SELECT COUNT(*) FROM products WHERE active = 1")?
            .query_row([], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
