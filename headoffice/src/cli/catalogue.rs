//! `kasir-headoffice catalog`, `product`, `tax` and `quick-keys`: what terminals sell, at
//! which price and tax, sent to them through the change feed.

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use kasir_core::wire::{ProductRecord, QuickKeyRecord, TaxClassRecord};
use kasir_headoffice::storage::Storage;

#[derive(Subcommand)]
pub(super) enum CatalogCommand {
    Import {
        file: PathBuf,
        /// The currency the prices are in.
        #[arg(long, default_value = "IDR")]
        currency: String,
    },
}

#[derive(Subcommand)]
pub(super) enum ProductCommand {
    Set {
        #[arg(long)]
        sku: String,
        #[arg(long)]
        name: String,
        /// Price in rupiah (whole units).
        #[arg(long)]
        price: i64,
        #[arg(long, default_value = "PPN")]
        tax_class: String,
        #[arg(long, default_value = "Umum")]
        category: String,
        #[arg(long, default_value = "pcs")]
        unit: String,
        #[arg(long = "barcode")]
        barcodes: Vec<String>,
        /// The price is before tax (default: tax included, as Indonesian shelves show it).
        #[arg(long)]
        price_excludes_tax: bool,
        #[arg(long)]
        by_weight: bool,
        #[arg(long)]
        inactive: bool,
    },
}

#[derive(Subcommand)]
pub(super) enum TaxCommand {
    /// Set a class's rate, e.g. `tax set PPN 11`, or `tax set PPN12D 12 --dpp 11/12`.
    Set {
        code: String,
        percent: rust_decimal::Decimal,
        /// The share of the net price the rate is charged on (DPP), e.g. 11/12; default the
        /// whole price.
        #[arg(long, default_value = "1/1")]
        dpp: kasir_core::tax::DppBase,
    },
}

/// `catalog import`: the whole catalogue from a CSV file, in one transaction.
pub(super) async fn catalog(storage: &dyn Storage, command: CatalogCommand) -> Result<()> {
    let CatalogCommand::Import { file, currency } = command;
    let currency = kasir_core::Currency::from_code(&currency)
        .with_context(|| format!("--currency {currency}: IDR, USD, EUR, SGD or MYR"))?;
    let data = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
    let classes: HashSet<String> = storage.tax_classes().await?.into_iter().map(|c| c.code).collect();
    if classes.is_empty() {
        bail!("no tax classes yet: set them first, e.g. `kasir-headoffice tax set PPN 11`");
    }
    let rules = kasir_core::barcode::default_variable_measure_rules();
    let products = kasir_core::catalogue_csv::parse_products(&data, currency, &rules, &classes)
        .and_then(|parsed| parsed.finish(Vec::new()))
        .with_context(|| format!("{}", file.display()))?;
    storage.put_products(&products).await?;
    println!(
        "{} products set from {}; terminals get them with their next sync",
        products.len(),
        file.display()
    );
    Ok(())
}

/// `product set`: one product, new or changed.
pub(super) async fn product(storage: &dyn Storage, command: ProductCommand) -> Result<()> {
    let ProductCommand::Set {
        sku,
        name,
        price,
        tax_class,
        category,
        unit,
        barcodes,
        price_excludes_tax,
        by_weight,
        inactive,
    } = command;
    if sku.trim().is_empty() || name.trim().is_empty() {
        bail!("a product needs a --sku and a --name");
    }
    if price < 0 {
        bail!("--price {price} for {sku}: a price cannot be negative");
    }
    for (option, text) in [("--sku", &sku), ("--name", &name), ("--category", &category), ("--unit", &unit)]
        .into_iter()
        .chain(barcodes.iter().map(|b| ("--barcode", b)))
    {
        if kasir_core::wire::has_control_character(text) {
            bail!("{option} {text:?}: holds a control character (a NUL, tab or line break); nothing was set");
        }
    }
    // Terminals file products under their tax class: one they do not know would stop
    // their change feed at this product.
    let classes: Vec<String> = storage.tax_classes().await?.into_iter().map(|c| c.code).collect();
    if !classes.contains(&tax_class) {
        bail!(
            "--tax-class {tax_class} for {sku} is not a tax class (known: {}); set it first with \
                 `kasir-headoffice tax set {tax_class} RATE`",
            if classes.is_empty() { "none yet".to_owned() } else { classes.join(", ") }
        );
    }
    let p = ProductRecord {
        sku: sku.clone(),
        name,
        category,
        unit,
        price,
        tax_class,
        price_includes_tax: !price_excludes_tax,
        sold_by_weight: by_weight,
        active: !inactive,
        barcodes,
    };
    storage.put_product(&p).await?;
    println!("product {sku} set");
    Ok(())
}

/// `tax set`: a tax class's rate and DPP base.
pub(super) async fn tax(storage: &dyn Storage, command: TaxCommand) -> Result<()> {
    let TaxCommand::Set { code, percent, dpp } = command;
    let rate = kasir_core::TaxRate::from_percent(percent)
        .map_err(|e| anyhow::anyhow!("tax class {code}: {percent} %: {e}"))?;
    storage.put_tax_class(&TaxClassRecord { code: code.clone(), rate_bp: rate.basis_points(), dpp }).await?;
    println!("tax class {code} set");
    Ok(())
}

/// `quick-keys SKU=Label…`: replaces the quick keys.
pub(super) async fn quick_keys(storage: &dyn Storage, keys: &[String]) -> Result<()> {
    let keys = keys
        .iter()
        .map(|k| kasir_headoffice::storage::quick_key(k))
        .collect::<Result<Vec<QuickKeyRecord>, _>>()?;
    storage.put_quick_keys(&keys).await?;
    println!("{} quick keys set", keys.len());
    Ok(())
}
