//! Users of the terminal (cashiers and managers) and their PINs, stored as argon2id hashes.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use chrono::{DateTime, Utc};
use kasir_core::policy::{self, Action, Permissions, Role};
use rusqlite::{Connection, OptionalExtension, params};
use thiserror::Error;

use super::Ledger;

#[derive(Debug, Error)]
pub enum UserError {
    #[error("no active user with code '{0}'")]
    Unknown(String),
    #[error("wrong PIN for {0}")]
    WrongPin(String),
    /// Too many wrong PINs in a row for this user, on any screen or command of this
    /// terminal: every PIN of theirs waits, the right one too.
    #[error("too many wrong PINs for {code}; try again in {seconds} s")]
    LockedOut { code: String, seconds: u64 },
    #[error("{name} ({code}) is not a manager")]
    NotManager { code: String, name: String },
    #[error("{name} ({code}) may not approve {action}: that needs a {least} or above")]
    MayNotApprove { code: String, name: String, action: &'static str, least: &'static str },
    #[error("a PIN must be 4 to 8 digits")]
    BadPin,
    #[error("user code '{0}' must be 1–8 letters or digits")]
    BadCode(String),
    /// The user's name (of user `.0`) holds a tab, a line break or another control character.
    #[error("the name of user {0} holds a control character (a tab, a line break, …)")]
    NameControlCharacter(String),
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

    /// Checks `pin` for user `code`, wherever it is typed (login, an approval, a command).
    /// Wrong PINs are counted per user in the ledger file, so a lockout
    /// ([`policy::pin_lockout`]) holds across screens and restarts; every wrong PIN and
    /// lockout is kept in `security_events`.
    pub fn authenticate(&self, code: &str, pin: &str) -> Result<User, UserError> {
        // One IMMEDIATE transaction from reading the count to writing it: two processes (the
        // screen and a command, or several commands) cannot both read the same count and
        // each get a guess for one failure.
        let tx = rusqlite::Transaction::new_unchecked(self.conn(), rusqlite::TransactionBehavior::Immediate)?;
        let outcome = verify_pin(&tx, code, pin);
        match outcome {
            // A database error leaves nothing half-counted: the transaction rolls back.
            Err(UserError::Sqlite(e)) => Err(UserError::Sqlite(e)),
            outcome => {
                tx.commit()?;
                outcome
            }
        }
    }
}

/// The PIN check and its bookkeeping, inside the caller's transaction.
fn verify_pin(conn: &Connection, code: &str, pin: &str) -> Result<User, UserError> {
    {
        let now = Utc::now();
        let (failures, locked_until): (u32, Option<String>) = conn
            .prepare_cached("SELECT failures, locked_until FROM pin_failures WHERE user_code = ?1")?
            .query_row([code], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or((0, None));
        // A time this terminal wrote that does not read back is a lock until it is cleared.
        let locked = locked_until.map(|t| DateTime::parse_from_rfc3339(&t).map(|t| t.with_timezone(&Utc)));
        match locked {
            Some(Ok(until)) if until > now => {
                security_event(conn, code, "refused_while_locked")?;
                return Err(UserError::LockedOut {
                    code: code.to_owned(),
                    seconds: seconds_until(now, until),
                });
            }
            Some(Err(_)) => {
                // Not a time this terminal wrote: locked for the longest wait, from now, so
                // the lock runs out instead of holding for ever.
                let until = now + chrono::TimeDelta::seconds(300);
                conn.prepare_cached("UPDATE pin_failures SET locked_until = ?2 WHERE user_code = ?1")?
                    .execute(params![code, until.to_rfc3339()])?;
                security_event(conn, code, "refused_while_locked")?;
                return Err(UserError::LockedOut { code: code.to_owned(), seconds: 300 });
            }
            _ => {}
        }
        let (user, hash) = load(conn, code)?.ok_or_else(|| UserError::Unknown(code.to_owned()))?;
        let right = PasswordHash::new(&hash)
            .is_ok_and(|parsed| Argon2::default().verify_password(pin.as_bytes(), &parsed).is_ok());
        if right {
            conn.prepare_cached("DELETE FROM pin_failures WHERE user_code = ?1")?.execute([code])?;
            return Ok(user);
        }
        let failures = failures + 1;
        let lock = policy::pin_lockout(failures).and_then(|d| chrono::TimeDelta::from_std(d).ok());
        let until = lock.map(|d| now + d);
        conn.prepare_cached(
            "INSERT INTO pin_failures (user_code, failures, locked_until) VALUES (?1, ?2, ?3)
             ON CONFLICT (user_code) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until",
        )?
        .execute(params![code, failures, until.map(|t| t.to_rfc3339())])?;
        security_event(conn, code, "wrong_pin")?;
        match until {
            Some(until) => {
                security_event(conn, code, "locked_out")?;
                Err(UserError::LockedOut { code: code.to_owned(), seconds: seconds_until(now, until) })
            }
            None => Err(UserError::WrongPin(code.to_owned())),
        }
    }
}

impl Ledger {
    /// Checks a manager's PIN for an approval.
    pub fn authenticate_manager(&self, code: &str, pin: &str) -> Result<User, UserError> {
        let user = self.authenticate(code, pin)?;
        if user.role != Role::Manager {
            return Err(UserError::NotManager { code: user.code, name: user.name });
        }
        Ok(user)
    }

    /// Checks the PIN of someone approving `actions` for another user: the store's
    /// `permissions` must let them do each of those actions alone.
    pub fn authenticate_approver(
        &self,
        code: &str,
        pin: &str,
        permissions: &Permissions,
        actions: &[Action],
    ) -> Result<User, UserError> {
        let user = self.authenticate(code, pin)?;
        if let Some(action) = actions.iter().find(|a| !permissions.may_do_alone(user.role, **a)) {
            return Err(match permissions.least(*action) {
                Role::Manager => UserError::NotManager { code: user.code, name: user.name },
                least => UserError::MayNotApprove {
                    code: user.code,
                    name: user.name,
                    action: action.code(),
                    least: least.code(),
                },
            });
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

fn security_event(conn: &Connection, code: &str, event: &str) -> Result<(), UserError> {
    conn.prepare_cached(
        "INSERT INTO security_events (at, user_code, event, place) VALUES (?1, ?2, ?3, 'pin')",
    )?
    .execute(params![Utc::now().to_rfc3339(), code, event])?;
    Ok(())
}

/// Whole seconds from `now` to `until`, at least one.
fn seconds_until(now: DateTime<Utc>, until: DateTime<Utc>) -> u64 {
    u64::try_from((until - now).num_milliseconds()).map_or(1, |ms| ms.div_ceil(1000).max(1))
}

fn add_user(conn: &Connection, code: &str, name: &str, role: Role, pin: &str) -> Result<User, UserError> {
    if code.is_empty() || code.len() > 8 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(UserError::BadCode(code.to_owned()));
    }
    if kasir_core::wire::has_control_character(name) {
        return Err(UserError::NameControlCharacter(code.to_owned()));
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

/// Changes made at the terminal alone (no head office, or before it is set up). A user head
/// office manages gets head office's state again with its next change to that user.
impl Ledger {
    /// Deactivates an active user: they can no longer log in or approve here.
    pub fn deactivate_user(&self, code: &str) -> Result<(), UserError> {
        let changed =
            self.conn().execute("UPDATE users SET active = 0 WHERE code = ?1 AND active = 1", [code])?;
        if changed == 0 {
            return Err(UserError::Unknown(code.to_owned()));
        }
        Ok(())
    }

    /// Gives an active user a new PIN (4 to 8 digits, kept as an argon2id hash).
    pub fn set_pin(&self, code: &str, pin: &str) -> Result<(), UserError> {
        let hash = hash_pin(pin)?;
        let changed = self
            .conn()
            .execute("UPDATE users SET pin_hash = ?2 WHERE code = ?1 AND active = 1", params![code, hash])?;
        if changed == 0 {
            return Err(UserError::Unknown(code.to_owned()));
        }
        // A new PIN given by a manager starts the user's count of wrong PINs afresh.
        self.conn().execute("DELETE FROM pin_failures WHERE user_code = ?1", [code])?;
        Ok(())
    }
}
