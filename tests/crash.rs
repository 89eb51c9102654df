//! Crash test: a child process commits sales as fast as it can and is killed with SIGKILL at
//! random moments, many times. After every kill the ledger must open, verify, have no gap,
//! and hold every sale the child reported as committed. Each sale carries a request id, and
//! every new child first retries the request its predecessor was killed on, whose fate it
//! cannot know: in the end every request is in the ledger exactly once.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Shop;
use kasir::app::config::Config;
use kasir::app::setup::{self, Paths};
use kasir::sale::checkout::{self, SaleScript};

const CHILD_ENV: &str = "KASIR_CRASH_CHILD_DATA_DIR";
/// The first request the child sends (the one the killed child may or may not have committed).
const FIRST_ENV: &str = "KASIR_CRASH_CHILD_FIRST_REQUEST";

const SALE: &str = r#"{"cashier":"K01","items":[
    {"barcode":"8991002101234","quantity":2},{"barcode":"8992388101016"},{"barcode":"2100123012503"}],
    "tenders":[{"kind":"card","amount":"10000"},{"kind":"cash","amount":"50000"}]}"#;

/// The child: commits sales until killed, printing "request receipt" once each is committed.
#[test]
#[ignore = "run by crash_kill_and_recover as its child process"]
fn crash_child() {
    let dir = std::env::var(CHILD_ENV).expect("run by the crash test");
    let paths = Paths { data_dir: dir.into() };
    let config = Config::embedded();
    let mut ledger = setup::open(&paths, &config).unwrap();
    let mut script: SaleScript = serde_json::from_str(SALE).unwrap();
    let first: u64 = std::env::var(FIRST_ENV).unwrap().parse().unwrap();
    let mut out = std::io::stdout().lock();
    for request in first.. {
        script.request_id = Some(format!("req-{request}"));
        let sale = checkout::sell(&mut ledger, &config, &script, config.now()).unwrap();
        writeln!(out, "\n{request} {}", sale.receipt_number).unwrap();
        out.flush().unwrap();
    }
}

/// A small deterministic generator, seeded per run, so a failing run can be repeated.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn crash_kill_and_recover() {
    let shop = Shop::new();
    let seed = std::env::var("KASIR_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    eprintln!("crash test seed {seed} (set KASIR_CRASH_SEED to repeat)");
    let mut rng = Lcg(seed);
    let rounds = 40u64;
    let mut reported_total = 0usize;
    // The next request to send: one past the last one acknowledged.
    let mut next = 1u64;
    for round in 0..rounds {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["crash_child", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, shop.paths.data_dir.as_os_str())
            .env(FIRST_ENV, next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            // "request receipt" lines; libtest's own output is skipped.
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| {
                    let (request, receipt) = l.split_once(' ')?;
                    Some((
                        request.parse::<u64>().ok()?,
                        receipt.starts_with("S01-T01-").then(|| receipt.to_owned())?,
                    ))
                })
                .collect::<Vec<_>>()
        });
        // Let it start and commit a while, then kill it wherever it is.
        let delay = Duration::from_millis(30 + rng.next() % 300);
        let started = Instant::now();
        while started.elapsed() < delay {
            if child.try_wait().unwrap().is_some() {
                panic!("round {round}: the child stopped on its own");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let reported = reader.join().unwrap();
        reported_total += reported.len();
        if let Some((request, _)) = reported.last() {
            next = request + 1;
        }

        let ledger = shop.ledger();
        let report = ledger.verify().unwrap();
        assert!(report.is_ok(), "round {round} (seed {seed}): {:?}", report.problem);
        for (_, receipt) in &reported {
            assert!(
                ledger.document_by_receipt(receipt).unwrap().is_some(),
                "round {round} (seed {seed}): {receipt} was reported committed but is missing"
            );
        }
        let max_seq: u64 = common::sql(&ledger)
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM documents", [], |r| r.get(0))
            .unwrap();
        let rows: u64 =
            common::sql(&ledger).query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0)).unwrap();
        assert_eq!(max_seq, rows, "round {round}: no gap in the sequence");
        let outbox: u64 =
            common::sql(&ledger).query_row("SELECT COUNT(*) FROM outbox", [], |r| r.get(0)).unwrap();
        assert_eq!(outbox, rows, "round {round}: every document has its outbox entry");
    }
    let ledger = shop.ledger();
    // Document 1 is the shop's open shift.
    let committed = ledger.tip().unwrap().seq - 1;
    eprintln!("{rounds} kills, {reported_total} sales reported, {committed} committed");
    assert!(reported_total as u64 > rounds, "the child committed too little for the test to mean anything");
    // Every request from 1 on is in the ledger once, whatever the kills did: the retried ones
    // were recognised, not committed again. Only the last child's request in flight may be in
    // the ledger without having been reported.
    let (requests, lowest, highest): (u64, u64, u64) = common::sql(&ledger)
        .query_row(
            "SELECT COUNT(*), MIN(CAST(substr(request_id, 5) AS INTEGER)), MAX(CAST(substr(request_id, 5) AS INTEGER))
             FROM requests",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((requests, lowest, highest), (committed, 1, committed), "each request exactly once");
    assert!(committed == next - 1 || committed == next, "committed {committed}, next request {next}");
}
