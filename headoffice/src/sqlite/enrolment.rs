use super::*;

pub(super) async fn issue_enrolment_code(
    s: &SqliteStorage,
    store: &str,
    terminal: &str,
    code_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let (store, terminal, hash) = (store.to_owned(), terminal.to_owned(), code_hash.to_owned());
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let known: bool = tx.query_row(&sql(rows::TERMINAL_KNOWN), [&store, &terminal], |r| r.get(0))?;
        if !known {
            return Err(StorageError::UnknownTerminal { store, terminal });
        }
        let now = now();
        prepared(&tx, rows::REPLACE_CODES)?.execute(params![store, terminal, now])?;
        prepared(&tx, rows::INSERT_CODE)?.execute(params![
            hash,
            store,
            terminal,
            now,
            expires_at.to_rfc3339()
        ])?;
        Ok(tx.commit()?)
    })
    .await
}

pub(super) async fn enrolment_terminal(s: &SqliteStorage, code_hash: &str) -> Result<Origin, StorageError> {
    let hash = code_hash.to_owned();
    s.with(move |c| {
        let found = first(&mut prepared(c, rows::ENROLMENT_CODE)?, [&hash], rows::enrolment_code)?;
        EnrolmentCode::usable(found, Utc::now())
    })
    .await
}

pub(super) async fn enrol(
    s: &SqliteStorage,
    code_hash: &str,
    origin: &Origin,
    token_hash: &str,
) -> Result<StoreIdentity, StorageError> {
    let (hash, origin, token_hash) = (code_hash.to_owned(), origin.clone(), token_hash.to_owned());
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found = first(&mut prepared(&tx, rows::ENROLMENT_CODE)?, [&hash], rows::enrolment_code)?;
        EnrolmentCode::usable_by(found, &origin, Utc::now())?;
        if prepared(&tx, rows::USE_CODE)?.execute(params![hash, now()])? != 1 {
            return Err(StorageError::Enrolment(EnrolRefusal::Used));
        }
        prepared(&tx, rows::SET_TOKEN_HASH)?.execute(params![origin.store, origin.terminal, token_hash])?;
        let store = first(&mut prepared(&tx, rows::STORE)?, [&origin.store], rows::store_identity)?
            .ok_or_else(|| StorageError::UnknownStore(origin.store.clone()))?;
        tx.commit()?;
        Ok(store)
    })
    .await
}
