//! Users of the terminal (cashiers and managers) and their PINs, stored as argon2id hashes.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use kasir_core::policy::Role;
use rusqlite::{Connection, OptionalExtension, params};
use thiserror::Error;

use super::Ledger;

#[derive(Debug, Error)]
pub enum UserError {
    #[error("no active user with code '{0}'")]
    Unknown(String),
    #[error("wrong PIN for {0}")]
    WrongPin(String),
    #[error("{name} ({code}) is not a manager")]
    NotManager { code: String, name: String },
    #[error("a PIN must be 4 to 8 digits")]
    BadPin,
    #[error("user code '{0}' must be 1–8 letters or digits")]
    BadCode(String),
    #[error("a user with code '{0}' already exists")]
    Exists(String),
    #[error("user {code} has role '{role}' in the ledger, which this Kasir does not know")]
    CorruptRole { code: String, role: String },
    #[error("users: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub code: String,
    pub name: String,
    pub role: Role,
}

fn check_pin(pin: &str) -> Result<(), UserError> {
    if (4..=8).contains(&pin.len()) && pin.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(UserError::BadPin)
    }
}

pub fn hash_pin(pin: &str) -> Result<String, UserError> {
    check_pin(pin)?;
    // Hashing fails only for parameters out of argon2's range; the defaults are in it.
    Argon2::default().hash_password(pin.as_bytes()).map(|h| h.to_string()).map_err(|_| UserError::BadPin)
}

fn role(code: &str, role: String) -> Result<Role, UserError> {
    Role::from_code(&role).ok_or_else(|| UserError::CorruptRole { code: code.to_owned(), role })
}

impl Ledger {
    /// Adds a user with a PIN (kept as an argon2id hash).
    pub fn add_user(&self, code: &str, name: &str, role: Role, pin: &str) -> Result<User, UserError> {
        add_user(self.conn(), code, name, role, pin)
    }

    /// An active user by code, without checking a PIN (headless scripts name their cashier).
    pub fn user(&self, code: &str) -> Result<User, UserError> {
        load(self.conn(), code)?.map(|(u, _)| u).ok_or_else(|| UserError::Unknown(code.to_owned()))
    }

    /// Checks `pin` for user `code`.
    pub fn authenticate(&self, code: &str, pin: &str) -> Result<User, UserError> {
        let (user, hash) = load(self.conn(), code)?.ok_or_else(|| UserError::Unknown(code.to_owned()))?;
        let parsed = PasswordHash::new(&hash).map_err(|_| UserError::WrongPin(code.to_owned()))?;
        Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .map_err(|_| UserError::WrongPin(code.to_owned()))?;
        Ok(user)
    }

    /// Checks a manager's PIN for an approval.
    pub fn authenticate_manager(&self, code: &str, pin: &str) -> Result<User, UserError> {
        let user = self.authenticate(code, pin)?;
        if user.role != Role::Manager {
            return Err(UserError::NotManager { code: user.code, name: user.name });
        }
        Ok(user)
    }

    /// Every active user, by code.
    pub fn users(&self) -> Result<Vec<User>, UserError> {
        let mut stmt =
            self.conn().prepare("SELECT code, name, role FROM users WHERE active = 1 ORDER BY code")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?;
        rows.map(|row| {
            let (code, name, r) = row?;
            Ok(User { role: role(&code, r)?, code, name })
        })
        .collect()
    }
}

fn add_user(conn: &Connection, code: &str, name: &str, role: Role, pin: &str) -> Result<User, UserError> {
    if code.is_empty() || code.len() > 8 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(UserError::BadCode(code.to_owned()));
    }
    let hash = hash_pin(pin)?;
    let inserted = conn.execute(
        "INSERT INTO users (code, name, role, pin_hash, active) VALUES (?1, ?2, ?3, ?4, 1) ON CONFLICT DO NOTHING",
        params![code, name, role.code(), hash],
    )?;
    if inserted == 0 {
        return Err(UserError::Exists(code.to_owned()));
    }
    Ok(User { code: code.to_owned(), name: name.to_owned(), role })
}

fn load(conn: &Connection, code: &str) -> Result<Option<(User, String)>, UserError> {
    let row: Option<(String, String, String, String)> = conn
        .prepare_cached("SELECT code, name, role, pin_hash FROM users WHERE code = ?1 AND active = 1")?
        .query_row([code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    row.map(|(code, name, r, hash)| Ok((User { role: role(&code, r)?, code, name }, hash))).transpose()
}
