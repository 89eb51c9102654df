//! `kasir` with no command: the checkout screen; and `kasir init`.

use std::process::ExitCode;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};
use crate::messages::{CliSays, CliText};

use super::{CliError, WindowProblem, say};

pub(crate) fn run_terminal(paths: &Paths, explicit: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    // `KASIR_WINDOW=1024x768` for a small counter screen (and the screenshots).
    let size = match std::env::var("KASIR_WINDOW") {
        Ok(text) => window_size(&text).map_err(|problem| CliError::Window { text, problem })?,
        Err(_) => crate::gui::WINDOW,
    };
    let start = if paths.ledger().exists() {
        let config = setup::terminal_config(paths, explicit)?;
        let terminal = crate::app::service::Terminal::start(paths.clone(), config.clone())?;
        crate::gui::Start::Terminal(terminal, config)
    } else {
        // The first start asks: the demo, this shop on its own, or head office. Nothing is
        // written before the choice.
        let config = paths.load_config(explicit)?;
        crate::gui::Start::FirstStart { paths: paths.clone(), config_file: explicit.map(Into::into), config }
    };
    crate::gui::run(start, size).map_err(|e| CliError::ScreenStopped(e.to_string()))?;
    Ok(ExitCode::SUCCESS)
}

/// The shop's identity, for `kasir init` without the demo.
#[derive(clap::Args, Debug, Default)]
pub(crate) struct ShopArgs {
    /// The store's code (1–8 letters or digits), e.g. S01.
    #[arg(long)]
    store_code: Option<String>,
    /// The store's name as it prints on receipts.
    #[arg(long)]
    store_name: Option<String>,
    /// The store's address as it prints on receipts.
    #[arg(long)]
    address: Option<String>,
    /// The store's NPWP (tax number) as it prints on receipts.
    #[arg(long)]
    npwp: Option<String>,
    /// This terminal's code within the store (default T01).
    #[arg(long, default_value = "T01")]
    terminal_code: String,
    /// The store's offset from UTC (default +07:00, WIB).
    #[arg(long, default_value = "+07:00")]
    utc_offset: String,
}

/// `kasir init`: the demo store, or this shop with its own identity and nothing of the demo's.
pub(crate) fn init_command(
    paths: &Paths,
    explicit: Option<&std::path::Path>,
    demo: bool,
    shop: ShopArgs,
) -> anyhow::Result<ExitCode> {
    let given = [&shop.store_code, &shop.store_name, &shop.address, &shop.npwp];
    if demo {
        if given.iter().any(|g| g.is_some()) {
            return Err(CliError::DemoWithIdentity.into());
        }
        return init(paths, &paths.load_config(explicit)?, true);
    }
    let config_file = explicit.map(std::path::Path::to_owned).unwrap_or_else(|| paths.config());
    if given.iter().all(|g| g.is_none()) && config_file.exists() {
        // The owner wrote kasir.toml themselves: it says who the shop is.
        return init(paths, &paths.load_config(explicit)?, false);
    }
    let missing: Vec<&str> = ["--store-code", "--store-name", "--address", "--npwp"]
        .into_iter()
        .zip(given)
        .filter(|(_, g)| g.as_deref().is_none_or(|v| v.trim().is_empty()))
        .map(|(flag, _)| flag)
        .collect();
    if !missing.is_empty() {
        return Err(CliError::NeedIdentity(missing).into());
    }
    let identity = setup::ShopIdentity {
        store_code: shop.store_code.unwrap_or_default(),
        store_name: shop.store_name.unwrap_or_default(),
        address: shop.address.unwrap_or_default(),
        npwp: shop.npwp.unwrap_or_default(),
        terminal_code: shop.terminal_code,
        utc_offset: shop.utc_offset,
    };
    let (_, report) = setup::init_shop(paths, &config_file, &identity)?;
    say(CliSays::ConfigWrittenWithDefaults(config_file));
    print_init(report);
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn init(paths: &Paths, config: &Config, demo: bool) -> anyhow::Result<ExitCode> {
    let report = setup::init(paths, config, demo)?;
    print_init(report);
    Ok(ExitCode::SUCCESS)
}

fn print_init(report: setup::InitReport) {
    say(CliSays::LedgerCreated(report.ledger));
    if let Some(path) = report.config_written {
        say(CliSays::ConfigWrittenToEdit(path));
    }
    if let Some(c) = report.catalogue {
        say(CliSays::DemoCatalogue { products: c.added, barcodes: c.barcodes });
    }
    if !report.users.is_empty() {
        say(CliText::DemoUsersHeader);
        for (code, name, role, pin) in report.users {
            say(CliSays::DemoUser { code, name, role, pin });
        }
    }
    if let Some((shift_no, float)) = report.shift {
        say(CliSays::ShiftOpenWithFloat { shift_no, float });
    }
}

/// `WIDTHxHEIGHT` in pixels, e.g. `1024x768`.
fn window_size(text: &str) -> Result<(f32, f32), WindowProblem> {
    let (w, h) = text.split_once('x').ok_or(WindowProblem::NotWidthByHeight)?;
    let side = |s: &str| -> Result<f32, WindowProblem> {
        let n: u16 = s.trim().parse().map_err(|_| WindowProblem::NotPixels(s.to_owned()))?;
        if n < 200 {
            return Err(WindowProblem::TooSmall(n));
        }
        Ok(f32::from(n))
    };
    Ok((side(w)?, side(h)?))
}
