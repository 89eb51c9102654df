//! `kasir` with no command: the checkout screen; and `kasir init`.

use std::process::ExitCode;

use anyhow::Context;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};

pub(crate) fn run_terminal(paths: &Paths, explicit: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    // `KASIR_WINDOW=1024x768` for a small counter screen (and the screenshots).
    let size = match std::env::var("KASIR_WINDOW") {
        Ok(text) => window_size(&text).with_context(|| format!("KASIR_WINDOW '{text}'"))?,
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
    crate::gui::run(start, size).map_err(|e| anyhow::anyhow!("the checkout screen stopped: {e}"))?;
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
        anyhow::ensure!(
            given.iter().all(|g| g.is_none()),
            "--demo sets up the demo store; leave out --store-code, --store-name, --address and --npwp"
        );
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
    anyhow::ensure!(
        missing.is_empty(),
        "kasir init needs this shop's identity for its receipts: give {} (or --demo to try the demo store)",
        missing.join(", ")
    );
    let identity = setup::ShopIdentity {
        store_code: shop.store_code.unwrap_or_default(),
        store_name: shop.store_name.unwrap_or_default(),
        address: shop.address.unwrap_or_default(),
        npwp: shop.npwp.unwrap_or_default(),
        terminal_code: shop.terminal_code,
        utc_offset: shop.utc_offset,
    };
    let (config, report) = setup::init_shop(paths, &config_file, &identity)?;
    println!(
        "Config written: {} (the rest of the settings are the defaults; see config/default.toml)",
        config_file.display()
    );
    print_init(&config, report);
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn init(paths: &Paths, config: &Config, demo: bool) -> anyhow::Result<ExitCode> {
    let report = setup::init(paths, config, demo)?;
    print_init(config, report);
    Ok(ExitCode::SUCCESS)
}

fn print_init(config: &Config, report: setup::InitReport) {
    println!("Ledger created: {}", report.ledger.display());
    if let Some(path) = report.config_written {
        println!("Config written: {} (edit it to set your store and terminal)", path.display());
    }
    if let Some(c) = report.catalogue {
        println!("Demo catalogue: {} products, {} barcodes", c.added, c.barcodes);
    }
    if !report.users.is_empty() {
        println!("Demo users (code, name, role, PIN):");
        for (code, name, role, pin) in report.users {
            println!("  {code}  {name:<14} {:<8} {pin}", role.code());
        }
    }
    if let Some((n, float)) = report.shift {
        println!("Shift {n} is open with a float of {}", float.format(config.store.locale));
    }
}

/// `WIDTHxHEIGHT` in pixels, e.g. `1024x768`.
fn window_size(text: &str) -> anyhow::Result<(f32, f32)> {
    let (w, h) = text.split_once('x').context("must be WIDTHxHEIGHT, e.g. 1024x768")?;
    let side = |s: &str| -> anyhow::Result<f32> {
        let n: u16 = s.trim().parse().with_context(|| format!("'{s}' is not a number of pixels"))?;
        anyhow::ensure!(n >= 200, "{n} pixels is too small for the checkout");
        Ok(f32::from(n))
    };
    Ok((side(w)?, side(h)?))
}
