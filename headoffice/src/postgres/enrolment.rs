use super::*;

pub(super) async fn issue_enrolment_code(
    s: &PgStorage,
    store: &str,
    terminal: &str,
    code_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    // The terminal's row is locked: two codes issued at once leave one of them working.
    let known = tx
        .query_opt(
            "SELECT 1 FROM terminals WHERE store = $1 AND terminal = $2 FOR UPDATE",
            &[&store, &terminal],
        )
        .await?;
    if known.is_none() {
        return Err(StorageError::UnknownTerminal { store: store.to_owned(), terminal: terminal.to_owned() });
    }
    let now = Utc::now();
    tx.execute(rows::REPLACE_CODES, &[&store, &terminal, &now]).await?;
    tx.execute(rows::INSERT_CODE, &[&code_hash, &store, &terminal, &now, &expires_at]).await?;
    Ok(tx.commit().await?)
}

pub(super) async fn enrolment_terminal(s: &PgStorage, code_hash: &str) -> Result<Origin, StorageError> {
    let found =
        first(&s.pool.get().await?, rows::ENROLMENT_CODE, &[&code_hash], rows::enrolment_code).await?;
    EnrolmentCode::usable(found, Utc::now())
}

pub(super) async fn enrol(
    s: &PgStorage,
    code_hash: &str,
    origin: &Origin,
    token_hash: &str,
) -> Result<StoreIdentity, StorageError> {
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    // The code's row stays locked until the end: a second enrolment with it waits, then
    // finds it used.
    let sql = format!("{} FOR UPDATE", rows::ENROLMENT_CODE);
    let found = first(&tx, &sql, &[&code_hash], rows::enrolment_code).await?;
    EnrolmentCode::usable_by(found, origin, Utc::now())?;
    if tx.execute(rows::USE_CODE, &[&code_hash, &Utc::now()]).await? != 1 {
        return Err(StorageError::Enrolment(EnrolRefusal::Used));
    }
    tx.execute(rows::SET_TOKEN_HASH, &[&origin.store, &origin.terminal, &token_hash]).await?;
    let store = first(&tx, rows::STORE, &[&origin.store], rows::store_identity)
        .await?
        .ok_or_else(|| StorageError::UnknownStore(origin.store.clone()))?;
    tx.commit().await?;
    Ok(store)
}
