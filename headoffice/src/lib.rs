//! Kasir head office: receives every terminal's ledger documents exactly once and sends
//! catalogue, prices, tax classes, quick keys and stock back through a change feed.
//!
//! The HTTP API ([`api`]) sits on one [`storage::Storage`] interface with a SQLite
//! implementation (the embedded default) and a PostgreSQL one (production). What a batch means
//! (new, already held, refused; its sales figures and stock movements) is decided by pure code
//! in [`ingest`], shared by both.

pub mod accounts;
pub mod analytics;
pub mod api;
pub mod auth;
pub mod auth_failures;
pub mod credentials;
mod delegate;
pub mod enrolment;
pub mod feed;
pub mod ingest;
pub mod postgres;
pub mod report;
pub mod rows;
pub mod security_events;
pub mod sqlite;
pub mod stock;
pub mod storage;
pub mod summary;
pub mod text;
pub mod web;

use std::path::PathBuf;
use std::sync::Arc;

pub use storage::{Storage, StorageError};

/// Where head office keeps its data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Database {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Database {
    /// `postgres://…` or `postgresql://…` for PostgreSQL; `sqlite:PATH` or a plain path for SQLite.
    pub fn parse(url: &str) -> Database {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Database::Postgres(url.to_owned())
        } else {
            Database::Sqlite(PathBuf::from(url.strip_prefix("sqlite:").unwrap_or(url)))
        }
    }

    pub async fn open(&self) -> Result<Arc<dyn Storage>, StorageError> {
        Ok(match self {
            Database::Sqlite(path) => Arc::new(sqlite::SqliteStorage::open(path)?),
            Database::Postgres(url) => Arc::new(postgres::PgStorage::connect(url, 16).await?),
        })
    }
}

/// Serves the API on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    storage: Arc<dyn Storage>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, storage, false, shutdown).await
}

/// [`serve`], with cookies marked `Secure` when head office is reached over TLS.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    storage: Arc<dyn Storage>,
    secure_cookies: bool,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let live = web::live::Live::new();
    let live_handle = live.clone();
    let watcher = tokio::spawn(web::live::watch(storage.clone(), live.clone()));
    // The peer's address goes with each request, for the record of failed authentications.
    let app = api::router_with(storage, live, secure_cookies)
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    let closing = live_closing(live_handle, shutdown);
    let served = axum::serve(listener, app).with_graceful_shutdown(closing).await;
    watcher.abort();
    served
}

/// The shutdown signal, ending the dashboards' event streams first (a graceful shutdown waits
/// for every open connection).
async fn live_closing(live: web::live::Live, shutdown: impl std::future::Future<Output = ()>) {
    shutdown.await;
    live.close();
}
