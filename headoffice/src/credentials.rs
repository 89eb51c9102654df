//! What head office keeps of terminal tokens beside the tokens' digests: a revocation, a
//! rotation under way, and the failed authentications an administrator is shown.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::storage::StorageError;

/// What head office holds of a terminal's token, read on every request it makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerminalCredentials {
    /// Hex SHA-256 of the token ([`crate::auth::hash_token`]), or an argon2id PHC string kept
    /// from before version 8 until the terminal next uses it.
    pub token_hash: String,
    /// Hex SHA-256 of the new token last handed out during a rotation.
    pub pending_token_hash: Option<String>,
    /// Hex SHA-256 of the one handed out before it, still acceptable (see
    /// [`crate::rows::SET_PENDING_TOKEN`]).
    pub previous_pending_token_hash: Option<String>,
    /// `terminal rotate` asked for a new token that the terminal has not used yet.
    pub rotation_requested: bool,
    /// `terminal revoke`: refused until head office gives it a new token (`terminal new-token`).
    pub revoked: bool,
    /// The terminal's chain tip in the same row, read with the token.
    pub seen: SeenTip,
}

/// A terminal's chain tip as read with its token: a push may be planned on it, saving a read
/// (the write checks that the tip has not moved since, and plans again if it has).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeenTip {
    pub tip: kasir_core::chain::ChainTip,
    /// When the terminal's newest stored document was made, in canonical form.
    pub last_document_at: Option<String>,
}

/// Why a revoked terminal's token cannot be rotated.
pub fn revoked_cannot_rotate(store: &str, terminal: &str) -> String {
    format!(
        "terminal {store}-{terminal} is revoked, so it has no token to replace: give it one by hand \
         (kasir-headoffice terminal new-token --store {store} --terminal {terminal})"
    )
}

/// Why a request was not authenticated, as kept in `auth_failures`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthFailureReason {
    /// The token names a terminal head office does not know.
    UnknownTerminal,
    /// A known terminal, the wrong secret.
    WrongToken,
    /// The right token of a terminal whose token head office revoked.
    Revoked,
    /// No token, or not in the form `S01-T01.<64 hex digits>`.
    Malformed,
    /// Answered `busy` (no turn to check it): a flood shows here even when it cannot be judged.
    Busy,
}

impl AuthFailureReason {
    pub const ALL: [AuthFailureReason; 5] = [
        AuthFailureReason::UnknownTerminal,
        AuthFailureReason::WrongToken,
        AuthFailureReason::Revoked,
        AuthFailureReason::Malformed,
        AuthFailureReason::Busy,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AuthFailureReason::UnknownTerminal => "unknown_terminal",
            AuthFailureReason::WrongToken => "wrong_token",
            AuthFailureReason::Revoked => "revoked",
            AuthFailureReason::Malformed => "malformed",
            AuthFailureReason::Busy => "busy",
        }
    }

    pub fn from_code(word: &str) -> Result<AuthFailureReason, StorageError> {
        AuthFailureReason::ALL.into_iter().find(|r| r.code() == word).ok_or_else(|| {
            StorageError::Unreadable(format!("{word:?} is not a reason for a failed authentication"))
        })
    }
}

/// Failed authentications of one claimed terminal, for one reason, from one address, within
/// one minute: `count` of them between `first_at` and `last_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuthFailures {
    /// The store and terminal the token claimed ('' when it named none; '*' for failures
    /// beyond what head office tallies one by one in a flood).
    pub claimed_store: String,
    pub claimed_terminal: String,
    pub reason: AuthFailureReason,
    /// The IP address ('' when unknown; '*' as above).
    pub remote: String,
    /// The start of the minute.
    pub minute: DateTime<Utc>,
    pub first_at: DateTime<Utc>,
    pub last_at: DateTime<Utc>,
    pub count: u64,
}
