//! `kasir users`: add, list and deactivate cashiers and managers, and change their PINs.

use std::process::ExitCode;

use clap::Subcommand;
use kasir_core::policy::Role;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};

#[derive(Subcommand)]
pub(crate) enum UsersCommand {
    /// Add a user. The PIN (4–8 digits) is stored only as an argon2 hash.
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["cashier", "manager"])]
        role: String,
        #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
        pin: String,
    },
    /// List active users.
    List,
    /// Deactivate a user: they can no longer log in or approve at this terminal.
    Deactivate { code: String },
    /// Give a user a new PIN (4–8 digits); the old one stops working at once.
    SetPin {
        code: String,
        #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
        pin: String,
    },
}

pub(crate) fn run(paths: &Paths, config: &Config, command: UsersCommand) -> anyhow::Result<ExitCode> {
    let ledger = setup::open(paths, config)?;
    match command {
        UsersCommand::Add { code, name, role, pin } => {
            let role = Role::from_code(&role)
                .ok_or_else(|| anyhow::anyhow!("role {role} must be cashier or manager"))?;
            let user = ledger.add_user(&code, &name, role, &pin)?;
            println!("Added {} {} ({})", user.code, user.name, user.role.code());
        }
        UsersCommand::Deactivate { code } => {
            ledger.deactivate_user(&code)?;
            println!("Deactivated {code}");
        }
        UsersCommand::SetPin { code, pin } => {
            ledger.set_pin(&code, &pin)?;
            println!("PIN of {code} changed");
        }
        UsersCommand::List => {
            for u in ledger.users()? {
                println!("{}  {:<20} {}", u.code, u.name, u.role.code());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
