//! Head-office users of the web app: passwords, sessions and failed logins, in the one user
//! table the terminals' cashiers and managers live in. An administrator or analyst is a user
//! of no store (never sent to a terminal); a manager logs in to the web app for the stores
//! they work in once head office has given them a password.
//!
//! In the `users` table an administrator or analyst has no PIN (`pin_hash` is NULL, which a
//! CHECK ties to those two roles) and no `user_stores` row (a trigger refuses one): the change
//! feed joins users to the stores they work in, so neither can ever reach a terminal. Cashiers
//! and supervisors never have a web password.
//!
//! Passwords are kept only as argon2id PHC strings ([`hash_password`]); a session only as the
//! SHA-256 of its cookie.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use kasir_core::office::OfficeRole;
use serde::Serialize;

use crate::storage::StorageError;

/// Fewest characters a web password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Most characters: argon2 takes any length, but a login form has no reason to send a book.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Why a login failed, as kept in [`LoginFailure::reason`].
pub const LOGIN_FAILURE_REASONS: [&str; 5] =
    ["unknown_user", "wrong_password", "locked", "inactive", "no_password"];

/// Most characters of a typed user code or an address kept with a failed login: anyone may
/// type anything into a login form, and only so much of it is worth keeping.
pub const MAX_KEPT_CHARS: usize = 64;

/// The most memory a stored password hash may ask argon2 for, in KiB: what [`hash_password`]
/// writes (19 MiB) with room to spare. A hash asking for more is refused, not allocated.
const MAX_HASH_KIB: u32 = 64 * 1024;

/// Refuses a password too short or too long to be a web password.
pub fn check_password(password: &str) -> Result<(), StorageError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(StorageError::Invalid(format!(
            "a password needs at least {MIN_PASSWORD_CHARS} characters (this one has {chars})"
        )));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(StorageError::Invalid(format!(
            "a password may have at most {MAX_PASSWORD_CHARS} characters"
        )));
    }
    Ok(())
}

/// A web password, checked ([`check_password`]), as the argon2id PHC string head office keeps
/// (argon2's default parameters, like [`crate::auth::hash_pin`]).
pub fn hash_password(password: &str) -> Result<String, StorageError> {
    check_password(password)?;
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StorageError::Invalid(format!("cannot hash the password: {e}")))
}

/// Whether `password` is the one the argon2id PHC string `phc` was made of. Anything that is
/// not such a string (or asks for more memory than head office ever used) verifies nothing.
pub fn verify_password(phc: &str, password: &str) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else { return false };
    if hash.algorithm.as_str() != "argon2id" {
        return false;
    }
    match argon2::Params::try_from(&hash) {
        Ok(p) if p.m_cost() <= MAX_HASH_KIB => {}
        _ => return false,
    }
    Argon2::default().verify_password(password.as_bytes(), &hash).is_ok()
}

/// Checks a password hash before it is stored: an argon2id PHC string.
pub fn check_password_hash(code: &str, phc: &str) -> Result<(), StorageError> {
    match PasswordHash::new(phc) {
        Ok(h) if h.algorithm.as_str() == "argon2id" && h.hash.is_some() => Ok(()),
        _ => Err(StorageError::Invalid(format!(
            "the password hash of user {code} is not an argon2id PHC string"
        ))),
    }
}

/// A typed text as kept with a failed login: control characters replaced, at most
/// [`MAX_KEPT_CHARS`] characters (PostgreSQL cannot store a NUL, and a listing must not print
/// a terminal's escape codes).
pub fn kept_text(text: &str) -> String {
    text.chars().take(MAX_KEPT_CHARS).map(|c| if c.is_control() { '\u{fffd}' } else { c }).collect()
}

/// The words "cashiers and supervisors never log in to the web" is said with.
pub const COUNTER_ONLY: &str = "cashiers and supervisors work at the counter; only administrators, analysts and managers log in to the web app";

/// Refusal for giving a store or a PIN to an administrator or analyst.
pub const NO_STORE: &str =
    "administrators and analysts work at head office: they have no PIN and work in no store";

/// A user who may log in to the web app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OfficeUser {
    pub code: String,
    pub name: String,
    pub role: OfficeRole,
    /// The stores a manager works in (empty for an administrator or analyst).
    pub stores: Vec<String>,
}

/// An administrator or analyst (no store, no PIN): `password_hash` an argon2id PHC string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOfficeUser {
    pub code: String,
    pub name: String,
    pub role: OfficeRole,
    pub password_hash: String,
}

/// What a login is checked against, read by user code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoginRecord {
    pub user: OfficeUser,
    /// argon2id PHC string; `None`: no password was ever set, the user cannot log in.
    pub password_hash: Option<String>,
    pub active: bool,
    /// Wrong passwords in a row since the last good one.
    pub failures: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

/// A user who may log in, as the list of users shows them (never with a hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OfficeUserSummary {
    pub user: OfficeUser,
    pub active: bool,
    /// Whether a password was set: a manager without one cannot log in yet.
    pub has_password: bool,
}

/// A live session, found by the SHA-256 of its cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub user: OfficeUser,
    /// The token every form of this session carries (compared in constant time).
    pub csrf: String,
    pub expires_at: DateTime<Utc>,
}

/// A failed login as kept for the security page and `kasir-headoffice security-events`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoginFailure {
    pub at: DateTime<Utc>,
    /// The code typed (it may name no user).
    pub user_code: String,
    /// `unknown_user`, `wrong_password`, `locked`, `inactive`, `no_password`.
    pub reason: String,
    pub remote: String,
}

#[async_trait]
pub trait Accounts: Send + Sync {
    /// Adds an administrator or analyst; refused for a code in use or a manager role (a
    /// manager is added with `user add` and given a password with [`Accounts::set_password`]).
    async fn add_office_user(&self, user: &NewOfficeUser) -> Result<(), StorageError>;
    /// Gives a user a web password (argon2id PHC string); ends their sessions.
    async fn set_password(&self, code: &str, password_hash: &str) -> Result<(), StorageError>;
    /// A user who could log in (an administrator, analyst or manager), by code.
    async fn login_record(&self, code: &str) -> Result<Option<LoginRecord>, StorageError>;
    /// Counts a wrong password for an existing user and sets `locked_until` by
    /// [`kasir_core::office::login_lockout`]; returns the new count.
    async fn count_login_failure(&self, code: &str, at: DateTime<Utc>) -> Result<u32, StorageError>;
    /// A good password: the count starts again.
    async fn clear_login_failures(&self, code: &str) -> Result<(), StorageError>;
    /// Keeps a failed login (every one, known user or not).
    async fn record_login_failure(&self, failure: &LoginFailure) -> Result<(), StorageError>;
    /// Failed logins from `since` on, oldest first: the newest 1,000 of them.
    async fn login_failures(&self, since: Option<DateTime<Utc>>) -> Result<Vec<LoginFailure>, StorageError>;
    async fn create_session(
        &self,
        token_hash: &str,
        user_code: &str,
        csrf: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StorageError>;
    /// The session, unless it expired, was ended, or its user was deactivated or lost the role.
    async fn session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<Session>, StorageError>;
    async fn end_session(&self, token_hash: &str) -> Result<(), StorageError>;
    /// Every user who may log in (administrators, analysts, managers), by code.
    async fn office_users(&self) -> Result<Vec<OfficeUserSummary>, StorageError>;
}

/// Checks a new administrator or analyst: code, name, role, password hash.
pub fn check_new_office_user(user: &NewOfficeUser) -> Result<(), StorageError> {
    crate::storage::check_user_code(&user.code)?;
    if user.name.trim().is_empty() {
        return Err(StorageError::Invalid(format!("user {} needs a name", user.code)));
    }
    crate::storage::check_text(&format!("the name of user {}", user.code), &user.name)?;
    if user.role == OfficeRole::Manager {
        return Err(StorageError::Invalid(format!(
            "user {}: a manager works in stores; add them with a PIN and --store, then give them a \
             password (kasir-headoffice user password)",
            user.code
        )));
    }
    check_password_hash(&user.code, &user.password_hash)
}

/// Checks a failed login before it is kept: a reason head office knows.
pub fn check_login_failure(failure: &LoginFailure) -> Result<(), StorageError> {
    if !LOGIN_FAILURE_REASONS.contains(&failure.reason.as_str()) {
        return Err(StorageError::Invalid(format!(
            "{:?} is not a reason a login fails: {}",
            failure.reason,
            LOGIN_FAILURE_REASONS.join(", ")
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let phc = hash_password("kopi susu gula aren").unwrap();
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(verify_password(&phc, "kopi susu gula aren"));
        assert!(!verify_password(&phc, "kopi susu gula aren "));
        assert!(!verify_password("not a hash", "kopi susu gula aren"));
        // Two hashes of one password differ (each has its own salt).
        assert_ne!(hash_password("kopi susu gula aren").unwrap(), phc);
    }

    #[test]
    fn a_short_password_is_refused() {
        let e = hash_password("123456789").unwrap_err();
        assert!(e.to_string().contains("at least 10 characters (this one has 9)"), "{e}");
        // Characters, not bytes: ten letters of any script are enough.
        assert!(check_password("kuéééééééé").is_ok());
        assert!(check_password(&"x".repeat(MAX_PASSWORD_CHARS + 1)).is_err());
    }

    #[test]
    fn a_hash_asking_for_too_much_memory_verifies_nothing() {
        let hungry = Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(MAX_HASH_KIB + 8, 1, 1, None).unwrap(),
        );
        // Hashed by hand at a cost head office never writes; refused before argon2 runs.
        let phc =
            hungry.hash_password_with_salt(b"kopi susu gula aren", b"saltsaltsaltsalt").unwrap().to_string();
        assert!(!verify_password(&phc, "kopi susu gula aren"));
    }

    #[test]
    fn typed_text_is_kept_printable_and_short() {
        assert_eq!(kept_text("M01\u{1b}[2J\0"), "M01\u{fffd}[2J\u{fffd}");
        assert_eq!(kept_text(&"a".repeat(100)).len(), MAX_KEPT_CHARS);
    }
}

/// The accounts statements, written once for both storages (the insert of a session stays
/// with each: PostgreSQL needs casts where SQLite takes text).
pub(crate) mod statements {
    /// The roles that log in to the web app, as stored.
    macro_rules! web_roles {
        () => {
            "('admin', 'analyst', 'manager')"
        };
    }
    pub(crate) use web_roles;

    /// Ends every session of a user (`$1`).
    pub(crate) const END_USER_SESSIONS: &str = "DELETE FROM web_sessions WHERE user_code = $1";
    /// `$1` code, `$2` name, `$3` role, `$4` change number, `$5` password hash; nothing when the
    /// code is taken.
    pub(crate) const INSERT_OFFICE_USER: &str =
        "INSERT INTO users (code, name, role, pin_hash, active, change_no, password_hash)
         VALUES ($1, $2, $3, NULL, TRUE, $4, $5) ON CONFLICT DO NOTHING";
    /// A new password starts with a clean count (`$1` code, `$2` hash).
    pub(crate) const SET_PASSWORD: &str =
        "UPDATE users SET password_hash = $2, login_failures = 0, locked_until = NULL WHERE code = $1";
    pub(crate) const LOGIN_RECORD: &str = concat!(
        "SELECT code, name, role, password_hash, active, login_failures, locked_until FROM users
         WHERE code = $1 AND role IN ",
        web_roles!()
    );
    /// The stores a user (`$1`) works in.
    pub(crate) const OWN_STORES: &str =
        "SELECT store FROM user_stores WHERE code = $1 AND member ORDER BY store";
    pub(crate) const COUNT_FAILURE: &str = concat!(
        "UPDATE users SET login_failures = login_failures + 1 WHERE code = $1 AND role IN ",
        web_roles!(),
        " RETURNING login_failures"
    );
    pub(crate) const LOCK_UNTIL: &str = "UPDATE users SET locked_until = $2 WHERE code = $1";
    pub(crate) const CLEAR_FAILURES: &str =
        "UPDATE users SET login_failures = 0, locked_until = NULL WHERE code = $1";
    pub(crate) const INSERT_LOGIN_FAILURE: &str =
        "INSERT INTO login_failures (at, user_code, reason, remote) VALUES ($1, $2, $3, $4)";
    /// The newest 1,000 from `$1` on, oldest first: a flood of wrong passwords is kept, but a
    /// page or a listing never reads it all.
    pub(crate) const LOGIN_FAILURES: &str = "SELECT at, user_code, reason, remote FROM (
             SELECT at, user_code, reason, remote FROM login_failures WHERE at >= $1
             ORDER BY at DESC LIMIT 1000) newest
         ORDER BY at";
    pub(crate) const PURGE_SESSIONS: &str = "DELETE FROM web_sessions WHERE expires_at <= $1";
    pub(crate) const SESSION: &str = concat!(
        "SELECT u.code, u.name, u.role, s.csrf, s.expires_at
         FROM web_sessions s JOIN users u ON u.code = s.user_code
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active AND u.role IN ",
        web_roles!()
    );
    pub(crate) const END_SESSION: &str = "DELETE FROM web_sessions WHERE token_hash = $1";
    pub(crate) const OFFICE_USERS: &str = concat!(
        "SELECT code, name, role, active, password_hash IS NOT NULL FROM users WHERE role IN ",
        web_roles!(),
        " ORDER BY code"
    );
}
