//! `kasir join URL CODE`: set this terminal up from head office with a one-time enrolment code.

use std::path::Path;
use std::process::ExitCode;

use crate::app::enrol;
use crate::app::setup::Paths;

pub(crate) fn run(paths: &Paths, url: &str, code: &str, ca_file: Option<&Path>) -> anyhow::Result<ExitCode> {
    let report = enrol::join(paths, url, code, ca_file)?;
    println!("{report}");
    println!("Config written: {} (it holds this terminal's token)", report.config.display());
    println!("Ledger created: {}", report.ledger.display());
    if let Some(e) = &report.sync_error {
        println!(
            "The first sync did not finish ({e}); users and the catalogue come with the next `kasir sync`."
        );
    }
    Ok(ExitCode::SUCCESS)
}
