//! `kasir devices` and `kasir receipt`: the printer, the drawer and scanners.

use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use kasir_drivers::printer::PrinterAddress;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};
use crate::devices::drawer::{self, DrawerError};
use crate::devices::printing;
use crate::messages::Explain;
use crate::messages::devices::{DeviceSays, DeviceText, DrawerSays};
use crate::sale::checkout;

#[derive(Subcommand)]
pub(crate) enum ReceiptCommand {
    /// Print a committed sale's receipt (a second print is marked COPY and recorded).
    Print {
        receipt: String,
        #[arg(long)]
        printer: Option<String>,
    },
}

#[derive(Subcommand)]
pub(crate) enum DevicesCommand {
    /// Print a test page, and say what the printer reports about itself.
    TestPrint {
        #[arg(long)]
        printer: Option<String>,
    },
    /// The serial ports on this machine, with USB vendor and product ids where known.
    List,
    /// What the printer reports: paper, cover, online, the drawer switch.
    Status {
        #[arg(long)]
        printer: Option<String>,
    },
    /// Open the cash drawer without a sale: recorded as a no-sale with the approving manager.
    OpenDrawer {
        /// Who is at the drawer.
        #[arg(long)]
        user: String,
        #[arg(long)]
        manager: String,
        #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
        pin: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        printer: Option<String>,
    },
    /// Print what a serial barcode scanner sends, one scan a line.
    Scan {
        /// serial:/dev/ttyACM0 (or @BAUD), or hid:/dev/input/…; default: [scanner] address.
        #[arg(long)]
        scanner: Option<String>,
        /// What ends a scan: cr, lf, crlf or tab; default: [scanner] suffix.
        #[arg(long)]
        suffix: Option<String>,
        /// Stop after this many scans (default: until interrupted).
        #[arg(long)]
        count: Option<usize>,
    },
}

pub(crate) fn receipt(paths: &Paths, config: &Config, command: ReceiptCommand) -> anyhow::Result<ExitCode> {
    let ledger = setup::open(paths, config)?;
    match command {
        ReceiptCommand::Print { receipt, printer } => {
            let address = printing::printer_address(config, printer.as_deref())?;
            let printed = printing::print_receipt(&ledger, config, &address, &receipt, config.now())?;
            let said = DeviceSays::Printed { receipt: receipt.trim().to_owned(), copy: printed.copy };
            println!("{}", said.explain(config.store.locale));
            warn_low_paper(config, &printed);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Says on stderr that the paper is running low, as every printing command does.
pub(crate) fn warn_low_paper(config: &Config, printed: &printing::Printed) {
    if printed.paper_near_end {
        eprintln!("{}", DeviceText::PaperLow.get(config.store.locale));
    }
}

/// The exit code of a command whose drawer did not open (its document is committed).
pub(crate) const DRAWER_DID_NOT_OPEN: u8 = 4;

/// Opens the drawer for a committed sale or return that moved cash, and says on stderr if it
/// did not: `false` then. A shop without a drawer (or with it on a printer it has not set
/// up) hears nothing.
pub(crate) fn open_drawer_for(
    config: &Config,
    doc: &kasir_core::document::Document,
    printer: Option<&PrinterAddress>,
) -> bool {
    match drawer::open_for(config, doc, printer) {
        None | Some(Ok(())) | Some(Err(DrawerError::NotConfigured | DrawerError::NoPrinter)) => true,
        Some(Err(e)) => {
            eprintln!("{}", DrawerSays::DidNotOpen(e).explain(config.store.locale));
            false
        }
    }
}

/// The commands that talk to devices only (`list`, `status`, `scan`) need no ledger: they
/// work on a machine before `kasir init`.
pub(crate) fn run(paths: &Paths, config: &Config, command: DevicesCommand) -> anyhow::Result<ExitCode> {
    match command {
        DevicesCommand::TestPrint { printer } => {
            let ledger = setup::open(paths, config)?;
            let address = printing::printer_address(config, printer.as_deref())?;
            let text = printing::test_page(config, &address);
            let printed = printing::print_text(&ledger, config, &address, "test", &text, config.now())?;
            println!("{}", DeviceSays::TestPagePrinted { job: printed.job }.explain(config.store.locale));
            warn_low_paper(config, &printed);
        }
        DevicesCommand::Status { printer } => {
            let address = printing::printer_address(config, printer.as_deref())?;
            let s = printing::printer_status(&address)?;
            for said in [
                DeviceSays::Online(!s.offline),
                DeviceSays::Paper { out: s.paper_out, near_end: s.paper_near_end },
                DeviceSays::CoverOpen(s.cover_open),
                DeviceSays::DrawerSwitch { open: s.drawer_open },
            ] {
                println!("{}", said.explain(config.store.locale));
            }
        }
        DevicesCommand::OpenDrawer { user, manager, pin, reason, printer } => {
            let l = config.store.locale;
            // A printer named wrongly is refused before anything is recorded or kicked.
            let address = match printer.as_deref() {
                Some(given) => Some(printing::printer_address(config, Some(given))?),
                None => config.printer.address.clone(),
            };
            let mut ledger = setup::open(paths, config)?;
            let who = ledger.user(&user).with_context(|| format!("user {user}"))?;
            let approver = ledger.authenticate_manager(&manager, &pin)?;
            checkout::no_sale_allowed(&ledger, &config.permissions, &approver, &reason)?;
            // The drawer first, then the no-sale with what it did: never recorded as opened
            // when it did not open.
            let result = drawer::open(config, address.as_ref());
            let outcome = drawer::outcome(&result);
            let opened = result.is_ok();
            let c = match checkout::no_sale(
                &mut ledger,
                &config.permissions,
                &who,
                &approver,
                &reason,
                outcome,
                config.now(),
            ) {
                Ok(c) => c,
                Err(e) if opened => {
                    eprintln!("{}", DrawerSays::OpenedNotRecorded(crate::messages::Said::from(e)).explain(l));
                    return Ok(ExitCode::FAILURE);
                }
                Err(e) => return Err(e.into()),
            };
            let said = DrawerSays::NoSaleRecorded { receipt: c.receipt_number().to_owned(), drawer: result };
            if opened {
                println!("{}", said.explain(l));
                return Ok(ExitCode::SUCCESS);
            }
            eprintln!("{}", said.explain(l));
            return Ok(ExitCode::from(DRAWER_DID_NOT_OPEN));
        }
        DevicesCommand::List => {
            let ports = kasir_drivers::scanner::list_ports()?;
            if ports.is_empty() {
                println!("{}", DeviceSays::NoSerialPorts.explain(config.store.locale));
            }
            for p in ports {
                match p.usb {
                    Some((vid, pid, product)) => {
                        println!("{}  USB {vid:04x}:{pid:04x} {}", p.path, product.unwrap_or_default())
                    }
                    None => println!("{}", p.path),
                }
            }
        }
        DevicesCommand::Scan { scanner, suffix, count } => {
            let (address, suffix) =
                crate::devices::scanning::scanner_settings(config, scanner.as_deref(), suffix.as_deref())?;
            let locale = config.store.locale;
            eprintln!("{}", DeviceSays::Listening { address: address.to_string() }.explain(locale));
            let mut scans = crate::devices::scanning::scans(address, suffix, config.scanner.exclusive);
            let mut seen = 0;
            while count.is_none_or(|n| seen < n) {
                match scans.blocking_recv() {
                    Some(crate::devices::scanning::ScannerEvent::Scan(code)) => {
                        println!("{code}");
                        std::io::Write::flush(&mut std::io::stdout())?;
                        seen += 1;
                    }
                    Some(crate::devices::scanning::ScannerEvent::Trouble(why)) => {
                        eprintln!("{}", why.text(locale))
                    }
                    None => break,
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
