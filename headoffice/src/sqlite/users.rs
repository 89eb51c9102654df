use super::*;
use crate::accounts::NO_STORE;

/// The users terminals know: cashiers, supervisors and managers (administrators and analysts
/// are listed with [`crate::accounts::Accounts::office_users`]).
const COUNTER_USERS: &str = "SELECT code, name, role, active FROM users WHERE role IN ('cashier', 'supervisor', 'manager') ORDER BY code";

/// Refuses a store or a PIN for an administrator or analyst, and an unknown user.
fn counter_user(c: &Connection, code: &str) -> Result<(), StorageError> {
    let role = accounts::user_role(c, code)?;
    if kasir_core::policy::Role::from_code(&role).is_none() {
        return Err(StorageError::Invalid(format!("user {code}: {NO_STORE}")));
    }
    Ok(())
}

/// Every store named is known to head office.
fn stores_known(c: &Connection, stores: &[String]) -> Result<(), StorageError> {
    for store in stores {
        if !store_known(c, store)? {
            return Err(StorageError::UnknownStore(store.clone()));
        }
    }
    Ok(())
}

/// The user works in exactly `stores` from now on.
fn join_stores(tx: &Connection, code: &str, stores: &[String]) -> Result<(), StorageError> {
    prepared(tx, rows::LEAVE_STORES)?.execute([code])?;
    let mut st = prepared(tx, rows::JOIN_STORE)?;
    for store in stores {
        st.execute([code, store])?;
    }
    Ok(())
}

/// Runs `statement` on an existing user (`?1` code, `?2` a new change number, then `more`)
/// in the caller's transaction.
fn change_user(
    tx: &Connection,
    code: &str,
    statement: &str,
    more: &[&dyn ToSql],
) -> Result<(), StorageError> {
    let n = take_numbers(tx, 1)?;
    let mut values: Vec<&dyn ToSql> = vec![&code, &n];
    values.extend_from_slice(more);
    let changed = prepared(tx, statement)?.execute(&values[..])?;
    if changed == 0 {
        return Err(StorageError::UnknownUser(code.to_owned()));
    }
    Ok(())
}

pub(super) async fn add_user(s: &SqliteStorage, user: &NewUser) -> Result<(), StorageError> {
    check_new_user(user)?;
    let u = user.clone();
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        stores_known(&tx, &u.stores)?;
        let n = take_numbers(&tx, 1)?;
        let inserted = prepared(&tx, rows::INSERT_USER)?.execute(params![
            u.code,
            u.name,
            u.role.code(),
            u.pin_hash,
            n
        ])?;
        if inserted == 0 {
            return Err(StorageError::UserExists(u.code));
        }
        join_stores(&tx, &u.code, &u.stores)?;
        Ok(tx.commit()?)
    })
    .await
}

pub(super) async fn set_user_stores(
    s: &SqliteStorage,
    code: &str,
    stores: &[String],
) -> Result<(), StorageError> {
    check_user_stores(code, stores)?;
    let (code, stores) = (code.to_owned(), stores.to_vec());
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        counter_user(&tx, &code)?;
        stores_known(&tx, &stores)?;
        let n = take_numbers(&tx, 1)?;
        join_stores(&tx, &code, &stores)?;
        prepared(&tx, rows::TOUCH_USER)?.execute(params![code, n])?;
        Ok(tx.commit()?)
    })
    .await
}

pub(super) async fn deactivate_user(s: &SqliteStorage, code: &str) -> Result<(), StorageError> {
    let code = code.to_owned();
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        change_user(&tx, &code, rows::DEACTIVATE_USER, &[])?;
        // Logged in to the web app or not, they are out of it from now on.
        prepared(&tx, accounts::END_USER_SESSIONS)?.execute([&code])?;
        Ok(tx.commit()?)
    })
    .await
}

pub(super) async fn set_user_pin(s: &SqliteStorage, code: &str, pin_hash: &str) -> Result<(), StorageError> {
    check_pin_hash(code, pin_hash)?;
    let (code, hash) = (code.to_owned(), pin_hash.to_owned());
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        counter_user(&tx, &code)?;
        change_user(&tx, &code, rows::SET_USER_PIN, &[&hash])?;
        Ok(tx.commit()?)
    })
    .await
}

pub(super) async fn users(s: &SqliteStorage, store: Option<&str>) -> Result<Vec<UserSummary>, StorageError> {
    let store = store.map(str::to_owned);
    s.with(move |c| {
        let tx = c.transaction()?;
        let users = all(&mut prepared(&tx, COUNTER_USERS)?, [], rows::user_summary)?;
        let memberships = all(&mut prepared(&tx, rows::USER_STORES)?, [], rows::user_store)?;
        Ok(rows::user_list(users, memberships, store.as_deref()))
    })
    .await
}
