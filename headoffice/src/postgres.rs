//! Head office storage on PostgreSQL, for production. A batch is written with one statement
//! per table (arrays unnested server-side), so a push costs a handful of round trips however
//! many documents it carries.

use std::collections::HashMap;
use std::str::FromStr;

use async_trait::async_trait;
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
    include_str!("../migrations/postgres/0001_headoffice.sql"),
    include_str!("../migrations/postgres/0002_users.sql"),
    include_str!("../migrations/postgres/0003_tax_dpp.sql"),
    include_str!("../migrations/postgres/0004_enrolment.sql"),
    include_str!("../migrations/postgres/0005_supervisor.sql"),
    include_str!("../migrations/postgres/0006_security_events.sql"),
    include_str!("../migrations/postgres/0007_receipt_lines.sql"),
];

pub struct PgStorage {
    pool: Pool,
}

impl PgStorage {
    /// Runs `statement` on an existing user (`$1` code, `$2` a new change number, then
    /// `more`) in a transaction of its own.
    async fn change_user(
        &self,
        code: &str,
        statement: &str,
        more: &[&(dyn ToSql + Sync)],
    ) -> Result<(), StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let n = take_numbers(&tx, 1).await?;
        let mut values: Vec<&(dyn ToSql + Sync)> = vec![&code, &n];
        values.extend_from_slice(more);
        if tx.execute(statement, &values).await? == 0 {
            return Err(StorageError::UnknownUser(code.to_owned()));
        }
        Ok(tx.commit().await?)
    }

    /// Connects (pool of up to `max_connections`) and applies any missing migrations.
    pub async fn connect(url: &str, max_connections: usize) -> Result<PgStorage, StorageError> {
        let config = tokio_postgres::Config::from_str(url)
            .map_err(|e| StorageError::Invalid(format!("database URL: {e}")))?;
        let manager =
            Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager)
            .max_size(max_connections)
            .build()
            .map_err(|e| StorageError::Database(e.to_string()))?;
        let storage = PgStorage { pool };
        storage.migrate().await?;
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

/// Every row of a statement, mapped.
async fn all<T>(
    c: &impl GenericClient,
    sql: &str,
    params: &Params<'_>,
    map: impl Fn(&tokio_postgres::Row) -> Result<T, StorageError>,
) -> Result<Vec<T>, StorageError> {
    c.query(sql, params).await?.iter().map(map).collect()
}

/// The row of a statement, mapped, if there is one.
async fn first<T>(
    c: &impl GenericClient,
    sql: &str,
    params: &Params<'_>,
    map: impl Fn(&tokio_postgres::Row) -> Result<T, StorageError>,
) -> Result<Option<T>, StorageError> {
    c.query_opt(sql, params).await?.as_ref().map(map).transpose()
}

/// The one value a statement returns.
async fn scalar<T: rows::Value>(
    c: &impl GenericClient,
    sql: &str,
    params: &Params<'_>,
) -> Result<T, StorageError> {
    rows::Row::get(&c.query_one(sql, params).await?, 0)
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

async fn stores_known(tx: &impl GenericClient, stores: &[String]) -> Result<(), StorageError> {
    for store in stores {
        if !store_known(tx, store).await? {
            return Err(StorageError::UnknownStore(store.clone()));
        }
    }
    Ok(())
}

/// The user works in exactly `stores` from now on.
async fn join_stores(tx: &impl GenericClient, code: &str, stores: &[String]) -> Result<(), StorageError> {
    tx.execute(rows::LEAVE_STORES, &[&code]).await?;
    for store in stores {
        tx.execute(rows::JOIN_STORE, &[&code, store]).await?;
    }
    Ok(())
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[async_trait]
impl Storage for PgStorage {
    async fn add_store(&self, code: &str, name: &str) -> Result<(), StorageError> {
        check_code("store", code)?;
        let client = self.pool.get().await?;
        let n = client
            .execute(
                "INSERT INTO stores (code, name, created_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING",
                &[&code, &name],
            )
            .await?;
        if n == 0 { Err(StorageError::StoreExists(code.to_owned())) } else { Ok(()) }
    }

    async fn add_terminal(&self, store: &str, terminal: &str, token_hash: &str) -> Result<(), StorageError> {
        check_code("terminal", terminal)?;
        let client = self.pool.get().await?;
        if !store_known(&client, store).await? {
            return Err(StorageError::UnknownStore(store.to_owned()));
        }
        let n = client
            .execute(
                "INSERT INTO terminals (store, terminal, token_hash, created_at) VALUES ($1, $2, $3, now())
                 ON CONFLICT DO NOTHING",
                &[&store, &terminal, &token_hash],
            )
            .await?;
        if n == 0 {
            Err(StorageError::TerminalExists { store: store.to_owned(), terminal: terminal.to_owned() })
        } else {
            Ok(())
        }
    }

    async fn token_hash(&self, store: &str, terminal: &str) -> Result<Option<String>, StorageError> {
        first(&self.pool.get().await?, rows::TOKEN_HASH, &[&store, &terminal], |r| rows::Row::get(r, 0)).await
    }

    async fn ingest(
        &self,
        origin: &Origin,
        batch: Vec<Incoming>,
        ledger_seq: Option<u64>,
    ) -> Result<IngestOutcome, StorageError> {
        let (store, terminal) = (&origin.store, &origin.terminal);
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let tip = first(
            &tx,
            "SELECT last_seq, last_hash, grand_total FROM terminals WHERE store = $1 AND terminal = $2
             FOR UPDATE",
            &[store, terminal],
            rows::chain_tip,
        )
        .await?
        .ok_or_else(|| StorageError::Invalid(format!("terminal {store}-{terminal} is not known")))?;
        let held_seqs: Vec<i64> = held_sequences(&tip, &batch).into_iter().map(to_i64).collect();
        let mut held = HashMap::new();
        if !held_seqs.is_empty() {
            let sql = "SELECT seq, hash FROM documents WHERE store = $1 AND terminal = $2 AND seq = ANY($3)";
            held.extend(all(&tx, sql, &[store, terminal, &held_seqs], rows::held).await?);
        }
        let plan = plan(origin, tip, &batch, &held);

        let mut docs = DocumentColumns::default();
        let mut lines = LineColumns::default();
        let mut batch_lines: HashMap<u64, Vec<FactLine>> = HashMap::new();
        for &i in &plan.accept {
            let Incoming { pushed, document: d } = &batch[i];
            let h = &d.header;
            docs.push(d, pushed);
            let voided = match voided_seq(d) {
                Some(s) => match batch_lines.get(&s) {
                    Some(l) => l.clone(),
                    None => lines_of(&tx, origin, s).await?,
                },
                None => Vec::new(),
            };
            let facts = fact_lines(d, &voided);
            let (day, hour) = day_and_hour(d);
            for l in &facts {
                lines.push(h.seq, &day, hour, &h.user, d.body.kind(), l);
            }
            batch_lines.insert(h.seq, facts);
        }
        if !docs.seq.is_empty() {
            tx.execute(
                "INSERT INTO documents (store, terminal, seq, kind, receipt_number, created_at, user_code,
                     amount, hash, canonical, refers_to, received_at)
                 SELECT $1, $2, u.*, now() FROM UNNEST($3::bigint[], $4::text[], $5::text[], $6::text[],
                     $7::text[], $8::bigint[], $9::text[], $10::text[], $11::text[]) AS u",
                &[
                    store,
                    terminal,
                    &docs.seq,
                    &docs.kind,
                    &docs.receipt,
                    &docs.created_at,
                    &docs.user,
                    &docs.amount,
                    &docs.hash,
                    &docs.canonical,
                    &docs.refers_to,
                ],
            )
            .await?;
        }
        if !lines.seq.is_empty() {
            tx.execute(
                "INSERT INTO sales_lines (store, terminal, seq, line_no, business_date, hour, cashier, sku,
                     name, quantity_milli, net, tax, gross)
                 SELECT $1, $2, u.* FROM UNNEST($3::bigint[], $4::bigint[], $5::text[], $6::bigint[],
                     $7::text[], $8::text[], $9::text[], $10::bigint[], $11::bigint[], $12::bigint[],
                     $13::bigint[]) AS u",
                &[
                    store,
                    terminal,
                    &lines.seq,
                    &lines.line_no,
                    &lines.day,
                    &lines.hour,
                    &lines.cashier,
                    &lines.sku,
                    &lines.name,
                    &lines.quantity,
                    &lines.net,
                    &lines.tax,
                    &lines.gross,
                ],
            )
            .await?;
            let movement: Vec<i64> = lines.quantity.iter().map(|q| -q).collect();
            tx.execute(
                "INSERT INTO stock_movements (store, sku, quantity_milli, kind, terminal, seq, note, created_at)
                 SELECT $1, u.sku, u.q, 'sale', $2, u.seq, u.note, now()
                 FROM UNNEST($3::text[], $4::bigint[], $5::bigint[], $6::text[]) AS u (sku, q, seq, note)",
                &[store, terminal, &lines.sku, &movement, &lines.seq, &lines.kind],
            )
            .await?;
        }
        let deltas = stock_deltas(batch_lines.values().flatten());
        if !deltas.is_empty() {
            let first_no = take_numbers(&tx, deltas.len()).await?;
            let skus: Vec<&str> = deltas.iter().map(|(s, _)| s.as_str()).collect();
            let qs: Vec<i64> = deltas.iter().map(|(_, q)| *q).collect();
            let ns: Vec<i64> = (0..deltas.len() as i64).map(|k| first_no + k).collect();
            tx.execute(
                "INSERT INTO stock_levels (store, sku, quantity_milli, change_no)
                 SELECT $1, u.sku, u.q, u.n FROM UNNEST($2::text[], $3::bigint[], $4::bigint[]) AS u (sku, q, n)
                 ON CONFLICT (store, sku) DO UPDATE SET
                     quantity_milli = stock_levels.quantity_milli + excluded.quantity_milli,
                     change_no = excluded.change_no",
                &[store, &skus, &qs, &ns],
            )
            .await?;
        }
        if let Some((i, r)) = &plan.refusal {
            let p = &batch[*i].pushed;
            tx.execute(
                "INSERT INTO rejected_documents (store, terminal, seq, hash, kind, reason, canonical, received_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, now()) ON CONFLICT DO NOTHING",
                &[store, terminal, &to_i64(p.seq), &p.hash, &r.kind.code(), &r.reason, &p.canonical],
            )
            .await?;
        }
        let newest =
            plan.accept.last().map(|&i| canonical_time::format(&batch[i].document.header.created_at));
        tx.execute(
            "UPDATE terminals SET last_seq = $3, last_hash = $4, grand_total = $5, last_contact = now(),
                 last_document_at = COALESCE($6, last_document_at), ledger_seq = COALESCE($7, ledger_seq)
             WHERE store = $1 AND terminal = $2",
            &[
                store,
                terminal,
                &to_i64(plan.tip.seq),
                &plan.tip.hash,
                &plan.tip.grand_total,
                &newest,
                &ledger_seq.map(to_i64),
            ],
        )
        .await?;
        tx.commit().await?;
        Ok(IngestOutcome {
            acknowledged: plan.tip.seq,
            stored: plan.accept.len() as u32,
            already_stored: plan.already_stored,
            refusal: plan.refusal.map(|(_, r)| r),
        })
    }

    async fn changes(&self, store: &str, since: u64, limit: u32) -> Result<ChangePage, StorageError> {
        let limit = limit.clamp(1, MAX_PAGE);
        let mut client = self.pool.get().await?;
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let ceiling: u64 = rows::unsigned(&tx.query_one(CEILING, &[]).await?, 0)?;
        let (s, c, l) = (to_i64(since), to_i64(ceiling), limit as i64);
        let params: [&(dyn ToSql + Sync); 4] = [&s, &c, &l, &store];
        let mut parts = Vec::new();
        for table in Table::ALL {
            parts.push(all(&tx, table.sql(), &params[..table.params()], |r| table.change(r)).await?);
        }
        tx.commit().await?;
        Ok(merge_page(parts, limit, ceiling, since))
    }

    async fn put_products(&self, products: &[ProductRecord]) -> Result<(), StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let first_no = take_numbers(&tx, products.len()).await?;
        let column = |f: fn(&ProductRecord) -> String| products.iter().map(f).collect::<Vec<String>>();
        let flags = |f: fn(&ProductRecord) -> bool| products.iter().map(f).collect::<Vec<bool>>();
        let prices: Vec<i64> = products.iter().map(|p| p.price).collect();
        let barcodes = products.iter().map(|p| json(&p.barcodes)).collect::<Result<Vec<String>, _>>()?;
        let numbers: Vec<i64> = (0..products.len() as i64).map(|k| first_no + k).collect();
        tx.execute(
            "INSERT INTO products (sku, name, category, unit, price, tax_class, price_includes_tax,
                 sold_by_weight, active, barcodes, change_no)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[],
                 $7::bool[], $8::bool[], $9::bool[], $10::text[], $11::bigint[])
             ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,
                 unit = excluded.unit, price = excluded.price, tax_class = excluded.tax_class,
                 price_includes_tax = excluded.price_includes_tax, sold_by_weight = excluded.sold_by_weight,
                 active = excluded.active, barcodes = excluded.barcodes, change_no = excluded.change_no",
            &[
                &column(|p| p.sku.clone()),
                &column(|p| p.name.clone()),
                &column(|p| p.category.clone()),
                &column(|p| p.unit.clone()),
                &prices,
                &column(|p| p.tax_class.clone()),
                &flags(|p| p.price_includes_tax),
                &flags(|p| p.sold_by_weight),
                &flags(|p| p.active),
                &barcodes,
                &numbers,
            ],
        )
        .await?;
        Ok(tx.commit().await?)
    }

    async fn tax_classes(&self) -> Result<Vec<TaxClassRecord>, StorageError> {
        all(&self.pool.get().await?, rows::TAX_CLASSES, &[], |r| rows::tax_class(r, 0)).await
    }

    async fn put_tax_class(&self, t: &TaxClassRecord) -> Result<(), StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let n = take_numbers(&tx, 1).await?;
        tx.execute(
            "INSERT INTO tax_classes (code, rate_bp, dpp, change_no) VALUES ($1, $2, $3, $4)
             ON CONFLICT (code) DO UPDATE SET rate_bp = excluded.rate_bp, dpp = excluded.dpp,
                 change_no = excluded.change_no",
            &[&t.code, &(t.rate_bp as i64), &t.dpp.to_string(), &n],
        )
        .await?;
        Ok(tx.commit().await?)
    }

    async fn put_quick_keys(&self, keys: &[QuickKeyRecord]) -> Result<(), StorageError> {
        let keys = json(&keys)?;
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let n = take_numbers(&tx, 1).await?;
        tx.execute(
            "INSERT INTO quick_keys (id, keys, change_no) VALUES (1, $1, $2)
             ON CONFLICT (id) DO UPDATE SET keys = excluded.keys, change_no = excluded.change_no",
            &[&keys, &n],
        )
        .await?;
        Ok(tx.commit().await?)
    }

    async fn record_stock(&self, e: &StockEntry) -> Result<i64, StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        if !store_known(&tx, &e.store).await? {
            return Err(StorageError::UnknownStore(e.store.clone()));
        }
        tx.execute(
            "INSERT INTO stock_movements (store, sku, quantity_milli, kind, note, created_at)
             VALUES ($1, $2, $3, $4, $5, now())",
            &[&e.store, &e.sku, &e.quantity_milli, &e.kind.code(), &e.note],
        )
        .await?;
        let n = take_numbers(&tx, 1).await?;
        let level: i64 = scalar(
            &tx,
            "INSERT INTO stock_levels (store, sku, quantity_milli, change_no) VALUES ($1, $2, $3, $4)
             ON CONFLICT (store, sku) DO UPDATE SET
                 quantity_milli = stock_levels.quantity_milli + excluded.quantity_milli,
                 change_no = excluded.change_no
             RETURNING quantity_milli",
            &[&e.store, &e.sku, &e.quantity_milli, &n],
        )
        .await?;
        tx.commit().await?;
        Ok(level)
    }

    async fn stock(&self, store: &str) -> Result<Vec<(String, i64)>, StorageError> {
        all(&self.pool.get().await?, rows::STOCK, &[&store], rows::stock_level).await
    }

    async fn sales_report(&self, q: &ReportQuery) -> Result<Vec<ReportRow>, StorageError> {
        let (key, group) = rows::report_key(q.by);
        let sql = format!(
            "SELECT {key}, COUNT(DISTINCT (store, terminal, seq)), SUM(quantity_milli)::bigint,
                 SUM(net)::bigint, SUM(tax)::bigint, SUM(gross)::bigint
             FROM sales_lines
             WHERE business_date BETWEEN $1 AND $2 AND ($3::text IS NULL OR store = $3)
             GROUP BY {group} ORDER BY 1"
        );
        let params: &Params = &[&q.from.to_string(), &q.to.to_string(), &q.store];
        all(&self.pool.get().await?, &sql, params, rows::report_row).await
    }

    async fn terminals(&self) -> Result<Vec<TerminalStatus>, StorageError> {
        all(&self.pool.get().await?, rows::TERMINALS, &[], rows::terminal_status).await
    }

    async fn rejected(&self) -> Result<Vec<RejectedDocument>, StorageError> {
        all(&self.pool.get().await?, rows::REJECTED, &[], rows::rejected_document).await
    }

    async fn record_security_events(
        &self,
        origin: &Origin,
        events: &[NewSecurityEvent],
    ) -> Result<kasir_core::wire::SecurityEventAck, StorageError> {
        let (store, terminal) = (&origin.store, &origin.terminal);
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let received = Utc::now();
        let insert = tx.prepare(rows::INSERT_SECURITY_EVENT).await?;
        let mut stored = 0u32;
        for e in events {
            let n = tx
                .execute(
                    &insert,
                    &[store, terminal, &to_i64(e.id), &e.at, &e.user_code, &e.event, &e.place, &received],
                )
                .await?;
            stored += n as u32;
        }
        let acknowledged: u64 =
            rows::unsigned(&tx.query_one(rows::SECURITY_EVENTS_HELD, &[store, terminal]).await?, 0)?;
        tx.commit().await?;
        Ok(kasir_core::wire::SecurityEventAck {
            acknowledged,
            stored,
            already_stored: events.len() as u32 - stored,
        })
    }

    async fn security_events(
        &self,
        store: Option<&str>,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<StoredSecurityEvent>, StorageError> {
        // Year 1: before every time a terminal can have written, and within PostgreSQL's range.
        let since = since.or(DateTime::from_timestamp(-62_135_596_800, 0)).unwrap_or(DateTime::UNIX_EPOCH);
        all(&self.pool.get().await?, rows::SECURITY_EVENTS, &[&store, &since], rows::security_event).await
    }

    async fn sale_for_return(&self, store: &str, receipt: &str) -> Result<Option<SaleLookup>, StorageError> {
        let client = self.pool.get().await?;
        let Some(document) = first(&client, rows::SALE, &[&store, &receipt], rows::pushed_document).await?
        else {
            return Ok(None);
        };
        let referring = all(&client, rows::REFERRING, &[&store, &receipt], rows::referring).await?;
        Ok(Some(sale_lookup(document, &referring)))
    }

    async fn add_user(&self, u: &NewUser) -> Result<(), StorageError> {
        check_new_user(u)?;
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        stores_known(&tx, &u.stores).await?;
        let n = take_numbers(&tx, 1).await?;
        let inserted =
            tx.execute(rows::INSERT_USER, &[&u.code, &u.name, &u.role.code(), &u.pin_hash, &n]).await?;
        if inserted == 0 {
            return Err(StorageError::UserExists(u.code.clone()));
        }
        join_stores(&tx, &u.code, &u.stores).await?;
        Ok(tx.commit().await?)
    }

    async fn set_user_stores(&self, code: &str, stores: &[String]) -> Result<(), StorageError> {
        check_user_stores(code, stores)?;
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        if !scalar::<bool>(&tx, rows::USER_KNOWN, &[&code]).await? {
            return Err(StorageError::UnknownUser(code.to_owned()));
        }
        stores_known(&tx, stores).await?;
        let n = take_numbers(&tx, 1).await?;
        join_stores(&tx, code, stores).await?;
        tx.execute(rows::TOUCH_USER, &[&code, &n]).await?;
        Ok(tx.commit().await?)
    }

    async fn deactivate_user(&self, code: &str) -> Result<(), StorageError> {
        self.change_user(code, rows::DEACTIVATE_USER, &[]).await
    }

    async fn set_user_pin(&self, code: &str, pin_hash: &str) -> Result<(), StorageError> {
        check_pin_hash(code, pin_hash)?;
        self.change_user(code, rows::SET_USER_PIN, &[&pin_hash]).await
    }

    async fn users(&self, store: Option<&str>) -> Result<Vec<UserSummary>, StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let users = all(&tx, rows::USERS, &[], rows::user_summary).await?;
        let memberships = all(&tx, rows::USER_STORES, &[], rows::user_store).await?;
        tx.commit().await?;
        Ok(rows::user_list(users, memberships, store))
    }

    async fn store(&self, code: &str) -> Result<Option<StoreIdentity>, StorageError> {
        first(&self.pool.get().await?, rows::STORE, &[&code], rows::store_identity).await
    }

    async fn set_store(&self, code: &str, change: &StoreChange) -> Result<(), StorageError> {
        change.check(code)?;
        let header = change.receipt_header.as_ref().map(json).transpose()?;
        let footer = change.receipt_footer.as_ref().map(json).transpose()?;
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let n = tx
            .execute(
                rows::SET_STORE,
                &[&code, &change.name, &change.address, &change.npwp, &change.utc_offset, &change.currency],
            )
            .await?;
        if n == 0 {
            return Err(StorageError::UnknownStore(code.to_owned()));
        }
        if change.changes_receipt_lines() {
            let number = take_numbers(&tx, 1).await?;
            tx.execute(rows::SET_RECEIPT_LINES, &[&code, &header, &footer, &number]).await?;
        }
        Ok(tx.commit().await?)
    }

    async fn issue_enrolment_code(
        &self,
        store: &str,
        terminal: &str,
        code_hash: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        // The terminal's row is locked: two codes issued at once leave one of them working.
        let known = tx
            .query_opt(
                "SELECT 1 FROM terminals WHERE store = $1 AND terminal = $2 FOR UPDATE",
                &[&store, &terminal],
            )
            .await?;
        if known.is_none() {
            return Err(StorageError::UnknownTerminal {
                store: store.to_owned(),
                terminal: terminal.to_owned(),
            });
        }
        let now = Utc::now();
        tx.execute(rows::REPLACE_CODES, &[&store, &terminal, &now]).await?;
        tx.execute(rows::INSERT_CODE, &[&code_hash, &store, &terminal, &now, &expires_at]).await?;
        Ok(tx.commit().await?)
    }

    async fn enrolment_terminal(&self, code_hash: &str) -> Result<Origin, StorageError> {
        first(&self.pool.get().await?, rows::ENROLMENT_CODE, &[&code_hash], rows::enrolment_code)
            .await?
            .ok_or(StorageError::Enrolment(EnrolRefusal::Unknown))?
            .check(Utc::now())
    }

    async fn enrol(
        &self,
        code_hash: &str,
        origin: &Origin,
        token_hash: &str,
    ) -> Result<StoreIdentity, StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        // The code's row stays locked until the end: a second enrolment with it waits, then
        // finds it used.
        let sql = format!("{} FOR UPDATE", rows::ENROLMENT_CODE);
        let code = first(&tx, &sql, &[&code_hash], rows::enrolment_code)
            .await?
            .ok_or(StorageError::Enrolment(EnrolRefusal::Unknown))?;
        if &code.check(Utc::now())? != origin {
            return Err(StorageError::Enrolment(EnrolRefusal::Unknown));
        }
        if tx.execute(rows::USE_CODE, &[&code_hash, &Utc::now()]).await? != 1 {
            return Err(StorageError::Enrolment(EnrolRefusal::Used));
        }
        tx.execute(rows::SET_TOKEN_HASH, &[&origin.store, &origin.terminal, &token_hash]).await?;
        let store = first(&tx, rows::STORE, &[&origin.store], rows::store_identity)
            .await?
            .ok_or_else(|| StorageError::UnknownStore(origin.store.clone()))?;
        tx.commit().await?;
        Ok(store)
    }
}

async fn lines_of(tx: &impl GenericClient, origin: &Origin, seq: u64) -> Result<Vec<FactLine>, StorageError> {
    all(tx, rows::LINES, &[&origin.store, &origin.terminal, &to_i64(seq)], rows::fact_line).await
}

/// The documents of a batch, column by column, for one `UNNEST` insert.
#[derive(Default)]
struct DocumentColumns {
    seq: Vec<i64>,
    kind: Vec<&'static str>,
    receipt: Vec<String>,
    created_at: Vec<String>,
    user: Vec<String>,
    amount: Vec<i64>,
    hash: Vec<String>,
    canonical: Vec<String>,
    refers_to: Vec<Option<String>>,
}

impl DocumentColumns {
    fn push(&mut self, d: &kasir_core::document::Document, p: &PushedDocument) {
        let h = &d.header;
        self.seq.push(to_i64(h.seq));
        self.kind.push(d.body.kind());
        self.receipt.push(h.receipt_number.clone());
        self.created_at.push(canonical_time::format(&h.created_at));
        self.user.push(h.user.clone());
        self.amount.push(d.body.amount());
        self.hash.push(p.hash.clone());
        self.canonical.push(p.canonical.clone());
        self.refers_to.push(refers_to(d));
    }
}

/// Sales lines of a batch, column by column.
#[derive(Default)]
struct LineColumns {
    seq: Vec<i64>,
    line_no: Vec<i64>,
    day: Vec<String>,
    hour: Vec<i64>,
    cashier: Vec<String>,
    kind: Vec<&'static str>,
    sku: Vec<String>,
    name: Vec<String>,
    quantity: Vec<i64>,
    net: Vec<i64>,
    tax: Vec<i64>,
    gross: Vec<i64>,
}

impl LineColumns {
    fn push(&mut self, seq: u64, day: &str, hour: u32, cashier: &str, kind: &'static str, l: &FactLine) {
        self.seq.push(to_i64(seq));
        self.line_no.push(l.line_no as i64);
        self.day.push(day.to_owned());
        self.hour.push(hour as i64);
        self.cashier.push(cashier.to_owned());
        self.kind.push(kind);
        self.sku.push(l.sku.clone());
        self.name.push(l.name.clone());
        self.quantity.push(l.quantity_milli);
        self.net.push(l.net);
        self.tax.push(l.tax);
        self.gross.push(l.gross);
    }
}
