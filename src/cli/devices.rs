//! `kasir devices` and `kasir receipt`: the printer, the drawer and scanners.

use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};
use crate::devices::printing;
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
            println!("{} printed{}", receipt.trim(), if printed.copy { " as a COPY" } else { "" });
            if printed.paper_near_end {
                println!("the printer's paper is running low");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run(paths: &Paths, config: &Config, command: DevicesCommand) -> anyhow::Result<ExitCode> {
    let ledger = setup::open(paths, config)?;
    match command {
        DevicesCommand::TestPrint { printer } => {
            let address = printing::printer_address(config, printer.as_deref())?;
            let text = printing::test_page(config, &address);
            let printed = printing::print_text(&ledger, config, &address, "test", &text, config.now())?;
            println!("test page printed (job {})", printed.job);
            if printed.paper_near_end {
                println!("the printer's paper is running low");
            }
        }
        DevicesCommand::Status { printer } => {
            let address = printing::printer_address(config, printer.as_deref())?;
            let s = printing::printer_status(&address)?;
            let yes = |b: bool| if b { "yes" } else { "no" };
            println!("online: {}", yes(!s.offline));
            println!("paper out: {}; near its end: {}", yes(s.paper_out), yes(s.paper_near_end));
            println!("cover open: {}", yes(s.cover_open));
            println!("drawer switch: {}", if s.drawer_open { "open" } else { "closed (or no switch)" });
        }
        DevicesCommand::OpenDrawer { user, manager, pin, reason, printer } => {
            let address = printing::printer_address(config, printer.as_deref())?;
            let mut ledger = ledger;
            let who = ledger.user(&user).with_context(|| format!("user {user}"))?;
            let approver = ledger.authenticate_manager(&manager, &pin)?;
            let c =
                checkout::no_sale(&mut ledger, &config.permissions, &who, &approver, &reason, config.now())?;
            println!("No-sale recorded as {}", c.receipt_number());
            printing::open_drawer(config, &address)?;
            println!("Drawer opened");
            return Ok(ExitCode::SUCCESS);
        }
        DevicesCommand::List => {
            let ports = kasir_drivers::scanner::list_ports()?;
            if ports.is_empty() {
                println!("No serial ports found.");
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
            eprintln!("Listening on {address}; scan something (Ctrl+C to stop).");
            let mut scans = crate::devices::scanning::scans(address, suffix, config.scanner.exclusive);
            let mut seen = 0;
            while count.is_none_or(|n| seen < n) {
                match scans.blocking_recv() {
                    Some(crate::devices::scanning::ScannerEvent::Scan(code)) => {
                        println!("{code}");
                        std::io::Write::flush(&mut std::io::stdout())?;
                        seen += 1;
                    }
                    Some(crate::devices::scanning::ScannerEvent::Trouble(why)) => eprintln!("{why}"),
                    None => break,
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
