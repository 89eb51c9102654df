//! `kasir ledger`: verify the chain, show a document.

use std::process::ExitCode;

use clap::Subcommand;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};
use crate::messages::CliSays;

use super::{CliError, say};

#[derive(Subcommand)]
pub(crate) enum LedgerCommand {
    /// Recompute the whole hash chain and grand total; name the first document that does not match.
    Verify,
    /// Print a committed document as JSON, by receipt number or sequence.
    Show { receipt: String },
}

pub(crate) fn run(paths: &Paths, config: &Config, command: LedgerCommand) -> anyhow::Result<ExitCode> {
    let ledger = setup::open(paths, config)?;
    match command {
        LedgerCommand::Verify => {
            let started = std::time::Instant::now();
            let report = ledger.verify()?;
            let secs = started.elapsed().as_secs_f64();
            let gt = kasir_core::Money::from_minor(report.tip.grand_total, ledger.currency());
            match report.problem {
                None => {
                    say(CliSays::Verified {
                        documents: report.documents,
                        seconds: secs,
                        grand_total: gt,
                        hash: report.tip.hash.clone(),
                    });
                    Ok(ExitCode::SUCCESS)
                }
                Some(problem) => {
                    say(CliSays::VerifyFailed { documents: report.documents, problem });
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        LedgerCommand::Show { receipt } => {
            let doc = match receipt.parse::<u64>() {
                Ok(seq) => ledger.document(seq)?,
                Err(_) => ledger.document_by_receipt(&receipt)?,
            };
            let doc = doc.ok_or(CliError::NoDocument(receipt))?;
            println!("{}", serde_json::to_string_pretty(&doc)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}
