//! Head office's web accounts on SQLite ([`crate::accounts`]): passwords, lockouts, sessions and
//! failed logins. Times are kept as RFC 3339 text of one width ([`stamp`]), so text order is
//! time order and `expires_at > now` compares in SQL.

use chrono::SecondsFormat;
use kasir_core::office::{OfficeRole, login_lockout};

use super::*;
use crate::accounts::statements::*;
use crate::accounts::{
    Accounts, COUNTER_ONLY, LoginFailure, LoginRecord, NewOfficeUser, OfficeUser, OfficeUserSummary, Session,
    check_login_failure, check_new_office_user, check_password_hash, kept_text,
};

pub(super) use crate::accounts::statements::END_USER_SESSIONS;
/// A user's role as stored (`$1` code).
pub(super) const USER_ROLE: &str = "SELECT role FROM users WHERE code = $1";
/// A session only for a user who may log in (`$1` token hash, `$2` code, `$3` CSRF token,
/// `$4` now, `$5` expiry).
const INSERT_SESSION: &str = concat!(
    "INSERT INTO web_sessions (token_hash, user_code, csrf, created_at, expires_at)
     SELECT $1, code, $3, $4, $5 FROM users
     WHERE code = $2 AND active AND password_hash IS NOT NULL AND role IN ",
    web_roles!()
);

/// A time as kept: UTC, microseconds, always the same width.
fn stamp(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn first_column(r: &impl rows::Row) -> Result<String, StorageError> {
    r.get(0)
}

fn office_role(code: &str, stored: &str) -> Result<OfficeRole, StorageError> {
    OfficeRole::from_code(stored).ok_or_else(|| {
        StorageError::Unreadable(format!("user {code} has role '{stored}', not admin, analyst or manager"))
    })
}

/// (code, name, role, password hash, active, failures, locked until) from [`LOGIN_RECORD`].
type LoginRow = (String, String, String, Option<String>, bool, u32, Option<DateTime<Utc>>);

fn login_row(r: &impl rows::Row) -> Result<LoginRow, StorageError> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, rows::unsigned(r, 5)?, r.time(6)?))
}

fn login_failure(r: &impl rows::Row) -> Result<LoginFailure, StorageError> {
    Ok(LoginFailure {
        at: r.time(0)?.ok_or_else(|| StorageError::Unreadable("a failed login without its time".into()))?,
        user_code: r.get(1)?,
        reason: r.get(2)?,
        remote: r.get(3)?,
    })
}

/// (code, name, role, CSRF token, expiry) from [`SESSION`].
fn session_row(r: &impl rows::Row) -> Result<(String, String, String, String, DateTime<Utc>), StorageError> {
    let expires_at =
        r.time(4)?.ok_or_else(|| StorageError::Unreadable("a session without its expiry".into()))?;
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, expires_at))
}

/// A user from [`OFFICE_USERS`], without stores yet.
fn office_user_summary(r: &impl rows::Row) -> Result<OfficeUserSummary, StorageError> {
    let code: String = r.get(0)?;
    let stored: String = r.get(2)?;
    Ok(OfficeUserSummary {
        user: OfficeUser { role: office_role(&code, &stored)?, name: r.get(1)?, stores: Vec::new(), code },
        active: r.get(3)?,
        has_password: r.get(4)?,
    })
}

/// A user who may log in, with the stores a manager works in.
fn office_user(
    c: &Connection,
    code: String,
    name: String,
    stored_role: &str,
) -> Result<OfficeUser, StorageError> {
    let role = office_role(&code, stored_role)?;
    let stores = match role {
        OfficeRole::Manager => all(&mut prepared(c, OWN_STORES)?, [&code], first_column)?,
        OfficeRole::Admin | OfficeRole::Analyst => Vec::new(),
    };
    Ok(OfficeUser { code, name, role, stores })
}

/// The stored role of an existing user: [`StorageError::UnknownUser`] for none.
pub(super) fn user_role(c: &Connection, code: &str) -> Result<String, StorageError> {
    first(&mut prepared(c, USER_ROLE)?, [code], first_column)?
        .ok_or_else(|| StorageError::UnknownUser(code.to_owned()))
}

#[async_trait::async_trait]
impl Accounts for SqliteStorage {
    async fn add_office_user(&self, user: &NewOfficeUser) -> Result<(), StorageError> {
        check_new_office_user(user)?;
        let u = user.clone();
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let n = take_numbers(&tx, 1)?;
            let inserted = prepared(&tx, INSERT_OFFICE_USER)?.execute(params![
                u.code,
                u.name,
                u.role.code(),
                n,
                u.password_hash
            ])?;
            if inserted == 0 {
                return Err(StorageError::UserExists(u.code));
            }
            Ok(tx.commit()?)
        })
        .await
    }

    async fn set_password(&self, code: &str, password_hash: &str) -> Result<(), StorageError> {
        check_password_hash(code, password_hash)?;
        let (code, hash) = (code.to_owned(), password_hash.to_owned());
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if OfficeRole::from_code(&user_role(&tx, &code)?).is_none() {
                return Err(StorageError::Invalid(format!("user {code}: {COUNTER_ONLY}")));
            }
            prepared(&tx, SET_PASSWORD)?.execute(params![code, hash])?;
            prepared(&tx, END_USER_SESSIONS)?.execute([&code])?;
            Ok(tx.commit()?)
        })
        .await
    }

    async fn login_record(&self, code: &str) -> Result<Option<LoginRecord>, StorageError> {
        let code = code.to_owned();
        self.with(move |c| {
            let tx = c.transaction()?;
            let found = first(&mut prepared(&tx, LOGIN_RECORD)?, [&code], login_row)?;
            let Some((code, name, role, password_hash, active, failures, locked_until)) = found else {
                return Ok(None);
            };
            let user = office_user(&tx, code, name, &role)?;
            Ok(Some(LoginRecord { user, password_hash, active, failures, locked_until }))
        })
        .await
    }

    async fn count_login_failure(&self, code: &str, at: DateTime<Utc>) -> Result<u32, StorageError> {
        let code = code.to_owned();
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let count = first(&mut prepared(&tx, COUNT_FAILURE)?, [&code], |r| rows::unsigned::<u32>(r, 0))?
                .ok_or_else(|| StorageError::UnknownUser(code.clone()))?;
            let until = match login_lockout(count) {
                Some(d) => Some(stamp(
                    &(at + chrono::TimeDelta::from_std(d)
                        .map_err(|e| StorageError::Invalid(format!("lockout of user {code}: {e}")))?),
                )),
                None => None,
            };
            prepared(&tx, LOCK_UNTIL)?.execute(params![code, until])?;
            tx.commit()?;
            Ok(count)
        })
        .await
    }

    async fn clear_login_failures(&self, code: &str) -> Result<(), StorageError> {
        let code = code.to_owned();
        self.with(move |c| {
            if prepared(c, CLEAR_FAILURES)?.execute([&code])? == 0 {
                return Err(StorageError::UnknownUser(code));
            }
            Ok(())
        })
        .await
    }

    async fn record_login_failure(&self, failure: &LoginFailure) -> Result<(), StorageError> {
        check_login_failure(failure)?;
        let f = failure.clone();
        self.with(move |c| {
            prepared(c, INSERT_LOGIN_FAILURE)?.execute(params![
                stamp(&f.at),
                kept_text(&f.user_code),
                f.reason,
                kept_text(&f.remote)
            ])?;
            Ok(())
        })
        .await
    }

    async fn login_failures(&self, since: Option<DateTime<Utc>>) -> Result<Vec<LoginFailure>, StorageError> {
        // "" is before every time.
        let since = since.as_ref().map(stamp).unwrap_or_default();
        self.with(move |c| all(&mut prepared(c, LOGIN_FAILURES)?, [since], login_failure)).await
    }

    async fn create_session(
        &self,
        token_hash: &str,
        user_code: &str,
        csrf: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let (token, code, csrf) = (token_hash.to_owned(), user_code.to_owned(), csrf.to_owned());
        self.with(move |c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let now = stamp(&Utc::now());
            // Sessions nobody ended go when the next one starts: the table holds live ones.
            prepared(&tx, PURGE_SESSIONS)?.execute([&now])?;
            let made = prepared(&tx, INSERT_SESSION)?.execute(params![
                token,
                code,
                csrf,
                now,
                stamp(&expires_at)
            ])?;
            if made == 0 {
                return Err(StorageError::Invalid(format!("user {code} cannot log in to the web app")));
            }
            Ok(tx.commit()?)
        })
        .await
    }

    async fn session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<Session>, StorageError> {
        let token = token_hash.to_owned();
        self.with(move |c| {
            let tx = c.transaction()?;
            let found = first(&mut prepared(&tx, SESSION)?, params![token, stamp(&now)], session_row)?;
            let Some((code, name, role, csrf, expires_at)) = found else { return Ok(None) };
            let user = office_user(&tx, code, name, &role)?;
            Ok(Some(Session { user, csrf, expires_at }))
        })
        .await
    }

    async fn end_session(&self, token_hash: &str) -> Result<(), StorageError> {
        let token = token_hash.to_owned();
        self.with(move |c| {
            prepared(c, END_SESSION)?.execute([token])?;
            Ok(())
        })
        .await
    }

    async fn office_users(&self) -> Result<Vec<OfficeUserSummary>, StorageError> {
        self.with(move |c| {
            let tx = c.transaction()?;
            let users = all(&mut prepared(&tx, OFFICE_USERS)?, [], office_user_summary)?;
            let memberships = all(&mut prepared(&tx, rows::USER_STORES)?, [], rows::user_store)?;
            Ok(users
                .into_iter()
                .map(|mut u| {
                    u.user.stores = memberships
                        .iter()
                        .filter(|(c, _)| *c == u.user.code)
                        .map(|(_, s)| s.clone())
                        .collect();
                    u
                })
                .collect())
        })
        .await
    }
}
