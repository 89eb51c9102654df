//! `kasir users`: add, list and deactivate cashiers and managers, and change their PINs.

use std::process::ExitCode;

use clap::Subcommand;
use kasir_core::policy::Role;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};
use crate::messages::CliSays;

use super::{CliError, say};

#[derive(Subcommand)]
pub(crate) enum UsersCommand {
    /// Add a user. The PIN (4–8 digits) is stored only as an argon2 hash.
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["cashier", "supervisor", "manager"])]
        role: String,
        #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
        pin: String,
        #[command(flatten)]
        approval: ManagerApproval,
    },
    /// List active users.
    List,
    /// Deactivate a user: they can no longer log in or approve at this terminal.
    Deactivate {
        code: String,
        #[command(flatten)]
        approval: ManagerApproval,
    },
    /// Give a user a new PIN (4–8 digits); the old one stops working at once.
    SetPin {
        code: String,
        #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
        pin: String,
        #[command(flatten)]
        approval: ManagerApproval,
    },
}

/// A manager's approval for changing the users of a terminal that has a manager already (the
/// first users of a new shop are added without one).
#[derive(clap::Args)]
pub(crate) struct ManagerApproval {
    /// The approving manager's code.
    #[arg(long)]
    manager: Option<String>,
    /// The approving manager's PIN (or KASIR_MANAGER_PIN).
    #[arg(long, env = "KASIR_MANAGER_PIN", hide_env_values = true)]
    manager_pin: Option<String>,
}

impl ManagerApproval {
    /// Checks the approval when the terminal has an active manager; a wrong PIN counts
    /// toward that manager's lockout like any other.
    fn check(&self, ledger: &crate::store::Ledger) -> anyhow::Result<()> {
        if !ledger.users()?.iter().any(|u| u.role == Role::Manager) {
            return Ok(());
        }
        match (&self.manager, &self.manager_pin) {
            (Some(code), Some(pin)) => {
                ledger.authenticate_manager(code, pin)?;
                Ok(())
            }
            _ => Err(CliError::UsersNeedManager.into()),
        }
    }
}

pub(crate) fn run(paths: &Paths, config: &Config, command: UsersCommand) -> anyhow::Result<ExitCode> {
    let ledger = setup::open(paths, config)?;
    match command {
        UsersCommand::Add { code, name, role, pin, approval } => {
            approval.check(&ledger)?;
            let role = Role::from_code(&role).ok_or(CliError::BadRole(role))?;
            let user = ledger.add_user(&code, &name, role, &pin)?;
            say(CliSays::UserAdded { code: user.code, name: user.name, role: user.role });
        }
        UsersCommand::Deactivate { code, approval } => {
            approval.check(&ledger)?;
            ledger.deactivate_user(&code)?;
            say(CliSays::UserDeactivated(code));
        }
        UsersCommand::SetPin { code, pin, approval } => {
            approval.check(&ledger)?;
            ledger.set_pin(&code, &pin)?;
            say(CliSays::PinChanged(code));
        }
        UsersCommand::List => {
            for u in ledger.users()? {
                say(CliSays::UserRow { code: u.code, name: u.name, role: u.role });
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
