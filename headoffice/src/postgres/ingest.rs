use super::*;

pub(super) async fn ingest(
    s: &PgStorage,
    origin: &Origin,
    batch: Vec<Incoming>,
    ledger_seq: Option<u64>,
) -> Result<IngestOutcome, StorageError> {
    let (store, terminal) = (&origin.store, &origin.terminal);
    let mut client = s.pool.get().await?;
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
    let newest = plan.newest(&batch);
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
    Ok(plan.outcome())
}

pub(super) async fn changes(
    s: &PgStorage,
    store: &str,
    since: u64,
    limit: u32,
) -> Result<ChangePage, StorageError> {
    let limit = limit.clamp(1, MAX_PAGE);
    let mut client = s.pool.get().await?;
    let tx = snapshot(&mut client).await?;
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
