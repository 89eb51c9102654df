//! `kasir catalog`: import, search and look up products.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};
use crate::messages::CliSays;

use super::{CliError, say};

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
            let f = std::fs::File::open(&file)
                .map_err(|source| CliError::OpenFile { path: file.clone(), source })?;
            let s = ledger
                .import_catalogue(f, &config.barcode.variable_measure)
                .map_err(|source| CliError::Import { path: file.clone(), source })?;
            say(CliSays::Imported { file, added: s.added, updated: s.updated, barcodes: s.barcodes });
        }
        CatalogCommand::Search { text, limit } => {
            for p in ledger.catalogue()?.search(&text.join(" "), limit)? {
                println!("{:<12} {:>14}  {}", p.sku, p.unit_price.format(locale), p.name);
            }
        }
        CatalogCommand::Lookup { barcode } => {
            let hit = ledger.catalogue()?.scan(&barcode, &config.barcode.variable_measure)?;
            let p = &hit.product;
            say(CliSays::Product {
                sku: p.sku.clone(),
                name: p.name.clone(),
                price: p.unit_price,
                unit: p.unit.clone(),
                tax_class: p.tax_class.clone(),
                rate: p.tax_rate.percent().to_string(),
                includes_tax: p.price_includes_tax,
            });
            if hit.quantity != kasir_core::Quantity::ONE {
                say(CliSays::QuantityFromBarcode { quantity: hit.quantity, unit: p.unit.clone() });
            }
            if let Some(price) = hit.price {
                say(CliSays::PriceFromBarcode(price));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
