use super::*;

use kasir_core::document::Document;

use crate::summary::{KeyedTable, Summary, SummaryRows};

fn lines_of(tx: &Connection, origin: &Origin, seq: u64) -> Result<Vec<FactLine>, StorageError> {
    // A sequence past i64 (a void naming one) holds no lines; SQLite would refuse the number.
    let seq = i64::try_from(seq).unwrap_or(i64::MAX);
    all(&mut prepared(tx, rows::LINES)?, params![origin.store, origin.terminal, seq], rows::fact_line)
}

/// A stored document of the terminal that counted (not set aside), as it was pushed.
fn counted_document(tx: &Connection, origin: &Origin, seq: u64) -> Result<Option<Document>, StorageError> {
    let seq = i64::try_from(seq).unwrap_or(i64::MAX);
    let canonical: Option<String> = first(
        &mut tx.prepare_cached(
            "SELECT canonical FROM documents WHERE store = ?1 AND terminal = ?2 AND seq = ?3 AND set_aside = 0",
        )?,
        params![origin.store, origin.terminal, seq],
        |r| rows::Row::get(r, 0),
    )?;
    canonical.map(|c| crate::summary::parse_stored(&c, seq)).transpose()
}

/// Adds a batch's rows to a keyed summary table: sums added, names as the latest gave them.
fn keyed_upsert(table: KeyedTable) -> String {
    let t = table.table();
    let key = table.key_columns().join(", ");
    let mut columns = vec!["business_date", "store", "terminal"];
    columns.extend(table.key_columns());
    columns.extend(table.latest_columns());
    columns.extend(KeyedTable::SUMMED);
    let values: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = table
        .latest_columns()
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .chain(KeyedTable::SUMMED.iter().map(|c| format!("{c} = {t}.{c} + excluded.{c}")))
        .collect();
    format!(
        "INSERT INTO {t} ({}) VALUES ({}) ON CONFLICT (business_date, store, terminal, {key}) DO UPDATE SET {}",
        columns.join(", "),
        values.join(", "),
        updates.join(", ")
    )
}

/// Adds a batch's summary rows to the summary tables.
fn write_summary(tx: &Connection, origin: &Origin, rows: &SummaryRows) -> Result<(), StorageError> {
    let (store, terminal) = (&origin.store, &origin.terminal);
    let mut st = tx.prepare_cached(
        "INSERT INTO summary_hours (business_date, store, terminal, hour, documents, sales, returns, voids,
             items_milli, net, tax, gross, discounts, returned, voided)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
         ON CONFLICT (business_date, store, terminal, hour) DO UPDATE SET
             documents = documents + excluded.documents, sales = sales + excluded.sales,
             returns = returns + excluded.returns, voids = voids + excluded.voids,
             items_milli = items_milli + excluded.items_milli, net = net + excluded.net,
             tax = tax + excluded.tax, gross = gross + excluded.gross,
             discounts = discounts + excluded.discounts, returned = returned + excluded.returned,
             voided = voided + excluded.voided",
    )?;
    for h in &rows.hours {
        st.execute(params![
            h.business_date,
            store,
            terminal,
            h.hour,
            h.documents,
            h.sales,
            h.returns,
            h.voids,
            h.items_milli,
            h.net,
            h.tax,
            h.gross,
            h.discounts,
            h.returned,
            h.voided
        ])?;
    }
    for table in KeyedTable::ALL {
        let mut st = tx.prepare_cached(&keyed_upsert(table))?;
        for r in table.rows(rows) {
            let mut values: Vec<&dyn ToSql> = vec![&r.business_date, store, terminal, &r.key];
            match table {
                KeyedTable::Taxes => values.push(&r.rate_bp),
                KeyedTable::Products => values.extend([&r.name as &dyn ToSql, &r.category]),
                _ => {}
            }
            values.extend([&r.documents as &dyn ToSql, &r.quantity_milli, &r.net, &r.tax, &r.gross]);
            st.execute(&values[..])?;
        }
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO approvals (store, terminal, seq, n, business_date, receipt, at, action, cashier,
             approver, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING",
    )?;
    for a in &rows.approvals {
        st.execute(params![
            store,
            terminal,
            a.seq,
            a.n,
            a.business_date,
            a.receipt,
            a.at,
            a.action,
            a.cashier,
            a.approver,
            a.reason
        ])?;
    }
    Ok(())
}

fn write_batch(
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
    let sense = super::plausible::sense(&tx, origin, batch)?;
    let plan = plan(origin, tip, batch, &held, &sense);
    let received = now();
    let mut all_lines = Vec::new();
    let mut summary = Summary::default();
    // The batch's documents by sequence, those set aside as None: a void may follow its sale
    // in the batch (whose set-aside mark is written only after the loop).
    let mut counted: HashMap<u64, Option<&Document>> = HashMap::new();
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
            // A set-aside document moves no figures and no stock.
            let lines = if plan.counts(i) { fact_lines(d, &voided) } else { Vec::new() };
            if plan.counts(i) {
                let sale = match voided_seq(d) {
                    Some(s) => match counted.get(&s) {
                        Some(sale) => sale.cloned(),
                        None => counted_document(&tx, origin, s)?,
                    },
                    None => None,
                };
                summary.add(d, &lines, sale.as_ref());
            }
            counted.insert(h.seq, plan.counts(i).then_some(d));
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
    write_summary(&tx, origin, &summary.rows()?)?;
    super::plausible::keep_aside(&tx, origin, batch, &plan, &received)?;
    let newest = plan.newest(batch);
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
    Ok(plan.outcome())
}

fn read_changes(c: &mut Connection, store: &str, since: u64, limit: u32) -> Result<ChangePage, StorageError> {
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

/// The tip is read again inside the write's transaction (which holds SQLite's one write lock
/// from its start), so the tip seen with the token is not needed.
pub(super) async fn ingest(
    s: &SqliteStorage,
    origin: &Origin,
    batch: Vec<Incoming>,
    ledger_seq: Option<u64>,
    _seen: Option<crate::storage::SeenTip>,
) -> Result<IngestOutcome, StorageError> {
    let origin = origin.clone();
    s.with(move |c| write_batch(c, &origin, &batch, ledger_seq)).await
}

pub(super) async fn changes(
    s: &SqliteStorage,
    store: &str,
    since: u64,
    limit: u32,
) -> Result<ChangePage, StorageError> {
    let store = store.to_owned();
    s.with(move |c| read_changes(c, &store, since, limit)).await
}
