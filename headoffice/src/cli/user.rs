//! `kasir-headoffice user`: the chain's cashiers, supervisors and managers.

use anyhow::{Context, Result};
use clap::Subcommand;
use kasir_headoffice::auth;
use kasir_headoffice::storage::{NewUser, Storage};

#[derive(Subcommand)]
pub(super) enum UserCommand {
    /// Add a user working in one or more stores. The PIN (4–8 digits) is kept only as an
    /// argon2id hash.
    Add {
        /// 1 to 8 letters or digits, unique in the chain.
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["cashier", "supervisor", "manager"])]
        role: String,
        /// A store the user works in (repeat for several).
        #[arg(long = "store", required = true)]
        stores: Vec<String>,
        #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
        pin: String,
    },
    /// Deactivate a user: no store's terminals accept them after their next sync.
    Deactivate { code: String },
    /// Give a user a new PIN; the old one stops working at each terminal's next sync.
    SetPin {
        code: String,
        #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
        pin: String,
    },
    /// Set the stores a user works in; the stores they leave stop accepting them.
    SetStores {
        code: String,
        #[arg(long = "store", required = true)]
        stores: Vec<String>,
    },
    /// The users, or those working in one store.
    List {
        #[arg(long)]
        store: Option<String>,
    },
}

pub(super) async fn run(storage: &dyn Storage, command: UserCommand) -> Result<()> {
    match command {
        UserCommand::Add { code, name, role, stores, pin } => {
            let role = kasir_core::policy::Role::from_code(&role)
                .with_context(|| format!("--role {role} for user {code}: cashier, supervisor or manager"))?;
            let pin_hash = auth::hash_pin(&code, &pin)?;
            storage.add_user(&NewUser { code: code.clone(), name, role, pin_hash, stores }).await?;
            println!("user {code} added; terminals of its stores get it with their next sync");
        }
        UserCommand::Deactivate { code } => {
            storage.deactivate_user(&code).await?;
            println!("user {code} deactivated; terminals refuse it after their next sync");
        }
        UserCommand::SetPin { code, pin } => {
            let pin_hash = auth::hash_pin(&code, &pin)?;
            storage.set_user_pin(&code, &pin_hash).await?;
            println!("PIN of user {code} changed; the old PIN stops working at each terminal's next sync");
        }
        UserCommand::SetStores { code, stores } => {
            storage.set_user_stores(&code, &stores).await?;
            println!("user {code} now works in {}", stores.join(", "));
        }
        UserCommand::List { store } => {
            for u in storage.users(store.as_deref()).await? {
                println!(
                    "{:<8} {:<24} {:<8} {:<8} {}",
                    u.code,
                    u.name,
                    u.role.code(),
                    if u.active { "active" } else { "inactive" },
                    u.stores.join(",")
                );
            }
        }
    }
    Ok(())
}
