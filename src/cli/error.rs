//! What the commands themselves refuse (a missing PIN, a script that does not read, a role
//! that is not one), as a typed error: the catalogue words it in the shop's language
//! (`messages/cli.rs`); the `Display` here is for logs.

use std::path::PathBuf;

use kasir_core::money::MoneyError;

use crate::store::catalogue::import::ImportError;
use crate::sync::SyncError;

/// Which JSON script a command reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Sale,
    Return,
    Exchange,
    CountSheet,
}

impl std::fmt::Display for Script {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Script::Sale => "sale script",
            Script::Return => "return script",
            Script::Exchange => "exchange script",
            Script::CountSheet => "count sheet",
        })
    }
}

/// Why `KASIR_WINDOW` was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WindowProblem {
    #[error("must be WIDTHxHEIGHT, e.g. 1024x768")]
    NotWidthByHeight,
    #[error("'{0}' is not a number of pixels")]
    NotPixels(String),
    #[error("{0} pixels is too small for the checkout")]
    TooSmall(u16),
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("this acts for {0}: give {0}'s PIN with --pin or KASIR_PIN")]
    NeedPin(String),
    /// The file is `None` for stdin.
    #[error("reading the {what} {}: {source}", file.as_deref().unwrap_or("from stdin"))]
    ReadScript { what: Script, file: Option<String>, source: std::io::Error },
    #[error("{what} {} is not valid: {source}", file.as_deref().unwrap_or("from stdin"))]
    BadScript { what: Script, file: Option<String>, source: serde_json::Error },
    /// A text in the script (at `field`, like `items[1].sku`) holds a NUL, a line break or
    /// another control character.
    #[error("{what} {}: {field} holds a control character; nothing was done", file.as_deref().unwrap_or("from stdin"))]
    ScriptText { what: Script, file: Option<String>, field: String },
    #[error("opening {}: {source}", path.display())]
    OpenFile { path: PathBuf, source: std::io::Error },
    #[error("importing {}: {source}", path.display())]
    Import { path: PathBuf, source: ImportError },
    #[error("no document {0} in this ledger")]
    NoDocument(String),
    #[error("amount '{text}': {source}")]
    Amount { text: String, source: MoneyError },
    /// Fetching another terminal's sale from head office before taking goods back.
    #[error("sale {receipt}: {source}")]
    Refresh { receipt: String, source: SyncError },
    #[error("no head office configured: set [headoffice] url (and token) in kasir.toml")]
    NoHeadOffice,
    #[error(
        "changing this terminal's users needs a manager: give --manager CODE and --manager-pin (or KASIR_MANAGER_PIN)"
    )]
    UsersNeedManager,
    #[error("role {0} must be cashier, supervisor or manager")]
    BadRole(String),
    #[error("--demo sets up the demo store; leave out --store-code, --store-name, --address and --npwp")]
    DemoWithIdentity,
    #[error(
        "kasir init needs this shop's identity for its receipts: give {} (or --demo to try the demo store)",
        .0.join(", ")
    )]
    NeedIdentity(Vec<&'static str>),
    #[error("KASIR_WINDOW '{text}': {problem}")]
    Window { text: String, problem: WindowProblem },
    #[error("the checkout screen stopped: {0}")]
    ScreenStopped(String),
}
