//! Stock in SQLite: movements and the running level per store and product, reorder levels,
//! and transfers between stores. A transfer's stock leaves the sending store when it is sent
//! and enters the receiving one when it is received, once: the chain's stock (levels plus
//! what is in transit) is never changed by a transfer.

use rusqlite::OptionalExtension;

use super::*;

pub(super) async fn record_stock(s: &SqliteStorage, e: &StockEntry) -> Result<i64, StorageError> {
    e.check()?;
    let e = e.clone();
    s.with(move |c| {
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
        let level = add_to_level(&tx, &e.store, &e.sku, e.quantity_milli, n)?;
        tx.commit()?;
        Ok(level)
    })
    .await
}

/// Adds to a store's level of a product under change number `n`; the new level.
fn add_to_level(
    tx: &Connection,
    store: &str,
    sku: &str,
    quantity_milli: i64,
    n: u64,
) -> Result<i64, StorageError> {
    Ok(tx.query_row(
        "INSERT INTO stock_levels (store, sku, quantity_milli, change_no) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (store, sku) DO UPDATE SET
             quantity_milli = quantity_milli + excluded.quantity_milli, change_no = excluded.change_no
         RETURNING quantity_milli",
        params![store, sku, quantity_milli, n],
        |r| r.get(0),
    )?)
}

pub(super) async fn stock(s: &SqliteStorage, store: &str) -> Result<Vec<(String, i64)>, StorageError> {
    let store = store.to_owned();
    s.with(move |c| all(&mut prepared(c, rows::STOCK)?, [store], rows::stock_level)).await
}

pub(super) async fn set_reorder_level(
    s: &SqliteStorage,
    store: &str,
    sku: &str,
    level_milli: i64,
) -> Result<(), StorageError> {
    check_reorder_level(sku, level_milli)?;
    let (store, sku) = (store.to_owned(), sku.to_owned());
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if !store_known(&tx, &store)? {
            return Err(StorageError::UnknownStore(store));
        }
        tx.execute(
            "INSERT INTO stock_reorder_levels (store, sku, reorder_milli) VALUES (?1, ?2, ?3)
             ON CONFLICT (store, sku) DO UPDATE SET reorder_milli = excluded.reorder_milli",
            params![store, sku, level_milli],
        )?;
        tx.commit()?;
        Ok(())
    })
    .await
}

/// What is on its way into store `?1`, per SKU.
const IN_TRANSIT: &str = "SELECT l.sku, SUM(l.quantity_milli) AS q FROM stock_transfer_lines l
     JOIN stock_transfers t ON t.id = l.transfer
     WHERE t.to_store = ?1 AND t.state = 'in_transit' GROUP BY l.sku";

pub(super) async fn stock_overview(s: &SqliteStorage, store: &str) -> Result<Vec<StockRow>, StorageError> {
    let store = store.to_owned();
    s.with(move |c| {
        let text = format!(
            "WITH transit AS ({IN_TRANSIT}),
             k AS (SELECT sku FROM stock_levels WHERE store = ?1
                   UNION SELECT sku FROM stock_reorder_levels WHERE store = ?1
                   UNION SELECT sku FROM transit)
             SELECT ?1, k.sku, COALESCE(p.name, ''), COALESCE(s.quantity_milli, 0), r.reorder_milli,
                 COALESCE(t.q, 0)
             FROM k LEFT JOIN products p ON p.sku = k.sku
             LEFT JOIN stock_levels s ON s.store = ?1 AND s.sku = k.sku
             LEFT JOIN stock_reorder_levels r ON r.store = ?1 AND r.sku = k.sku
             LEFT JOIN transit t ON t.sku = k.sku
             ORDER BY k.sku"
        );
        all(&mut c.prepare_cached(&text)?, [store], stock_row)
    })
    .await
}

pub(super) async fn low_stock(
    s: &SqliteStorage,
    stores: Option<&[String]>,
) -> Result<Vec<StockRow>, StorageError> {
    let stores = json_stores(stores)?;
    s.with(move |c| {
        all(
            &mut c.prepare_cached(
                "SELECT r.store, r.sku, COALESCE(p.name, ''), COALESCE(s.quantity_milli, 0), r.reorder_milli,
                     COALESCE((SELECT SUM(l.quantity_milli) FROM stock_transfer_lines l
                         JOIN stock_transfers t ON t.id = l.transfer
                         WHERE t.to_store = r.store AND t.state = 'in_transit' AND l.sku = r.sku), 0)
                 FROM stock_reorder_levels r
                 LEFT JOIN stock_levels s ON s.store = r.store AND s.sku = r.sku
                 LEFT JOIN products p ON p.sku = r.sku
                 WHERE COALESCE(s.quantity_milli, 0) <= r.reorder_milli
                   AND (?1 IS NULL OR r.store IN (SELECT value FROM json_each(?1)))
                 ORDER BY r.store, r.sku",
            )?,
            [stores],
            stock_row,
        )
    })
    .await
}

fn stock_row(r: &impl rows::Row) -> Result<StockRow, StorageError> {
    Ok(StockRow {
        store: r.get(0)?,
        sku: r.get(1)?,
        name: r.get(2)?,
        quantity_milli: r.get(3)?,
        reorder_milli: r.get(4)?,
        in_transit_in_milli: r.get(5)?,
    })
}

/// A store filter as the JSON array `json_each` reads (`None`: every store).
fn json_stores(stores: Option<&[String]>) -> Result<Option<String>, StorageError> {
    stores
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StorageError::Invalid(format!("store filter: {e}")))
}

pub(super) async fn send_transfer(
    s: &SqliteStorage,
    from: &str,
    to: &str,
    lines: &[(String, i64)],
    note: &str,
    by_user: &str,
) -> Result<i64, StorageError> {
    check_transfer(from, to, lines, note)?;
    let (from, to, note, by) = (from.to_owned(), to.to_owned(), note.to_owned(), by_user.to_owned());
    let mut lines = lines.to_vec();
    lines.sort();
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for store in [&from, &to] {
            if !store_known(&tx, store)? {
                return Err(StorageError::UnknownStore(store.clone()));
            }
        }
        let at = now();
        let id: i64 = tx.query_row(
            "INSERT INTO stock_transfers (from_store, to_store, state, note, sent_by, sent_at)
             VALUES (?1, ?2, 'in_transit', ?3, ?4, ?5) RETURNING id",
            params![from, to, note, by, at],
            |r| r.get(0),
        )?;
        let first = take_numbers(&tx, lines.len())?;
        for (i, (sku, q)) in lines.iter().enumerate() {
            tx.execute(
                "INSERT INTO stock_transfer_lines (transfer, sku, quantity_milli) VALUES (?1, ?2, ?3)",
                params![id, sku, q],
            )?;
            move_stock(&tx, &from, sku, -q, "transfer_out", &note, id, &at)?;
            add_to_level(&tx, &from, sku, -q, first + i as u64)?;
        }
        tx.commit()?;
        Ok(id)
    })
    .await
}

/// Keeps a transfer's movement of stock out of or into a store.
#[allow(clippy::too_many_arguments)]
fn move_stock(
    tx: &Connection,
    store: &str,
    sku: &str,
    quantity_milli: i64,
    kind: &str,
    note: &str,
    transfer: i64,
    at: &str,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO stock_movements (store, sku, quantity_milli, kind, note, created_at, transfer)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![store, sku, quantity_milli, kind, note, at, transfer],
    )?;
    Ok(())
}

pub(super) async fn receive_transfer(
    s: &SqliteStorage,
    id: i64,
    by_user: &str,
) -> Result<TransferReceipt, StorageError> {
    let by = by_user.to_owned();
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        // Only an in-transit transfer turns received: a second receive finds none to turn.
        let turned: Option<(String, String)> = tx
            .query_row(
                "UPDATE stock_transfers SET state = 'received', received_by = ?2, received_at = ?3
                 WHERE id = ?1 AND state = 'in_transit' RETURNING to_store, note",
                params![id, by, at],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((to, note)) = turned else {
            return already_received(&tx, id);
        };
        let lines = transfer_lines(&tx, id)?;
        let first = take_numbers(&tx, lines.len())?;
        for (i, (sku, q)) in lines.iter().enumerate() {
            move_stock(&tx, &to, sku, *q, "transfer_in", &note, id, &at)?;
            add_to_level(&tx, &to, sku, *q, first + i as u64)?;
        }
        tx.commit()?;
        Ok(TransferReceipt::Received)
    })
    .await
}

/// Why a transfer was not turned received: it was before, or it does not exist.
fn already_received(c: &Connection, id: i64) -> Result<TransferReceipt, StorageError> {
    match first(&mut prepared(c, TRANSFER)?, [id], transfer_row)? {
        Some(t) => match (t.received_by, t.received_at) {
            (Some(by), Some(at)) => Ok(TransferReceipt::AlreadyReceived { by, at }),
            _ => Err(StorageError::Unreadable(format!("transfer {id} is received with no time"))),
        },
        None => Err(StorageError::Invalid(format!("transfer {id} is not known to head office"))),
    }
}

const TRANSFER_COLUMNS: &str = "SELECT id, from_store, to_store, state, note, sent_by, sent_at, received_by, received_at FROM stock_transfers";
const TRANSFER: &str =
    "SELECT id, from_store, to_store, state, note, sent_by, sent_at, received_by, received_at
     FROM stock_transfers WHERE id = ?1";

/// A transfer without its lines.
fn transfer_row(r: &impl rows::Row) -> Result<Transfer, StorageError> {
    let id: i64 = r.get(0)?;
    Ok(Transfer {
        id,
        from: r.get(1)?,
        to: r.get(2)?,
        state: TransferState::from_code(&r.get::<String>(3)?)?,
        note: r.get(4)?,
        sent_by: r.get(5)?,
        sent_at: r
            .time(6)?
            .ok_or_else(|| StorageError::Unreadable(format!("transfer {id} has no time sent")))?,
        received_by: r.get(7)?,
        received_at: r.time(8)?,
        lines: Vec::new(),
    })
}

fn transfer_lines(c: &Connection, id: i64) -> Result<Vec<(String, i64)>, StorageError> {
    all(
        &mut c.prepare_cached(
            "SELECT sku, quantity_milli FROM stock_transfer_lines WHERE transfer = ?1 ORDER BY sku",
        )?,
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

pub(super) async fn transfer(s: &SqliteStorage, id: i64) -> Result<Option<Transfer>, StorageError> {
    s.with(move |c| {
        let Some(mut t) = first(&mut prepared(c, TRANSFER)?, [id], transfer_row)? else { return Ok(None) };
        t.lines = transfer_lines(c, id)?;
        Ok(Some(t))
    })
    .await
}

pub(super) async fn transfers(
    s: &SqliteStorage,
    stores: Option<&[String]>,
) -> Result<Vec<Transfer>, StorageError> {
    let stores = json_stores(stores)?;
    s.with(move |c| {
        let tx = c.transaction()?;
        let text = format!(
            "{TRANSFER_COLUMNS} WHERE ?1 IS NULL
                 OR from_store IN (SELECT value FROM json_each(?1)) OR to_store IN (SELECT value FROM json_each(?1))
             ORDER BY id DESC"
        );
        let mut list = all(&mut tx.prepare_cached(&text)?, [stores], transfer_row)?;
        for t in &mut list {
            t.lines = transfer_lines(&tx, t.id)?;
        }
        Ok(list)
    })
    .await
}
