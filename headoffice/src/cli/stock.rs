//! `kasir-headoffice stock`: goods received, corrections, stock levels, reorder levels and
//! transfers between stores.

use anyhow::{Result, bail};
use clap::Subcommand;
use kasir_core::Quantity;
use kasir_headoffice::storage::{StockEntry, StockKind, Storage, TransferReceipt};

/// Who a transfer sent or received from the command line is recorded as.
const BY_CLI: &str = "head office (CLI)";

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
    /// A store's stock levels, with reorder levels and what is on its way in.
    Show {
        #[arg(long)]
        store: String,
    },
    /// Sets the level at or under which a product shows as low in a store.
    Reorder {
        #[arg(long)]
        store: String,
        #[arg(long)]
        sku: String,
        #[arg(long)]
        level: String,
    },
    /// Products at or under their reorder level, of one store or all.
    Low {
        #[arg(long)]
        store: Option<String>,
    },
    /// Sends goods from one store to another: out of --from now, into --to when received.
    /// Give --sku and --quantity once per product, in pairs.
    Transfer {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long = "sku", required = true)]
        skus: Vec<String>,
        #[arg(long = "quantity", required = true)]
        quantities: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Transfers from or to a store (or all), newest first.
    Transfers {
        #[arg(long)]
        store: Option<String>,
    },
    /// Puts a transfer's goods into its receiving store (once; again changes nothing).
    ReceiveTransfer {
        #[arg(long)]
        id: i64,
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
            println!("{:<20} {:>12} {:>12} {:>12}", "sku", "stock", "reorder at", "in transit");
            for row in storage.stock_overview(&store).await? {
                let reorder = row.reorder_milli.map_or("-".to_owned(), shown);
                let low = if row.low() { "  LOW" } else { "" };
                println!(
                    "{:<20} {:>12} {:>12} {:>12}{low}",
                    row.sku,
                    shown(row.quantity_milli),
                    reorder,
                    shown(row.in_transit_in_milli)
                );
            }
        }
        StockCommand::Reorder { store, sku, level } => {
            let level = quantity(&level, &sku).map_err(|e| anyhow::anyhow!("--level: {e}"))?;
            storage.set_reorder_level(&store, &sku, level).await?;
            println!("{sku} in {store}: low at {} or under", shown(level));
        }
        StockCommand::Low { store } => {
            let stores = store.map(|s| vec![s]);
            for row in storage.low_stock(stores.as_deref()).await? {
                let reorder = row.reorder_milli.map_or("-".to_owned(), shown);
                println!(
                    "{:<8} {:<20} {:>12} {:>12} {:>12}",
                    row.store,
                    row.sku,
                    shown(row.quantity_milli),
                    reorder,
                    shown(row.in_transit_in_milli)
                );
            }
        }
        StockCommand::Transfer { from, to, skus, quantities, note } => {
            if skus.len() != quantities.len() {
                bail!(
                    "give one --quantity for each --sku ({} SKUs, {} quantities)",
                    skus.len(),
                    quantities.len()
                );
            }
            let lines = skus
                .into_iter()
                .zip(&quantities)
                .map(|(sku, q)| Ok((sku.clone(), quantity(q, &sku)?)))
                .collect::<Result<Vec<_>>>()?;
            let id = storage.send_transfer(&from, &to, &lines, &note, BY_CLI).await?;
            println!("transfer {id} sent from {from} to {to}: in transit until received");
        }
        StockCommand::Transfers { store } => {
            let stores = store.map(|s| vec![s]);
            for t in storage.transfers(stores.as_deref()).await? {
                let lines: Vec<String> =
                    t.lines.iter().map(|(sku, q)| format!("{sku} {}", shown(*q))).collect();
                println!(
                    "{:>6} {} -> {} {:<10} {} {}",
                    t.id,
                    t.from,
                    t.to,
                    t.state.code(),
                    t.sent_at.format("%Y-%m-%d %H:%M"),
                    lines.join(", ")
                );
            }
        }
        StockCommand::ReceiveTransfer { id } => match storage.receive_transfer(id, BY_CLI).await? {
            TransferReceipt::Received => println!("transfer {id} received"),
            TransferReceipt::AlreadyReceived { by, at } => {
                println!(
                    "transfer {id} was already received by {by} at {}; nothing changed",
                    at.format("%Y-%m-%d %H:%M UTC")
                )
            }
        },
    }
    Ok(())
}

fn shown(milli: i64) -> String {
    Quantity::from_milli(milli).to_decimal().normalize().to_string()
}

fn quantity(text: &str, what: &str) -> Result<i64> {
    Ok(Quantity::parse(text).map_err(|e| anyhow::anyhow!("--quantity {text:?} for {what}: {e}"))?.milli())
}
