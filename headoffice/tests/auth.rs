//! Terminal authentication over loopback, as an administrator and a terminal meet it: a
//! revocation holds in every server process at once; a rotation hands the new token over
//! without losing or doubling a document, also when the administrator rotates twice or two
//! requests race; a token hashed with argon2 before version 8 is upgraded on first use; old
//! failed authentications are pruned. (What a flood costs and what timing tells are measured
//! apart, in `auth_flood.rs`.)

mod common;

use std::process::Command;
use std::time::Duration;

use common::serve::*;
use common::{Chain, Kind, TestDb, register, sale};
use kasir_core::wire::PushAck;
use kasir_headoffice::auth::hash_token;
use kasir_headoffice::storage::{AuthFailureReason, AuthFailures};
use reqwest::StatusCode;

/// Two server processes on one PostgreSQL database: a terminal revoked from the command line
/// is refused by both at its next request, in words; a token given by hand later lets it
/// sync again, and its old token stays refused.
#[test]
fn a_revocation_holds_in_every_server_process_from_the_next_request() {
    runtime().block_on(async move {
        let db = common::fresh(Kind::Postgres).await;
        let s = db.storage.as_ref();
        let token = register(s, "S01", "T01").await;
        let (a, b) = (ServeProcess::start(&db.database).await, ServeProcess::start(&db.database).await);
        let http = reqwest::Client::new();
        let mut c = Chain::new("S01", "T01");
        c.add(sale(&[("A", 1, 1000)]));
        assert_eq!(push(&http, &a.url(""), &token, &one(&c, 1)).await.status(), StatusCode::OK);
        let changes = |server: &ServeProcess, token: &str| {
            http.get(server.url("changes")).bearer_auth(token.to_owned()).send()
        };
        assert_eq!(changes(&b, &token).await.unwrap().status(), StatusCode::OK);

        let said = cli(&db.database, &["terminal", "revoke", "--store", "S01", "--terminal", "T01"]);
        assert!(said.contains("terminal S01-T01 revoked"), "{said}");
        for server in [&b, &a] {
            let (status, e) = refusal(changes(server, &token).await.unwrap()).await;
            assert_eq!((status, e.code.as_str()), (StatusCode::UNAUTHORIZED, "revoked"));
            assert!(e.error.contains("S01-T01 was revoked by head office"), "{}", e.error);
            assert!(e.error.contains("only with a new token from head office"), "{}", e.error);
        }
        c.add(sale(&[("A", 1, 1000)]));
        let (status, e) = refusal(push(&http, &b.url(""), &token, &one(&c, 2)).await).await;
        assert_eq!((status, e.code.as_str()), (StatusCode::UNAUTHORIZED, "revoked"));
        // A wrong token for the revoked terminal says nothing of the revocation.
        let (_, e) = refusal(changes(&a, &wrong_token("S01", "T01", 7)).await.unwrap()).await;
        assert_eq!(e.code, "unauthorized");
        // A rotation has nothing to replace.
        let out = Command::new(BIN)
            .args(["--database-url", &database_url(&db.database), "terminal", "rotate", "--store", "S01"])
            .args(["--terminal", "T01"])
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("is revoked"));

        // The terminal, having sent documents, cannot join afresh (its numbers are taken): it
        // syncs again, keeping its ledger, with a token given by hand.
        let out = Command::new(BIN)
            .args(["--database-url", &database_url(&db.database), "terminal", "enrol-code", "--store", "S01"])
            .args(["--terminal", "T01"])
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("terminal new-token"));
        let said = cli(&db.database, &["terminal", "new-token", "--store", "S01", "--terminal", "T01"]);
        let fresh = said.lines().last().unwrap().trim().to_owned();
        assert!(fresh.starts_with("S01-T01.") && fresh.len() == 72, "{said}");
        let ack: PushAck = push(&http, &a.url(""), &fresh, &one(&c, 2)).await.json().await.unwrap();
        assert_eq!((ack.acknowledged, ack.stored), (2, 1), "the terminal carries on with its own ledger");
        let (_, e) = refusal(changes(&b, &token).await.unwrap()).await;
        assert_eq!(e.code, "unauthorized", "the revoked token stays refused");

        // The administrator sees the refusals.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let seen = cli(&db.database, &["security-events"]);
        assert!(seen.contains("Failed authentications at head office"), "{seen}");
        let revoked =
            seen.lines().find(|l| l.contains("S01-T01 revoked")).unwrap_or_else(|| panic!("{seen}"));
        assert!(revoked.contains("time(s) from 127.0.0.1"), "{revoked}");
        let kept = s.auth_failures(Some("S01"), None).await.unwrap();
        let count = |reason| kept.iter().filter(|f| f.reason == reason).map(|f| f.count).sum::<u64>();
        assert_eq!(count(AuthFailureReason::Revoked), 3, "{kept:?}");
        assert_eq!(count(AuthFailureReason::WrongToken), 2, "{kept:?}");
        assert!(!seen.contains(&token[8..]) && !seen.contains(&fresh[8..]), "tokens are never shown");
    });
}

/// Rotation at head office: the new token rides on every successful answer to the old one
/// (a fresh one each time, so a lost answer is no loss); both work until the terminal uses the
/// new one; from then on the old one is refused. No document is lost or doubled.
async fn rotation_hands_over_the_new_token(db: TestDb) {
    let s = db.storage.as_ref();
    let old = register(s, "S01", "T01").await;
    let other = register(s, "S01", "T02").await;
    let base = serve_here(db.storage.clone()).await;
    let http = reqwest::Client::new();
    let new_token_of =
        |r: &reqwest::Response| r.headers().get("kasir-new-token").map(|v| v.to_str().unwrap().to_owned());
    let mut c = Chain::new("S01", "T01");
    for _ in 0..6 {
        c.add(sale(&[("A", 1, 1000)]));
    }
    let mut stored = 0;
    let mut pushed = async |token: &str, seq: u64| {
        let r = push(&http, &base, token, &one(&c, seq)).await;
        assert_eq!(r.status(), StatusCode::OK);
        let header = new_token_of(&r);
        let ack: PushAck = r.json().await.unwrap();
        stored += ack.stored;
        (ack, header)
    };
    let (_, header) = pushed(&old, 1).await;
    assert_eq!(header, None, "no rotation asked for");

    let said = cli(&db.database, &["terminal", "rotate", "--store", "S01", "--terminal", "T01"]);
    assert!(said.contains("S01-T01 gets a new token with its next sync"), "{said}");
    let (_, first) = pushed(&old, 2).await;
    let first = first.expect("the new token rides on the answer");
    assert!(first.starts_with("S01-T01.") && first != old);
    // The answer was lost: the terminal sends the same document again with its old token.
    let (ack, second) = pushed(&old, 2).await;
    assert_eq!((ack.stored, ack.already_stored), (0, 1));
    let second = second.expect("a fresh token with the next answer");
    assert_ne!(second, first);
    // The old one still works, with a fresh new one; the latest two handed out are pending,
    // one before them is forgotten.
    let r = http.get(format!("{base}changes")).bearer_auth(&old).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let third = new_token_of(&r).expect("every successful answer to the old token carries one");
    assert_eq!(r.headers().get("cache-control").unwrap(), "no-store");
    let (status, e) =
        refusal(http.get(format!("{base}changes")).bearer_auth(&first).send().await.unwrap()).await;
    assert_eq!((status, e.code.as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"));
    // A refused request hands out nothing.
    let r = http
        .post(format!("{base}documents"))
        .bearer_auth(&old)
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error() && new_token_of(&r).is_none(), "{}", r.status());
    // Another terminal is not rotated.
    let r = http.get(format!("{base}changes")).bearer_auth(&other).send().await.unwrap();
    assert!(r.status().is_success() && new_token_of(&r).is_none());

    // The terminal uses the new token: it becomes its token, the old one is retired.
    let (ack, header) = pushed(&third, 3).await;
    assert_eq!((ack.acknowledged, ack.stored, header), (3, 1, None));
    for retired in [&old, &second] {
        let (status, e) = refusal(push(&http, &base, retired, &one(&c, 4)).await).await;
        assert_eq!((status, e.code.as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"));
    }
    assert_eq!(s.credentials("S01", "T01").await.unwrap().unwrap().token_hash, hash_token(&third));
    for seq in 4..=6 {
        let (_, header) = pushed(&third, seq).await;
        assert_eq!(header, None);
    }
    assert_eq!(stored, 6, "each document stored once");
    let t01 = s.terminals().await.unwrap().into_iter().find(|t| t.terminal == "T01").unwrap();
    assert_eq!((t01.last_seq, t01.grand_total), (6, 6000));
}

both!(rotation_hands_over_the_new_token_without_losing_a_document, rotation_hands_over_the_new_token);

/// A token hashed with argon2id before version 8: a wrong one is refused and changes nothing;
/// the right one gets in and its hash is replaced by the token's digest.
async fn a_legacy_hash_is_upgraded_on_first_use(db: TestDb) {
    let s = db.storage.as_ref();
    let token = legacy_terminal(s, "S01", "T01").await;
    let phc = s.credentials("S01", "T01").await.unwrap().unwrap().token_hash;
    assert!(phc.starts_with("$argon2id$"), "{phc}");
    let base = serve_here(db.storage.clone()).await;
    let http = reqwest::Client::new();
    let changes = |t: &str| http.get(format!("{base}changes")).bearer_auth(t.to_owned()).send();
    let (status, e) = refusal(changes(&wrong_token("S01", "T01", 1)).await.unwrap()).await;
    assert_eq!((status, e.code.as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"));
    assert_eq!(s.credentials("S01", "T01").await.unwrap().unwrap().token_hash, phc, "nothing changed");
    // One argon2 check a second for a terminal code: the next within it is told to come back.
    let (status, e) = refusal(changes(&token).await.unwrap()).await;
    assert_eq!((status, e.code.as_str()), (StatusCode::TOO_MANY_REQUESTS, "busy"));
    assert_eq!(s.credentials("S01", "T01").await.unwrap().unwrap().token_hash, phc, "nothing changed");
    tokio::time::sleep(kasir_headoffice::auth::LEGACY_PER_TERMINAL).await;

    assert_eq!(changes(&token).await.unwrap().status(), StatusCode::OK);
    assert_eq!(s.credentials("S01", "T01").await.unwrap().unwrap().token_hash, hash_token(&token));
    assert_eq!(changes(&token).await.unwrap().status(), StatusCode::OK);
    let (_, e) = refusal(changes(&wrong_token("S01", "T01", 2)).await.unwrap()).await;
    assert_eq!(e.code, "unauthorized");
}

both!(a_legacy_argon2_hash_is_upgraded_on_first_use, a_legacy_hash_is_upgraded_on_first_use);

/// Whether a request with `token` is accepted, and the new token its answer carries.
async fn changes_with(http: &reqwest::Client, base: &str, token: &str) -> (StatusCode, Option<String>) {
    let r = http.get(format!("{base}changes")).bearer_auth(token).send().await.unwrap();
    let header = r.headers().get("kasir-new-token").map(|v| v.to_str().unwrap().to_owned());
    (r.status(), header)
}

/// `terminal rotate` twice: the token handed out after the first, which the terminal holds,
/// still gets it in (and the second rotation goes on to a fresh token); nothing locks it out.
async fn a_second_rotate_does_not_orphan_a_token_handed_out(db: TestDb) {
    let s = db.storage.as_ref();
    let old = register(s, "S01", "T01").await;
    let base = serve_here(db.storage.clone()).await;
    let http = reqwest::Client::new();
    s.rotate_token("S01", "T01").await.unwrap();
    let (status, n1) = changes_with(&http, &base, &old).await;
    let n1 = n1.filter(|_| status == StatusCode::OK).expect("the first new token");
    s.rotate_token("S01", "T01").await.unwrap();
    // The terminal comes back with what it was given.
    let (status, n2) = changes_with(&http, &base, &n1).await;
    assert_eq!(status, StatusCode::OK, "the token handed out before the second rotate still works");
    let n2 = n2.expect("the second rotation hands out a fresh token");
    assert_eq!(changes_with(&http, &base, &old).await.0, StatusCode::UNAUTHORIZED, "the old one is retired");
    assert_eq!(changes_with(&http, &base, &n2).await, (StatusCode::OK, None), "the rotation is over");
    assert_eq!(changes_with(&http, &base, &n1).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(s.credentials("S01", "T01").await.unwrap().unwrap().token_hash, hash_token(&n2));
}

both!(a_second_rotate_keeps_a_handed_out_token_good, a_second_rotate_does_not_orphan_a_token_handed_out);

/// Two requests of one terminal racing with the old token get two new tokens; whichever the
/// terminal kept gets it in. Kept the earlier: one more new token follows, then it is over.
async fn racing_requests_hand_out_two_tokens_and_either_works(db: TestDb) {
    let s = db.storage.as_ref();
    let base = serve_here(db.storage.clone()).await;
    let http = reqwest::Client::new();
    for (terminal, keeps_earlier) in [("T01", true), ("T02", false)] {
        let old = register(s, "S01", terminal).await;
        s.rotate_token("S01", terminal).await.unwrap();
        let (a, b) = tokio::join!(changes_with(&http, &base, &old), changes_with(&http, &base, &old));
        let (earlier, later) = (a.1.expect("a new token"), b.1.expect("a new token"));
        assert_ne!(earlier, later);
        let (kept, other) = if keeps_earlier { (&earlier, &later) } else { (&later, &earlier) };
        let (status, next) = changes_with(&http, &base, kept).await;
        assert_eq!(status, StatusCode::OK, "{terminal}: the token the terminal kept gets it in");
        for retired in [&old, other] {
            assert_eq!(changes_with(&http, &base, retired).await.0, StatusCode::UNAUTHORIZED, "{terminal}");
        }
        let last = match next {
            // Which of the two was handed out last depends on the race.
            Some(next) => {
                assert_eq!(changes_with(&http, &base, &next).await, (StatusCode::OK, None), "{terminal}");
                next
            }
            None => kept.clone(),
        };
        assert_eq!(changes_with(&http, &base, &last).await, (StatusCode::OK, None), "{terminal}: over");
        assert_eq!(s.credentials("S01", terminal).await.unwrap().unwrap().token_hash, hash_token(&last));
    }
}

both!(
    racing_requests_with_the_old_token_leave_either_new_token_good,
    racing_requests_hand_out_two_tokens_and_either_works
);

/// Failed authentications older than the kept window are pruned when tallies are written; a
/// `busy` answer is kept as a reason of its own.
async fn old_failures_are_pruned_when_failures_are_written(db: TestDb) {
    let s = db.storage.as_ref();
    let row = |days_ago: i64, reason| {
        let at = chrono::Utc::now() - chrono::Duration::days(days_ago);
        let minute = chrono::DateTime::from_timestamp(at.timestamp().div_euclid(60) * 60, 0).unwrap();
        AuthFailures {
            claimed_store: "S01".into(),
            claimed_terminal: "T01".into(),
            reason,
            remote: "192.0.2.7".into(),
            minute,
            first_at: at,
            last_at: at,
            count: 3,
        }
    };
    let kept_days = kasir_headoffice::auth_failures::KEEP_DAYS;
    s.record_auth_failures(&[
        row(kept_days + 1, AuthFailureReason::WrongToken),
        row(kept_days - 1, AuthFailureReason::Busy),
    ])
    .await
    .unwrap();
    assert_eq!(s.auth_failures(None, None).await.unwrap().len(), 2, "written before any pruning");
    s.record_auth_failures(&[row(0, AuthFailureReason::Busy)]).await.unwrap();
    let kept = s.auth_failures(None, None).await.unwrap();
    let reasons: Vec<_> = kept.iter().map(|f| f.reason).collect();
    assert_eq!(reasons, [AuthFailureReason::Busy, AuthFailureReason::Busy], "{kept:?}");
    assert!(kept.iter().all(|f| f.minute > chrono::Utc::now() - chrono::Duration::days(kept_days)));
}

both!(failures_older_than_the_window_are_pruned, old_failures_are_pruned_when_failures_are_written);
