//! `kasir shift`: open and close shifts, pay cash in and out.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use kasir_core::document::Body;
use kasir_core::policy::Action;

use super::{CliError, Script, UserPin, read_script, say};
use crate::app::config::Config;
use crate::app::setup::{self, Paths};
use crate::messages::{CliSays, CliText, CloseFigure};
use crate::sale::shift;

#[derive(Subcommand)]
pub(crate) enum ShiftCommand {
    /// Open the next shift with the counted float.
    Open {
        #[arg(long)]
        user: String,
        #[command(flatten)]
        pin: UserPin,
        /// The opening float, e.g. 500000.
        #[arg(long)]
        float: String,
    },
    /// Pay cash into the drawer.
    CashIn(CashMove),
    /// Take cash out of the drawer (a manager's approval unless [permissions] cash_out says
    /// the user may do it alone).
    CashOut(CashMove),
    /// Close the open shift with the drawer's count by denomination (see examples/count.json).
    Close {
        #[arg(long)]
        user: String,
        #[command(flatten)]
        pin: UserPin,
        #[arg(long)]
        count: PathBuf,
    },
    /// The open shift and the cash the drawer should hold now.
    Status,
}

/// Cash paid in or taken out, and who does and approves it.
#[derive(clap::Args, Debug)]
pub(crate) struct CashMove {
    amount: String,
    #[arg(long)]
    user: String,
    #[command(flatten)]
    pin: UserPin,
    #[arg(long)]
    reason: String,
    #[command(flatten)]
    approval: Approver,
}

/// The user approving a cash movement the acting user may not do alone ([permissions]).
#[derive(clap::Args, Debug)]
pub(crate) struct Approver {
    /// The approving manager's (or whoever [permissions] allows) code.
    #[arg(long, requires = "manager_pin")]
    manager: Option<String>,
    /// The approver's PIN.
    #[arg(long, requires = "manager")]
    manager_pin: Option<String>,
}

impl Approver {
    /// The approver, once their PIN is checked and the table lets them do it.
    fn user(
        &self,
        ledger: &crate::store::Ledger,
        config: &Config,
        into: bool,
    ) -> anyhow::Result<Option<crate::store::users::User>> {
        let (Some(code), Some(pin)) = (&self.manager, &self.manager_pin) else { return Ok(None) };
        let action = if into { Action::CashIn } else { Action::CashOut };
        Ok(Some(ledger.authenticate_approver(code, pin, &config.permissions, &[action])?))
    }
}

/// `kasir shift cash-in` (`into`) or `cash-out`.
fn move_cash(
    ledger: &mut crate::store::Ledger,
    config: &Config,
    m: CashMove,
    into: bool,
) -> anyhow::Result<()> {
    let who = m.pin.user(ledger, &m.user)?;
    let money = amount(&m.amount, ledger.currency())?;
    let approver = m.approval.user(ledger, config, into)?;
    let c = shift::move_cash(
        ledger,
        &config.permissions,
        &who,
        into,
        money,
        &m.reason,
        approver.as_ref(),
        config.now(),
    )?;
    say(CliSays::CashMoved { into, amount: money, receipt: c.receipt_number().to_string() });
    Ok(())
}

pub(crate) fn amount(text: &str, currency: kasir_core::Currency) -> Result<kasir_core::Money, CliError> {
    kasir_core::Money::parse(text, currency)
        .map_err(|source| CliError::Amount { text: text.to_owned(), source })
}

pub(crate) fn run(paths: &Paths, config: &Config, command: ShiftCommand) -> anyhow::Result<ExitCode> {
    let mut ledger = setup::open(paths, config)?;
    let currency = ledger.currency();
    let now = config.now();
    match command {
        ShiftCommand::Open { user: code, float, pin } => {
            let who = pin.user(&ledger, &code)?;
            let float = amount(&float, currency)?;
            let c = shift::open(&mut ledger, &who, float, now)?;
            say(CliSays::ShiftOpened { receipt: c.receipt_number().to_string(), float });
        }
        ShiftCommand::CashIn(m) => move_cash(&mut ledger, config, m, true)?,
        ShiftCommand::CashOut(m) => move_cash(&mut ledger, config, m, false)?,
        ShiftCommand::Close { user: code, count, pin } => {
            let who = pin.user(&ledger, &code)?;
            let sheet: shift::CountSheet = read_script(Script::CountSheet, &count.display().to_string())?;
            let counts = sheet.denominations(currency)?;
            let c = shift::close(&mut ledger, &who, counts, now)?;
            let Body::ShiftClose(close) = &c.document.body else { unreachable!("a close was committed") };
            let m = |v: i64| kasir_core::Money::from_minor(v, currency);
            say(CliSays::ShiftClosed { shift_no: close.shift_no, receipt: c.receipt_number().to_string() });
            for (figure, amount) in
                CloseFigure::ALL.into_iter().zip([close.expected, close.counted, close.over_short])
            {
                say(CliSays::CloseFigure { figure, amount: m(amount) });
            }
        }
        ShiftCommand::Status => match shift::reading(&ledger) {
            Ok((s, flows)) => {
                let m = |v: i64| kasir_core::Money::from_minor(v, currency);
                say(CliSays::ShiftOpenSince { shift_no: s.shift_no, seq: s.opened_seq });
                say(CliSays::ShiftFlows {
                    float: m(flows.float),
                    cash_sales: m(flows.cash_sales),
                    change: m(flows.change),
                    cash_in: m(flows.cash_in),
                    cash_out: m(flows.cash_out),
                    cash_refunds: m(flows.cash_refunds),
                    voided: m(flows.voided_cash),
                });
                say(CliSays::DrawerShouldHold(m(flows.expected())));
            }
            Err(shift::ShiftError::NoneOpen) => say(CliText::NoShiftOpen),
            Err(e) => return Err(e.into()),
        },
    }
    Ok(ExitCode::SUCCESS)
}
