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
    if let Some(region) = &change.region {
        tx.execute("UPDATE stores SET region = $2 WHERE code = $1", &[&code, region]).await?;
    }
    if change.changes_receipt_lines() {
        let number = take_numbers(&tx, 1).await?;
        tx.execute(rows::SET_RECEIPT_LINES, &[&code, &header, &footer, &number]).await?;
    }
    Ok(tx.commit().await?)
}

pub(super) async fn credentials(
    s: &PgStorage,
    store: &str,
    terminal: &str,
) -> Result<Option<TerminalCredentials>, StorageError> {
    first(&s.pool.get().await?, rows::CREDENTIALS, &[&store, &terminal], rows::credentials).await
}

pub(super) async fn upgrade_token_hash(
    s: &PgStorage,
    origin: &Origin,
    legacy_hash: &str,
    token_hash: &str,
) -> Result<bool, StorageError> {
    let client = s.pool.get().await?;
    let n = client
        .execute(rows::UPGRADE_TOKEN_HASH, &[&origin.store, &origin.terminal, &legacy_hash, &token_hash])
        .await?;
    Ok(n == 1)
}

pub(super) async fn set_pending_token(
    s: &PgStorage,
    origin: &Origin,
    token_hash: &str,
) -> Result<bool, StorageError> {
    let client = s.pool.get().await?;
    Ok(client.execute(rows::SET_PENDING_TOKEN, &[&origin.store, &origin.terminal, &token_hash]).await? == 1)
}

pub(super) async fn promote_pending_token(
    s: &PgStorage,
    origin: &Origin,
    token_hash: &str,
) -> Result<bool, StorageError> {
    let client = s.pool.get().await?;
    Ok(client.execute(rows::PROMOTE_PENDING_TOKEN, &[&origin.store, &origin.terminal, &token_hash]).await?
        == 1)
}

pub(super) async fn revoke_terminal(s: &PgStorage, store: &str, terminal: &str) -> Result<(), StorageError> {
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    let at = Utc::now();
    if tx.execute(rows::REVOKE_TERMINAL, &[&store, &terminal, &at]).await? == 0 {
        return Err(StorageError::UnknownTerminal { store: store.to_owned(), terminal: terminal.to_owned() });
    }
    // A code issued before the revocation may be in the wrong hands too.
    tx.execute(rows::REPLACE_CODES, &[&store, &terminal, &at]).await?;
    Ok(tx.commit().await?)
}

pub(super) async fn replace_token(
    s: &PgStorage,
    store: &str,
    terminal: &str,
    token_hash: &str,
) -> Result<(), StorageError> {
    let client = s.pool.get().await?;
    if client.execute(rows::SET_TOKEN_HASH, &[&store, &terminal, &token_hash]).await? == 0 {
        return Err(StorageError::UnknownTerminal { store: store.to_owned(), terminal: terminal.to_owned() });
    }
    Ok(())
}

pub(super) async fn rotate_token(s: &PgStorage, store: &str, terminal: &str) -> Result<(), StorageError> {
    let client = s.pool.get().await?;
    if client.execute(rows::ROTATE_TOKEN, &[&store, &terminal, &Utc::now()]).await? == 0 {
        let found = first(&client, rows::CREDENTIALS, &[&store, &terminal], rows::credentials).await?;
        return Err(match found {
            None => StorageError::UnknownTerminal { store: store.to_owned(), terminal: terminal.to_owned() },
            Some(_) => StorageError::Invalid(revoked_cannot_rotate(store, terminal)),
        });
    }
    Ok(())
}

pub(super) async fn record_auth_failures(
    s: &PgStorage,
    failures: &[AuthFailures],
) -> Result<(), StorageError> {
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    // Rows past the window go with each write, before it: an index range that is empty but
    // for the minutes that aged out since the last write.
    tx.execute(rows::PRUNE_AUTH_FAILURES, &[&crate::auth_failures::kept_since(Utc::now())]).await?;
    let upsert = tx
        .prepare(
            "INSERT INTO auth_failures (claimed_store, claimed_terminal, reason, remote, minute, first_at,
             last_at, count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (claimed_store, claimed_terminal, reason, remote, minute) DO UPDATE SET
             first_at = LEAST(auth_failures.first_at, EXCLUDED.first_at),
             last_at = GREATEST(auth_failures.last_at, EXCLUDED.last_at),
             count = auth_failures.count + EXCLUDED.count",
        )
        .await?;
    for f in failures {
        let count = i64::try_from(f.count).unwrap_or(i64::MAX);
        tx.execute(
            &upsert,
            &[
                &f.claimed_store,
                &f.claimed_terminal,
                &f.reason.code(),
                &f.remote,
                &f.minute,
                &f.first_at,
                &f.last_at,
                &count,
            ],
        )
        .await?;
    }
    Ok(tx.commit().await?)
}

pub(super) async fn auth_failures(
    s: &PgStorage,
    store: Option<&str>,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<AuthFailures>, StorageError> {
    // Year 1: before every time a failure can have been kept, and within PostgreSQL's range.
    let since = since.or(DateTime::from_timestamp(-62_135_596_800, 0)).unwrap_or(DateTime::UNIX_EPOCH);
    all(&s.pool.get().await?, rows::AUTH_FAILURES, &[&store, &since], rows::auth_failures).await
}
