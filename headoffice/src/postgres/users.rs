use super::*;
use crate::accounts::NO_STORE;

/// The users terminals know: cashiers, supervisors and managers (administrators and analysts
/// are listed with [`crate::accounts::Accounts::office_users`]).
const COUNTER_USERS: &str = "SELECT code, name, role, active FROM users WHERE role IN ('cashier', 'supervisor', 'manager') ORDER BY code";

/// Refuses a store or a PIN for an administrator or analyst, and an unknown user; the row
/// stays locked until the transaction ends.
async fn counter_user(tx: &impl GenericClient, code: &str) -> Result<(), StorageError> {
    let role: Option<String> =
        first(tx, accounts::USER_ROLE_FOR_UPDATE, &[&code], |r| rows::Row::get(r, 0)).await?;
    let role = role.ok_or_else(|| StorageError::UnknownUser(code.to_owned()))?;
    if kasir_core::policy::Role::from_code(&role).is_none() {
        return Err(StorageError::Invalid(format!("user {code}: {NO_STORE}")));
    }
    Ok(())
}

/// Runs `statement` on an existing user (`$1` code, `$2` a new change number, then
/// `more`) in the caller's transaction.
async fn change_user(
    tx: &impl GenericClient,
    code: &str,
    statement: &str,
    more: &[&(dyn ToSql + Sync)],
) -> Result<(), StorageError> {
    let n = take_numbers(tx, 1).await?;
    let mut values: Vec<&(dyn ToSql + Sync)> = vec![&code, &n];
    values.extend_from_slice(more);
    if tx.execute(statement, &values).await? == 0 {
        return Err(StorageError::UnknownUser(code.to_owned()));
    }
    Ok(())
}

async fn stores_known(tx: &impl GenericClient, stores: &[String]) -> Result<(), StorageError> {
    for store in stores {
        if !store_known(tx, store).await? {
            return Err(StorageError::UnknownStore(store.clone()));
        }
    }
    Ok(())
}

/// The user works in exactly `stores` from now on.
async fn join_stores(tx: &impl GenericClient, code: &str, stores: &[String]) -> Result<(), StorageError> {
    tx.execute(rows::LEAVE_STORES, &[&code]).await?;
    for store in stores {
        tx.execute(rows::JOIN_STORE, &[&code, store]).await?;
    }
    Ok(())
}

pub(super) async fn add_user(s: &PgStorage, u: &NewUser) -> Result<(), StorageError> {
    check_new_user(u)?;
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    stores_known(&tx, &u.stores).await?;
    let n = take_numbers(&tx, 1).await?;
    let inserted =
        tx.execute(rows::INSERT_USER, &[&u.code, &u.name, &u.role.code(), &u.pin_hash, &n]).await?;
    if inserted == 0 {
        return Err(StorageError::UserExists(u.code.clone()));
    }
    join_stores(&tx, &u.code, &u.stores).await?;
    Ok(tx.commit().await?)
}

pub(super) async fn set_user_stores(
    s: &PgStorage,
    code: &str,
    stores: &[String],
) -> Result<(), StorageError> {
    check_user_stores(code, stores)?;
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    counter_user(&tx, code).await?;
    stores_known(&tx, stores).await?;
    let n = take_numbers(&tx, 1).await?;
    join_stores(&tx, code, stores).await?;
    tx.execute(rows::TOUCH_USER, &[&code, &n]).await?;
    Ok(tx.commit().await?)
}

pub(super) async fn deactivate_user(s: &PgStorage, code: &str) -> Result<(), StorageError> {
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    change_user(&tx, code, rows::DEACTIVATE_USER, &[]).await?;
    // Logged in to the web app or not, they are out of it from now on.
    tx.execute(accounts::END_USER_SESSIONS, &[&code]).await?;
    Ok(tx.commit().await?)
}

pub(super) async fn set_user_pin(s: &PgStorage, code: &str, pin_hash: &str) -> Result<(), StorageError> {
    check_pin_hash(code, pin_hash)?;
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    counter_user(&tx, code).await?;
    change_user(&tx, code, rows::SET_USER_PIN, &[&pin_hash]).await?;
    Ok(tx.commit().await?)
}

pub(super) async fn users(s: &PgStorage, store: Option<&str>) -> Result<Vec<UserSummary>, StorageError> {
    let mut client = s.pool.get().await?;
    let tx = snapshot(&mut client).await?;
    let users = all(&tx, COUNTER_USERS, &[], rows::user_summary).await?;
    let memberships = all(&tx, rows::USER_STORES, &[], rows::user_store).await?;
    tx.commit().await?;
    Ok(rows::user_list(users, memberships, store))
}
