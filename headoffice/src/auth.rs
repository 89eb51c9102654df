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

/// The letters of an enrolment code: no 0/O, 1/I to mistake for each other. 32 of them, so
/// each takes 5 bits of a random byte without bias.
pub const CODE_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// Letters in an enrolment code: 50 bits of randomness.
pub const CODE_LENGTH: usize = 10;

/// A new one-time enrolment code from the operating system's randomness, grouped to be read
/// out and typed: `K7QX-M2PA-9T`.
pub fn new_enrolment_code() -> String {
    let mut bytes = [0u8; CODE_LENGTH];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    let mut code = String::with_capacity(CODE_LENGTH + 2);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        code.push(char::from(CODE_ALPHABET[usize::from(b & 31)]));
    }
    code
}

/// An enrolment code as typed, in its plain form (capitals, no dashes or spaces); `None` when
/// it cannot be one.
pub fn normalise_enrolment_code(typed: &str) -> Option<String> {
    let code: String =
        typed.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    let fits = code.len() == CODE_LENGTH && code.bytes().all(|b| CODE_ALPHABET.contains(&b));
    fits.then_some(code)
}

/// What head office keeps of an enrolment code: the hex SHA-256 of its plain form. A fast,
/// unsalted hash, so a code is found by an index lookup on its hash (no secret is compared in
/// program code, so no timing tells how much of a guess was right). That is enough for a
/// random 50-bit code that works once and for a day at most: guessing online is hopeless, and
/// an attacker would need a copy of head office's database within the code's day to search it
/// offline. A terminal's long-lived token, by contrast, is kept as argon2id.
pub fn hash_enrolment_code(plain: &str) -> String {
    hex::encode(Sha256::digest(format!("kasir-enrolment-code:{plain}").as_bytes()))
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

/// Tokens already verified in this process, by SHA-256, with the stored hash they were
/// verified against. The stored hash is read on every request (one indexed row), so a token
/// replaced by an enrolment, in this process or another one on the same database, stops
/// working at once; argon2 is paid only when the stored hash is not the one remembered.
#[derive(Default)]
pub struct TokenCache {
    verified: Mutex<HashMap<[u8; 32], (Origin, String)>>,
}

impl TokenCache {
    /// Forgets every verified token of `origin`: its token was replaced.
    pub fn forget(&self, origin: &Origin) {
        self.verified.lock().unwrap_or_else(|p| p.into_inner()).retain(|_, (o, _)| o != origin);
    }

    pub async fn authenticate(&self, storage: &dyn Storage, token: &str) -> Result<Origin, AuthError> {
        let key: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        let origin = claimed_origin(token)?;
        let name = format!("{}-{}", origin.store, origin.terminal);
        let hash = storage
            .token_hash(&origin.store, &origin.terminal)
            .await?
            .ok_or(AuthError::Wrong(name.clone()))?;
        let remembered = self.verified.lock().unwrap_or_else(|p| p.into_inner()).get(&key).cloned();
        if let Some((o, verified_against)) = remembered
            && o == origin
            && verified_against == hash
        {
            return Ok(o);
        }
        let (token_owned, stored) = (token.to_owned(), hash.clone());
        let ok = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&stored)
                .map(|parsed| Argon2::default().verify_password(token_owned.as_bytes(), &parsed).is_ok())
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false);
        if !ok {
            return Err(AuthError::Wrong(name));
        }
        self.verified.lock().unwrap_or_else(|p| p.into_inner()).insert(key, (origin.clone(), hash));
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
    fn enrolment_codes_are_short_unambiguous_and_read_back_however_typed() {
        let code = new_enrolment_code();
        assert_eq!(code.len(), 12, "{code}");
        assert_eq!(code.matches('-').count(), 2, "{code}");
        let plain = normalise_enrolment_code(&code).unwrap();
        assert_eq!(plain, code.replace('-', ""));
        assert_eq!(normalise_enrolment_code(&format!(" {} ", code.to_lowercase())).unwrap(), plain);
        assert_ne!(new_enrolment_code(), code, "codes are random");
        for bad in ["", "K7QX-M2PA-9", "K7QX-M2PA-9T1", "K7QX-M2PA-0T", "K7QX-M2PA-IT", "K7QX-M2PA-9Ü"] {
            assert_eq!(normalise_enrolment_code(bad), None, "{bad}");
        }
        let h = hash_enrolment_code(&plain);
        assert_eq!(h.len(), 64);
        assert!(!h.contains(&plain));
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
