//! Head office's web accounts on PostgreSQL ([`crate::accounts`]): passwords, lockouts,
//! sessions and failed logins. The statements are shared with SQLite
//! ([`crate::accounts::statements`]) but for a session's insert; times are `TIMESTAMPTZ`.

use kasir_core::office::{OfficeRole, login_lockout};

use super::*;
use crate::accounts::statements::*;
use crate::accounts::{
    Accounts, COUNTER_ONLY, LoginFailure, LoginRecord, NewOfficeUser, OfficeUser, OfficeUserSummary, Session,
    check_login_failure, check_new_office_user, check_password_hash, kept_text,
};

pub(super) use crate::accounts::statements::END_USER_SESSIONS;
/// A user's role as stored (`$1` code), the row locked until the transaction ends.
pub(super) const USER_ROLE_FOR_UPDATE: &str = "SELECT role FROM users WHERE code = $1 FOR UPDATE";
/// A session only for a user who may log in (the casts: PostgreSQL does not type the
/// parameters of a SELECT list by the columns they go into) (`$1` token hash, `$2` code, `$3` CSRF token,
/// `$4` now, `$5` expiry).
const INSERT_SESSION: &str = concat!(
    "INSERT INTO web_sessions (token_hash, user_code, csrf, created_at, expires_at)
     SELECT $1::TEXT, code, $3::TEXT, $4::TIMESTAMPTZ, $5::TIMESTAMPTZ FROM users
     WHERE code = $2 AND active AND password_hash IS NOT NULL AND role IN ",
    web_roles!()
);

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
async fn office_user(
    c: &impl GenericClient,
    code: String,
    name: String,
    stored_role: &str,
) -> Result<OfficeUser, StorageError> {
    let role = office_role(&code, stored_role)?;
    let stores = match role {
        OfficeRole::Manager => all(c, OWN_STORES, &[&code], first_column).await?,
        OfficeRole::Admin | OfficeRole::Analyst => Vec::new(),
    };
    Ok(OfficeUser { code, name, role, stores })
}

#[async_trait::async_trait]
impl Accounts for PgStorage {
    async fn add_office_user(&self, u: &NewOfficeUser) -> Result<(), StorageError> {
        check_new_office_user(u)?;
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let n = take_numbers(&tx, 1).await?;
        let inserted =
            tx.execute(INSERT_OFFICE_USER, &[&u.code, &u.name, &u.role.code(), &n, &u.password_hash]).await?;
        if inserted == 0 {
            return Err(StorageError::UserExists(u.code.clone()));
        }
        Ok(tx.commit().await?)
    }

    async fn set_password(&self, code: &str, password_hash: &str) -> Result<(), StorageError> {
        check_password_hash(code, password_hash)?;
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        // The row stays locked to the end: a deactivation cannot slip in between.
        let role: Option<String> = first(&tx, USER_ROLE_FOR_UPDATE, &[&code], first_column).await?;
        let role = role.ok_or_else(|| StorageError::UnknownUser(code.to_owned()))?;
        if OfficeRole::from_code(&role).is_none() {
            return Err(StorageError::Invalid(format!("user {code}: {COUNTER_ONLY}")));
        }
        tx.execute(SET_PASSWORD, &[&code, &password_hash]).await?;
        tx.execute(END_USER_SESSIONS, &[&code]).await?;
        Ok(tx.commit().await?)
    }

    async fn login_record(&self, code: &str) -> Result<Option<LoginRecord>, StorageError> {
        let mut client = self.pool.get().await?;
        let tx = snapshot(&mut client).await?;
        let Some((code, name, role, password_hash, active, failures, locked_until)) =
            first(&tx, LOGIN_RECORD, &[&code], login_row).await?
        else {
            return Ok(None);
        };
        let user = office_user(&tx, code, name, &role).await?;
        tx.commit().await?;
        Ok(Some(LoginRecord { user, password_hash, active, failures, locked_until }))
    }

    async fn count_login_failure(&self, code: &str, at: DateTime<Utc>) -> Result<u32, StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let count = first(&tx, COUNT_FAILURE, &[&code], |r| rows::unsigned::<u32>(r, 0))
            .await?
            .ok_or_else(|| StorageError::UnknownUser(code.to_owned()))?;
        let until = login_lockout(count)
            .map(|d| {
                chrono::TimeDelta::from_std(d)
                    .map(|d| at + d)
                    .map_err(|e| StorageError::Invalid(format!("lockout of user {code}: {e}")))
            })
            .transpose()?;
        tx.execute(LOCK_UNTIL, &[&code, &until]).await?;
        tx.commit().await?;
        Ok(count)
    }

    async fn clear_login_failures(&self, code: &str) -> Result<(), StorageError> {
        if self.pool.get().await?.execute(CLEAR_FAILURES, &[&code]).await? == 0 {
            return Err(StorageError::UnknownUser(code.to_owned()));
        }
        Ok(())
    }

    async fn record_login_failure(&self, f: &LoginFailure) -> Result<(), StorageError> {
        check_login_failure(f)?;
        let (user_code, remote) = (kept_text(&f.user_code), kept_text(&f.remote));
        self.pool
            .get()
            .await?
            .execute(INSERT_LOGIN_FAILURE, &[&f.at, &user_code, &f.reason, &remote])
            .await?;
        Ok(())
    }

    async fn login_failures(&self, since: Option<DateTime<Utc>>) -> Result<Vec<LoginFailure>, StorageError> {
        // Year 1: before every time kept, and within PostgreSQL's range.
        let since = since.or(DateTime::from_timestamp(-62_135_596_800, 0)).unwrap_or(DateTime::UNIX_EPOCH);
        all(&self.pool.get().await?, LOGIN_FAILURES, &[&since], login_failure).await
    }

    async fn create_session(
        &self,
        token_hash: &str,
        user_code: &str,
        csrf: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let now = Utc::now();
        // Sessions nobody ended go when the next one starts: the table holds live ones.
        tx.execute(PURGE_SESSIONS, &[&now]).await?;
        let made = tx.execute(INSERT_SESSION, &[&token_hash, &user_code, &csrf, &now, &expires_at]).await?;
        if made == 0 {
            return Err(StorageError::Invalid(format!("user {user_code} cannot log in to the web app")));
        }
        Ok(tx.commit().await?)
    }

    async fn session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<Session>, StorageError> {
        let mut client = self.pool.get().await?;
        let tx = snapshot(&mut client).await?;
        let Some((code, name, role, csrf, expires_at)) =
            first(&tx, SESSION, &[&token_hash, &now], session_row).await?
        else {
            return Ok(None);
        };
        let user = office_user(&tx, code, name, &role).await?;
        tx.commit().await?;
        Ok(Some(Session { user, csrf, expires_at }))
    }

    async fn end_session(&self, token_hash: &str) -> Result<(), StorageError> {
        self.pool.get().await?.execute(END_SESSION, &[&token_hash]).await?;
        Ok(())
    }

    async fn office_users(&self) -> Result<Vec<OfficeUserSummary>, StorageError> {
        let mut client = self.pool.get().await?;
        let tx = snapshot(&mut client).await?;
        let users = all(&tx, OFFICE_USERS, &[], office_user_summary).await?;
        let memberships = all(&tx, rows::USER_STORES, &[], rows::user_store).await?;
        tx.commit().await?;
        Ok(users
            .into_iter()
            .map(|mut u| {
                u.user.stores =
                    memberships.iter().filter(|(c, _)| *c == u.user.code).map(|(_, s)| s.clone()).collect();
                u
            })
            .collect())
    }
}
