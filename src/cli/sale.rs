//! `kasir sell`, `kasir return` and `kasir exchange`: the counter's flows from a JSON script.

use std::process::ExitCode;

use anyhow::Context;

use super::{UserPin, read_script};
use crate::app::config::Config;
use crate::app::setup::{self, Paths};
use crate::devices::printing;
use crate::sale::checkout::{self, SaleScript};
use crate::sale::returns::{self, ReturnScript};

pub(crate) fn sell(
    paths: &Paths,
    config: &Config,
    file: &str,
    print: bool,
    printer: Option<&str>,
    pin: &UserPin,
) -> anyhow::Result<ExitCode> {
    let script: SaleScript = read_script("sale script", file)?;
    // A printer named wrongly is refused before anything is sold.
    let address = if print { Some(printing::printer_address(config, printer)?) } else { None };
    let mut ledger = setup::open(paths, config)?;
    pin.user(&ledger, &script.cashier)?;
    let outcome = checkout::sell(&mut ledger, config, &script, config.now())?;
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    if let Some(address) = address {
        // The sale is committed whatever the printer does; a failed print stays queued.
        if let Err(e) =
            printing::print_receipt(&ledger, config, &address, &outcome.receipt_number, config.now())
        {
            eprintln!("the sale is committed, but its receipt did not print: {e}");
            return Ok(ExitCode::from(3));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn return_goods(
    paths: &Paths,
    config: &Config,
    file: &str,
    pin: &UserPin,
) -> anyhow::Result<ExitCode> {
    let script: ReturnScript = read_script("return script", file)?;
    let mut ledger = setup::open(paths, config)?;
    pin.user(&ledger, &script.cashier)?;
    if let Some(receipt) = &script.receipt {
        crate::sync::refresh_sale(config, ledger.path(), receipt)
            .with_context(|| format!("sale {}", receipt.trim()))?;
    }
    let outcome = returns::process(&mut ledger, config, &script, config.now())?;
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn exchange(
    paths: &Paths,
    config: &Config,
    file: &str,
    pin: &UserPin,
) -> anyhow::Result<ExitCode> {
    let script: crate::sale::exchange::ExchangeScript = read_script("exchange script", file)?;
    let mut ledger = setup::open(paths, config)?;
    pin.user(&ledger, &script.cashier)?;
    crate::sync::refresh_sale(config, ledger.path(), &script.receipt)
        .with_context(|| format!("sale {}", script.receipt.trim()))?;
    let outcome = crate::sale::exchange::exchange(&mut ledger, config, &script, config.now())?;
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    Ok(ExitCode::SUCCESS)
}
