//! Head office storage in one SQLite file: the embedded default. Writers are serialised by
//! SQLite itself; every call runs on tokio's blocking pool with the one connection.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::Utc;
use kasir_core::chain::{ChainTip, Origin};
use kasir_core::wire::{
    Change, ChangeItem, ChangePage, ProductRecord, PushedDocument, QuickKeyRecord, SaleLookup, TaxClassRecord,
};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::feed::{MAX_PAGE, merge_page, report_key};
use crate::ingest::{
    FactLine, day_and_hour, fact_lines, held_sequences, plan, refers_to, sale_lookup, stock_deltas,
    voided_seq,
};
use crate::storage::*;

const MIGRATIONS: &[&str] = &[include_str!("../migrations/sqlite/0001_headoffice.sql")];

pub struct SqliteStorage {
    conn: Arc<Mutex<Connection>>,
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
        let version: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i + 1)?;
            tx.commit()?;
        }
        Ok(SqliteStorage { conn: Arc::new(Mutex::new(conn)) })
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

fn now() -> String {
    Utc::now().to_rfc3339()
}

/// Hands out `n` change numbers; the first is returned.
fn take_numbers(tx: &Connection, n: usize) -> Result<u64, StorageError> {
    let last: u64 = tx.query_row(
        "UPDATE change_counter SET last = last + ?1 WHERE id = 1 RETURNING last",
        [n as i64],
        |r| r.get(0),
    )?;
    Ok(last + 1 - n as u64)
}

fn lines_of(tx: &Connection, origin: &Origin, seq: u64) -> Result<Vec<FactLine>, StorageError> {
    let mut st = tx.prepare_cached(
        "SELECT line_no, sku, name, quantity_milli, net, tax, gross FROM sales_lines
         WHERE store = ?1 AND terminal = ?2 AND seq = ?3 ORDER BY line_no",
    )?;
    let rows = st.query_map(params![origin.store, origin.terminal, seq], |r| {
        Ok(FactLine {
            line_no: r.get(0)?,
            sku: r.get(1)?,
            name: r.get(2)?,
            quantity_milli: r.get(3)?,
            net: r.get(4)?,
            tax: r.get(5)?,
            gross: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn ingest(
    c: &mut Connection,
    origin: &Origin,
    batch: &[Incoming],
    ledger_seq: Option<u64>,
) -> Result<IngestOutcome, StorageError> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let tip = tx
        .query_row(
            "SELECT last_seq, last_hash, grand_total FROM terminals WHERE store = ?1 AND terminal = ?2",
            params![origin.store, origin.terminal],
            |r| Ok(ChainTip { seq: r.get(0)?, hash: r.get(1)?, grand_total: r.get(2)? }),
        )
        .optional()?
        .ok_or_else(|| {
            StorageError::Invalid(format!("terminal {}-{} is not known", origin.store, origin.terminal))
        })?;
    let mut held = HashMap::new();
    {
        let mut st =
            tx.prepare_cached("SELECT hash FROM documents WHERE store = ?1 AND terminal = ?2 AND seq = ?3")?;
        for seq in held_sequences(&tip, batch) {
            if let Some(h) =
                st.query_row(params![origin.store, origin.terminal, seq], |r| r.get(0)).optional()?
            {
                held.insert(seq, h);
            }
        }
    }
    let plan = plan(origin, tip, batch, &held);
    let received = now();
    let mut all_lines = Vec::new();
    {
        let mut doc_st = tx.prepare_cached(
            "INSERT INTO documents (store, terminal, seq, kind, receipt_number, created_at, user_code,
                 amount, hash, canonical, received_at, refers_to)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut line_st = tx.prepare_cached(
            "INSERT INTO sales_lines (store, terminal, seq, line_no, business_date, hour, cashier, sku,
                 name, quantity_milli, net, tax, gross)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        let mut move_st = tx.prepare_cached(
            "INSERT INTO stock_movements (store, sku, quantity_milli, kind, terminal, seq, note, created_at)
             VALUES (?1, ?2, ?3, 'sale', ?4, ?5, ?6, ?7)",
        )?;
        for &i in &plan.accept {
            let Incoming { pushed, document: d } = &batch[i];
            let h = &d.header;
            doc_st.execute(params![
                h.store,
                h.terminal,
                h.seq,
                d.body.kind(),
                h.receipt_number,
                kasir_core::document::canonical_time::format(&h.created_at),
                h.user,
                d.body.amount(),
                pushed.hash,
                pushed.canonical,
                received,
                refers_to(d)
            ])?;
            let voided = match voided_seq(d) {
                Some(s) => lines_of(&tx, origin, s)?,
                None => Vec::new(),
            };
            let lines = fact_lines(d, &voided);
            let (day, hour) = day_and_hour(d);
            for l in &lines {
                line_st.execute(params![
                    h.store,
                    h.terminal,
                    h.seq,
                    l.line_no,
                    day,
                    hour,
                    h.user,
                    l.sku,
                    l.name,
                    l.quantity_milli,
                    l.net,
                    l.tax,
                    l.gross
                ])?;
                move_st.execute(params![
                    h.store,
                    l.sku,
                    l.stock_movement(),
                    h.terminal,
                    h.seq,
                    d.body.kind(),
                    received
                ])?;
            }
            all_lines.extend(lines);
        }
    }
    let deltas = stock_deltas(all_lines.iter());
    if !deltas.is_empty() {
        let first = take_numbers(&tx, deltas.len())?;
        let mut st = tx.prepare_cached(
            "INSERT INTO stock_levels (store, sku, quantity_milli, change_no) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (store, sku) DO UPDATE SET
                 quantity_milli = quantity_milli + excluded.quantity_milli, change_no = excluded.change_no",
        )?;
        for (k, (sku, q)) in deltas.iter().enumerate() {
            st.execute(params![origin.store, sku, q, first + k as u64])?;
        }
    }
    if let Some((i, r)) = &plan.refusal {
        let p = &batch[*i].pushed;
        tx.execute(
            "INSERT INTO rejected_documents (store, terminal, seq, hash, kind, reason, canonical, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
            params![origin.store, origin.terminal, p.seq, p.hash, r.kind.code(), r.reason, p.canonical, received],
        )?;
    }
    let newest = plan
        .accept
        .last()
        .map(|&i| kasir_core::document::canonical_time::format(&batch[i].document.header.created_at));
    tx.execute(
        "UPDATE terminals SET last_seq = ?3, last_hash = ?4, grand_total = ?5, last_contact = ?6,
             last_document_at = COALESCE(?7, last_document_at), ledger_seq = COALESCE(?8, ledger_seq)
         WHERE store = ?1 AND terminal = ?2",
        params![
            origin.store,
            origin.terminal,
            plan.tip.seq,
            plan.tip.hash,
            plan.tip.grand_total,
            received,
            newest,
            ledger_seq
        ],
    )?;
    tx.commit()?;
    Ok(IngestOutcome {
        acknowledged: plan.tip.seq,
        stored: plan.accept.len() as u32,
        already_stored: plan.already_stored,
        refusal: plan.refusal.map(|(_, r)| r),
    })
}

fn changes(c: &mut Connection, store: &str, since: u64, limit: u32) -> Result<ChangePage, StorageError> {
    let limit = limit.clamp(1, MAX_PAGE);
    let tx = c.transaction()?;
    let ceiling: u64 = tx.query_row("SELECT last FROM change_counter WHERE id = 1", [], |r| r.get(0))?;
    let window = params![since, ceiling, limit];
    let products = tx
        .prepare(
            "SELECT change_no, sku, name, category, unit, price, tax_class, price_includes_tax,
                 sold_by_weight, active, barcodes
             FROM products WHERE change_no > ?1 AND change_no <= ?2 ORDER BY change_no LIMIT ?3",
        )?
        .query_map(window, |r| {
            let barcodes: String = r.get(10)?;
            Ok(Change {
                number: r.get(0)?,
                item: ChangeItem::Product(ProductRecord {
                    sku: r.get(1)?,
                    name: r.get(2)?,
                    category: r.get(3)?,
                    unit: r.get(4)?,
                    price: r.get(5)?,
                    tax_class: r.get(6)?,
                    price_includes_tax: r.get(7)?,
                    sold_by_weight: r.get(8)?,
                    active: r.get(9)?,
                    barcodes: serde_json::from_str(&barcodes).unwrap_or_default(),
                }),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let classes = tx
        .prepare(
            "SELECT change_no, code, rate_bp FROM tax_classes
             WHERE change_no > ?1 AND change_no <= ?2 ORDER BY change_no LIMIT ?3",
        )?
        .query_map(window, |r| {
            Ok(Change {
                number: r.get(0)?,
                item: ChangeItem::TaxClass(TaxClassRecord { code: r.get(1)?, rate_bp: r.get(2)? }),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let keys = tx
        .prepare("SELECT change_no, keys FROM quick_keys WHERE change_no > ?1 AND change_no <= ?2 LIMIT ?3")?
        .query_map(window, |r| {
            let keys: String = r.get(1)?;
            Ok(Change {
                number: r.get(0)?,
                item: ChangeItem::QuickKeys { keys: serde_json::from_str(&keys).unwrap_or_default() },
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let stock = tx
        .prepare(
            "SELECT change_no, sku, quantity_milli FROM stock_levels
             WHERE store = ?4 AND change_no > ?1 AND change_no <= ?2 ORDER BY change_no LIMIT ?3",
        )?
        .query_map(params![since, ceiling, limit, store], |r| {
            Ok(Change {
                number: r.get(0)?,
                item: ChangeItem::Stock { sku: r.get(1)?, quantity_milli: r.get(2)? },
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(merge_page(vec![products, classes, keys, stock], limit, ceiling, since))
}

#[async_trait]
impl Storage for SqliteStorage {
    async fn add_store(&self, code: &str, name: &str) -> Result<(), StorageError> {
        check_code("store", code)?;
        let (code, name) = (code.to_owned(), name.to_owned());
        self.with(move |c| {
            let n = c.execute(
                "INSERT INTO stores (code, name, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                params![code, name, now()],
            )?;
            if n == 0 { Err(StorageError::StoreExists(code)) } else { Ok(()) }
        })
        .await
    }

    async fn add_terminal(&self, store: &str, terminal: &str, token_hash: &str) -> Result<(), StorageError> {
        check_code("terminal", terminal)?;
        let (store, terminal, token_hash) = (store.to_owned(), terminal.to_owned(), token_hash.to_owned());
        self.with(move |c| {
            let known: bool =
                c.query_row("SELECT EXISTS (SELECT 1 FROM stores WHERE code = ?1)", [&store], |r| r.get(0))?;
            if !known {
                return Err(StorageError::UnknownStore(store));
            }
            let n = c.execute(
                "INSERT INTO terminals (store, terminal, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT DO NOTHING",
                params![store, terminal, token_hash, now()],
            )?;
            if n == 0 { Err(StorageError::TerminalExists { store, terminal }) } else { Ok(()) }
        })
        .await
    }

    async fn token_hash(&self, store: &str, terminal: &str) -> Result<Option<String>, StorageError> {
        let (store, terminal) = (store.to_owned(), terminal.to_owned());
        self.with(move |c| {
            Ok(c.query_row(
                "SELECT token_hash FROM terminals WHERE store = ?1 AND terminal = ?2",
                params![store, terminal],
                |r| r.get(0),
            )
            .optional()?)
        })
        .await
    }

    async fn ingest(
        &self,
        origin: &Origin,
        batch: Vec<Incoming>,
        ledger_seq: Option<u64>,
    ) -> Result<IngestOutcome, StorageError> {
        let origin = origin.clone();
        self.with(move |c| ingest(c, &origin, &batch, ledger_seq)).await
    }

    async fn changes(&self, store: &str, since: u64, limit: u32) -> Result<ChangePage, StorageError> {
        let store = store.to_owned();
        self.with(move |c| changes(c, &store, since, limit)).await
    }

    async fn put_products(&self, products: &[ProductRecord]) -> Result<(), StorageError> {
        let products = products.to_vec();
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let first = take_numbers(&tx, products.len())?;
            let mut st = tx.prepare(
                "INSERT INTO products (sku, name, category, unit, price, tax_class, price_includes_tax,
                     sold_by_weight, active, barcodes, change_no)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,
                     unit = excluded.unit, price = excluded.price, tax_class = excluded.tax_class,
                     price_includes_tax = excluded.price_includes_tax,
                     sold_by_weight = excluded.sold_by_weight, active = excluded.active,
                     barcodes = excluded.barcodes, change_no = excluded.change_no",
            )?;
            for (k, p) in products.iter().enumerate() {
                st.execute(params![
                    p.sku,
                    p.name,
                    p.category,
                    p.unit,
                    p.price,
                    p.tax_class,
                    p.price_includes_tax,
                    p.sold_by_weight,
                    p.active,
                    serde_json::to_string(&p.barcodes).expect("strings serialise"),
                    first + k as u64
                ])?;
            }
            drop(st);
            Ok(tx.commit()?)
        })
        .await
    }

    async fn tax_classes(&self) -> Result<Vec<TaxClassRecord>, StorageError> {
        self.with(|c| {
            let mut st = c.prepare("SELECT code, rate_bp FROM tax_classes ORDER BY code")?;
            let rows = st.query_map([], |r| Ok(TaxClassRecord { code: r.get(0)?, rate_bp: r.get(1)? }))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }

    async fn put_tax_class(&self, t: &TaxClassRecord) -> Result<(), StorageError> {
        let t = t.clone();
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let n = take_numbers(&tx, 1)?;
            tx.execute(
                "INSERT INTO tax_classes (code, rate_bp, change_no) VALUES (?1, ?2, ?3)
                 ON CONFLICT (code) DO UPDATE SET rate_bp = excluded.rate_bp, change_no = excluded.change_no",
                params![t.code, t.rate_bp, n],
            )?;
            Ok(tx.commit()?)
        })
        .await
    }

    async fn put_quick_keys(&self, keys: &[QuickKeyRecord]) -> Result<(), StorageError> {
        let keys = serde_json::to_string(keys).expect("quick keys serialise");
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let n = take_numbers(&tx, 1)?;
            tx.execute(
                "INSERT INTO quick_keys (id, keys, change_no) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET keys = excluded.keys, change_no = excluded.change_no",
                params![keys, n],
            )?;
            Ok(tx.commit()?)
        })
        .await
    }

    async fn record_stock(&self, e: &StockEntry) -> Result<i64, StorageError> {
        let e = e.clone();
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let known: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM stores WHERE code = ?1)", [&e.store], |r| {
                    r.get(0)
                })?;
            if !known {
                return Err(StorageError::UnknownStore(e.store));
            }
            tx.execute(
                "INSERT INTO stock_movements (store, sku, quantity_milli, kind, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![e.store, e.sku, e.quantity_milli, e.kind.code(), e.note, now()],
            )?;
            let n = take_numbers(&tx, 1)?;
            let level: i64 = tx.query_row(
                "INSERT INTO stock_levels (store, sku, quantity_milli, change_no) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (store, sku) DO UPDATE SET
                     quantity_milli = quantity_milli + excluded.quantity_milli, change_no = excluded.change_no
                 RETURNING quantity_milli",
                params![e.store, e.sku, e.quantity_milli, n],
                |r| r.get(0),
            )?;
            tx.commit()?;
            Ok(level)
        })
        .await
    }

    async fn stock(&self, store: &str) -> Result<Vec<(String, i64)>, StorageError> {
        let store = store.to_owned();
        self.with(move |c| {
            let mut st =
                c.prepare("SELECT sku, quantity_milli FROM stock_levels WHERE store = ?1 ORDER BY sku")?;
            let rows = st.query_map([store], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }

    async fn sales_report(&self, q: &ReportQuery) -> Result<Vec<ReportRow>, StorageError> {
        let q = q.clone();
        self.with(move |c| {
            let (key, group) = report_key(q.by);
            let sql = format!(
                "SELECT {key}, COUNT(DISTINCT store || '-' || terminal || '-' || seq), SUM(quantity_milli),
                     SUM(net), SUM(tax), SUM(gross)
                 FROM sales_lines
                 WHERE business_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR store = ?3)
                 GROUP BY {group} ORDER BY 1"
            );
            let mut st = c.prepare(&sql)?;
            let rows = st.query_map(params![q.from.to_string(), q.to.to_string(), q.store], |r| {
                Ok(ReportRow {
                    key: r.get(0)?,
                    documents: r.get(1)?,
                    quantity_milli: r.get(2)?,
                    net: r.get(3)?,
                    tax: r.get(4)?,
                    gross: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }

    async fn terminals(&self) -> Result<Vec<TerminalStatus>, StorageError> {
        self.with(|c| {
            let mut st = c.prepare(
                "SELECT store, terminal, last_seq, ledger_seq, grand_total, last_contact, last_document_at,
                     (SELECT COUNT(*) FROM rejected_documents r
                      WHERE r.store = terminals.store AND r.terminal = terminals.terminal)
                 FROM terminals ORDER BY store, terminal",
            )?;
            let rows = st.query_map([], |r| {
                let contact: Option<String> = r.get(5)?;
                Ok(TerminalStatus {
                    store: r.get(0)?,
                    terminal: r.get(1)?,
                    last_seq: r.get(2)?,
                    ledger_seq: r.get(3)?,
                    grand_total: r.get(4)?,
                    last_contact: contact.and_then(|t| t.parse().ok()),
                    last_document_at: r.get(6)?,
                    rejected: r.get(7)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }

    async fn rejected(&self) -> Result<Vec<RejectedDocument>, StorageError> {
        self.with(|c| {
            let mut st = c.prepare(
                "SELECT store, terminal, seq, hash, kind, reason, received_at FROM rejected_documents
                 ORDER BY received_at, store, terminal, seq",
            )?;
            let rows = st.query_map([], |r| {
                let at: String = r.get(6)?;
                Ok(RejectedDocument {
                    store: r.get(0)?,
                    terminal: r.get(1)?,
                    seq: r.get(2)?,
                    hash: r.get(3)?,
                    kind: r.get(4)?,
                    reason: r.get(5)?,
                    received_at: at.parse().unwrap_or_default(),
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }

    async fn sale_for_return(&self, store: &str, receipt: &str) -> Result<Option<SaleLookup>, StorageError> {
        let (store, receipt) = (store.to_owned(), receipt.to_owned());
        self.with(move |c| {
            let Some(document) = c
                .query_row(
                    "SELECT seq, hash, canonical FROM documents
                     WHERE store = ?1 AND receipt_number = ?2 AND kind = 'sale'",
                    params![store, receipt],
                    |r| Ok(PushedDocument { seq: r.get(0)?, hash: r.get(1)?, canonical: r.get(2)? }),
                )
                .optional()?
            else {
                return Ok(None);
            };
            let mut st = c.prepare(
                "SELECT terminal, kind, canonical FROM documents WHERE store = ?1 AND refers_to = ?2
                 ORDER BY terminal, seq",
            )?;
            let referring: Vec<(String, String, String)> = st
                .query_map(params![store, receipt], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            let referring: Vec<(String, &str, String)> =
                referring.iter().map(|(t, k, c)| (t.clone(), k.as_str(), c.clone())).collect();
            Ok(Some(sale_lookup(document, &referring)))
        })
        .await
    }
}
