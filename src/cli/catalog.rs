//! `kasir catalog`: import, search and look up products.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};

#[derive(Subcommand)]
pub(crate) enum CatalogCommand {
    /// Import products from CSV: all rows or none (columns: see README).
    Import { file: PathBuf },
    /// Find products by name (parts of words work).
    Search {
        text: Vec<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Look a barcode up as a scan would.
    Lookup { barcode: String },
}

pub(crate) fn run(paths: &Paths, config: &Config, command: CatalogCommand) -> anyhow::Result<ExitCode> {
    let ledger = setup::open(paths, config)?;
    let locale = config.store.locale;
    match command {
        CatalogCommand::Import { file } => {
            let f = std::fs::File::open(&file).with_context(|| format!("opening {}", file.display()))?;
            let s = ledger
                .import_catalogue(f, &config.barcode.variable_measure)
                .with_context(|| format!("importing {}", file.display()))?;
            println!(
                "Imported {}: {} added, {} updated, {} barcodes",
                file.display(),
                s.added,
                s.updated,
                s.barcodes
            );
        }
        CatalogCommand::Search { text, limit } => {
            for p in ledger.catalogue()?.search(&text.join(" "), limit)? {
                println!("{:<12} {:>14}  {}", p.sku, p.unit_price.format(locale), p.name);
            }
        }
        CatalogCommand::Lookup { barcode } => {
            let hit = ledger.catalogue()?.scan(&barcode, &config.barcode.variable_measure)?;
            let p = &hit.product;
            println!(
                "{} {} — {} per {} ({} {}%{})",
                p.sku,
                p.name,
                p.unit_price.format(locale),
                p.unit,
                p.tax_class,
                p.tax_rate.percent(),
                if p.price_includes_tax { " incl." } else { " excl." }
            );
            if hit.quantity != kasir_core::Quantity::ONE {
                println!("quantity from barcode: {} {}", hit.quantity, p.unit);
            }
            if let Some(price) = hit.price {
                println!("price from barcode: {}", price.format(locale));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
