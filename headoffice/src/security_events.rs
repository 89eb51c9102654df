//! Wrong PINs and lockouts sent by the terminals: checked before they are kept, and kept
//! once each.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::storage::StorageError;

/// A wrong PIN or lockout from a terminal, checked ([`check_security_events`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSecurityEvent {
    pub id: u64,
    pub at: DateTime<Utc>,
    pub user_code: String,
    pub event: String,
    pub place: String,
}

/// What recording a push of security events did: `stored` of the `sent` were new, and head
/// office now holds the terminal's events up to `acknowledged`.
pub fn security_event_ack(acknowledged: u64, stored: u32, sent: usize) -> kasir_core::wire::SecurityEventAck {
    kasir_core::wire::SecurityEventAck { acknowledged, stored, already_stored: sent as u32 - stored }
}

/// A wrong PIN or lockout as head office keeps it: who, where, when, what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoredSecurityEvent {
    pub store: String,
    pub terminal: String,
    /// The terminal's own number for it.
    pub id: u64,
    pub at: DateTime<Utc>,
    pub user_code: String,
    /// `wrong_pin`, `locked_out` or `refused_while_locked`.
    pub event: String,
    pub place: String,
    pub received_at: DateTime<Utc>,
}

/// Checks a terminal's batch of security events: ids rising from 1, a time in RFC 3339, a
/// user code and a place (1 to 32 printable characters), and an event head office knows.
/// The first fault is named; nothing of a batch with a fault is stored.
pub fn check_security_events(
    events: &[kasir_core::wire::SecurityEvent],
) -> Result<Vec<NewSecurityEvent>, StorageError> {
    let word = |s: &str| !s.is_empty() && s.chars().count() <= 32 && !s.chars().any(char::is_control);
    let mut previous = 0;
    let mut out = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        let at = format!("events[{i}] (id {})", e.id);
        let bad = |what: String| StorageError::Invalid(format!("{at}: {what}; nothing was stored"));
        if e.id == 0 || i64::try_from(e.id).is_err() {
            return Err(bad("an id is a number from 1".into()));
        }
        if e.id <= previous {
            return Err(bad("ids must rise through the batch".into()));
        }
        previous = e.id;
        let time = DateTime::parse_from_rfc3339(&e.at)
            .map_err(|err| bad(format!("at {:?} is not an RFC 3339 time: {err}", e.at)))?;
        if !word(&e.user_code) {
            return Err(bad(format!("user_code {:?} must be 1 to 32 printable characters", e.user_code)));
        }
        if !kasir_core::wire::SECURITY_EVENTS.contains(&e.event.as_str()) {
            return Err(bad(format!(
                "event {:?} is not wrong_pin, locked_out or refused_while_locked",
                e.event
            )));
        }
        if !word(&e.place) {
            return Err(bad(format!("place {:?} must be 1 to 32 printable characters", e.place)));
        }
        out.push(NewSecurityEvent {
            id: e.id,
            at: time.with_timezone(&Utc),
            user_code: e.user_code.clone(),
            event: e.event.clone(),
            place: e.place.clone(),
        });
    }
    Ok(out)
}
