//! `kasir-headoffice user`: the chain's cashiers, supervisors and managers, who work at the
//! terminals of their stores, and head office's administrators and analysts, who only log in
//! to the web app. Web passwords are read from standard input, never from the command line
//! (which other users of the machine can see).

use std::io::{BufRead, IsTerminal};

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use kasir_core::office::OfficeRole;
use kasir_headoffice::accounts::{NO_STORE, NewOfficeUser, check_password, hash_password};
use kasir_headoffice::auth;
use kasir_headoffice::storage::{NewUser, Storage};

#[derive(Subcommand)]
pub(super) enum UserCommand {
    /// Add a user. A cashier, supervisor or manager works in one or more stores with a PIN
    /// (4–8 digits); an administrator or analyst works at head office only, with a web
    /// password read from standard input. Both are kept only as argon2id hashes.
    Add {
        /// 1 to 8 letters or digits, unique in the chain.
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["cashier", "supervisor", "manager", "admin", "analyst"])]
        role: String,
        /// A store the user works in (repeat for several); not for an administrator or analyst.
        #[arg(long = "store")]
        stores: Vec<String>,
        /// Not for an administrator or analyst.
        #[arg(long, env = "KASIR_PIN", hide_env_values = true)]
        pin: Option<String>,
    },
    /// Give an administrator, analyst or manager a new web password, read from standard input
    /// (one line, at least 10 characters); their open web sessions end.
    Password {
        #[arg(long)]
        code: String,
    },
    /// Deactivate a user: no store's terminals accept them after their next sync, and they
    /// are logged out of the web app at once.
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
    /// The users (administrators and analysts too), or those working in one store.
    List {
        #[arg(long)]
        store: Option<String>,
    },
}

pub(super) async fn run(storage: &dyn Storage, command: UserCommand) -> Result<()> {
    match command {
        UserCommand::Add { code, name, role, stores, pin } => {
            if let Some(office) = OfficeRole::from_code(&role).filter(|r| *r != OfficeRole::Manager) {
                if !stores.is_empty() || pin.is_some() {
                    bail!("user {code}: {NO_STORE}; leave out --store and --pin (and KASIR_PIN)");
                }
                let password = read_password(&code)?;
                let password_hash = hash_password(&password).with_context(|| format!("user {code}"))?;
                storage
                    .add_office_user(&NewOfficeUser { code: code.clone(), name, role: office, password_hash })
                    .await?;
                println!("user {code} added as {role}: they log in to the web app with this password");
                return Ok(());
            }
            let role = kasir_core::policy::Role::from_code(&role)
                .with_context(|| format!("--role {role} for user {code}: cashier, supervisor or manager"))?;
            if stores.is_empty() {
                bail!("user {code} needs --store: a store they work in (repeat for several)");
            }
            let pin = pin.with_context(|| format!("user {code} needs a PIN: --pin or KASIR_PIN"))?;
            let pin_hash = auth::hash_pin(&code, &pin)?;
            storage.add_user(&NewUser { code: code.clone(), name, role, pin_hash, stores }).await?;
            println!("user {code} added; terminals of its stores get it with their next sync");
        }
        UserCommand::Password { code } => {
            let password = read_password(&code)?;
            let password_hash = hash_password(&password).with_context(|| format!("user {code}"))?;
            storage.set_password(&code, &password_hash).await?;
            println!("web password of user {code} set; their open web sessions have ended");
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
        UserCommand::List { store } => list(storage, store.as_deref()).await?,
    }
    Ok(())
}

/// One line per user by code: code, name, role, active, stores. Administrators and analysts
/// work in no store; they are listed only without `--store`.
async fn list(storage: &dyn Storage, store: Option<&str>) -> Result<()> {
    let mut lines: Vec<(String, String, &str, bool, String)> = storage
        .users(store)
        .await?
        .into_iter()
        .map(|u| (u.code, u.name, u.role.code(), u.active, u.stores.join(",")))
        .collect();
    if store.is_none() {
        for u in storage.office_users().await? {
            if u.user.role != OfficeRole::Manager {
                let web = if u.has_password { "(head office)" } else { "(head office, no password)" };
                lines.push((u.user.code, u.user.name, u.user.role.code(), u.active, web.to_owned()));
            }
        }
    }
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    for (code, name, role, active, stores) in lines {
        println!("{code:<8} {name:<24} {role:<8} {:<8} {stores}", if active { "active" } else { "inactive" });
    }
    Ok(())
}

/// A web password: one line of standard input, checked before anything is written. No crate
/// to turn a terminal's echo off is among head office's dependencies, so at a terminal the
/// password shows as it is typed; pipe it in (`… < file`) to keep it off the screen.
fn read_password(code: &str) -> Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("Web password for user {code} (at least 10 characters; it shows as you type, then Enter):");
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line).context("reading the password from standard input")?;
    let password = line.strip_suffix('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).unwrap_or(&line);
    if password.is_empty() {
        bail!("user {code}: no password on standard input; give it as one line, e.g. `… < password.txt`");
    }
    check_password(password).with_context(|| format!("user {code}: nothing was changed"))?;
    Ok(password.to_owned())
}
