//! `kasir` with no command: the checkout screen; and `kasir init`.

use std::process::ExitCode;

use anyhow::Context;

use kasir_core::wire::QuickKeyRecord;

use crate::app::config::{Config, QuickKey};
use crate::app::setup::{self, Paths};

pub(crate) fn run_terminal(
    paths: &Paths,
    config: &Config,
    explicit: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    // `KASIR_WINDOW=1024x768` for a small counter screen (and the screenshots).
    let size = match std::env::var("KASIR_WINDOW") {
        Ok(text) => window_size(&text).with_context(|| format!("KASIR_WINDOW '{text}'"))?,
        Err(_) => crate::gui::WINDOW,
    };
    if !paths.ledger().exists() {
        eprintln!("No ledger in {} yet: setting up the demo store.", paths.data_dir.display());
        init(paths, config, true)?;
    }
    // Read again: the demo set-up may just have written kasir.toml (with its quick keys).
    let mut config = paths.load_config(explicit)?;
    // Quick keys set at head office replace the configured ones (read at start-up).
    if let Some(keys) = setup::open(paths, &config)?.headoffice_quick_keys()? {
        config.quick_keys =
            keys.into_iter().map(|QuickKeyRecord { sku, label }| QuickKey { sku, label }).collect();
    }
    let terminal = crate::app::service::Terminal::start(paths.clone(), config.clone())?;
    crate::gui::run(terminal, config, size)
        .map_err(|e| anyhow::anyhow!("the checkout screen stopped: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn init(paths: &Paths, config: &Config, demo: bool) -> anyhow::Result<ExitCode> {
    let report = setup::init(paths, config, demo)?;
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
    Ok(ExitCode::SUCCESS)
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
