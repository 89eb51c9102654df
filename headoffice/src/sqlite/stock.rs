use super::*;

pub(super) async fn record_stock(s: &SqliteStorage, e: &StockEntry) -> Result<i64, StorageError> {
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

pub(super) async fn stock(s: &SqliteStorage, store: &str) -> Result<Vec<(String, i64)>, StorageError> {
    let store = store.to_owned();
    s.with(move |c| all(&mut prepared(c, rows::STOCK)?, [store], rows::stock_level)).await
}
