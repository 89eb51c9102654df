//! `kasir-headoffice serve`: the API and the web app until Ctrl+C or SIGTERM.

use std::sync::Arc;

use anyhow::{Context, Result};
use kasir_headoffice::{Database, Storage};

pub(super) async fn run(
    listen: &str,
    database: &Database,
    storage: Arc<dyn Storage>,
    secure_cookies: bool,
) -> Result<()> {
    let listener =
        tokio::net::TcpListener::bind(listen).await.with_context(|| format!("cannot listen on {listen}"))?;
    tracing::info!(address = %listener.local_addr()?, database = %match database {
        Database::Sqlite(p) => p.display().to_string(),
        Database::Postgres(_) => "postgresql".to_owned(),
    }, "head office serving /api/v1 and the web app");
    kasir_headoffice::serve_with(listener, storage, secure_cookies, shutdown_signal()).await?;
    tracing::info!("head office stopped");
    Ok(())
}

/// Ctrl+C, or SIGTERM from a service manager: requests in flight finish, then the server stops.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
}
