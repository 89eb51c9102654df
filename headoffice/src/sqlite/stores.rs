use super::*;

pub(super) async fn add_store(s: &SqliteStorage, code: &str, name: &str) -> Result<(), StorageError> {
    check_code("store", code)?;
    let (code, name) = (code.to_owned(), name.to_owned());
    s.with(move |c| {
        let n = c.execute(
            "INSERT INTO stores (code, name, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            params![code, name, now()],
        )?;
        if n == 0 { Err(StorageError::StoreExists(code)) } else { Ok(()) }
    })
    .await
}

pub(super) async fn add_terminal(
    s: &SqliteStorage,
    store: &str,
    terminal: &str,
    token_hash: &str,
) -> Result<(), StorageError> {
    check_code("terminal", terminal)?;
    let (store, terminal, token_hash) = (store.to_owned(), terminal.to_owned(), token_hash.to_owned());
    s.with(move |c| {
        if !store_known(c, &store)? {
            return Err(StorageError::UnknownStore(store));
        }
        let n = c.execute(
            "INSERT INTO terminals (store, terminal, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO NOTHING",
            params![store, terminal, token_hash, now()],
        )?;
        if n == 0 { Err(StorageError::TerminalExists { store, terminal }) } else { Ok(()) }
    })
    .await
}

pub(super) async fn token_hash(
    s: &SqliteStorage,
    store: &str,
    terminal: &str,
) -> Result<Option<String>, StorageError> {
    let (store, terminal) = (store.to_owned(), terminal.to_owned());
    s.with(move |c| Ok(c.query_row(&sql(rows::TOKEN_HASH), [store, terminal], |r| r.get(0)).optional()?))
        .await
}

pub(super) async fn store(s: &SqliteStorage, code: &str) -> Result<Option<StoreIdentity>, StorageError> {
    let code = code.to_owned();
    s.with(move |c| first(&mut prepared(c, rows::STORE)?, [&code], rows::store_identity)).await
}

pub(super) async fn set_store(
    s: &SqliteStorage,
    code: &str,
    change: &StoreChange,
) -> Result<(), StorageError> {
    change.check(code)?;
    let (code, ch) = (code.to_owned(), change.clone());
    let header = ch.receipt_header.as_ref().map(json).transpose()?;
    let footer = ch.receipt_footer.as_ref().map(json).transpose()?;
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let n = prepared(&tx, rows::SET_STORE)?.execute(params![
            code,
            ch.name,
            ch.address,
            ch.npwp,
            ch.utc_offset,
            ch.currency
        ])?;
        if n == 0 {
            return Err(StorageError::UnknownStore(code));
        }
        if ch.changes_receipt_lines() {
            let number = take_numbers(&tx, 1)?;
            prepared(&tx, rows::SET_RECEIPT_LINES)?.execute(params![code, header, footer, number])?;
        }
        Ok(tx.commit()?)
    })
    .await
}
