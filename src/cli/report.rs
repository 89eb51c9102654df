//! `kasir report`: the X, the Z and sales reports, as text, CSV, JSON or PDF.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use kasir_core::document::Body;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};
use crate::devices::printing;
use crate::messages::Explain;
use crate::messages::reports::ReportSaid;
use crate::reports::{self, ReportError, ReportKind, SaveError, render, render::Heading};

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    Text,
    Csv,
    Json,
    /// A4 pages with tables and charts (needs --output or --save).
    Pdf,
}

#[derive(clap::Args)]
pub(crate) struct ManagerArgs {
    /// The manager's user code.
    #[arg(long)]
    manager: String,
    #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
    pin: String,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, conflicts_with = "save")]
    output: Option<PathBuf>,
    /// Save the report into the data directory's reports/ under a name of its own
    /// (Z-0003_S01-T01_2026-12-01.pdf); an earlier report is never overwritten.
    #[arg(long)]
    save: bool,
    /// Also print it on the receipt printer.
    #[arg(long)]
    print: bool,
    #[arg(long)]
    printer: Option<String>,
}

#[derive(Subcommand)]
pub(crate) enum ReportCommand {
    /// A reading of the open business day; changes nothing.
    X {
        #[command(flatten)]
        who: ManagerArgs,
    },
    /// Close the business day: its report is frozen in the ledger under the next Z number.
    Z {
        #[command(flatten)]
        who: ManagerArgs,
    },
    /// Sales by product, category, hour, cashier and tender for a range of dates.
    Sales {
        #[command(flatten)]
        who: ManagerArgs,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: chrono::NaiveDate,
        /// Last day, YYYY-MM-DD (included).
        #[arg(long)]
        to: chrono::NaiveDate,
    },
}

pub(crate) fn run(paths: &Paths, config: &Config, command: ReportCommand) -> anyhow::Result<ExitCode> {
    let mut ledger = setup::open(paths, config)?;
    let now = config.now();
    let (who, format, output, save, print) = match &command {
        ReportCommand::X { who } | ReportCommand::Z { who } | ReportCommand::Sales { who, .. } => {
            let print = if who.print {
                Some(printing::printer_address(config, who.printer.as_deref())?)
            } else {
                None
            };
            // The X and Z check the `[permissions]` table themselves; sales reports are a manager's.
            let user = match &command {
                ReportCommand::Sales { .. } => ledger.authenticate_manager(&who.manager, &who.pin)?,
                _ => ledger.authenticate(&who.manager, &who.pin)?,
            };
            (user, who.format, who.output.clone(), who.save, print)
        }
    };
    let l = config.store.locale;
    if matches!(format, Format::Pdf) && output.is_none() && !save {
        Err(ReportError::PdfNeedsAFile)?;
    }
    let (kind, report) = match command {
        ReportCommand::X { .. } => {
            let (period, report) = reports::x_report(&ledger, &config.permissions, &who, now)?;
            (ReportKind::X { business_date: period.business_date, taken_at: now.naive_local() }, report)
        }
        ReportCommand::Z { .. } => {
            let committed = reports::close_day(&mut ledger, &config.permissions, &who, now)?;
            let receipt = committed.receipt_number().to_owned();
            let Body::DayClose(day) = committed.document.body else { unreachable!("a Z was committed") };
            let business_date = day.business_date.parse().context("the Z's business date")?;
            (ReportKind::Z { number: day.z_number, business_date, receipt }, day.report)
        }
        ReportCommand::Sales { from, to, .. } => {
            if to < from {
                Err(ReportError::ToBeforeFrom { from, to })?;
            }
            (ReportKind::Sales { from, to }, reports::sales_report(&ledger, from, to)?)
        }
    };
    let heading = Heading::new(kind, config, &report, now, l);
    let (bytes, extension) = match format {
        Format::Text => (render::text(&heading, &report, l).into_bytes(), "txt"),
        Format::Csv => (render::csv(&heading, &report).into_bytes(), "csv"),
        Format::Json => ((render::json(&heading, &report) + "\n").into_bytes(), "json"),
        Format::Pdf => (reports::pdf::pdf(&heading, &report, l), "pdf"),
    };
    let written = match (output, save) {
        (Some(path), _) => {
            std::fs::write(&path, &bytes)
                .map_err(|source| SaveError::Write { path: path.clone(), source })?;
            Some(path)
        }
        // Into the data directory's reports/, as the screen saves them: never over an earlier one.
        (None, true) => Some(reports::save_new(
            &reports::folder(&paths.data_dir),
            &heading.file_stem(config),
            extension,
            &bytes,
        )?),
        (None, false) => {
            std::io::Write::write_all(&mut std::io::stdout(), &bytes)?;
            None
        }
    };
    if let Some(path) = written {
        eprintln!("{}", ReportSaid::Written { title: heading.title.clone(), path }.explain(l));
    }
    if let Some(address) = print {
        let columns = config.printer.profile.columns;
        let text = render::text_width(&heading, &report, l, columns);
        printing::print_text(&ledger, config, &address, "report", &text, config.now())?;
        eprintln!("{}", ReportSaid::Printed { title: heading.title }.explain(l));
    }
    Ok(ExitCode::SUCCESS)
}
