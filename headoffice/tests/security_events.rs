//! Wrong PINs and lockouts from the terminals: kept once by (store, terminal, id) on both
//! engines, listed by time, and refused over HTTP with a 4xx in words when they are not what a
//! terminal writes, with nothing stored.

mod common;

use chrono::{DateTime, Utc};
use common::{TestDb, origin, register};
use kasir_core::wire::{ApiError, SecurityEvent, SecurityEventAck, SecurityEventBatch};
use kasir_headoffice::Storage;
use kasir_headoffice::StorageError;
use kasir_headoffice::storage::{NewSecurityEvent, check_security_events};
use reqwest::StatusCode;

fn event(id: u64, at: &str, user: &str, what: &str) -> SecurityEvent {
    SecurityEvent { id, at: at.into(), user_code: user.into(), event: what.into(), place: "pin".into() }
}

fn checked(events: &[SecurityEvent]) -> Vec<NewSecurityEvent> {
    check_security_events(events).unwrap()
}

fn utc(t: &str) -> DateTime<Utc> {
    t.parse().unwrap()
}

/// (store-terminal, id, user, event) of what head office lists.
async fn listed(
    s: &dyn Storage,
    store: Option<&str>,
    since: Option<&str>,
) -> Vec<(String, u64, String, String)> {
    s.security_events(store, since.map(utc))
        .await
        .unwrap()
        .into_iter()
        .map(|e| (format!("{}-{}", e.store, e.terminal), e.id, e.user_code, e.event))
        .collect()
}

both!(security_events_are_kept_once_and_listed_by_time, |db: TestDb| async move {
    let s = db.storage.as_ref();
    register(s, "S01", "T01").await;
    register(s, "S02", "T01").await;
    let t1 = origin("S01", "T01");
    let batch = [
        event(1, "2026-11-02T09:00:00.123456789+07:00", "K01", "wrong_pin"),
        event(2, "2026-11-02T09:00:05+07:00", "K01", "wrong_pin"),
        event(3, "2026-11-02T09:00:09+07:00", "K01", "wrong_pin"),
        event(4, "2026-11-02T09:00:09.5+07:00", "K01", "locked_out"),
    ];
    let ack = s.record_security_events(&t1, &checked(&batch[..2])).await.unwrap();
    assert_eq!(ack, SecurityEventAck { acknowledged: 2, stored: 2, already_stored: 0 });
    // The answer was lost: the terminal sends them again with the rest.
    let ack = s.record_security_events(&t1, &checked(&batch)).await.unwrap();
    assert_eq!(ack, SecurityEventAck { acknowledged: 4, stored: 2, already_stored: 2 });
    let ack = s.record_security_events(&t1, &checked(&batch)).await.unwrap();
    assert_eq!(ack, SecurityEventAck { acknowledged: 4, stored: 0, already_stored: 4 });
    // Another store's terminal numbers its events from 1 too: they are its own.
    let ack = s
        .record_security_events(
            &origin("S02", "T01"),
            &checked(&[event(1, "2026-11-01T23:00:00Z", "M01", "refused_while_locked")]),
        )
        .await
        .unwrap();
    assert_eq!((ack.acknowledged, ack.stored), (1, 1));

    let all = listed(s, None, None).await;
    let row = |t: &str, id: u64, u: &str, e: &str| (t.to_owned(), id, u.to_owned(), e.to_owned());
    assert_eq!(
        all,
        [
            row("S02-T01", 1, "M01", "refused_while_locked"),
            row("S01-T01", 1, "K01", "wrong_pin"),
            row("S01-T01", 2, "K01", "wrong_pin"),
            row("S01-T01", 3, "K01", "wrong_pin"),
            row("S01-T01", 4, "K01", "locked_out"),
        ]
    );
    assert_eq!(listed(s, Some("S01"), None).await, all[1..]);
    assert_eq!(listed(s, None, Some("2026-11-02T02:00:05Z")).await, all[2..], "from 09:00:05 WIB");
    assert!(listed(s, Some("S02"), Some("2026-11-02T00:00:00Z")).await.is_empty());
    let first = &s.security_events(Some("S01"), None).await.unwrap()[0];
    assert_eq!(first.at, utc("2026-11-02T02:00:00.123456Z"), "kept to the microsecond");
    assert_eq!(first.place, "pin");
    assert!(first.received_at > utc("2026-01-01T00:00:00Z"));
});

#[test]
fn events_that_a_terminal_does_not_write_are_named() {
    let refused = |events: &[SecurityEvent], words: &str| match check_security_events(events) {
        Err(StorageError::Invalid(m)) => assert!(m.contains(words), "{m} does not say {words:?}"),
        other => panic!("{other:?}"),
    };
    let ok = event(1, "2026-11-02T09:00:00+07:00", "K01", "wrong_pin");
    refused(&[event(1, "2026-11-02T09:00:00+07:00", "K01", "guessed")], "is not wrong_pin, locked_out");
    refused(&[event(1, "yesterday", "K01", "wrong_pin")], "not an RFC 3339 time");
    refused(&[event(0, "2026-11-02T09:00:00Z", "K01", "wrong_pin")], "from 1");
    refused(&[ok.clone(), ok.clone()], "events[1] (id 1): ids must rise");
    refused(&[event(1, "2026-11-02T09:00:00Z", "", "wrong_pin")], "user_code");
    refused(&[SecurityEvent { place: "x".repeat(33), ..ok.clone() }], "place");
    assert_eq!(checked(&[ok]).len(), 1);
}

async fn serve(storage: std::sync::Arc<dyn Storage>) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(kasir_headoffice::serve(listener, storage, std::future::pending()));
    addr
}

async fn refused(resp: reqwest::Response, status: StatusCode, words: &str) {
    assert_eq!(resp.status(), status);
    let e: ApiError = resp.json().await.unwrap();
    assert!(e.error.contains(words), "{} does not say {words:?}", e.error);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_events_over_http_are_refused_in_words_or_kept_once() {
    let db = common::fresh(common::Kind::Sqlite).await;
    let s = db.storage.as_ref();
    let token = register(s, "S01", "T01").await;
    let addr = serve(db.storage.clone()).await;
    let url = format!("http://{addr}/api/v1/security-events");
    let http = reqwest::Client::new();
    let batch = |events: Vec<SecurityEvent>| SecurityEventBatch { events };
    let good = event(1, "2026-11-02T09:00:00+07:00", "K01", "wrong_pin");

    refused(
        http.post(&url).json(&batch(vec![good.clone()])).send().await.unwrap(),
        StatusCode::UNAUTHORIZED,
        "",
    )
    .await;
    // One bad event refuses the whole batch: the good one before it is not kept either.
    let bad = batch(vec![good.clone(), event(2, "2026-11-02T09:00:01+07:00", "K01", "deleted_sale")]);
    refused(
        http.post(&url).bearer_auth(&token).json(&bad).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "events[1] (id 2): event \"deleted_sale\" is not wrong_pin, locked_out or refused_while_locked",
    )
    .await;
    let unknown_field = serde_json::json!({ "events": [], "extra": 1 });
    refused(
        http.post(&url).bearer_auth(&token).json(&unknown_field).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown field `extra`",
    )
    .await;
    assert!(s.security_events(None, None).await.unwrap().is_empty(), "nothing stored");

    let send = |b: SecurityEventBatch| {
        let (http, url, token) = (http.clone(), url.clone(), token.clone());
        async move {
            let resp = http.post(&url).bearer_auth(&token).json(&b).send().await.unwrap();
            assert_eq!(resp.status(), StatusCode::OK);
            resp.json::<SecurityEventAck>().await.unwrap()
        }
    };
    let two = batch(vec![good.clone(), event(2, "2026-11-02T09:00:01+07:00", "K01", "locked_out")]);
    assert_eq!(send(two.clone()).await, SecurityEventAck { acknowledged: 2, stored: 2, already_stored: 0 });
    assert_eq!(send(two).await, SecurityEventAck { acknowledged: 2, stored: 0, already_stored: 2 });
    assert_eq!(s.security_events(None, None).await.unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_lists_who_where_when_what_in_the_stores_time() {
    let db = common::fresh(common::Kind::Sqlite).await;
    let s = db.storage.as_ref();
    register(s, "S01", "T01").await;
    register(s, "S02", "T01").await;
    let wib =
        kasir_headoffice::storage::StoreChange { utc_offset: Some("+07:00".into()), ..Default::default() };
    s.set_store("S01", &wib).await.unwrap();
    let events = [
        event(1, "2026-10-31T23:59:59+07:00", "K01", "wrong_pin"),
        event(2, "2026-11-01T08:15:00+07:00", "K01", "wrong_pin"),
        event(3, "2026-11-01T08:15:04+07:00", "K01", "locked_out"),
    ];
    s.record_security_events(&origin("S01", "T01"), &checked(&events)).await.unwrap();
    s.record_security_events(
        &origin("S02", "T01"),
        &checked(&[event(1, "2026-11-01T09:00:00Z", "M01", "wrong_pin")]),
    )
    .await
    .unwrap();
    let path = match &db.database {
        kasir_headoffice::Database::Sqlite(p) => p.display().to_string(),
        kasir_headoffice::Database::Postgres(u) => u.clone(),
    };
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_kasir-headoffice"))
            .args(["security-events", "--store", "S01", "--since", "2026-11-01"])
            .env("KASIR_HEADOFFICE_DATABASE", path)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(
        lines,
        [
            ["2026-11-01", "08:15:00", "+07:00", "S01-T01", "K01", "wrong_pin", "pin"],
            ["2026-11-01", "08:15:04", "+07:00", "S01-T01", "K01", "locked_out", "pin"],
        ],
        "from midnight in the store's time, only S01:\n{text}"
    );
}

/// A token replaced by an enrolment stops working in every process on the same database,
/// even one that had verified it before (the stored row is read on every request).
#[tokio::test]
async fn a_replaced_token_is_refused_by_a_server_that_had_verified_it() {
    use kasir_headoffice::auth::{
        Authenticator, hash_enrolment_code, hash_token, new_enrolment_code, new_token,
    };
    let db = common::fresh(common::Kind::Sqlite).await;
    let s = db.storage.as_ref();
    s.add_store("S01", "Toko S01").await.unwrap();
    let origin = kasir_core::chain::Origin { store: "S01".into(), terminal: "T01".into() };
    let old = new_token(&origin);
    s.add_terminal("S01", "T01", &hash_token(&old)).await.unwrap();
    // Another server process: it verified the old token and remembers it.
    let elsewhere = Authenticator::new(db.storage.clone());
    assert_eq!(elsewhere.authenticate(Some(&old), None).await.unwrap().origin, origin);
    // This process enrols the terminal again: a new token replaces the old one's hash.
    let code = new_enrolment_code();
    let expires = chrono::Utc::now() + chrono::TimeDelta::hours(1);
    s.issue_enrolment_code("S01", "T01", &hash_enrolment_code(&code), expires).await.unwrap();
    let new = new_token(&origin);
    s.enrol(&hash_enrolment_code(&code), &origin, &hash_token(&new)).await.unwrap();
    assert!(elsewhere.authenticate(Some(&old), None).await.is_err(), "the old token is refused at once");
    assert_eq!(elsewhere.authenticate(Some(&new), None).await.unwrap().origin, origin);
}
