//! `kasir-headoffice store`: stores, their details and receipt lines.

use anyhow::{Result, bail};
use clap::Subcommand;
use kasir_headoffice::storage::{Storage, StoreChange};

#[derive(Subcommand)]
pub(super) enum StoreCommand {
    /// Add a store; a terminal that joins it is set up with these details for its receipts.
    Add {
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        address: String,
        /// The tax id printed on receipts.
        #[arg(long, default_value = "")]
        npwp: String,
        /// WIB +07:00, WITA +08:00, WIT +09:00.
        #[arg(long, default_value = "+07:00", allow_hyphen_values = true)]
        utc_offset: String,
        /// IDR, USD, EUR, SGD or MYR.
        #[arg(long, default_value = "IDR")]
        currency: String,
        /// A line printed centred under the store's name, address and NPWP on every receipt
        /// (repeat for several, at most 5, each at most 48 characters; "" for none).
        #[arg(long = "receipt-header", value_name = "LINE")]
        receipt_header: Option<Vec<String>>,
        /// A line printed centred at the end of every receipt (repeat for several, at most 5,
        /// each at most 48 characters; "" for none).
        #[arg(long = "receipt-footer", value_name = "LINE")]
        receipt_footer: Option<Vec<String>>,
    },
    /// Change a store's details (for terminals that join from now on) or its receipt lines
    /// (these reach its terminals at their next sync, too).
    Set {
        code: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        address: Option<String>,
        #[arg(long)]
        npwp: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        utc_offset: Option<String>,
        #[arg(long)]
        currency: Option<String>,
        /// A line printed centred under the store's name, address and NPWP on every receipt
        /// (repeat for several, at most 5, each at most 48 characters; "" for none).
        #[arg(long = "receipt-header", value_name = "LINE")]
        receipt_header: Option<Vec<String>>,
        /// A line printed centred at the end of every receipt (repeat for several, at most 5,
        /// each at most 48 characters; "" for none).
        #[arg(long = "receipt-footer", value_name = "LINE")]
        receipt_footer: Option<Vec<String>>,
        /// The region the dashboard groups the store under ("" for none).
        #[arg(long)]
        region: Option<String>,
    },
}

pub(super) async fn run(storage: &dyn Storage, command: StoreCommand) -> Result<()> {
    match command {
        StoreCommand::Add {
            code,
            name,
            address,
            npwp,
            utc_offset,
            currency,
            receipt_header,
            receipt_footer,
        } => {
            let details = StoreChange {
                name: None,
                address: Some(address),
                npwp: Some(npwp),
                utc_offset: Some(utc_offset),
                currency: Some(currency),
                receipt_header: receipt_header.map(receipt_lines),
                receipt_footer: receipt_footer.map(receipt_lines),
                region: None,
            };
            // Checked before the store is added, so a bad detail adds nothing.
            StoreChange { name: Some(name.clone()), ..details.clone() }.check(&code)?;
            storage.add_store(&code, &name).await?;
            storage.set_store(&code, &details).await?;
            println!("store {code} added");
        }
        StoreCommand::Set {
            code,
            name,
            address,
            npwp,
            utc_offset,
            currency,
            receipt_header,
            receipt_footer,
            region,
        } => {
            let change = StoreChange {
                name,
                address,
                npwp,
                utc_offset,
                currency,
                receipt_header: receipt_header.map(receipt_lines),
                receipt_footer: receipt_footer.map(receipt_lines),
                region,
            };
            if change.is_empty() {
                bail!(
                    "store set {code}: give what to change (--name, --address, --npwp, --utc-offset, --currency, \
                     --receipt-header, --receipt-footer, --region)"
                );
            }
            storage.set_store(&code, &change).await?;
            if change.changes_receipt_lines() {
                println!("store {code} set; its terminals print the new receipt lines after their next sync");
            } else {
                println!("store {code} set; terminals that join from now on are set up with it");
            }
        }
    }
    Ok(())
}

/// `--receipt-header`/`--receipt-footer` as given: each line trimmed, blank ones left out
/// (so `--receipt-header ""` takes the header away).
fn receipt_lines(lines: Vec<String>) -> Vec<String> {
    lines.into_iter().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect()
}
