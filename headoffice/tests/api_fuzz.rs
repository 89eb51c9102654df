//! The API as documented: schemathesis, a property-based fuzzer, drives the real
//! `kasir-headoffice serve` on loopback from `openapi.json` with a valid terminal token, on a
//! SQLite file and on a fresh PostgreSQL database, for a bounded time, and fails on any
//! server error or any answer outside the documented statuses, content types and schemas.
//! What it found once is kept below as plain requests, so they are checked on every run
//! whether or not schemathesis is installed.
//!
//! schemathesis is found as `$KASIR_SCHEMATHESIS`, then `target/schemathesis-venv` (where
//! `.ci/run` installs it), then on `PATH`. Under CI (`CI` set) a missing fuzzer fails the
//! test; elsewhere the fuzzing test says so and passes.

mod common;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Chain, Kind, register, sale};
use kasir_core::wire::{ApiError, PushBatch};
use kasir_headoffice::{Database, Storage};
use reqwest::StatusCode;
use serde_json::json;

/// Examples per operation and the wall-clock budget of one run (per storage).
const MAX_EXAMPLES: &str = "150";
const MAX_SECONDS: &str = "75";

fn schemathesis() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KASIR_SCHEMATHESIS") {
        return Some(PathBuf::from(p));
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/schemathesis-venv/bin/schemathesis");
    if venv.exists() {
        return Some(venv);
    }
    Command::new("schemathesis")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| PathBuf::from("schemathesis"))
}

/// `kasir-headoffice serve` as an administrator starts it; stopped (by its id) when dropped.
struct Server {
    child: Child,
    listen: String,
    log: PathBuf,
}

impl Server {
    fn start(database: &str, log: PathBuf) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let listen = format!("127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_kasir-headoffice"))
            .args(["serve", "--listen", &listen])
            .env("KASIR_HEADOFFICE_DATABASE", database)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(&listen).is_err() {
            assert!(Instant::now() < deadline, "the server did not start listening");
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { child, listen, log }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A storage with a terminal (its token returned) that has pushed a few sales.
async fn seeded(kind: Kind) -> (common::TestDb, String) {
    let db = common::fresh(kind).await;
    let token = register(db.storage.as_ref(), "S01", "T01").await;
    let mut c = Chain::new("S01", "T01");
    for _ in 0..3 {
        c.add(sale(&[("TEH", 1, 3000)]));
    }
    db.storage.ingest(&c.origin, c.docs.clone(), Some(3)).await.unwrap();
    (db, token)
}

fn fuzz(kind: Kind) {
    let Some(fuzzer) = schemathesis() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "schemathesis is not installed: .ci/run installs it into target/schemathesis-venv"
        );
        eprintln!("NOTICE: schemathesis not installed; the API was not fuzzed (pip install schemathesis)");
        return;
    };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (db, token) = rt.block_on(seeded(kind));
    let database = match &db.database {
        Database::Sqlite(p) => p.display().to_string(),
        Database::Postgres(u) => u.clone(),
    };
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&database, dir.path().join("server.log"));
    let mut run = Command::new(&fuzzer)
        .args(["--no-color", "run", &format!("http://{}/api/v1/openapi.json", server.listen)])
        .args(["--header", &format!("Authorization: Bearer {token}")])
        .args([
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
        ])
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(["--max-examples", MAX_EXAMPLES, "--max-time", MAX_SECONDS, "--workers", "2"])
        .args(["--seed", "14", "--request-timeout", "20", "--suppress-health-check", "all"])
        .args(["--report-dir", &dir.path().display().to_string()])
        .env("NO_COLOR", "1")
        // Its cache (hypothesis' examples) goes with the run, not into the checkout.
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("schemathesis runs");
    // Its own budget bounds it; this bounds a fuzzer that hangs.
    let deadline = Instant::now() + Duration::from_secs(240);
    while run.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = run.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let out = run.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let log = std::fs::read_to_string(&server.log).unwrap_or_default();
    assert!(
        out.status.success(),
        "schemathesis found something ({kind:?}):\n{said}\n--- server log ---\n{log}"
    );
    // A run that tested nothing proves nothing: every operation but the schema document
    // itself (which schemathesis leaves out) was tried.
    let spec: serde_json::Value = serde_json::from_str(kasir_headoffice::api::OPENAPI).unwrap();
    let operations: usize =
        spec["paths"].as_object().unwrap().values().map(|p| p.as_object().unwrap().len()).sum();
    let tested = said
        .lines()
        .find_map(|l| l.trim().strip_prefix("Tested: "))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or(0);
    assert_eq!(tested, operations - 1, "not every operation was tested:\n{said}");
    drop(server);
    drop(db);
}

#[test]
fn the_fuzzer_finds_no_server_error_and_no_answer_outside_the_schema_on_sqlite() {
    fuzz(Kind::Sqlite);
}

#[test]
fn the_fuzzer_finds_no_server_error_and_no_answer_outside_the_schema_on_postgres() {
    fuzz(Kind::Postgres);
}

async fn serve(storage: std::sync::Arc<dyn Storage>) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(kasir_headoffice::serve(listener, storage, std::future::pending()));
    addr
}

/// A 4xx whose words say `words`.
async fn refused(resp: reqwest::Response, status: StatusCode, words: &str) {
    let got = resp.status();
    let text = resp.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    let e: ApiError = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not an ApiError: {text}"));
    assert!(e.error.contains(words), "{} does not say {words:?}", e.error);
}

both!(requests_that_once_were_server_errors_are_refused_in_words, |db: common::TestDb| async move {
    let (s, token) = (db.storage.clone(), register(db.storage.as_ref(), "S01", "T01").await);
    let addr = serve(s.clone()).await;
    let http = reqwest::Client::new();
    let api = |path: &str| format!("http://{addr}/api/v1/{path}");
    let get = |path: String| http.get(api(&path)).bearer_auth(&token).send();
    let over = (i64::MAX as u64) + 1;

    // A receipt that cannot be a receipt number is never looked up.
    let long = "S".repeat(5000);
    for receipt in ["%00", "%FF", "S01-T01-%00", long.as_str(), "S01-T01-99999999999999999999", "S01-T01-12"]
    {
        refused(
            get(format!("sales/{receipt}")).await.unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "not a receipt number",
        )
        .await;
    }
    refused(get("sales/S01-T01-000009".into()).await.unwrap(), StatusCode::NOT_FOUND, "has not reached")
        .await;

    // Numbers past what the storage keeps, and pages outside 1..=1000.
    refused(get(format!("changes?since={over}")).await.unwrap(), StatusCode::BAD_REQUEST, "since").await;
    refused(get(format!("changes?since={}", u64::MAX)).await.unwrap(), StatusCode::BAD_REQUEST, "since")
        .await;
    for limit in ["0", "1001"] {
        refused(get(format!("changes?limit={limit}")).await.unwrap(), StatusCode::BAD_REQUEST, "limit").await;
    }
    let page = get(format!("changes?since={}", i64::MAX)).await.unwrap();
    assert_eq!(page.status(), StatusCode::OK, "the largest cursor is a cursor");

    let post =
        |path: &str, body: serde_json::Value| http.post(api(path)).bearer_auth(&token).json(&body).send();
    let mut c = Chain::new("S01", "T01");
    c.add(sale(&[("TEH", 1, 3000)]));
    let doc = c.docs[0].pushed.clone();
    let batch = |ledger_seq: u64| {
        serde_json::to_value(PushBatch { documents: vec![doc.clone()], ledger_seq: Some(ledger_seq) })
            .unwrap()
    };
    refused(post("documents", batch(over)).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY, "ledger_seq")
        .await;
    let mut big = doc.clone();
    big.seq = over;
    let body = json!({ "documents": [big] });
    refused(post("documents", body).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY, "documents[0].seq")
        .await;
    let mut upper = doc.clone();
    upper.hash = upper.hash.to_uppercase();
    refused(
        post("documents", json!({ "documents": [upper] })).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "hash",
    )
    .await;
    let event = |id: u64, user: &str| json!({ "events": [{ "id": id, "at": "2026-11-22T10:00:00+07:00", "user_code": user, "event": "wrong_pin", "place": "pin" }] });
    refused(
        post("security-events", event(over, "K01")).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "id",
    )
    .await;
    refused(
        post("security-events", event(1, "K\u{0}1")).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "user_code",
    )
    .await;
    let enrol = http.post(api("enrol")).json(&json!({ "code": "K7QX\u{0}M2PA-9T" })).send().await.unwrap();
    refused(enrol, StatusCode::FORBIDDEN, "not an enrolment code").await;

    // JSON nested past any sense is refused, not followed down.
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let r = http
        .post(api("documents"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(deep)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
    let wrong_method = http.delete(api("documents")).bearer_auth(&token).send().await.unwrap();
    refused(wrong_method, StatusCode::METHOD_NOT_ALLOWED, "does not take that method").await;

    // And a good push still works after all that.
    let r = post("documents", batch(1)).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());

    // A sealed void naming a sequence past what any storage keeps is answered, not a 5xx.
    c.add(common::void(u64::MAX, "S01-T01-000001", 3000));
    let docs: Vec<_> = c.docs.iter().map(|d| d.pushed.clone()).collect();
    let r = post("documents", json!({ "documents": docs })).await.unwrap();
    let status = r.status();
    assert!(!status.is_server_error(), "{status}: {}", r.text().await.unwrap());
});
