//! `kasir sync`: push to and pull from head office, or say where sync stands.

use std::process::ExitCode;

use clap::Subcommand;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};
use crate::messages::sync::SyncSays;
use crate::messages::{CliSays, CliText, Explain};

use super::{CliError, say};

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
                None => say(CliText::HeadOfficeNotConfigured),
                Some(ho) => say(CliSays::HeadOffice { url: ho.url.clone() }),
            }
            say(CliSays::DocumentsWaiting { waiting: s.waiting, delivered: s.delivered_seq });
            say(CliSays::FeedAppliedUpTo(s.feed_cursor));
            // Stored in UTC; shown in the store's own time.
            let local = |t: &Option<String>| match t.as_deref().map(chrono::DateTime::parse_from_rfc3339) {
                Some(Ok(t)) => {
                    Some(t.with_timezone(&config.now().timezone()).format("%Y-%m-%d %H:%M:%S").to_string())
                }
                _ => None,
            };
            say(CliSays::LastSuccess(local(&s.last_success_at)));
            say(CliSays::LastAttempt(local(&s.last_attempt_at)));
            if let Some(e) = s.last_error_in(config.store.locale) {
                say(CliSays::LastError(e.to_owned()));
            }
            if let Some(note) = &s.set_aside {
                say(note.clone());
            }
            if let Some(token) = config.headoffice.as_ref().and_then(|ho| ho.token.as_deref()) {
                let in_use = ledger.token_in_use(token)?;
                say(SyncSays::token(&in_use, |at| {
                    local(&Some(at.to_owned())).unwrap_or_else(|| at.to_owned())
                }));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let settings = SyncSettings::from_config(config)?.ok_or(CliError::NoHeadOffice)?;
    let path = ledger.path().to_owned();
    drop(ledger);
    let syncer = Syncer::new(settings, &path)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    if once {
        let report = runtime.block_on(syncer.once())?;
        say(CliSays::SyncRound {
            stored: report.stored,
            delivered: report.delivered_seq,
            changes: report.changes_applied,
            waiting: report.waiting,
        });
        for s in report.set_aside {
            say(SyncSays::SetAside { receipt: s.receipt, reason: s.reason });
        }
        return Ok(ExitCode::SUCCESS);
    }
    let l = super::locale();
    // A document set aside is said once, when it is new.
    let mut set_aside = syncer.status()?.set_aside;
    runtime.block_on(syncer.run(|s| {
        let progress = CliSays::SyncProgress {
            waiting: s.waiting,
            delivered: s.delivered_seq,
            error: s.last_error_in(l).map(str::to_owned),
        };
        eprintln!("{}", progress.explain(l));
        if s.set_aside.is_some() && s.set_aside.as_ref().map(|n| n.seq) != set_aside.as_ref().map(|n| n.seq) {
            set_aside = s.set_aside.clone();
            if let Some(note) = &set_aside {
                eprintln!("{}", note.explain(l));
            }
        }
    }));
    Ok(ExitCode::SUCCESS)
}
