//! A stranger's cost to head office, measured alone in this test binary (nothing else of
//! the suite runs beside it): a flood of wrong tokens costs valid terminals little and head
//! office no memory, and unknown and known terminal codes take the same time.

mod common;

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::serve::*;
use common::{Chain, Kind, register, sale};
use kasir_core::wire::{PushAck, PushBatch};
use kasir_headoffice::Storage;
use kasir_headoffice::auth::hash_token;
use kasir_headoffice::storage::AuthFailureReason;
use reqwest::StatusCode;

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1]
}

/// Terminals pushing one document per request, one after another, each in its own chain,
/// from `start` on; how long each push took. Every push must be stored.
async fn pushers(base: &str, terminals: &mut [(Chain, String)], start: u64, count: u64) -> Vec<Duration> {
    let http = reqwest::Client::new();
    let mut tasks = Vec::new();
    for (chain, token) in terminals.iter_mut() {
        for _ in 0..count {
            chain.add(sale(&[("A", 1, 1000)]));
        }
        let (http, base, token) = (http.clone(), base.to_owned(), token.clone());
        let batches: Vec<PushBatch> = (start..start + count).map(|seq| one(chain, seq)).collect();
        tasks.push(tokio::spawn(async move {
            let mut took = Vec::new();
            for batch in batches {
                let t = Instant::now();
                let resp = push(&http, &base, &token, &batch).await;
                took.push(t.elapsed());
                assert_eq!(resp.status(), StatusCode::OK);
                let ack: PushAck = resp.json().await.unwrap();
                assert_eq!(ack.stored, 1);
            }
            took
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all
}

/// `total` requests with wrong tokens, `concurrency` at a time, on a runtime of one thread
/// of its own (an attacker's machine is not head office's); the statuses answered.
fn flood(
    base: String,
    tokens: Vec<String>,
    total: usize,
    concurrency: usize,
) -> std::thread::JoinHandle<Vec<u16>> {
    std::thread::spawn(move || {
        lowest_priority();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            use futures::StreamExt;
            let http = reqwest::Client::new();
            let tokens = Arc::new(tokens);
            futures::stream::iter(0..total)
                .map(|i| {
                    let (http, base, tokens) = (http.clone(), base.clone(), tokens.clone());
                    async move {
                        let r = http
                            .get(format!("{base}changes"))
                            .bearer_auth(&tokens[i % tokens.len()])
                            .send()
                            .await
                            .unwrap();
                        r.status().as_u16()
                    }
                })
                .buffer_unordered(concurrency)
                .collect()
                .await
        })
    })
}

/// Puts the calling thread at the lowest CPU priority (Linux's nice is per thread): the
/// flood's client runs on head office's two cores here, which a remote attacker's does not.
fn lowest_priority() {
    let tid = std::fs::read_link("/proc/thread-self").unwrap();
    let tid = tid.file_name().unwrap().to_str().unwrap().to_owned();
    let done = Command::new("renice").args(["-n", "19", "-p", &tid]).stdout(Stdio::null()).status().unwrap();
    assert!(done.success(), "renice {tid}");
}

/// What head office kept of failed authentications: rows, and requests counted in them.
async fn failures_kept(s: &dyn Storage) -> (usize, u64) {
    let rows = s.auth_failures(None, None).await.unwrap();
    (rows.len(), rows.iter().map(|r| r.count).sum())
}

/// Held by the tests that measure time, so that they do not run at once and weigh on each
/// other's figures.
static MEASURING: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn measuring() -> std::sync::MutexGuard<'static, ()> {
    MEASURING.lock().unwrap_or_else(|p| p.into_inner())
}

/// A flood of wrong tokens (for a known terminal, for unknown ones, malformed) while four
/// terminals push one document per request: their p99 stays within twice the quiet figure,
/// the server's memory stays flat, and the failures are kept in far fewer rows than requests.
/// Then a flood against a terminal still holding an argon2 hash: answered 401 or 429, and the
/// memory still flat.
fn flood_while_terminals_push(kind: Kind) {
    let _alone = measuring();
    runtime().block_on(async move {
        let db = common::fresh(kind).await;
        let s = db.storage.as_ref();
        let mut terminals = Vec::new();
        for t in ["T01", "T02", "T03", "T04"] {
            terminals.push((Chain::new("S01", t), register(s, "S01", t).await));
        }
        register(s, "S01", "T09").await;
        let legacy = legacy_terminal(s, "S01", "T08").await;
        let server = ServeProcess::start(&db.database).await;
        let base = server.url("");

        // Warm up: connections, statements, the failure tally.
        pushers(&base, &mut terminals, 1, 5).await;
        let warm =
            flood(base.clone(), vec![wrong_token("S01", "T09", 1), wrong_token("S09", "T01", 1)], 400, 32);
        warm.join().unwrap();
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let (_, warm_failures) = failures_kept(s).await;
        assert_eq!(warm_failures, 400, "every failed authentication of the warm-up is counted");
        let rss_before = server.rss_kib();

        // Known terminal with wrong secrets, twenty unknown codes, malformed tokens.
        let mut tokens: Vec<String> = (0..20).map(|i| wrong_token("S01", "T09", i)).collect();
        tokens.extend((0..20).map(|i| wrong_token("S01", &format!("X{i}"), i)));
        tokens.extend((0..20).map(|i| wrong_token("S77", "T01", i)));
        tokens.push("S01-T09.not-hex".into());
        // Quiet and flooded stretches taken in turns, so that whatever else this machine does
        // meanwhile weighs on both figures alike.
        let (mut quiet, mut loaded, mut next) = (Vec::new(), Vec::new(), 6);
        let (rounds, per_round) = (3, 2000);
        for _ in 0..rounds {
            // As long a quiet stretch as a flooded one takes, give or take.
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(3) {
                quiet.extend(pushers(&base, &mut terminals, next, 5).await);
                next += 5;
            }
            let attack = flood(base.clone(), tokens.clone(), per_round, 64);
            while !attack.is_finished() {
                loaded.extend(pushers(&base, &mut terminals, next, 5).await);
                next += 5;
            }
            let statuses = attack.join().unwrap();
            assert_eq!(statuses.len(), per_round);
            assert!(statuses.iter().all(|&s| s == 401), "every wrong token is a 401: {statuses:?}");
        }
        let total = rounds * per_round;
        assert!(loaded.len() >= 60, "terminals pushed during the flood: {}", loaded.len());
        let quiet_p99 = percentile(&mut quiet, 0.99).max(Duration::from_millis(5));
        let loaded_p99 = percentile(&mut loaded, 0.99);
        eprintln!(
            "quiet p50 {:?} p99 {quiet_p99:?}; flood p50 {:?} p99 {loaded_p99:?} ({} and {} pushes)",
            percentile(&mut quiet, 0.5),
            percentile(&mut loaded, 0.5),
            quiet.len(),
            loaded.len()
        );
        assert!(
            loaded_p99 <= quiet_p99 * 2,
            "p99 of a push during the flood {loaded_p99:?}, quiet {quiet_p99:?} ({} pushes)",
            loaded.len()
        );
        let rss_after = server.rss_kib();
        assert!(
            rss_after <= rss_before + 64 * 1024,
            "RSS {rss_before} KiB before the flood, {rss_after} after"
        );

        // No push lost or doubled.
        for t in s.terminals().await.unwrap().iter().filter(|t| t.terminal.as_str() < "T05") {
            assert_eq!(t.last_seq, next - 1, "{}-{}", t.store, t.terminal);
        }
        // Every failure counted, in far fewer rows than requests.
        tokio::time::sleep(Duration::from_millis(2500)).await;
        let (rows, counted) = failures_kept(s).await;
        assert_eq!(counted, 400 + total as u64);
        assert!(rows * 20 < total, "{rows} rows for {total} failures");
        let kept = s.auth_failures(None, None).await.unwrap();
        let reasons: std::collections::HashSet<_> = kept.iter().map(|f| f.reason).collect();
        for r in
            [AuthFailureReason::WrongToken, AuthFailureReason::UnknownTerminal, AuthFailureReason::Malformed]
        {
            assert!(reasons.contains(&r), "{r:?} in {kept:?}");
        }
        assert!(kept.iter().all(|f| f.remote == "127.0.0.1" || f.remote == "*"), "{kept:?}");

        // A terminal still holding an argon2 hash: argon2 runs a few at a time, the rest wait a
        // moment and are told to come back.
        let legacy_flood =
            flood(base.clone(), (0..50).map(|i| wrong_token("S01", "T08", i)).collect(), 600, 64);
        let statuses = legacy_flood.join().unwrap();
        assert!(statuses.iter().all(|&s| s == 401 || s == 429), "{statuses:?}");
        assert!(statuses.contains(&429), "a flood on argon2 is turned away, not queued");
        let rss_legacy = server.rss_kib();
        eprintln!("RSS {rss_before} KiB before, {rss_after} after the flood, {rss_legacy} after argon2");
        assert!(
            rss_legacy <= rss_before + 64 * 1024,
            "RSS {rss_before} KiB before, {rss_legacy} after argon2"
        );
        // The terminal itself still gets in once the flood is over (coming back when told,
        // since its code has one argon2 check a second), and is upgraded.
        tokio::time::sleep(Duration::from_secs(kasir_headoffice::auth::RETRY_AFTER_SECONDS)).await;
        let http = reqwest::Client::new();
        let resp = http.get(format!("{base}changes")).bearer_auth(&legacy).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(s.credentials("S01", "T08").await.unwrap().unwrap().token_hash, hash_token(&legacy));
    });
}

#[test]
fn flood_while_terminals_push_sqlite() {
    flood_while_terminals_push(Kind::Sqlite)
}

#[test]
fn flood_while_terminals_push_postgres() {
    flood_while_terminals_push(Kind::Postgres)
}

/// Medians of a few hundred interleaved requests each: a wrong token for a known terminal and
/// one for an unknown terminal code take the same time, within a generous bound.
fn unknown_and_known_codes_take_the_same_time(kind: Kind) {
    let _alone = measuring();
    runtime().block_on(async move {
        let db = common::fresh(kind).await;
        register(db.storage.as_ref(), "S01", "T01").await;
        let base = serve_here(db.storage.clone()).await;
        // Pairs taken in turns by sixteen clients at once (every refusal waits its pause).
        let workers: Vec<_> = (0..16)
            .map(|w| {
                let base = base.clone();
                tokio::spawn(async move {
                    let http = reqwest::Client::new();
                    let time = async |token: &str| {
                        let t = Instant::now();
                        let r = http.get(format!("{base}changes")).bearer_auth(token).send().await.unwrap();
                        let took = t.elapsed();
                        let (status, e) = refusal(r).await;
                        assert_eq!((status, e.code.as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"));
                        (took, e.error)
                    };
                    let (mut known, mut unknown) = (Vec::new(), Vec::new());
                    for i in 0..27 {
                        let (k, known_words) = time(&wrong_token("S01", "T01", w * 100 + i)).await;
                        let (u, unknown_words) = time(&wrong_token("S01", "T02", w * 100 + i)).await;
                        // The words differ only by the code the token named.
                        assert_eq!(known_words.replace("T01", "T02"), unknown_words);
                        if i >= 2 {
                            known.push(k);
                            unknown.push(u);
                        }
                    }
                    (known, unknown)
                })
            })
            .collect();
        let (mut known, mut unknown) = (Vec::new(), Vec::new());
        for w in workers {
            let (k, u) = w.await.unwrap();
            known.extend(k);
            unknown.extend(u);
        }
        let (k, u) = (percentile(&mut known, 0.5), percentile(&mut unknown, 0.5));
        eprintln!("median refusal: known terminal {k:?}, unknown {u:?} ({} each)", known.len());
        // Every refusal waits the same pause (its random part independent of the code), which
        // would hide a ratio: the difference of the medians is what shows a leak. A few ms is
        // generous against the pause's jitter, and far below the argon2 check (tens of ms) that
        // once told known codes from unknown ones.
        assert!(
            k.abs_diff(u) < Duration::from_millis(3),
            "median for a known terminal {k:?}, for an unknown one {u:?}"
        );
    });
}

#[test]
fn unknown_and_known_codes_take_the_same_time_sqlite() {
    unknown_and_known_codes_take_the_same_time(Kind::Sqlite)
}

#[test]
fn unknown_and_known_codes_take_the_same_time_postgres() {
    unknown_and_known_codes_take_the_same_time(Kind::Postgres)
}
