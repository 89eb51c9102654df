//! Terminal tokens: `S01-T02.` followed by 64 hex digits of randomness. Head office keeps only
//! an argon2id hash. A token that verified once is remembered by its SHA-256 for the life of
//! the process, so argon2's deliberate slowness is paid once per terminal, not per request.

use std::collections::HashMap;
use std::sync::Mutex;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use kasir_core::chain::Origin;
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::storage::{Storage, StorageError};

#[derive(Debug, Error)]
pub enum AuthError {
    #[error("no token: send `Authorization: Bearer <terminal token>`")]
    Missing,
    #[error("the token is not in the form S01-T01.<secret>")]
    Malformed,
    #[error("the token is not valid for terminal {0}")]
    Wrong(String),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// A new random token for a terminal.
pub fn new_token(origin: &Origin) -> String {
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).expect("the operating system provides randomness");
    format!("{}-{}.{}", origin.store, origin.terminal, hex::encode(secret))
}

pub fn hash_token(token: &str) -> String {
    Argon2::default()
        .hash_password(token.as_bytes())
        .expect("argon2 with default parameters hashes")
        .to_string()
}

/// A user's PIN (4 to 8 digits) as the argon2id PHC string head office stores and terminals
/// check; the PIN itself is kept nowhere.
pub fn hash_pin(code: &str, pin: &str) -> Result<String, StorageError> {
    if !(4..=8).contains(&pin.len()) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(StorageError::Invalid(format!("the PIN of user {code} must be 4 to 8 digits")));
    }
    Argon2::default()
        .hash_password(pin.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StorageError::Invalid(format!("cannot hash the PIN of user {code}: {e}")))
}

/// The terminal a token claims to be, before it is checked.
pub fn claimed_origin(token: &str) -> Result<Origin, AuthError> {
    let (id, secret) = token.split_once('.').ok_or(AuthError::Malformed)?;
    let (store, terminal) = id.split_once('-').ok_or(AuthError::Malformed)?;
    let code = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric());
    if !code(store) || !code(terminal) || secret.len() != 64 {
        return Err(AuthError::Malformed);
    }
    Ok(Origin { store: store.to_owned(), terminal: terminal.to_owned() })
}

/// Tokens already verified in this process, by SHA-256.
#[derive(Default)]
pub struct TokenCache {
    verified: Mutex<HashMap<[u8; 32], Origin>>,
}

impl TokenCache {
    pub async fn authenticate(&self, storage: &dyn Storage, token: &str) -> Result<Origin, AuthError> {
        let key: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        if let Some(o) = self.verified.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
            return Ok(o.clone());
        }
        let origin = claimed_origin(token)?;
        let name = format!("{}-{}", origin.store, origin.terminal);
        let hash = storage
            .token_hash(&origin.store, &origin.terminal)
            .await?
            .ok_or(AuthError::Wrong(name.clone()))?;
        let token_owned = token.to_owned();
        let ok = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash)
                .map(|parsed| Argon2::default().verify_password(token_owned.as_bytes(), &parsed).is_ok())
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false);
        if !ok {
            return Err(AuthError::Wrong(name));
        }
        self.verified.lock().unwrap_or_else(|p| p.into_inner()).insert(key, origin.clone());
        Ok(origin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_names_its_terminal() {
        let o = Origin { store: "S01".into(), terminal: "T02".into() };
        let t = new_token(&o);
        assert!(t.starts_with("S01-T02."));
        assert_eq!(claimed_origin(&t).unwrap(), o);
        assert_ne!(new_token(&o), t, "tokens are random");
        assert!(matches!(claimed_origin("S01-T02.short"), Err(AuthError::Malformed)));
        assert!(matches!(claimed_origin("nonsense"), Err(AuthError::Malformed)));
    }

    #[test]
    fn a_pin_is_four_to_eight_digits_and_kept_only_as_its_hash() {
        let h = hash_pin("K03", "3333").unwrap();
        assert!(h.starts_with("$argon2id$") && !h.contains("3333"), "{h}");
        crate::storage::check_pin_hash("K03", &h).unwrap();
        for bad in ["333", "123456789", "12a4", ""] {
            let e = hash_pin("K03", bad).unwrap_err().to_string();
            assert!(e.contains("PIN of user K03 must be 4 to 8 digits"), "{bad}: {e}");
        }
        assert!(crate::storage::check_pin_hash("K03", "3333").is_err());
    }
}
