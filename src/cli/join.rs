//! `kasir join URL CODE`: set this terminal up from head office with a one-time enrolment code.

use std::path::Path;
use std::process::ExitCode;

use crate::app::enrol;
use crate::app::setup::Paths;
use crate::messages::CliSays;

use super::say;

pub(crate) fn run(paths: &Paths, url: &str, code: &str, ca_file: Option<&Path>) -> anyhow::Result<ExitCode> {
    let report = enrol::join(paths, url, code, ca_file)?;
    say(CliSays::Joined {
        store: report.store_code.clone(),
        terminal: report.terminal_code.clone(),
        store_name: report.store_name.clone(),
        users: report.users,
        tax_classes: report.tax_classes,
        products: report.products,
    });
    say(CliSays::TokenConfigWritten(report.config.clone()));
    say(CliSays::LedgerCreated(report.ledger.clone()));
    if let Some(e) = &report.sync_error {
        say(CliSays::FirstSyncUnfinished(e.text(super::locale())));
    }
    Ok(ExitCode::SUCCESS)
}
