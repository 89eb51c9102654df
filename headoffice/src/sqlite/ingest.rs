use super::*;

fn lines_of(tx: &Connection, origin: &Origin, seq: u64) -> Result<Vec<FactLine>, StorageError> {
    // A sequence past i64 (a void naming one) holds no lines; SQLite would refuse the number.
    let seq = i64::try_from(seq).unwrap_or(i64::MAX);
    all(&mut prepared(tx, rows::LINES)?, params![origin.store, origin.terminal, seq], rows::fact_line)
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
