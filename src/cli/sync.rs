//! `kasir sync`: push to and pull from head office, or say where sync stands.

use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};

#[derive(Subcommand)]
pub(crate) enum SyncCommand {
    /// Documents waiting, last successful sync and the last error.
    Status {
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn run(
    paths: &Paths,
    config: &Config,
    command: Option<SyncCommand>,
    once: bool,
) -> anyhow::Result<ExitCode> {
    use crate::sync::{SyncSettings, Syncer};
    let ledger = setup::open(paths, config)?;
    if let Some(SyncCommand::Status { json }) = command {
        let s = ledger.sync_status()?;
        if json {
            println!("{}", serde_json::to_string_pretty(&s)?);
        } else {
            match &config.headoffice {
                None => println!("head office: not configured ([headoffice] url in kasir.toml)"),
                Some(ho) => println!("head office: {}", ho.url),
            }
            println!("documents waiting: {} (head office holds up to {})", s.waiting, s.delivered_seq);
            println!("change feed applied up to: {}", s.feed_cursor);
            // Stored in UTC; shown in the store's own time.
            let local = |t: &Option<String>| match t.as_deref().map(chrono::DateTime::parse_from_rfc3339) {
                Some(Ok(t)) => {
                    t.with_timezone(&config.now().timezone()).format("%Y-%m-%d %H:%M:%S").to_string()
                }
                _ => "never".to_owned(),
            };
            println!("last successful sync: {}", local(&s.last_success_at));
            println!("last attempt: {}", local(&s.last_attempt_at));
            if let Some(e) = &s.last_error {
                println!("last error: {e}");
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let settings = SyncSettings::from_config(config)?
        .context("no head office configured: set [headoffice] url (and token) in kasir.toml")?;
    let path = ledger.path().to_owned();
    drop(ledger);
    let syncer = Syncer::new(settings, &path)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    if once {
        let report = runtime.block_on(syncer.once())?;
        println!(
            "{} documents stored at head office (it holds up to {}); {} changes applied; {} waiting",
            report.stored, report.delivered_seq, report.changes_applied, report.waiting
        );
        return Ok(ExitCode::SUCCESS);
    }
    runtime.block_on(syncer.run(|s| match &s.last_error {
        Some(e) => eprintln!("sync: {} waiting; {e}", s.waiting),
        None => eprintln!("sync: {} waiting; head office holds up to {}", s.waiting, s.delivered_seq),
    }));
    Ok(ExitCode::SUCCESS)
}
