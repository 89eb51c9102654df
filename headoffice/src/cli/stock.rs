//! `kasir-headoffice stock`: goods received, corrections and stock levels.

use anyhow::{Result, bail};
use clap::Subcommand;
use kasir_core::Quantity;
use kasir_headoffice::storage::{StockEntry, StockKind, Storage};

#[derive(Subcommand)]
pub(super) enum StockCommand {
    /// Goods received at a store.
    Receive {
        #[arg(long)]
        store: String,
        #[arg(long)]
        sku: String,
        #[arg(long)]
        quantity: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// A correction after a count, damage or loss (negative takes stock away).
    Adjust {
        #[arg(long)]
        store: String,
        #[arg(long)]
        sku: String,
        #[arg(long, allow_hyphen_values = true)]
        quantity: String,
        #[arg(long)]
        reason: String,
    },
    /// A store's stock levels.
    Show {
        #[arg(long)]
        store: String,
    },
}

pub(super) async fn run(storage: &dyn Storage, command: StockCommand) -> Result<()> {
    match command {
        StockCommand::Receive { store, sku, quantity: q, note } => {
            let q = quantity(&q, &sku)?;
            if q <= 0 {
                bail!(
                    "--quantity for {sku}: goods received must be more than zero (use stock adjust to correct)"
                );
            }
            let entry =
                StockEntry { store, sku: sku.clone(), quantity_milli: q, kind: StockKind::Receive, note };
            let level = storage.record_stock(&entry).await?;
            println!("{sku}: stock now {}", Quantity::from_milli(level).to_decimal().normalize());
        }
        StockCommand::Adjust { store, sku, quantity: q, reason } => {
            let q = quantity(&q, &sku)?;
            if reason.trim().is_empty() {
                bail!("a stock adjustment needs a --reason");
            }
            let entry = StockEntry {
                store,
                sku: sku.clone(),
                quantity_milli: q,
                kind: StockKind::Adjust,
                note: reason,
            };
            let level = storage.record_stock(&entry).await?;
            println!("{sku}: stock now {}", Quantity::from_milli(level).to_decimal().normalize());
        }
        StockCommand::Show { store } => {
            for (sku, q) in storage.stock(&store).await? {
                println!("{sku:<20} {:>12}", Quantity::from_milli(q).to_decimal().normalize());
            }
        }
    }
    Ok(())
}

fn quantity(text: &str, what: &str) -> Result<i64> {
    Ok(Quantity::parse(text).map_err(|e| anyhow::anyhow!("--quantity {text:?} for {what}: {e}"))?.milli())
}
