//! The live push: 100 terminals in 20 stores, each pushing its sales one document per
//! request as it rings them up, all at once. What a chain's busy hour looks like to head
//! office: many small transactions, each waiting for its own commit.

use std::time::{Duration, Instant};

use kasir_core::wire::{PushAck, PushBatch, PushedDocument};
use kasir_headoffice::Database;

use crate::support::{self, Terminal};

const TERMINALS: usize = 100;
const PER_STORE: usize = 5;
/// Sales per terminal; the first `WARM_UP` are pushed before the clock starts, all terminals
/// at once, so that the pools hold their connections and each connection its prepared
/// statements, as on a server that has been up for a while.
const SALES: usize = 62;
const WARM_UP: usize = 2;
const LINES: usize = 3;
/// What the issue asks of PostgreSQL (or half of pgbench's ceiling, if that is lower).
const TARGET_RATE: f64 = 2000.0;
const TARGET_P99: Duration = Duration::from_millis(50);

struct Figures {
    rate: f64,
    p50: Duration,
    p99: Duration,
}

/// How the terminals push.
#[derive(Clone, Copy)]
enum Pace {
    /// Each terminal pushes its next sale as soon as the last one is acknowledged: the most
    /// head office can take (and a push's time is mostly its wait behind the others).
    Flat,
    /// Each terminal pushes a sale every `interval`, whether or not the last one has been
    /// answered: a chain's busy hour. A push's time counts from when it was due, so a server
    /// that falls behind shows it.
    Every(Duration),
}

/// Pushes every terminal's documents one per request, terminals concurrently.
async fn push_live(database: &Database, terms: &[Terminal], pace: Pace) -> Figures {
    let storage = database.open().await.unwrap();
    let tokens = support::register(storage.as_ref(), terms).await;
    let url = support::serve(storage).await;
    let http = reqwest::Client::builder().pool_max_idle_per_host(TERMINALS).build().unwrap();
    for k in 0..WARM_UP {
        let warm: Vec<_> = terms
            .iter()
            .zip(&tokens)
            .map(|(t, token)| {
                let (http, url, token, doc) = (http.clone(), url.clone(), token.clone(), t.docs[k].clone());
                tokio::spawn(async move { push(&http, &url, &token, doc).await })
            })
            .collect();
        for w in warm {
            w.await.unwrap();
        }
    }
    let started = Instant::now();
    let tasks: Vec<_> = terms
        .iter()
        .zip(tokens)
        .enumerate()
        .map(|(n, (t, token))| {
            let docs = t.docs[WARM_UP..].to_vec();
            let (http, url) = (http.clone(), url.clone());
            tokio::spawn(async move {
                let mut took = Vec::with_capacity(docs.len());
                for (k, doc) in docs.into_iter().enumerate() {
                    let seq = doc.seq;
                    let due = match pace {
                        Pace::Flat => Instant::now(),
                        Pace::Every(interval) => {
                            // Terminals spread over the interval, as real ones are.
                            let due = started + interval * k as u32 + interval * n as u32 / TERMINALS as u32;
                            tokio::time::sleep_until(due.into()).await;
                            due
                        }
                    };
                    let ack = push(&http, &url, &token, doc).await;
                    took.push(due.elapsed());
                    assert_eq!(ack.acknowledged, seq);
                }
                took
            })
        })
        .collect();
    let mut took = Vec::new();
    for t in tasks {
        took.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed();
    took.sort();
    let at = |q: f64| took[((took.len() as f64 * q) as usize).min(took.len() - 1)];
    Figures { rate: took.len() as f64 / elapsed.as_secs_f64(), p50: at(0.5), p99: at(0.99) }
}

async fn push(http: &reqwest::Client, url: &str, token: &str, doc: PushedDocument) -> PushAck {
    let batch = PushBatch { documents: vec![doc], ledger_seq: None };
    let answer = http.post(url).bearer_auth(token).json(&batch).send().await.unwrap();
    assert!(answer.status().is_success(), "{}", answer.text().await.unwrap());
    answer.json::<PushAck>().await.unwrap()
}

/// pgbench's rate of one-row durable inserts from 64 clients on the same server: the most
/// small commits per second this machine's PostgreSQL can make (64 leaves room under the
/// server's usual 100 connections). `None` without pgbench.
async fn pgbench_ceiling() -> Option<f64> {
    let url = support::fresh_pg("kasir_bench_pgbench").await;
    let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(conn);
    client
        .batch_execute("CREATE TABLE t (id BIGSERIAL PRIMARY KEY, store TEXT, seq BIGINT, body TEXT)")
        .await
        .unwrap();
    let script = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        script.path(),
        "INSERT INTO t (store, seq, body) VALUES ('S01', :client_id, repeat('x', 1500));\n",
    )
    .unwrap();
    let out = std::process::Command::new("pgbench")
        .args(["-h", "127.0.0.1", "-U", "postgres", "-n", "-c", "64", "-j", "2", "-T", "5", "-f"])
        .arg(script.path())
        .arg("kasir_bench_pgbench")
        .output();
    support::drop_pg("kasir_bench_pgbench").await;
    let out = out.ok()?;
    if !out.status.success() {
        eprintln!("pgbench failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().find_map(|l| l.strip_prefix("tps = ")?.split_whitespace().next()?.parse().ok())
}

/// What a run is judged by, if anything.
enum Target {
    /// Flat out: the rate (a push's time is then mostly its wait behind the 99 others, so
    /// 100 / rate on average, and says nothing of its own).
    Rate(f64),
    /// Paced: keeping up with what is offered (within 2 %), each push answered within the p99.
    KeepUp(f64),
}

fn print(label: &str, f: &Figures, target: Option<Target>) {
    let label = format!("live {label}");
    let verdict =
        |met: bool, what: String| format!(" | target {what}: {}", if met { "met" } else { "NOT MET" });
    let verdict = match target {
        Some(Target::Rate(rate)) => verdict(f.rate >= rate, format!("≥ {rate:.0}/s")),
        Some(Target::KeepUp(rate)) => verdict(
            f.rate >= rate * 0.98 && f.p99 <= TARGET_P99,
            format!("≥ {rate:.0}/s, p99 ≤ {} ms", TARGET_P99.as_millis()),
        ),
        None => String::new(),
    };
    println!(
        "{label:<28} {:>6.0} documents/s, push p50 {:>5.1} ms, p99 {:>5.1} ms{verdict}",
        f.rate,
        f.p50.as_secs_f64() * 1e3,
        f.p99.as_secs_f64() * 1e3
    );
}

pub async fn run() {
    let terms = support::terminals(TERMINALS, PER_STORE, SALES, LINES);
    println!(
        "live: {TERMINALS} terminals in {} stores, each pushing {} sales of {LINES} lines one per request, all at once",
        TERMINALS / PER_STORE,
        SALES - WARM_UP
    );
    let ceiling = pgbench_ceiling().await;
    match ceiling {
        Some(tps) => {
            println!("pgbench   {tps:>6.0} one-row durable transactions/s from 64 clients (the ceiling)")
        }
        None => println!("pgbench   not run (not on the PATH, or it failed)"),
    }
    let target = ceiling.map_or(TARGET_RATE, |c| TARGET_RATE.min(c / 2.0));
    // Every terminal pushing a sale every 50 ms: the target rate offered.
    let paced = Pace::Every(Duration::from_secs_f64(TERMINALS as f64 / TARGET_RATE));
    for (pace, what) in [(Pace::Flat, "flat out"), (paced, "2,000/s offered")] {
        let judge = || match pace {
            Pace::Flat => Target::Rate(target),
            Pace::Every(_) => Target::KeepUp(target),
        };
        let dir = tempfile::tempdir().unwrap();
        let sqlite = push_live(&Database::Sqlite(dir.path().join("live.db")), &terms, pace).await;
        print(&format!("sqlite, {what}"), &sqlite, None);
        let url = support::fresh_pg("kasir_bench_live").await;
        let pg = push_live(&Database::Postgres(url), &terms, pace).await;
        print(&format!("postgres, {what}"), &pg, Some(judge()));
        support::drop_pg("kasir_bench_live").await;
    }
}
