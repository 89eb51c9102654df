use super::*;

/// A security event's time as kept: UTC, microseconds, always the same width, so that text
/// order is time order.
fn event_time(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(super) async fn record_security_events(
    s: &SqliteStorage,
    origin: &Origin,
    events: &[NewSecurityEvent],
) -> Result<kasir_core::wire::SecurityEventAck, StorageError> {
    let (origin, events) = (origin.clone(), events.to_vec());
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let received = now();
        let mut stored = 0u32;
        {
            let mut st = prepared(&tx, rows::INSERT_SECURITY_EVENT)?;
            for e in &events {
                let n = st.execute(params![
                    origin.store,
                    origin.terminal,
                    e.id,
                    event_time(&e.at),
                    e.user_code,
                    e.event,
                    e.place,
                    received
                ])?;
                stored += n as u32;
            }
        }
        let acknowledged: u64 =
            tx.query_row(&sql(rows::SECURITY_EVENTS_HELD), params![origin.store, origin.terminal], |r| {
                r.get(0)
            })?;
        tx.commit()?;
        Ok(security_event_ack(acknowledged, stored, events.len()))
    })
    .await
}

pub(super) async fn security_events(
    s: &SqliteStorage,
    store: Option<&str>,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<StoredSecurityEvent>, StorageError> {
    let store = store.map(str::to_owned);
    // Times are kept in one width, so text order is time order; "" is before every time.
    let since = since.as_ref().map(event_time).unwrap_or_default();
    s.with(move |c| {
        all(&mut prepared(c, rows::SECURITY_EVENTS)?, params![store, since], rows::security_event)
    })
    .await
}
