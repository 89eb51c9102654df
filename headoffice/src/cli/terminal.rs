//! `kasir-headoffice terminal` and `terminals`: registering terminals, enrolment codes, and
//! how far each one is.

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use kasir_core::chain::Origin;
use kasir_headoffice::auth;
use kasir_headoffice::report::{self, Format};
use kasir_headoffice::storage::Storage;

#[derive(Subcommand)]
pub(super) enum TerminalCommand {
    /// Register a terminal: prints a one-time enrolment code for `kasir join` (and the token,
    /// for a terminal set up by hand), each shown once; head office keeps only their hashes.
    Add {
        #[arg(long)]
        store: String,
        #[arg(long)]
        terminal: String,
        /// How long the enrolment code works.
        #[arg(long, default_value_t = 24)]
        expires_in_hours: u32,
    },
    /// A fresh enrolment code for a registered terminal (a replacement, a lost code); the
    /// terminal's earlier unused codes stop working. Joining with it gives the terminal a new
    /// token, and its old token stops working.
    EnrolCode {
        #[arg(long)]
        store: String,
        #[arg(long)]
        terminal: String,
        #[arg(long, default_value_t = 24)]
        expires_in_hours: u32,
    },
    /// Revoke a terminal's token: every head office server on this database refuses it from
    /// its next request, saying it was revoked; its unused enrolment codes stop working. It
    /// syncs again only with a token head office gives it by hand (`terminal new-token`).
    Revoke {
        #[arg(long)]
        store: String,
        #[arg(long)]
        terminal: String,
    },
    /// Give a terminal a new token: it receives it with its next sync and its old token stops
    /// working once it has used the new one.
    Rotate {
        #[arg(long)]
        store: String,
        #[arg(long)]
        terminal: String,
    },
    /// Print a new token for a terminal, to be set up by hand in its kasir.toml (a revoked
    /// terminal's way back, keeping its ledger): every earlier token of it stops working now.
    NewToken {
        #[arg(long)]
        store: String,
        #[arg(long)]
        terminal: String,
    },
}

pub(super) async fn run(storage: &dyn Storage, command: TerminalCommand) -> Result<()> {
    match command {
        TerminalCommand::Add { store, terminal, expires_in_hours } => {
            let origin = Origin { store: store.clone(), terminal: terminal.clone() };
            let token = auth::new_token(&origin);
            storage.add_terminal(&store, &terminal, &auth::hash_token(&token)).await?;
            println!("terminal {store}-{terminal} added.");
            enrolment_code(storage, &store, &terminal, expires_in_hours).await?;
            println!(
                "Or, to set it up by hand, its token (shown only this once; joining gives it a new one):\n{token}"
            );
            eprintln!(
                "a token set up by hand goes in the terminal's kasir.toml under [headoffice] token, or KASIR_HEADOFFICE_TOKEN"
            );
        }
        TerminalCommand::EnrolCode { store, terminal, expires_in_hours } => {
            // A terminal that joins starts a new ledger at document 1: one whose documents
            // head office holds already could never deliver another (its numbers are taken).
            // The terminal itself, revoked, keeps its ledger and takes a token by hand.
            let held =
                storage.terminals().await?.into_iter().find(|t| t.store == store && t.terminal == terminal);
            if let Some(t) = held.filter(|t| t.last_seq > 0) {
                anyhow::bail!(
                    "{store}-{terminal} has sent documents up to {}: a replacement terminal joins under a new terminal code (kasir-headoffice terminal add --store {store} --terminal …); to let the terminal itself sync again, give it a token by hand (kasir-headoffice terminal new-token --store {store} --terminal {terminal})",
                    t.last_seq
                );
            }
            enrolment_code(storage, &store, &terminal, expires_in_hours).await?;
        }
        TerminalCommand::Revoke { store, terminal } => {
            storage.revoke_terminal(&store, &terminal).await?;
            println!(
                "terminal {store}-{terminal} revoked: its token is refused from its next request, by every head \
                 office server on this database."
            );
            println!(
                "To let it sync again, keeping its ledger: kasir-headoffice terminal new-token --store {store} --terminal {terminal}"
            );
        }
        TerminalCommand::Rotate { store, terminal } => {
            storage.rotate_token(&store, &terminal).await?;
            println!(
                "terminal {store}-{terminal} gets a new token with its next sync; its old token stops working \
                 once it has used the new one."
            );
        }
        TerminalCommand::NewToken { store, terminal } => {
            let token = auth::new_token(&Origin { store: store.clone(), terminal: terminal.clone() });
            storage.replace_token(&store, &terminal, &auth::hash_token(&token)).await?;
            println!(
                "New token for terminal {store}-{terminal} (shown only this once; its earlier tokens stop working now):\n{token}"
            );
            eprintln!(
                "it goes in the terminal's kasir.toml under [headoffice] token, or KASIR_HEADOFFICE_TOKEN; the terminal uses it from its next sync"
            );
        }
    }
    Ok(())
}

/// `kasir-headoffice terminals`.
pub(super) async fn list(storage: &dyn Storage, format: Format) -> Result<()> {
    print!("{}", report::terminals(&storage.terminals().await?, format));
    Ok(())
}

/// Issues an enrolment code for a terminal and prints it with how to use it.
async fn enrolment_code(storage: &dyn Storage, store: &str, terminal: &str, hours: u32) -> Result<()> {
    if hours == 0 {
        bail!("--expires-in-hours must be at least 1");
    }
    let code = auth::new_enrolment_code();
    let plain = auth::normalise_enrolment_code(&code).context("a new enrolment code reads back as one")?;
    let expires_at = chrono::Utc::now() + chrono::Duration::hours(i64::from(hours));
    storage.issue_enrolment_code(store, terminal, &auth::hash_enrolment_code(&plain), expires_at).await?;
    println!("Enrolment code for {store}-{terminal}, shown only this once: {code}");
    println!(
        "It works once, until {} UTC. On the new terminal: kasir join HEAD-OFFICE-URL {code}",
        expires_at.format("%Y-%m-%d %H:%M")
    );
    Ok(())
}
