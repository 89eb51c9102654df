//! Terminal authentication as a stranger and a terminal meet it, over loopback: a flood of
//! wrong tokens costs valid terminals little and head office no memory; unknown and known
//! terminal codes take the same time; a revocation holds in every server process at once;
//! a rotation hands the new token over without losing or doubling a document; a token hashed
//! with argon2 before version 8 is upgraded on first use.

mod common;

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Chain, Kind, TestDb, register, sale};
use kasir_core::chain::Origin;
use kasir_core::wire::{ApiError, PushAck, PushBatch};
use kasir_headoffice::auth::{hash_token, new_token};
use kasir_headoffice::storage::AuthFailureReason;
use kasir_headoffice::{Database, Storage};
use reqwest::StatusCode;

const BIN: &str = env!("CARGO_BIN_EXE_kasir-headoffice");

fn database_url(db: &Database) -> String {
    match db {
        Database::Sqlite(p) => p.display().to_string(),
        Database::Postgres(url) => url.clone(),
    }
}

/// `kasir-headoffice serve` as its own process, killed when dropped.
struct ServeProcess {
    child: Child,
    addr: SocketAddr,
}

impl ServeProcess {
    async fn start(db: &Database) -> ServeProcess {
        // A free port: bound, released, then given to the server.
        let addr = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let child = Command::new(BIN)
            .args(["--database-url", &database_url(db), "serve", "--listen", &addr.to_string()])
            .env("RUST_LOG", "kasir_headoffice=error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = ServeProcess { child, addr };
        let http = reqwest::Client::new();
        for _ in 0..200 {
            if http.get(server.url("health")).send().await.is_ok_and(|r| r.status().is_success()) {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("kasir-headoffice serve did not answer on {addr}");
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}/api/v1/{path}", self.addr)
    }

    /// Resident memory, from /proc.
    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("VmRSS in /proc/PID/status");
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The API served in this process, on a storage of its own.
async fn serve_here(storage: Arc<dyn Storage>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(kasir_headoffice::serve(listener, storage, std::future::pending()));
    format!("http://{addr}/api/v1/")
}

/// The headoffice command line, run to its end; its standard output.
fn cli(db: &Database, args: &[&str]) -> String {
    let out = Command::new(BIN).arg("--database-url").arg(database_url(db)).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn one(c: &Chain, seq: u64) -> PushBatch {
    PushBatch { documents: c.range(seq, seq).into_iter().map(|i| i.pushed).collect(), ledger_seq: Some(seq) }
}

async fn push(http: &reqwest::Client, base: &str, token: &str, batch: &PushBatch) -> reqwest::Response {
    http.post(format!("{base}documents")).bearer_auth(token).json(batch).send().await.unwrap()
}

async fn refusal(resp: reqwest::Response) -> (StatusCode, ApiError) {
    let status = resp.status();
    (status, resp.json().await.unwrap())
}

fn wrong_token(store: &str, terminal: &str, n: usize) -> String {
    format!("{store}-{terminal}.{n:064x}")
}

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

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
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
        // The terminal itself still gets in once the flood is over, and is upgraded.
        let http = reqwest::Client::new();
        let resp = http.get(format!("{base}changes")).bearer_auth(&legacy).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(s.token_hash("S01", "T08").await.unwrap().unwrap(), hash_token(&legacy));
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

/// A terminal registered before version 8: its token's argon2id hash; the token.
async fn legacy_terminal(s: &dyn Storage, store: &str, terminal: &str) -> String {
    use argon2::password_hash::PasswordHasher;
    let _ = s.add_store(store, &format!("Toko {store}")).await;
    let token = new_token(&Origin { store: store.into(), terminal: terminal.into() });
    let phc = argon2::Argon2::default().hash_password(token.as_bytes()).unwrap().to_string();
    s.add_terminal(store, terminal, &phc).await.unwrap();
    token
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

/// Two server processes on one PostgreSQL database: a terminal revoked from the command line
/// is refused by both at its next request, in words; an enrolment code issued later lets it
/// join again, and its old token stays refused.
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
    // Only the latest handed out is pending; the old one still works, with a fresh new one.
    let (status, e) =
        refusal(http.get(format!("{base}changes")).bearer_auth(&first).send().await.unwrap()).await;
    assert_eq!((status, e.code.as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"));
    let r = http.get(format!("{base}changes")).bearer_auth(&old).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let third = new_token_of(&r).expect("every successful answer to the old token carries one");
    assert_eq!(r.headers().get("cache-control").unwrap(), "no-store");
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
    let (status, e) = refusal(push(&http, &base, &old, &one(&c, 4)).await).await;
    assert_eq!((status, e.code.as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"));
    assert_eq!(s.token_hash("S01", "T01").await.unwrap().unwrap(), hash_token(&third));
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
    let phc = s.token_hash("S01", "T01").await.unwrap().unwrap();
    assert!(phc.starts_with("$argon2id$"), "{phc}");
    let base = serve_here(db.storage.clone()).await;
    let http = reqwest::Client::new();
    let changes = |t: &str| http.get(format!("{base}changes")).bearer_auth(t.to_owned()).send();
    let (status, e) = refusal(changes(&wrong_token("S01", "T01", 1)).await.unwrap()).await;
    assert_eq!((status, e.code.as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"));
    assert_eq!(s.token_hash("S01", "T01").await.unwrap().unwrap(), phc, "nothing changed");

    assert_eq!(changes(&token).await.unwrap().status(), StatusCode::OK);
    assert_eq!(s.token_hash("S01", "T01").await.unwrap().unwrap(), hash_token(&token));
    assert_eq!(changes(&token).await.unwrap().status(), StatusCode::OK);
    let (_, e) = refusal(changes(&wrong_token("S01", "T01", 2)).await.unwrap()).await;
    assert_eq!(e.code, "unauthorized");
}

both!(a_legacy_argon2_hash_is_upgraded_on_first_use, a_legacy_hash_is_upgraded_on_first_use);
