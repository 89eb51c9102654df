//! Head office served over loopback for the authentication tests: as its own
//! `kasir-headoffice serve` process or in this one, its command line, and the requests a
//! terminal (or a stranger) makes.

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use kasir_core::chain::Origin;
use kasir_core::wire::{ApiError, PushBatch};
use kasir_headoffice::auth::new_token;
use kasir_headoffice::{Database, Storage};
use reqwest::StatusCode;

use super::Chain;

pub const BIN: &str = env!("CARGO_BIN_EXE_kasir-headoffice");

pub fn database_url(db: &Database) -> String {
    match db {
        Database::Sqlite(p) => p.display().to_string(),
        Database::Postgres(url) => url.clone(),
    }
}

/// `kasir-headoffice serve` as its own process, killed when dropped.
pub struct ServeProcess {
    child: Child,
    addr: SocketAddr,
}

impl ServeProcess {
    pub async fn start(db: &Database) -> ServeProcess {
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

    pub fn url(&self, path: &str) -> String {
        format!("http://{}/api/v1/{path}", self.addr)
    }

    /// The server's own address, `http://127.0.0.1:PORT` (the web app's pages hang off it).
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Resident memory, from /proc.
    pub fn rss_kib(&self) -> u64 {
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
pub async fn serve_here(storage: Arc<dyn Storage>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(kasir_headoffice::serve(listener, storage, std::future::pending()));
    format!("http://{addr}/api/v1/")
}

/// The headoffice command line on `database` (a path or a PostgreSQL URL), run to its end:
/// whether it succeeded, and everything it printed.
pub fn run_cli(database: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(BIN).args(args).env("KASIR_HEADOFFICE_DATABASE", database).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// The headoffice command line, run to its end; its standard output.
pub fn cli(db: &Database, args: &[&str]) -> String {
    let out = Command::new(BIN).arg("--database-url").arg(database_url(db)).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

pub fn one(c: &Chain, seq: u64) -> PushBatch {
    PushBatch { documents: c.range(seq, seq).into_iter().map(|i| i.pushed).collect(), ledger_seq: Some(seq) }
}

pub async fn push(http: &reqwest::Client, base: &str, token: &str, batch: &PushBatch) -> reqwest::Response {
    http.post(format!("{base}documents")).bearer_auth(token).json(batch).send().await.unwrap()
}

pub async fn refusal(resp: reqwest::Response) -> (StatusCode, ApiError) {
    let status = resp.status();
    (status, resp.json().await.unwrap())
}

pub fn wrong_token(store: &str, terminal: &str, n: usize) -> String {
    format!("{store}-{terminal}.{n:064x}")
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// A terminal registered before version 8: its token's argon2id hash; the token.
pub async fn legacy_terminal(s: &dyn Storage, store: &str, terminal: &str) -> String {
    use argon2::password_hash::PasswordHasher;
    let _ = s.add_store(store, &format!("Toko {store}")).await;
    let token = new_token(&Origin { store: store.into(), terminal: terminal.into() });
    let phc = argon2::Argon2::default().hash_password(token.as_bytes()).unwrap().to_string();
    s.add_terminal(store, terminal, &phc).await.unwrap();
    token
}
