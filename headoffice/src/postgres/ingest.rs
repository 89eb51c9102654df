use super::*;

use std::sync::LazyLock;

use kasir_core::document::Document;

use crate::summary::{KeyedTable, Summary};

/// How often a push is planned again when another push of the same terminal moved its chain
/// tip in between (a retry sent while the first attempt was still being written).
const TIP_RETRIES: usize = 8;

/// Writes a batch without any lock held across round trips and without the change counter:
/// the tip is read, the batch planned, and everything written by one statement that first
/// moves the tip from exactly what was read (so a concurrent push of the same terminal makes
/// it write nothing, and the batch is planned again). Stock rows are only marked `pending`;
/// they take their change numbers when their store's feed is next read ([`publish_stock`]),
/// so live pushes from many stores never queue on the one counter row.
pub(super) async fn ingest(
    s: &PgStorage,
    origin: &Origin,
    batch: Vec<Incoming>,
    ledger_seq: Option<u64>,
    mut seen: Option<SeenTip>,
) -> Result<IngestOutcome, StorageError> {
    let client = s.pool.get().await?;
    for _ in 0..TIP_RETRIES {
        // The tip read with the token first (one read fewer for a live push), then afresh.
        if let Some(outcome) = try_ingest(&client, origin, &batch, ledger_seq, seen.take()).await? {
            return Ok(outcome);
        }
    }
    Err(StorageError::Database(format!(
        "terminal {}-{} kept pushing the same documents concurrently; try again",
        origin.store, origin.terminal
    )))
}

/// One attempt, from the tip `seen` or read now: `None` when the tip moved under it.
async fn try_ingest(
    client: &deadpool_postgres::Client,
    origin: &Origin,
    batch: &[Incoming],
    ledger_seq: Option<u64>,
    seen: Option<SeenTip>,
) -> Result<Option<IngestOutcome>, StorageError> {
    let (store, terminal) = (&origin.store, &origin.terminal);
    // The tip, and when its newest document was made (to judge the batch's times by).
    let seen = match seen {
        Some(seen) => seen,
        None => first(
            client,
            "SELECT last_seq, last_hash, grand_total, last_document_at FROM terminals
             WHERE store = $1 AND terminal = $2",
            &[store, terminal],
            |r| Ok(SeenTip { tip: rows::chain_tip(r)?, last_document_at: rows::Row::get(r, 3)? }),
        )
        .await?
        .ok_or_else(|| StorageError::Invalid(format!("terminal {store}-{terminal} is not known")))?,
    };
    let SeenTip { tip, last_document_at } = seen;
    let held_seqs: Vec<i64> = held_sequences(&tip, batch).into_iter().map(to_i64).collect();
    let mut held = HashMap::new();
    if !held_seqs.is_empty() {
        let sql = "SELECT seq, hash FROM documents WHERE store = $1 AND terminal = $2 AND seq = ANY($3)";
        held.extend(all(client, sql, &[store, terminal, &held_seqs], rows::held).await?);
    }
    let (read_seq, read_hash) = (to_i64(tip.seq), tip.hash.clone());
    let sense = plausible::sense(client, origin, batch, last_document_at.as_deref()).await?;
    let plan = plan(origin, tip, batch, &held, &sense);

    let mut docs = DocumentColumns::default();
    let mut lines = LineColumns::default();
    let mut batch_lines: HashMap<u64, Vec<FactLine>> = HashMap::new();
    let mut summary = Summary::default();
    // The batch's documents by sequence, those set aside as None: a void may follow its sale.
    let mut counted: HashMap<u64, Option<&Document>> = HashMap::new();
    for &i in &plan.accept {
        let Incoming { pushed, document: d } = &batch[i];
        let h = &d.header;
        docs.push(d, pushed);
        // A stored sale's lines never change, so they may be read outside the write.
        let voided = match voided_seq(d) {
            Some(s) => match batch_lines.get(&s) {
                Some(l) => l.clone(),
                None => lines_of(client, origin, s).await?,
            },
            None => Vec::new(),
        };
        // A set-aside document moves no figures and no stock.
        let facts = if plan.counts(i) { fact_lines(d, &voided) } else { Vec::new() };
        if plan.counts(i) {
            // A stored sale never changes either: the one a void cancels is read like its lines.
            let sale = match voided_seq(d) {
                Some(s) => match counted.get(&s) {
                    Some(sale) => sale.cloned(),
                    None => counted_document(client, origin, s).await?,
                },
                None => None,
            };
            summary.add(d, &facts, sale.as_ref());
        }
        counted.insert(h.seq, plan.counts(i).then_some(d));
        let (day, hour) = day_and_hour(d);
        for l in &facts {
            lines.push(h.seq, &day, hour, &h.user, d.body.kind(), l);
        }
        batch_lines.insert(h.seq, facts);
    }
    let deltas = stock_deltas(batch_lines.values().flatten());
    let skus: Vec<&str> = deltas.iter().map(|(s, _)| s.as_str()).collect();
    let quantities: Vec<i64> = deltas.iter().map(|(_, q)| *q).collect();
    let movement: Vec<i64> = lines.quantity.iter().map(|q| -q).collect();
    let kept = plausible::Kept::of(batch, &plan);
    let set_aside: Vec<bool> = plan.accept.iter().map(|&i| !plan.counts(i)).collect();
    let newest = plan.newest(batch);
    let rows = summary.rows()?;
    let keyed: Vec<String> =
        KeyedTable::ALL.iter().map(|t| json(&t.rows(&rows))).collect::<Result<_, _>>()?;
    let (hours, approvals) = (json(&rows.hours)?, json(&rows.approvals)?);
    let moved: i64 = scalar(
        client,
        &WRITE_BATCH,
        &[
            store,
            terminal,
            &read_seq,
            &read_hash,
            &to_i64(plan.tip.seq),
            &plan.tip.hash,
            &plan.tip.grand_total,
            &newest,
            &ledger_seq.map(to_i64),
            &docs.seq,
            &docs.kind,
            &docs.receipt,
            &docs.created_at,
            &docs.user,
            &docs.amount,
            &docs.hash,
            &docs.canonical,
            &docs.refers_to,
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
            &movement,
            &lines.kind,
            &skus,
            &quantities,
            &kept.seq,
            &kept.hash,
            &kept.kind,
            &kept.reason,
            &kept.canonical,
            &set_aside,
            &plausible::MAX_KEPT_ASIDE,
            &hours,
            &keyed[0],
            &keyed[1],
            &keyed[2],
            &keyed[3],
            &keyed[4],
            &keyed[5],
            &approvals,
        ],
    )
    .await?;
    Ok((moved == 1).then(|| plan.outcome()))
}

/// The whole write of a batch in one statement (one implicit transaction). `t` moves the
/// terminal's tip only from the tip the batch was planned on (`$3`, `$4`), and every other
/// part writes only when it did; a concurrent push of the same terminal waits on the row and
/// then finds the tip moved. Stock levels are summed and marked pending (new rows take
/// change number 0 until published).
///
/// Documents kept aside (`$34`–`$38`: set aside, then refused) go to `rejected_documents` only
/// up to `$40` per terminal; past that, and not held already, set-aside ones (kind
/// `implausible`, new to the chain and so never seen twice) are only counted. A refused one
/// past that is not counted: it comes again at every retry, and nothing kept tells a retry
/// from a new one.
///
/// The summary tables (`$41` hours, `$42`–`$47` the keyed tables in [`KeyedTable::ALL`]'s
/// order, `$48` approvals) are added to from JSON record sets, one row per key ([`Summary`]
/// merged the batch's documents per key, for an upsert may not touch a row twice); their keys
/// hold the terminal, so two terminals never wait on each other's rows.
static WRITE_BATCH: LazyLock<String> = LazyLock::new(|| {
    let mut keyed = String::new();
    for (i, table) in KeyedTable::ALL.iter().enumerate() {
        keyed.push_str(&keyed_upsert(*table, 42 + i));
    }
    format!("{WRITE_BATCH_HEAD}{HOURS_UPSERT}{keyed}{APPROVALS_INSERT}\nSELECT COUNT(*) FROM t")
});

const WRITE_BATCH_HEAD: &str = "
WITH k AS (
    SELECT u.*, row_number() OVER () AS n
    FROM UNNEST($34::bigint[], $35::text[], $36::text[], $37::text[], $38::text[])
        AS u (seq, hash, kind, reason, canonical)
    WHERE NOT EXISTS (SELECT 1 FROM rejected_documents r
        WHERE r.store = $1 AND r.terminal = $2 AND r.seq = u.seq AND r.hash = u.hash)
), kept AS (
    SELECT COUNT(*) AS c FROM rejected_documents WHERE store = $1 AND terminal = $2
), t AS (
    UPDATE terminals SET last_seq = $5, last_hash = $6, grand_total = $7, last_contact = now(),
        last_document_at = COALESCE($8, last_document_at), ledger_seq = COALESCE($9, ledger_seq),
        refused_not_kept = refused_not_kept
            + (SELECT COUNT(*) FROM k, kept WHERE kept.c + k.n > $40 AND k.kind = 'implausible')
    WHERE store = $1 AND terminal = $2 AND last_seq = $3 AND last_hash = $4
    RETURNING 1
), d AS (
    INSERT INTO documents (store, terminal, seq, kind, receipt_number, created_at, user_code, amount,
        hash, canonical, refers_to, set_aside, received_at)
    SELECT $1, $2, u.*, now()
    FROM UNNEST($10::bigint[], $11::text[], $12::text[], $13::text[], $14::text[], $15::bigint[],
        $16::text[], $17::text[], $18::text[], $39::bool[]) AS u
    WHERE EXISTS (SELECT 1 FROM t)
), l AS (
    INSERT INTO sales_lines (store, terminal, seq, line_no, business_date, hour, cashier, sku, name,
        quantity_milli, net, tax, gross)
    SELECT $1, $2, u.*
    FROM UNNEST($19::bigint[], $20::bigint[], $21::text[], $22::bigint[], $23::text[], $24::text[],
        $25::text[], $26::bigint[], $27::bigint[], $28::bigint[], $29::bigint[]) AS u
    WHERE EXISTS (SELECT 1 FROM t)
), m AS (
    INSERT INTO stock_movements (store, sku, quantity_milli, kind, terminal, seq, note, created_at)
    SELECT $1, u.sku, u.q, 'sale', $2, u.seq, u.note, now()
    FROM UNNEST($24::text[], $30::bigint[], $19::bigint[], $31::text[]) AS u (sku, q, seq, note)
    WHERE EXISTS (SELECT 1 FROM t)
), s AS (
    INSERT INTO stock_levels (store, sku, quantity_milli, change_no, pending)
    SELECT $1, u.sku, u.q, 0, TRUE FROM UNNEST($32::text[], $33::bigint[]) AS u (sku, q)
    WHERE EXISTS (SELECT 1 FROM t)
    ON CONFLICT (store, sku) DO UPDATE SET
        quantity_milli = stock_levels.quantity_milli + excluded.quantity_milli, pending = TRUE
), r AS (
    INSERT INTO rejected_documents (store, terminal, seq, hash, kind, reason, canonical, received_at)
    SELECT $1, $2, k.seq, k.hash, k.kind, k.reason, k.canonical, now()
    FROM k, kept WHERE kept.c + k.n <= $40 AND EXISTS (SELECT 1 FROM t)
    ON CONFLICT DO NOTHING
)";

const HOURS_UPSERT: &str = ", sh AS (
    INSERT INTO summary_hours (business_date, store, terminal, hour, documents, sales, returns, voids,
        items_milli, net, tax, gross, discounts, returned, voided)
    SELECT u.business_date, $1, $2, u.hour, u.documents, u.sales, u.returns, u.voids, u.items_milli,
        u.net, u.tax, u.gross, u.discounts, u.returned, u.voided
    FROM jsonb_to_recordset($41::text::jsonb) AS u (business_date text, hour bigint, documents bigint,
        sales bigint, returns bigint, voids bigint, items_milli bigint, net bigint, tax bigint,
        gross bigint, discounts bigint, returned bigint, voided bigint)
    WHERE EXISTS (SELECT 1 FROM t)
    ON CONFLICT (business_date, store, terminal, hour) DO UPDATE SET
        documents = summary_hours.documents + excluded.documents,
        sales = summary_hours.sales + excluded.sales, returns = summary_hours.returns + excluded.returns,
        voids = summary_hours.voids + excluded.voids,
        items_milli = summary_hours.items_milli + excluded.items_milli,
        net = summary_hours.net + excluded.net, tax = summary_hours.tax + excluded.tax,
        gross = summary_hours.gross + excluded.gross,
        discounts = summary_hours.discounts + excluded.discounts,
        returned = summary_hours.returned + excluded.returned,
        voided = summary_hours.voided + excluded.voided
)";

const APPROVALS_INSERT: &str = ", sa AS (
    INSERT INTO approvals (store, terminal, seq, n, business_date, receipt, at, action, cashier,
        approver, reason)
    SELECT $1, $2, u.* FROM jsonb_to_recordset($48::text::jsonb) AS u (seq bigint, n bigint,
        business_date text, receipt text, at text, action text, cashier text, approver text, reason text)
    WHERE EXISTS (SELECT 1 FROM t)
    ON CONFLICT DO NOTHING
)";

/// The part of [`WRITE_BATCH`] that adds to one keyed summary table from parameter `$n`:
/// sums added, a product's name and category as the latest batch gave them.
fn keyed_upsert(table: KeyedTable, n: usize) -> String {
    let t = table.table();
    let key = table.key_columns().join(", ");
    let mut columns = vec!["business_date", "store", "terminal"];
    columns.extend(table.key_columns());
    columns.extend(table.latest_columns());
    columns.extend(KeyedTable::SUMMED);
    let mut values = vec!["u.business_date", "$1", "$2", "u.key"];
    if table == KeyedTable::Taxes {
        values.push("u.rate_bp");
    }
    values.extend(table.latest_columns().iter().map(|c| if *c == "name" { "u.name" } else { "u.category" }));
    values.extend(["u.documents", "u.quantity_milli", "u.net", "u.tax", "u.gross"]);
    let updates: Vec<String> = table
        .latest_columns()
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .chain(KeyedTable::SUMMED.iter().map(|c| format!("{c} = {t}.{c} + excluded.{c}")))
        .collect();
    format!(
        ", s{n} AS (
    INSERT INTO {t} ({})
    SELECT {} FROM jsonb_to_recordset(${n}::text::jsonb) AS u (business_date text, key text,
        rate_bp bigint, name text, category text, documents bigint, quantity_milli bigint, net bigint,
        tax bigint, gross bigint)
    WHERE EXISTS (SELECT 1 FROM t)
    ON CONFLICT (business_date, store, terminal, {key}) DO UPDATE SET {}
)",
        columns.join(", "),
        values.join(", "),
        updates.join(", ")
    )
}

/// A stored document of the terminal that counted (not set aside), as it was pushed.
async fn counted_document(
    client: &impl GenericClient,
    origin: &Origin,
    seq: u64,
) -> Result<Option<Document>, StorageError> {
    let seq = to_i64(seq);
    let canonical: Option<String> = first(
        client,
        "SELECT canonical FROM documents WHERE store = $1 AND terminal = $2 AND seq = $3 AND NOT set_aside",
        &[&origin.store, &origin.terminal, &seq],
        |r| rows::Row::get(r, 0),
    )
    .await?;
    canonical.map(|c| crate::summary::parse_stored(&c, seq)).transpose()
}

/// Gives a store's pending stock rows their change numbers, in one short transaction that
/// holds the counter row (so numbers are still handed out in commit order: a reader whose
/// snapshot includes number N sees every number below it). Run before the store's feed is
/// read; does nothing, and takes no lock, when nothing is pending.
async fn publish_stock(client: &mut deadpool_postgres::Client, store: &str) -> Result<(), StorageError> {
    let pending: bool = scalar(
        &*client,
        "SELECT EXISTS (SELECT 1 FROM stock_levels WHERE store = $1 AND pending)",
        &[&store],
    )
    .await?;
    if !pending {
        return Ok(());
    }
    let tx = client.transaction().await?;
    // The counter first, as every other writer of change numbers takes it: no lock cycle.
    let last: i64 = scalar(&tx, "SELECT last FROM change_counter WHERE id = 1 FOR UPDATE", &[]).await?;
    // Then the rows, in SKU order as a push locks them, so the two never wait on each other
    // in a cycle; a push still writing one is waited for, and its row then counts.
    let skus: Vec<String> = all(
        &tx,
        "SELECT sku FROM stock_levels WHERE store = $1 AND pending ORDER BY sku FOR UPDATE",
        &[&store],
        |r| rows::Row::get(r, 0),
    )
    .await?;
    let numbers: Vec<i64> = (1..=skus.len() as i64).map(|k| last + k).collect();
    tx.execute(
        "UPDATE stock_levels s SET change_no = u.n, pending = FALSE
         FROM UNNEST($2::text[], $3::bigint[]) AS u (sku, n) WHERE s.store = $1 AND s.sku = u.sku",
        &[&store, &skus, &numbers],
    )
    .await?;
    tx.execute("UPDATE change_counter SET last = $1 WHERE id = 1", &[&(last + skus.len() as i64)]).await?;
    tx.commit().await?;
    Ok(())
}

pub(super) async fn changes(
    s: &PgStorage,
    store: &str,
    since: u64,
    limit: u32,
) -> Result<ChangePage, StorageError> {
    let limit = limit.clamp(1, MAX_PAGE);
    let mut client = s.pool.get().await?;
    publish_stock(&mut client, store).await?;
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
