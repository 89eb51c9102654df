//! A terminal token head office rotated, kept in the ledger file's sync state. Which token the
//! terminal sends is decided here and nowhere else.
//!
//! While a rotation is pending head office hands the new token over in an answer header, and
//! it retires the old token once the new one has been used. So the new token is committed
//! (the side connection commits with `synchronous=FULL`) before the request that follows: a
//! crash after its first use can never leave the terminal holding only a token head office no
//! longer takes.
//!
//! The rotated token stands in for the configured one (`[headoffice] token` in kasir.toml, or
//! KASIR_HEADOFFICE_TOKEN) only while the configured one is still the token it replaced: an
//! administrator who puts another token in by hand is obeyed, and the rotated one is ignored.
//! The token itself is never logged nor shown; only the digest of the configured one is kept
//! beside it.

use chrono::Utc;
use kasir_core::chain::hash_hex;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::side::SideStore;
use super::{Ledger, LedgerError};

/// Which token the terminal sends, as `kasir sync status` says it (never the token itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "token")]
pub enum TokenInUse {
    /// The configured one, as kasir.toml or KASIR_HEADOFFICE_TOKEN has it.
    Configured,
    /// The one head office handed over when it rotated the configured one, kept since `at`
    /// (RFC 3339, UTC).
    Rotated { at: String },
}

impl SideStore {
    /// The token to send, given the configured one.
    pub fn token_for(&self, configured: &str) -> Result<String, LedgerError> {
        Ok(rotated(&self.conn(), configured)?.map(|r| r.token).unwrap_or_else(|| configured.to_owned()))
    }

    /// Keeps `new`, head office's replacement for `sent`, for every later request, when `sent`
    /// is still the token in use; `false` (and nothing kept) when another request has kept a
    /// newer token meanwhile. Two syncers racing with one token each get a new one; the first
    /// kept wins and the other answer is stale: head office takes either until one is used,
    /// so keeping the first means never swapping a token in use for one head office may have
    /// let go. It replaced either the configured token or a rotated token that stood for it;
    /// either way the configured one is the first of the chain, and its digest is what is kept.
    pub fn keep_rotated_token(&self, configured: &str, sent: &str, new: &str) -> Result<bool, LedgerError> {
        let from = hash_hex(configured.as_bytes());
        // `sent` is kept as the token `new` replaced, unless it is the configured one.
        let kept = self.conn().execute(
            "UPDATE sync_state SET rotated_token = ?1, rotated_from = ?2, rotated_at = ?3,
                 rotated_replaced = CASE WHEN ?5 = ?4 THEN NULL ELSE ?5 END
             WHERE id = 1
             AND CASE WHEN rotated_token IS NOT NULL AND rotated_from = ?2 THEN rotated_token ELSE ?4 END = ?5",
            params![new, from, Utc::now().to_rfc3339(), configured, sent],
        )?;
        Ok(kept == 1)
    }

    /// Forgets the rotated token `refused` (head office refused it and took the configured
    /// one), unless another request has kept a newer one meanwhile.
    pub fn forget_rotated_token(&self, refused: &str) -> Result<(), LedgerError> {
        self.conn().execute(
            "UPDATE sync_state SET rotated_token = NULL, rotated_from = NULL, rotated_at = NULL,
                 rotated_replaced = NULL
             WHERE id = 1 AND rotated_token = ?1",
            params![refused],
        )?;
        Ok(())
    }

    /// The rotated token the one in use replaced, while head office has not yet taken the one
    /// in use: what to go back to should head office refuse it.
    pub fn replaced_token(&self, configured: &str) -> Result<Option<String>, LedgerError> {
        let from = hash_hex(configured.as_bytes());
        Ok(self
            .conn()
            .query_row(
                "SELECT rotated_replaced FROM sync_state WHERE id = 1 AND rotated_from = ?1",
                params![from],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten())
    }

    /// Goes back from the rotated token `refused` to the one it replaced (head office took
    /// that one again), unless another request has kept a newer one meanwhile.
    pub fn fall_back_to_replaced(&self, refused: &str) -> Result<(), LedgerError> {
        self.conn().execute(
            "UPDATE sync_state SET rotated_token = rotated_replaced, rotated_replaced = NULL
             WHERE id = 1 AND rotated_token = ?1 AND rotated_replaced IS NOT NULL",
            params![refused],
        )?;
        Ok(())
    }

    /// Head office took the rotated token `taken`: the one it replaced is retired there, so it
    /// is let go here. Reads first, so that the usual request writes nothing.
    pub fn confirm_rotated_token(&self, taken: &str) -> Result<(), LedgerError> {
        let conn = self.conn();
        let waiting: bool = conn.query_row(
            "SELECT rotated_replaced IS NOT NULL AND rotated_token = ?1 FROM sync_state WHERE id = 1",
            params![taken],
            |r| r.get(0),
        )?;
        if waiting {
            conn.execute(
                "UPDATE sync_state SET rotated_replaced = NULL WHERE id = 1 AND rotated_token = ?1",
                params![taken],
            )?;
        }
        Ok(())
    }
}

impl Ledger {
    /// Which token sync sends, given the configured one.
    pub fn token_in_use(&self, configured: &str) -> Result<TokenInUse, LedgerError> {
        Ok(match rotated(self.conn(), configured)? {
            Some(r) => TokenInUse::Rotated { at: r.at },
            None => TokenInUse::Configured,
        })
    }

    /// Forgets any rotated token: the terminal has just been given one (`kasir join`).
    pub fn clear_rotated_token(&self) -> Result<(), LedgerError> {
        self.conn().execute(
            "UPDATE sync_state SET rotated_token = NULL, rotated_from = NULL, rotated_at = NULL,
                 rotated_replaced = NULL WHERE id = 1",
            [],
        )?;
        Ok(())
    }
}

struct Rotated {
    token: String,
    at: String,
}

/// The rotated token, when there is one and `configured` is the token it replaced.
fn rotated(conn: &Connection, configured: &str) -> Result<Option<Rotated>, LedgerError> {
    let (token, from, at): (Option<String>, Option<String>, Option<String>) = conn.query_row(
        "SELECT rotated_token, rotated_from, rotated_at FROM sync_state WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(match (token, from) {
        (Some(token), Some(from)) if from == hash_hex(configured.as_bytes()) => {
            Some(Rotated { token, at: at.unwrap_or_default() })
        }
        _ => None,
    })
}
