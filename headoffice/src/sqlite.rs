//! Head office storage in one SQLite file: the embedded default. Writers are serialised by
//! SQLite itself; every call runs on tokio's blocking pool with the one connection.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use kasir_core::chain::Origin;
use kasir_core::wire::{
    ChangePage, ProductRecord, QuickKeyRecord, SaleLookup, StoreIdentity, TaxClassRecord,
};
use rusqlite::{CachedStatement, Connection, OptionalExtension, Params, ToSql, TransactionBehavior, params};

use crate::feed::{CEILING, MAX_PAGE, Table, merge_page};
use crate::ingest::{
    FactLine, day_and_hour, fact_lines, held_sequences, plan, refers_to, sale_lookup, stock_deltas,
    voided_seq,
};
use crate::rows::{self, json};
use crate::storage::*;

const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/sqlite/0001_headoffice.sql"),
    include_str!("../migrations/sqlite/0002_users.sql"),
    include_str!("../migrations/sqlite/0003_tax_dpp.sql"),
    include_str!("../migrations/sqlite/0004_enrolment.sql"),
    include_str!("../migrations/sqlite/0005_supervisor.sql"),
    include_str!("../migrations/sqlite/0006_security_events.sql"),
    include_str!("../migrations/sqlite/0007_receipt_lines.sql"),
];

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

/// A security event's time as kept: UTC, microseconds, always the same width, so that text
/// order is time order.
fn event_time(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Hands out `n` change numbers; the first is returned.
fn take_numbers(tx: &Connection, n: usize) -> Result<u64, StorageError> {
    let last: u64 = tx.query_row(&sql(rows::TAKE_NUMBERS), [n as i64], |r| r.get(0))?;
    Ok(last + 1 - n as u64)
}

fn store_known(c: &Connection, store: &str) -> Result<bool, StorageError> {
    Ok(c.query_row(&sql(rows::STORE_KNOWN), [store], |r| r.get(0))?)
}

fn user_known(c: &Connection, code: &str) -> Result<bool, StorageError> {
    Ok(c.query_row(&sql(rows::USER_KNOWN), [code], |r| r.get(0))?)
}

/// Every store named is known to head office.
fn stores_known(c: &Connection, stores: &[String]) -> Result<(), StorageError> {
    for store in stores {
        if !store_known(c, store)? {
            return Err(StorageError::UnknownStore(store.clone()));
        }
    }
    Ok(())
}

/// The user works in exactly `stores` from now on.
fn join_stores(tx: &Connection, code: &str, stores: &[String]) -> Result<(), StorageError> {
    prepared(tx, rows::LEAVE_STORES)?.execute([code])?;
    let mut st = prepared(tx, rows::JOIN_STORE)?;
    for store in stores {
        st.execute([code, store])?;
    }
    Ok(())
}

/// Runs `statement` on an existing user (`?1` code, `?2` a new change number, then `more`) in
/// a transaction of its own.
fn change_user(
    c: &mut Connection,
    code: &str,
    statement: &str,
    more: &[&dyn ToSql],
) -> Result<(), StorageError> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let n = take_numbers(&tx, 1)?;
    let mut values: Vec<&dyn ToSql> = vec![&code, &n];
    values.extend_from_slice(more);
    let changed = prepared(&tx, statement)?.execute(&values[..])?;
    if changed == 0 {
        return Err(StorageError::UnknownUser(code.to_owned()));
    }
    Ok(tx.commit()?)
}

fn lines_of(tx: &Connection, origin: &Origin, seq: u64) -> Result<Vec<FactLine>, StorageError> {
    all(&mut prepared(tx, rows::LINES)?, params![origin.store, origin.terminal, seq], rows::fact_line)
}

fn ingest(
    c: &mut Connection,
    origin: &Origin,
    batch: &[Incoming],
    ledger_seq: Option<u64>,
) -> Result<IngestOutcome, StorageError> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let tip = first(
        &mut tx.prepare_cached(
            "SELECT last_seq, last_hash, grand_total FROM terminals WHERE store = ?1 AND terminal = ?2",
        )?,
        params![origin.store, origin.terminal],
        rows::chain_tip,
    )?
    .ok_or_else(|| {
        StorageError::Invalid(format!("terminal {}-{} is not known", origin.store, origin.terminal))
    })?;
    let mut held = HashMap::new();
    {
        let mut st = tx.prepare_cached(
            "SELECT seq, hash FROM documents WHERE store = ?1 AND terminal = ?2 AND seq = ?3",
        )?;
        for seq in held_sequences(&tip, batch) {
            held.extend(first(&mut st, params![origin.store, origin.terminal, seq], rows::held)?);
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
        let first_no = take_numbers(&tx, deltas.len())?;
        let mut st = tx.prepare_cached(
            "INSERT INTO stock_levels (store, sku, quantity_milli, change_no) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (store, sku) DO UPDATE SET
                 quantity_milli = quantity_milli + excluded.quantity_milli, change_no = excluded.change_no",
        )?;
        for (k, (sku, q)) in deltas.iter().enumerate() {
            st.execute(params![origin.store, sku, q, first_no + k as u64])?;
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
    let ceiling: u64 = tx.query_row(CEILING, [], |r| r.get(0))?;
    let params: [&dyn ToSql; 4] = [&since, &ceiling, &limit, &store];
    let mut parts = Vec::new();
    for table in Table::ALL {
        parts.push(all(&mut prepared(&tx, table.sql())?, &params[..table.params()], |r| table.change(r))?);
    }
    Ok(merge_page(parts, limit, ceiling, since))
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
            if !store_known(c, &store)? {
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
            Ok(c.query_row(&sql(rows::TOKEN_HASH), [store, terminal], |r| r.get(0)).optional()?)
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
            let first_no = take_numbers(&tx, products.len())?;
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
                    json(&p.barcodes)?,
                    first_no + k as u64
                ])?;
            }
            drop(st);
            Ok(tx.commit()?)
        })
        .await
    }

    async fn tax_classes(&self) -> Result<Vec<TaxClassRecord>, StorageError> {
        self.with(|c| all(&mut prepared(c, rows::TAX_CLASSES)?, [], |r| rows::tax_class(r, 0))).await
    }

    async fn put_tax_class(&self, t: &TaxClassRecord) -> Result<(), StorageError> {
        let t = t.clone();
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let n = take_numbers(&tx, 1)?;
            tx.execute(
                "INSERT INTO tax_classes (code, rate_bp, dpp, change_no) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (code) DO UPDATE SET rate_bp = excluded.rate_bp, dpp = excluded.dpp,
                     change_no = excluded.change_no",
                params![t.code, t.rate_bp, t.dpp.to_string(), n],
            )?;
            Ok(tx.commit()?)
        })
        .await
    }

    async fn put_quick_keys(&self, keys: &[QuickKeyRecord]) -> Result<(), StorageError> {
        let keys = json(&keys)?;
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
            if !store_known(&tx, &e.store)? {
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
        self.with(move |c| all(&mut prepared(c, rows::STOCK)?, [store], rows::stock_level)).await
    }

    async fn sales_report(&self, q: &ReportQuery) -> Result<Vec<ReportRow>, StorageError> {
        let q = q.clone();
        self.with(move |c| {
            let (key, group) = rows::report_key(q.by);
            let text = format!(
                "SELECT {key}, COUNT(DISTINCT store || '-' || terminal || '-' || seq), SUM(quantity_milli),
                     SUM(net), SUM(tax), SUM(gross)
                 FROM sales_lines
                 WHERE business_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR store = ?3)
                 GROUP BY {group} ORDER BY 1"
            );
            all(
                &mut c.prepare_cached(&text)?,
                params![q.from.to_string(), q.to.to_string(), q.store],
                rows::report_row,
            )
        })
        .await
    }

    async fn terminals(&self) -> Result<Vec<TerminalStatus>, StorageError> {
        self.with(|c| all(&mut prepared(c, rows::TERMINALS)?, [], rows::terminal_status)).await
    }

    async fn rejected(&self) -> Result<Vec<RejectedDocument>, StorageError> {
        self.with(|c| all(&mut prepared(c, rows::REJECTED)?, [], rows::rejected_document)).await
    }

    async fn record_security_events(
        &self,
        origin: &Origin,
        events: &[NewSecurityEvent],
    ) -> Result<kasir_core::wire::SecurityEventAck, StorageError> {
        let (origin, events) = (origin.clone(), events.to_vec());
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let received = now();
            let mut stored = 0u32;
            {
                let mut st = prepared(&tx, rows::INSERT_SECURITY_EVENT)?;
                for e in &events {
                    let n = st.execute(params![
                        origin.store,
                        origin.terminal,
                        e.id,
                        event_time(&e.at),
                        e.user_code,
                        e.event,
                        e.place,
                        received
                    ])?;
                    stored += n as u32;
                }
            }
            let acknowledged: u64 = tx.query_row(
                &sql(rows::SECURITY_EVENTS_HELD),
                params![origin.store, origin.terminal],
                |r| r.get(0),
            )?;
            tx.commit()?;
            Ok(kasir_core::wire::SecurityEventAck {
                acknowledged,
                stored,
                already_stored: events.len() as u32 - stored,
            })
        })
        .await
    }

    async fn security_events(
        &self,
        store: Option<&str>,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<StoredSecurityEvent>, StorageError> {
        let store = store.map(str::to_owned);
        // Times are kept in one width, so text order is time order; "" is before every time.
        let since = since.as_ref().map(event_time).unwrap_or_default();
        self.with(move |c| {
            all(&mut prepared(c, rows::SECURITY_EVENTS)?, params![store, since], rows::security_event)
        })
        .await
    }

    async fn sale_for_return(&self, store: &str, receipt: &str) -> Result<Option<SaleLookup>, StorageError> {
        let (store, receipt) = (store.to_owned(), receipt.to_owned());
        self.with(move |c| {
            let Some(document) =
                first(&mut prepared(c, rows::SALE)?, [&store, &receipt], rows::pushed_document)?
            else {
                return Ok(None);
            };
            let referring = all(&mut prepared(c, rows::REFERRING)?, [&store, &receipt], rows::referring)?;
            Ok(Some(sale_lookup(document, &referring)))
        })
        .await
    }

    async fn add_user(&self, user: &NewUser) -> Result<(), StorageError> {
        check_new_user(user)?;
        let u = user.clone();
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            stores_known(&tx, &u.stores)?;
            let n = take_numbers(&tx, 1)?;
            let inserted = prepared(&tx, rows::INSERT_USER)?.execute(params![
                u.code,
                u.name,
                u.role.code(),
                u.pin_hash,
                n
            ])?;
            if inserted == 0 {
                return Err(StorageError::UserExists(u.code));
            }
            join_stores(&tx, &u.code, &u.stores)?;
            Ok(tx.commit()?)
        })
        .await
    }

    async fn set_user_stores(&self, code: &str, stores: &[String]) -> Result<(), StorageError> {
        check_user_stores(code, stores)?;
        let (code, stores) = (code.to_owned(), stores.to_vec());
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if !user_known(&tx, &code)? {
                return Err(StorageError::UnknownUser(code));
            }
            stores_known(&tx, &stores)?;
            let n = take_numbers(&tx, 1)?;
            join_stores(&tx, &code, &stores)?;
            prepared(&tx, rows::TOUCH_USER)?.execute(params![code, n])?;
            Ok(tx.commit()?)
        })
        .await
    }

    async fn deactivate_user(&self, code: &str) -> Result<(), StorageError> {
        let code = code.to_owned();
        self.with(move |c| change_user(c, &code, rows::DEACTIVATE_USER, &[])).await
    }

    async fn set_user_pin(&self, code: &str, pin_hash: &str) -> Result<(), StorageError> {
        check_pin_hash(code, pin_hash)?;
        let (code, hash) = (code.to_owned(), pin_hash.to_owned());
        self.with(move |c| change_user(c, &code, rows::SET_USER_PIN, &[&hash])).await
    }

    async fn users(&self, store: Option<&str>) -> Result<Vec<UserSummary>, StorageError> {
        let store = store.map(str::to_owned);
        self.with(move |c| {
            let tx = c.transaction()?;
            let users = all(&mut prepared(&tx, rows::USERS)?, [], rows::user_summary)?;
            let memberships = all(&mut prepared(&tx, rows::USER_STORES)?, [], rows::user_store)?;
            Ok(rows::user_list(users, memberships, store.as_deref()))
        })
        .await
    }

    async fn store(&self, code: &str) -> Result<Option<StoreIdentity>, StorageError> {
        let code = code.to_owned();
        self.with(move |c| first(&mut prepared(c, rows::STORE)?, [&code], rows::store_identity)).await
    }

    async fn set_store(&self, code: &str, change: &StoreChange) -> Result<(), StorageError> {
        change.check(code)?;
        let (code, ch) = (code.to_owned(), change.clone());
        let header = ch.receipt_header.as_ref().map(json).transpose()?;
        let footer = ch.receipt_footer.as_ref().map(json).transpose()?;
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let n = prepared(&tx, rows::SET_STORE)?.execute(params![
                code,
                ch.name,
                ch.address,
                ch.npwp,
                ch.utc_offset,
                ch.currency
            ])?;
            if n == 0 {
                return Err(StorageError::UnknownStore(code));
            }
            if ch.changes_receipt_lines() {
                let number = take_numbers(&tx, 1)?;
                prepared(&tx, rows::SET_RECEIPT_LINES)?.execute(params![code, header, footer, number])?;
            }
            Ok(tx.commit()?)
        })
        .await
    }

    async fn issue_enrolment_code(
        &self,
        store: &str,
        terminal: &str,
        code_hash: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let (store, terminal, hash) = (store.to_owned(), terminal.to_owned(), code_hash.to_owned());
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let known: bool = tx.query_row(&sql(rows::TERMINAL_KNOWN), [&store, &terminal], |r| r.get(0))?;
            if !known {
                return Err(StorageError::UnknownTerminal { store, terminal });
            }
            let now = now();
            prepared(&tx, rows::REPLACE_CODES)?.execute(params![store, terminal, now])?;
            prepared(&tx, rows::INSERT_CODE)?.execute(params![
                hash,
                store,
                terminal,
                now,
                expires_at.to_rfc3339()
            ])?;
            Ok(tx.commit()?)
        })
        .await
    }

    async fn enrolment_terminal(&self, code_hash: &str) -> Result<Origin, StorageError> {
        let hash = code_hash.to_owned();
        self.with(move |c| {
            first(&mut prepared(c, rows::ENROLMENT_CODE)?, [&hash], rows::enrolment_code)?
                .ok_or(StorageError::Enrolment(EnrolRefusal::Unknown))?
                .check(Utc::now())
        })
        .await
    }

    async fn enrol(
        &self,
        code_hash: &str,
        origin: &Origin,
        token_hash: &str,
    ) -> Result<StoreIdentity, StorageError> {
        let (hash, origin, token_hash) = (code_hash.to_owned(), origin.clone(), token_hash.to_owned());
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let code = first(&mut prepared(&tx, rows::ENROLMENT_CODE)?, [&hash], rows::enrolment_code)?
                .ok_or(StorageError::Enrolment(EnrolRefusal::Unknown))?;
            if code.check(Utc::now())? != origin {
                return Err(StorageError::Enrolment(EnrolRefusal::Unknown));
            }
            if prepared(&tx, rows::USE_CODE)?.execute(params![hash, now()])? != 1 {
                return Err(StorageError::Enrolment(EnrolRefusal::Used));
            }
            prepared(&tx, rows::SET_TOKEN_HASH)?.execute(params![
                origin.store,
                origin.terminal,
                token_hash
            ])?;
            let store = first(&mut prepared(&tx, rows::STORE)?, [&origin.store], rows::store_identity)?
                .ok_or_else(|| StorageError::UnknownStore(origin.store.clone()))?;
            tx.commit()?;
            Ok(store)
        })
        .await
    }
}
