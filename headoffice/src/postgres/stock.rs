//! Stock in PostgreSQL: movements and the running level per store and product, reorder
//! levels, and transfers between stores. A transfer's stock leaves the sending store when it
//! is sent and enters the receiving one when it is received, once: the chain's stock (levels
//! plus what is in transit) is never changed by a transfer.
//!
//! Writes here take their change numbers at once, as `record_stock` always did, locking the
//! counter row before any stock row, in the order `publish_stock` (ingest.rs) takes them, so
//! the two never wait on each other in a cycle.

use super::*;

pub(super) async fn record_stock(s: &PgStorage, e: &StockEntry) -> Result<i64, StorageError> {
    e.check()?;
    let mut client = s.pool.get().await?;
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
    let level = add_to_level(&tx, &e.store, &e.sku, e.quantity_milli, n).await?;
    tx.commit().await?;
    Ok(level)
}

/// Adds to a store's level of a product under change number `n`; the new level.
async fn add_to_level(
    tx: &impl GenericClient,
    store: &str,
    sku: &str,
    quantity_milli: i64,
    n: i64,
) -> Result<i64, StorageError> {
    scalar(
        tx,
        "INSERT INTO stock_levels (store, sku, quantity_milli, change_no) VALUES ($1, $2, $3, $4)
         ON CONFLICT (store, sku) DO UPDATE SET
             quantity_milli = stock_levels.quantity_milli + excluded.quantity_milli,
             change_no = excluded.change_no
         RETURNING quantity_milli",
        &[&store, &sku, &quantity_milli, &n],
    )
    .await
}

pub(super) async fn stock(s: &PgStorage, store: &str) -> Result<Vec<(String, i64)>, StorageError> {
    all(&s.pool.get().await?, rows::STOCK, &[&store], rows::stock_level).await
}

pub(super) async fn set_reorder_level(
    s: &PgStorage,
    store: &str,
    sku: &str,
    level_milli: i64,
) -> Result<(), StorageError> {
    check_reorder_level(sku, level_milli)?;
    let client = s.pool.get().await?;
    if !store_known(&client, store).await? {
        return Err(StorageError::UnknownStore(store.to_owned()));
    }
    client
        .execute(
            "INSERT INTO stock_reorder_levels (store, sku, reorder_milli) VALUES ($1, $2, $3)
             ON CONFLICT (store, sku) DO UPDATE SET reorder_milli = excluded.reorder_milli",
            &[&store, &sku, &level_milli],
        )
        .await?;
    Ok(())
}

pub(super) async fn stock_overview(s: &PgStorage, store: &str) -> Result<Vec<StockRow>, StorageError> {
    all(
        &s.pool.get().await?,
        "WITH transit AS (
             SELECT l.sku, SUM(l.quantity_milli)::bigint AS q FROM stock_transfer_lines l
             JOIN stock_transfers t ON t.id = l.transfer
             WHERE t.to_store = $1 AND t.state = 'in_transit' GROUP BY l.sku),
         k AS (SELECT sku FROM stock_levels WHERE store = $1
               UNION SELECT sku FROM stock_reorder_levels WHERE store = $1
               UNION SELECT sku FROM transit)
         SELECT $1::text, k.sku, COALESCE(p.name, ''), COALESCE(s.quantity_milli, 0), r.reorder_milli,
             COALESCE(t.q, 0)
         FROM k LEFT JOIN products p ON p.sku = k.sku
         LEFT JOIN stock_levels s ON s.store = $1 AND s.sku = k.sku
         LEFT JOIN stock_reorder_levels r ON r.store = $1 AND r.sku = k.sku
         LEFT JOIN transit t ON t.sku = k.sku
         ORDER BY k.sku",
        &[&store],
        stock_row,
    )
    .await
}

pub(super) async fn low_stock(
    s: &PgStorage,
    stores: Option<&[String]>,
) -> Result<Vec<StockRow>, StorageError> {
    let stores: Option<Vec<String>> = stores.map(<[String]>::to_vec);
    all(
        &s.pool.get().await?,
        "SELECT r.store, r.sku, COALESCE(p.name, ''), COALESCE(s.quantity_milli, 0), r.reorder_milli,
             COALESCE((SELECT SUM(l.quantity_milli) FROM stock_transfer_lines l
                 JOIN stock_transfers t ON t.id = l.transfer
                 WHERE t.to_store = r.store AND t.state = 'in_transit' AND l.sku = r.sku), 0)::bigint
         FROM stock_reorder_levels r
         LEFT JOIN stock_levels s ON s.store = r.store AND s.sku = r.sku
         LEFT JOIN products p ON p.sku = r.sku
         WHERE COALESCE(s.quantity_milli, 0) <= r.reorder_milli
           AND ($1::text[] IS NULL OR r.store = ANY($1))
         ORDER BY r.store, r.sku",
        &[&stores],
        stock_row,
    )
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

pub(super) async fn send_transfer(
    s: &PgStorage,
    from: &str,
    to: &str,
    lines: &[(String, i64)],
    note: &str,
    by_user: &str,
) -> Result<i64, StorageError> {
    check_transfer(from, to, lines, note)?;
    // In SKU order, as every writer of stock rows locks them.
    let mut lines = lines.to_vec();
    lines.sort();
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    for store in [from, to] {
        if !store_known(&tx, store).await? {
            return Err(StorageError::UnknownStore(store.to_owned()));
        }
    }
    let id: i64 = scalar(
        &tx,
        "INSERT INTO stock_transfers (from_store, to_store, state, note, sent_by, sent_at)
         VALUES ($1, $2, 'in_transit', $3, $4, now()) RETURNING id",
        &[&from, &to, &note, &by_user],
    )
    .await?;
    let first = take_numbers(&tx, lines.len()).await?;
    for (i, (sku, q)) in lines.iter().enumerate() {
        tx.execute(
            "INSERT INTO stock_transfer_lines (transfer, sku, quantity_milli) VALUES ($1, $2, $3)",
            &[&id, sku, q],
        )
        .await?;
        move_stock(&tx, from, sku, -q, "transfer_out", note, id).await?;
        add_to_level(&tx, from, sku, -q, first + i as i64).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Keeps a transfer's movement of stock out of or into a store.
async fn move_stock(
    tx: &impl GenericClient,
    store: &str,
    sku: &str,
    quantity_milli: i64,
    kind: &str,
    note: &str,
    transfer: i64,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO stock_movements (store, sku, quantity_milli, kind, note, created_at, transfer)
         VALUES ($1, $2, $3, $4, $5, now(), $6)",
        &[&store, &sku, &quantity_milli, &kind, &note, &transfer],
    )
    .await?;
    Ok(())
}

pub(super) async fn receive_transfer(
    s: &PgStorage,
    id: i64,
    by_user: &str,
) -> Result<TransferReceipt, StorageError> {
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    // Only an in-transit transfer turns received. A concurrent receive waits on the row and
    // then finds it received: it turns nothing and moves nothing.
    let turned: Option<(String, String)> = first(
        &tx,
        "UPDATE stock_transfers SET state = 'received', received_by = $2, received_at = now()
         WHERE id = $1 AND state = 'in_transit' RETURNING to_store, note",
        &[&id, &by_user],
        |r| Ok((rows::Row::get(r, 0)?, rows::Row::get(r, 1)?)),
    )
    .await?;
    let Some((to, note)) = turned else {
        // Read committed: this statement sees the receive that won.
        let receipt = already_received(&tx, id).await?;
        tx.rollback().await?;
        return Ok(receipt);
    };
    let lines = transfer_lines(&tx, id).await?;
    let first = take_numbers(&tx, lines.len()).await?;
    for (i, (sku, q)) in lines.iter().enumerate() {
        move_stock(&tx, &to, sku, *q, "transfer_in", &note, id).await?;
        add_to_level(&tx, &to, sku, *q, first + i as i64).await?;
    }
    tx.commit().await?;
    Ok(TransferReceipt::Received)
}

/// Why a transfer was not turned received: it was before, or it does not exist.
async fn already_received(c: &impl GenericClient, id: i64) -> Result<TransferReceipt, StorageError> {
    match first(c, TRANSFER, &[&id], transfer_row).await? {
        Some(t) => match (t.received_by, t.received_at) {
            (Some(by), Some(at)) => Ok(TransferReceipt::AlreadyReceived { by, at }),
            _ => Err(StorageError::Unreadable(format!("transfer {id} is received with no time"))),
        },
        None => Err(StorageError::Invalid(format!("transfer {id} is not known to head office"))),
    }
}

const TRANSFER: &str =
    "SELECT id, from_store, to_store, state, note, sent_by, sent_at, received_by, received_at
     FROM stock_transfers WHERE id = $1";

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

async fn transfer_lines(c: &impl GenericClient, id: i64) -> Result<Vec<(String, i64)>, StorageError> {
    all(
        c,
        "SELECT sku, quantity_milli FROM stock_transfer_lines WHERE transfer = $1 ORDER BY sku",
        &[&id],
        |r| Ok((rows::Row::get(r, 0)?, rows::Row::get(r, 1)?)),
    )
    .await
}

pub(super) async fn transfer(s: &PgStorage, id: i64) -> Result<Option<Transfer>, StorageError> {
    let mut client = s.pool.get().await?;
    let tx = snapshot(&mut client).await?;
    let Some(mut t) = first(&tx, TRANSFER, &[&id], transfer_row).await? else { return Ok(None) };
    t.lines = transfer_lines(&tx, id).await?;
    tx.commit().await?;
    Ok(Some(t))
}

pub(super) async fn transfers(
    s: &PgStorage,
    stores: Option<&[String]>,
) -> Result<Vec<Transfer>, StorageError> {
    let stores: Option<Vec<String>> = stores.map(<[String]>::to_vec);
    let mut client = s.pool.get().await?;
    let tx = snapshot(&mut client).await?;
    let mut list = all(
        &tx,
        "SELECT id, from_store, to_store, state, note, sent_by, sent_at, received_by, received_at
         FROM stock_transfers
         WHERE $1::text[] IS NULL OR from_store = ANY($1) OR to_store = ANY($1)
         ORDER BY id DESC",
        &[&stores],
        transfer_row,
    )
    .await?;
    for t in &mut list {
        t.lines = transfer_lines(&tx, t.id).await?;
    }
    tx.commit().await?;
    Ok(list)
}
