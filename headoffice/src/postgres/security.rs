use super::*;

pub(super) async fn record_security_events(
    s: &PgStorage,
    origin: &Origin,
    events: &[NewSecurityEvent],
) -> Result<kasir_core::wire::SecurityEventAck, StorageError> {
    let (store, terminal) = (&origin.store, &origin.terminal);
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    let received = Utc::now();
    let insert = tx.prepare(rows::INSERT_SECURITY_EVENT).await?;
    let mut stored = 0u32;
    for e in events {
        let n = tx
            .execute(
                &insert,
                &[store, terminal, &to_i64(e.id), &e.at, &e.user_code, &e.event, &e.place, &received],
            )
            .await?;
        stored += n as u32;
    }
    let acknowledged: u64 =
        rows::unsigned(&tx.query_one(rows::SECURITY_EVENTS_HELD, &[store, terminal]).await?, 0)?;
    tx.commit().await?;
    Ok(security_event_ack(acknowledged, stored, events.len()))
}

pub(super) async fn security_events(
    s: &PgStorage,
    store: Option<&str>,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<StoredSecurityEvent>, StorageError> {
    // Year 1: before every time a terminal can have written, and within PostgreSQL's range.
    let since = since.or(DateTime::from_timestamp(-62_135_596_800, 0)).unwrap_or(DateTime::UNIX_EPOCH);
    all(&s.pool.get().await?, rows::SECURITY_EVENTS, &[&store, &since], rows::security_event).await
}
