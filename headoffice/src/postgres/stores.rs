use super::*;

pub(super) async fn add_store(s: &PgStorage, code: &str, name: &str) -> Result<(), StorageError> {
    check_code("store", code)?;
    let client = s.pool.get().await?;
    let n = client
        .execute(
            "INSERT INTO stores (code, name, created_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING",
            &[&code, &name],
        )
        .await?;
    if n == 0 { Err(StorageError::StoreExists(code.to_owned())) } else { Ok(()) }
}

pub(super) async fn add_terminal(
    s: &PgStorage,
    store: &str,
    terminal: &str,
    token_hash: &str,
) -> Result<(), StorageError> {
    check_code("terminal", terminal)?;
    let client = s.pool.get().await?;
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

pub(super) async fn token_hash(
    s: &PgStorage,
    store: &str,
    terminal: &str,
) -> Result<Option<String>, StorageError> {
    first(&s.pool.get().await?, rows::TOKEN_HASH, &[&store, &terminal], |r| rows::Row::get(r, 0)).await
}

pub(super) async fn store(s: &PgStorage, code: &str) -> Result<Option<StoreIdentity>, StorageError> {
    first(&s.pool.get().await?, rows::STORE, &[&code], rows::store_identity).await
}

pub(super) async fn set_store(s: &PgStorage, code: &str, change: &StoreChange) -> Result<(), StorageError> {
    change.check(code)?;
    let header = change.receipt_header.as_ref().map(json).transpose()?;
    let footer = change.receipt_footer.as_ref().map(json).transpose()?;
    let mut client = s.pool.get().await?;
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
