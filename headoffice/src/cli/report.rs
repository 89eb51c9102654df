//! `kasir-headoffice report` and `rejected`: what head office received, and what it refused.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Subcommand;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use kasir_headoffice::report::{self, Format};
use kasir_headoffice::storage::{ReportBy, ReportQuery, Storage};

#[derive(Subcommand)]
pub(super) enum ReportCommand {
    /// Sales less returns and voids, by business day of the terminals.
    Sales {
        #[arg(long)]
        from: NaiveDate,
        #[arg(long)]
        to: NaiveDate,
        #[arg(long, default_value = "store", value_parser = report_by())]
        by: ReportBy,
        #[arg(long)]
        store: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

/// `--by`: the storage's report groupings by their words, listed as the possible values.
fn report_by() -> impl TypedValueParser<Value = ReportBy> {
    PossibleValuesParser::new(ReportBy::ALL.map(ReportBy::code)).try_map(|word| word.parse::<ReportBy>())
}

pub(super) async fn run(storage: &dyn Storage, command: ReportCommand) -> Result<()> {
    let ReportCommand::Sales { from, to, by, store, format } = command;
    if to < from {
        bail!("--to {to} is before --from {from}");
    }
    let rows = storage.sales_report(&ReportQuery { from, to, by, store }).await?;
    print!("{}", report::sales(&rows, by.code(), format));
    Ok(())
}

/// Documents refused at ingest and kept aside.
pub(super) async fn rejected(storage: &dyn Storage) -> Result<()> {
    for r in storage.rejected().await? {
        println!(
            "{} {}-{} seq {} [{}] {}\n    hash {}",
            r.received_at.format("%Y-%m-%d %H:%M:%S"),
            r.store,
            r.terminal,
            r.seq,
            r.kind,
            r.reason,
            r.hash
        );
    }
    Ok(())
}
