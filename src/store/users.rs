//! Users of the terminal (cashiers and managers) and their PINs, stored as argon2id hashes.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use kasir_core::policy::Role;
use rusqlite::{Connection, OptionalExtension, params};
use thiserror::Error;

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
    Ok(Argon2::default()
        .hash_password(pin.as_bytes())
        .expect("argon2 with default parameters hashes")
        .to_string())
}

pub fn add_user(conn: &Connection, code: &str, name: &str, role: Role, pin: &str) -> Result<User, UserError> {
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

/// An active user by code, without checking a PIN (headless scripts name their cashier).
pub fn find(conn: &Connection, code: &str) -> Result<User, UserError> {
    load(conn, code)?.map(|(u, _)| u).ok_or_else(|| UserError::Unknown(code.to_owned()))
}

fn load(conn: &Connection, code: &str) -> Result<Option<(User, String)>, UserError> {
    let row: Option<(String, String, String, String)> = conn
        .prepare_cached("SELECT code, name, role, pin_hash FROM users WHERE code = ?1 AND active = 1")?
        .query_row([code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    Ok(row.map(|(code, name, role, hash)| {
        let role = Role::from_code(&role).expect("CHECK constraint keeps roles known");
        (User { code, name, role }, hash)
    }))
}

/// Checks `pin` for user `code`.
pub fn authenticate(conn: &Connection, code: &str, pin: &str) -> Result<User, UserError> {
    let (user, hash) = load(conn, code)?.ok_or_else(|| UserError::Unknown(code.to_owned()))?;
    let parsed = PasswordHash::new(&hash).map_err(|_| UserError::WrongPin(code.to_owned()))?;
    Argon2::default()
        .verify_password(pin.as_bytes(), &parsed)
        .map_err(|_| UserError::WrongPin(code.to_owned()))?;
    Ok(user)
}

/// Checks a manager's PIN for an approval.
pub fn authenticate_manager(conn: &Connection, code: &str, pin: &str) -> Result<User, UserError> {
    let user = authenticate(conn, code, pin)?;
    if user.role != Role::Manager {
        return Err(UserError::NotManager { code: user.code, name: user.name });
    }
    Ok(user)
}

pub fn list(conn: &Connection) -> Result<Vec<User>, UserError> {
    let mut stmt = conn.prepare("SELECT code, name, role FROM users WHERE active = 1 ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        let role: String = r.get(2)?;
        Ok(User { code: r.get(0)?, name: r.get(1)?, role: Role::from_code(&role).expect("CHECK constraint") })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
