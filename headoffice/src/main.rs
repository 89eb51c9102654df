//! `kasir-headoffice`: the head office server and its administration commands.

mod cli;

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "kasir_headoffice=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    cli::Cli::parse().run().await
}
