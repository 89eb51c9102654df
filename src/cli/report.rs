//! `kasir report`: the X, the Z and sales reports, as text, CSV, JSON or PDF.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use kasir_core::document::Body;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};
use crate::devices::printing;
use crate::reports::{self, render, render::Heading};

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    Text,
    Csv,
    Json,
    /// A4 pages (needs --output).
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
    #[arg(long)]
    output: Option<PathBuf>,
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
    let (who, format, output, print) = match &command {
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
            (user, who.format, who.output.clone(), print)
        }
    };
    if matches!(format, Format::Pdf) && output.is_none() {
        anyhow::bail!("--format pdf needs --output FILE");
    }
    let heading = |title: String, period: String| Heading {
        title,
        store: format!("{} ({})", config.store.name, config.store.code),
        terminal: format!("Terminal {}", config.terminal.code),
        period,
        printed_at: now.format("%Y-%m-%d %H:%M").to_string(),
    };
    let (heading, report) = match command {
        ReportCommand::X { .. } => {
            let (period, report) = reports::x_report(&ledger, &config.permissions, &who, now)?;
            (heading(format!("X — {}", period.business_date), span(&report)), report)
        }
        ReportCommand::Z { .. } => {
            let committed = reports::close_day(&mut ledger, &config.permissions, &who, now)?;
            let receipt = committed.receipt_number().to_owned();
            let Body::DayClose(day) = committed.document.body else { unreachable!("a Z was committed") };
            let title = format!("Z {} — {} ({receipt})", day.z_number, day.business_date);
            (heading(title, span(&day.report)), day.report)
        }
        ReportCommand::Sales { from, to, .. } => {
            if to < from {
                anyhow::bail!("--to {to} is before --from {from}");
            }
            let report = reports::sales_report(&ledger, from, to)?;
            (heading(format!("Sales {from} – {to}"), span(&report)), report)
        }
    };
    let bytes = match format {
        Format::Text => render::text(&heading, &report, config.store.locale).into_bytes(),
        Format::Csv => render::csv(&heading, &report).into_bytes(),
        Format::Json => (render::json(&heading, &report) + "\n").into_bytes(),
        Format::Pdf => reports::pdf::pdf(&render::text(&heading, &report, config.store.locale)),
    };
    match output {
        Some(path) => {
            std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("{} written to {}", heading.title, path.display());
        }
        None => std::io::Write::write_all(&mut std::io::stdout(), &bytes)?,
    }
    if let Some(address) = print {
        let columns = config.printer.profile.columns;
        let text = render::text_width(&heading, &report, config.store.locale, columns);
        printing::print_text(&ledger, config, &address, "report", &text, config.now())?;
        eprintln!("{} printed", heading.title);
    }
    Ok(ExitCode::SUCCESS)
}

/// "documents 12–345", or "no documents".
pub(crate) fn span(r: &kasir_core::report::Report) -> String {
    if r.last_seq >= r.first_seq && r.last_seq > 0 {
        format!("documents {}–{}", r.first_seq, r.last_seq)
    } else {
        "no documents".into()
    }
}
