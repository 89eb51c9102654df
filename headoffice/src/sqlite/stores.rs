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
        if let Some(region) = &ch.region {
            tx.execute("UPDATE stores SET region = ?2 WHERE code = ?1", params![code, region])?;
        }
        if ch.changes_receipt_lines() {
            let number = take_numbers(&tx, 1)?;
            prepared(&tx, rows::SET_RECEIPT_LINES)?.execute(params![code, header, footer, number])?;
        }
        Ok(tx.commit()?)
    })
    .await
}

pub(super) async fn credentials(
    s: &SqliteStorage,
    store: &str,
    terminal: &str,
) -> Result<Option<TerminalCredentials>, StorageError> {
    let (store, terminal) = (store.to_owned(), terminal.to_owned());
    s.with(move |c| first(&mut prepared(c, rows::CREDENTIALS)?, [store, terminal], rows::credentials)).await
}

/// Runs one terminal update; whether it changed a row.
async fn update_terminal(
    s: &SqliteStorage,
    statement: &'static str,
    origin: &Origin,
    values: Vec<String>,
) -> Result<bool, StorageError> {
    let (store, terminal) = (origin.store.clone(), origin.terminal.clone());
    s.with(move |c| {
        let mut all: Vec<&dyn ToSql> = vec![&store, &terminal];
        all.extend(values.iter().map(|v| v as &dyn ToSql));
        Ok(prepared(c, statement)?.execute(all.as_slice())? == 1)
    })
    .await
}

pub(super) async fn upgrade_token_hash(
    s: &SqliteStorage,
    origin: &Origin,
    legacy_hash: &str,
    token_hash: &str,
) -> Result<bool, StorageError> {
    update_terminal(s, rows::UPGRADE_TOKEN_HASH, origin, vec![legacy_hash.to_owned(), token_hash.to_owned()])
        .await
}

pub(super) async fn set_pending_token(
    s: &SqliteStorage,
    origin: &Origin,
    token_hash: &str,
) -> Result<bool, StorageError> {
    update_terminal(s, rows::SET_PENDING_TOKEN, origin, vec![token_hash.to_owned()]).await
}

pub(super) async fn promote_pending_token(
    s: &SqliteStorage,
    origin: &Origin,
    token_hash: &str,
) -> Result<bool, StorageError> {
    update_terminal(s, rows::PROMOTE_PENDING_TOKEN, origin, vec![token_hash.to_owned()]).await
}

pub(super) async fn revoke_terminal(
    s: &SqliteStorage,
    store: &str,
    terminal: &str,
) -> Result<(), StorageError> {
    let (store, terminal) = (store.to_owned(), terminal.to_owned());
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        if prepared(&tx, rows::REVOKE_TERMINAL)?.execute(params![store, terminal, at])? == 0 {
            return Err(StorageError::UnknownTerminal { store, terminal });
        }
        // A code issued before the revocation may be in the wrong hands too.
        prepared(&tx, rows::REPLACE_CODES)?.execute(params![store, terminal, at])?;
        Ok(tx.commit()?)
    })
    .await
}

pub(super) async fn replace_token(
    s: &SqliteStorage,
    store: &str,
    terminal: &str,
    token_hash: &str,
) -> Result<(), StorageError> {
    let (store, terminal, token_hash) = (store.to_owned(), terminal.to_owned(), token_hash.to_owned());
    s.with(move |c| {
        if prepared(c, rows::SET_TOKEN_HASH)?.execute(params![store, terminal, token_hash])? == 0 {
            return Err(StorageError::UnknownTerminal { store, terminal });
        }
        Ok(())
    })
    .await
}

pub(super) async fn rotate_token(s: &SqliteStorage, store: &str, terminal: &str) -> Result<(), StorageError> {
    let (store, terminal) = (store.to_owned(), terminal.to_owned());
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if prepared(&tx, rows::ROTATE_TOKEN)?.execute(params![store, terminal, now()])? == 0 {
            let found =
                first(&mut prepared(&tx, rows::CREDENTIALS)?, [&store, &terminal], rows::credentials)?;
            return Err(match found {
                None => StorageError::UnknownTerminal { store, terminal },
                Some(_) => StorageError::Invalid(revoked_cannot_rotate(&store, &terminal)),
            });
        }
        Ok(tx.commit()?)
    })
    .await
}

/// A failed authentication's time as kept: UTC, microseconds, always the same width, so that
/// text order is time order.
fn failure_time(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(super) async fn record_auth_failures(
    s: &SqliteStorage,
    failures: &[AuthFailures],
) -> Result<(), StorageError> {
    let failures = failures.to_vec();
    let cutoff = failure_time(&crate::auth_failures::kept_since(Utc::now()));
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Rows past the window go with each write, before it: an index range that is empty
        // but for the minutes that aged out since the last write.
        prepared(&tx, rows::PRUNE_AUTH_FAILURES)?.execute(params![cutoff])?;
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO auth_failures (claimed_store, claimed_terminal, reason, remote, minute, first_at,
                 last_at, count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (claimed_store, claimed_terminal, reason, remote, minute) DO UPDATE SET
                 first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at),
                 count = count + excluded.count",
            )?;
            for f in &failures {
                st.execute(params![
                    f.claimed_store,
                    f.claimed_terminal,
                    f.reason.code(),
                    f.remote,
                    failure_time(&f.minute),
                    failure_time(&f.first_at),
                    failure_time(&f.last_at),
                    i64::try_from(f.count).unwrap_or(i64::MAX)
                ])?;
            }
        }
        Ok(tx.commit()?)
    })
    .await
}

pub(super) async fn auth_failures(
    s: &SqliteStorage,
    store: Option<&str>,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<AuthFailures>, StorageError> {
    let store = store.map(str::to_owned);
    // Times are kept in one width, so text order is time order; "" is before every time.
    let since = since.as_ref().map(failure_time).unwrap_or_default();
    s.with(move |c| all(&mut prepared(c, rows::AUTH_FAILURES)?, params![store, since], rows::auth_failures))
        .await
}
