use super::*;

pub(super) async fn record_stock(s: &PgStorage, e: &StockEntry) -> Result<i64, StorageError> {
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

pub(super) async fn stock(s: &PgStorage, store: &str) -> Result<Vec<(String, i64)>, StorageError> {
    all(&s.pool.get().await?, rows::STOCK, &[&store], rows::stock_level).await
}
