//! `kasir sell`, `kasir return` and `kasir exchange`: the counter's flows from a JSON script.

use std::process::ExitCode;

use super::devices;
use super::{CliError, Script, UserPin, read_script};
use crate::app::config::Config;
use crate::app::setup::{self, Paths};
use crate::devices::printing;
use crate::messages::{CliSays, Explain};
use crate::sale::checkout::{self, SaleScript};
use crate::sale::returns::{self, ReturnScript};

/// The exit code of `kasir sell --print` whose receipt did not print (the sale is committed,
/// the job kept for `kasir receipt print`); a drawer that did not open is
/// [`devices::DRAWER_DID_NOT_OPEN`] and comes first.
const RECEIPT_DID_NOT_PRINT: u8 = 3;

pub(crate) fn sell(
    paths: &Paths,
    config: &Config,
    file: &str,
    print: bool,
    printer: Option<&str>,
    pin: &UserPin,
) -> anyhow::Result<ExitCode> {
    let script: SaleScript = read_script(Script::Sale, file)?;
    // A printer named wrongly is refused before anything is sold.
    let address = if print { Some(printing::printer_address(config, printer)?) } else { None };
    let mut ledger = setup::open(paths, config)?;
    pin.user(&ledger, &script.cashier)?;
    let outcome = checkout::sell(&mut ledger, config, &script, config.now())?;
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    // The drawer is a job of its own, kicked before the receipt prints and whether or not it
    // can: a cash sale needs its change. A sale repeated by its request id opens nothing.
    let mut drawer_opened = true;
    if !outcome.repeated
        && let Some(doc) = ledger.document_by_receipt(&outcome.receipt_number)?
    {
        drawer_opened = devices::open_drawer_for(config, &doc, address.as_ref());
    }
    if let Some(address) = address {
        // The sale is committed whatever the printer does; a failed print stays queued.
        match printing::print_receipt(&ledger, config, &address, &outcome.receipt_number, config.now()) {
            Ok(printed) => devices::warn_low_paper(config, &printed),
            Err(e) => {
                let why = crate::messages::explain_error(&e.into(), super::locale());
                eprintln!("{}", CliSays::ReceiptNotPrinted(why).explain(super::locale()));
                if drawer_opened {
                    return Ok(ExitCode::from(RECEIPT_DID_NOT_PRINT));
                }
            }
        }
    }
    match drawer_opened {
        true => Ok(ExitCode::SUCCESS),
        false => Ok(ExitCode::from(devices::DRAWER_DID_NOT_OPEN)),
    }
}

pub(crate) fn return_goods(
    paths: &Paths,
    config: &Config,
    file: &str,
    pin: &UserPin,
) -> anyhow::Result<ExitCode> {
    let script: ReturnScript = read_script(Script::Return, file)?;
    let mut ledger = setup::open(paths, config)?;
    pin.user(&ledger, &script.cashier)?;
    if let Some(receipt) = &script.receipt {
        crate::sync::refresh_sale(config, ledger.path(), receipt)
            .map_err(|source| CliError::Refresh { receipt: receipt.trim().to_owned(), source })?;
    }
    let outcome = returns::process(&mut ledger, config, &script, config.now())?;
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    // A cash refund opens the drawer (on the configured printer's drawer port, or its own).
    if !outcome.repeated
        && let Some(doc) = ledger.document_by_receipt(&outcome.receipt_number)?
        && !devices::open_drawer_for(config, &doc, None)
    {
        return Ok(ExitCode::from(devices::DRAWER_DID_NOT_OPEN));
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn exchange(
    paths: &Paths,
    config: &Config,
    file: &str,
    pin: &UserPin,
) -> anyhow::Result<ExitCode> {
    let script: crate::sale::exchange::ExchangeScript = read_script(Script::Exchange, file)?;
    let mut ledger = setup::open(paths, config)?;
    pin.user(&ledger, &script.cashier)?;
    crate::sync::refresh_sale(config, ledger.path(), &script.receipt)
        .map_err(|source| CliError::Refresh { receipt: script.receipt.trim().to_owned(), source })?;
    let outcome = crate::sale::exchange::exchange(&mut ledger, config, &script, config.now())?;
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    Ok(ExitCode::SUCCESS)
}
