//! What both storages read, written once: the statements whose text is the same on SQLite and
//! PostgreSQL, each next to the mapping of its columns into typed results. An engine only
//! fetches the rows and hands each over as a [`Row`].
//!
//! Statements are written with PostgreSQL's `$1` placeholders; SQLite runs them as `?1`, which
//! numbers parameters the same way (`sqlite::sql`).

use chrono::{DateTime, Utc};
use kasir_core::chain::ChainTip;
use kasir_core::policy::Role;
use kasir_core::wire::{PushedDocument, ReceiptLines, StoreIdentity, TaxClassRecord};

use crate::ingest::FactLine;
use crate::storage::{
    AuthFailureReason, AuthFailures, EnrolmentCode, RejectedDocument, ReportBy, ReportRow, StorageError,
    StoredSecurityEvent, TerminalCredentials, TerminalStatus, UserSummary,
};

/// A column type both engines decode alike: integers, text, booleans, and NULL as `Option`.
pub trait Value: rusqlite::types::FromSql + tokio_postgres::types::FromSqlOwned {}

impl<T: rusqlite::types::FromSql + tokio_postgres::types::FromSqlOwned> Value for T {}

/// A fetched row of either engine, read by column index. A value of the wrong type, or out of
/// range, is [`StorageError::Unreadable`].
pub trait Row {
    fn get<T: Value>(&self, i: usize) -> Result<T, StorageError>;
    /// A point in time, `None` for NULL: `TIMESTAMPTZ` on PostgreSQL; RFC 3339 text on SQLite,
    /// where text that does not parse also reads as `None`.
    fn time(&self, i: usize) -> Result<Option<DateTime<Utc>>, StorageError>;
}

/// An integer column that is never negative (a sequence, a count, a rate), as its unsigned type.
pub fn unsigned<T: TryFrom<i64>>(r: &impl Row, i: usize) -> Result<T, StorageError> {
    to_unsigned(r.get(i)?, i)
}

fn opt_unsigned<T: TryFrom<i64>>(r: &impl Row, i: usize) -> Result<Option<T>, StorageError> {
    r.get::<Option<i64>>(i)?.map(|n| to_unsigned(n, i)).transpose()
}

fn to_unsigned<T: TryFrom<i64>>(n: i64, i: usize) -> Result<T, StorageError> {
    T::try_from(n).map_err(|_| {
        StorageError::Unreadable(format!("column {i} holds {n}, not a {}", std::any::type_name::<T>()))
    })
}

/// JSON text for a column (barcodes, quick keys).
pub fn json(value: &impl serde::Serialize) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|e| StorageError::Invalid(format!("cannot write as JSON: {e}")))
}

/// Hands out `$1` change numbers and returns the last.
pub const TAKE_NUMBERS: &str = "UPDATE change_counter SET last = last + $1 WHERE id = 1 RETURNING last";

pub const STORE_KNOWN: &str = "SELECT EXISTS (SELECT 1 FROM stores WHERE code = $1)";
pub const TERMINAL_KNOWN: &str = "SELECT EXISTS (SELECT 1 FROM terminals WHERE store = $1 AND terminal = $2)";

/// A store's identity (`$1` its code).
pub const STORE: &str = "SELECT code, name, address, npwp, utc_offset, currency,
         receipt_change_no IS NOT NULL, receipt_header, receipt_footer
     FROM stores WHERE code = $1";

pub fn store_identity(r: &impl Row) -> Result<StoreIdentity, StorageError> {
    let receipt_lines = if r.get::<bool>(6)? {
        Some(ReceiptLines { header: receipt_lines(r, 7)?, footer: receipt_lines(r, 8)? })
    } else {
        None
    };
    Ok(StoreIdentity {
        code: r.get(0)?,
        name: r.get(1)?,
        address: r.get(2)?,
        npwp: r.get(3)?,
        utc_offset: r.get(4)?,
        currency: r.get(5)?,
        receipt_lines,
    })
}

/// A JSON array of receipt lines in column `i`.
pub fn receipt_lines(r: &impl Row, i: usize) -> Result<Vec<String>, StorageError> {
    let text: String = r.get(i)?;
    serde_json::from_str(&text)
        .map_err(|e| StorageError::Unreadable(format!("receipt lines '{text}' in column {i}: {e}")))
}

/// Sets a store's receipt lines (`$1` its code): `$2` header and `$3` footer as JSON arrays,
/// each kept when NULL, under change number `$4`.
pub const SET_RECEIPT_LINES: &str = "UPDATE stores SET receipt_header = COALESCE($2, receipt_header),
     receipt_footer = COALESCE($3, receipt_footer), receipt_change_no = $4
     WHERE code = $1";

/// Changes a store (`$1` its code): each of `$2`…`$6` (name, address, NPWP, UTC offset,
/// currency) that is not NULL.
pub const SET_STORE: &str = "UPDATE stores SET name = COALESCE($2, name), address = COALESCE($3, address),
     npwp = COALESCE($4, npwp), utc_offset = COALESCE($5, utc_offset), currency = COALESCE($6, currency)
     WHERE code = $1";

/// Retires a terminal's unused enrolment codes (`$1` store, `$2` terminal, `$3` now).
pub const REPLACE_CODES: &str = "UPDATE enrolment_codes SET replaced_at = $3
     WHERE store = $1 AND terminal = $2 AND used_at IS NULL AND replaced_at IS NULL";

pub const INSERT_CODE: &str =
    "INSERT INTO enrolment_codes (code_hash, store, terminal, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5)";

/// An enrolment code by its hash (`$1`); PostgreSQL's statement adds `FOR UPDATE`.
pub const ENROLMENT_CODE: &str =
    "SELECT store, terminal, expires_at, used_at, replaced_at FROM enrolment_codes WHERE code_hash = $1";

pub fn enrolment_code(r: &impl Row) -> Result<EnrolmentCode, StorageError> {
    Ok(EnrolmentCode {
        store: r.get(0)?,
        terminal: r.get(1)?,
        expires_at: r
            .time(2)?
            .ok_or_else(|| StorageError::Unreadable("an enrolment code without its expiry".into()))?,
        used_at: r.time(3)?,
        replaced_at: r.time(4)?,
    })
}

/// Spends a code (`$1` its hash, `$2` now) unless it is spent already.
pub const USE_CODE: &str = "UPDATE enrolment_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL";

/// Gives a terminal (`$1` store, `$2` terminal) a new token hash (`$3`): it is no longer
/// revoked, and a rotation asked for before is over (the new token is new enough).
pub const SET_TOKEN_HASH: &str = "UPDATE terminals SET token_hash = $3, revoked_at = NULL,
     rotation_requested_at = NULL, pending_token_hash = NULL, previous_pending_token_hash = NULL
     WHERE store = $1 AND terminal = $2";

/// What head office holds of a terminal's token (`$1` store, `$2` terminal).
pub const CREDENTIALS: &str = "SELECT token_hash, pending_token_hash, rotation_requested_at IS NOT NULL,
     revoked_at IS NOT NULL, last_seq, last_hash, grand_total, last_document_at, previous_pending_token_hash
     FROM terminals WHERE store = $1 AND terminal = $2";

pub fn credentials(r: &impl Row) -> Result<TerminalCredentials, StorageError> {
    Ok(TerminalCredentials {
        token_hash: r.get(0)?,
        pending_token_hash: r.get(1)?,
        previous_pending_token_hash: r.get(8)?,
        rotation_requested: r.get(2)?,
        revoked: r.get(3)?,
        seen: crate::storage::SeenTip {
            tip: ChainTip { seq: unsigned(r, 4)?, hash: r.get(5)?, grand_total: r.get(6)? },
            last_document_at: r.get(7)?,
        },
    })
}

/// Replaces a legacy hash (`$3`) by the digest (`$4`) unless it changed meanwhile.
pub const UPGRADE_TOKEN_HASH: &str =
    "UPDATE terminals SET token_hash = $4 WHERE store = $1 AND terminal = $2 AND token_hash = $3";

/// Keeps a pending token's hash (`$3`) while a rotation is asked for. The one it replaces
/// stays acceptable as the previous pending token: two requests with the old token racing (or
/// an answer that reached the terminal while the next one's did not) hand out two tokens, and
/// the terminal may have kept either. An older one is forgotten: a terminal that kept it is
/// refused, and it falls back to its configured token, which stays good until a new one is used.
/// A pending slot emptied by a second `terminal rotate` does not push the previous one out.
pub const SET_PENDING_TOKEN: &str = "UPDATE terminals
     SET previous_pending_token_hash = COALESCE(pending_token_hash, previous_pending_token_hash),
     pending_token_hash = $3
     WHERE store = $1 AND terminal = $2 AND rotation_requested_at IS NOT NULL AND revoked_at IS NULL";

/// A handed-out token (`$3`, the pending one or the previous pending one) becomes the
/// terminal's token; the old one and every other handed-out token stop. Using the latest one
/// ends the rotation. Using the previous one does not: it may predate a second `terminal
/// rotate` (which moved the pending token there), so the next answer hands out a fresh token,
/// and a terminal that raced itself costs one more turn, never its access.
pub const PROMOTE_PENDING_TOKEN: &str = "UPDATE terminals SET token_hash = $3,
     rotation_requested_at = CASE WHEN pending_token_hash = $3 THEN NULL ELSE rotation_requested_at END,
     pending_token_hash = NULL, previous_pending_token_hash = NULL
     WHERE store = $1 AND terminal = $2 AND revoked_at IS NULL
     AND (pending_token_hash = $3 OR previous_pending_token_hash = $3)";

/// Revokes a terminal's token at `$3`, with any rotation under way.
pub const REVOKE_TERMINAL: &str = "UPDATE terminals SET revoked_at = $3, rotation_requested_at = NULL,
     pending_token_hash = NULL, previous_pending_token_hash = NULL WHERE store = $1 AND terminal = $2";

/// Asks at `$3` for a new token for a terminal that is not revoked. A token already handed out
/// is not orphaned (the terminal may hold it and no longer the old one): it moves to the
/// previous pending slot, still acceptable, and using it does not end this new rotation.
pub const ROTATE_TOKEN: &str = "UPDATE terminals SET rotation_requested_at = $3,
     previous_pending_token_hash = COALESCE(pending_token_hash, previous_pending_token_hash),
     pending_token_hash = NULL
     WHERE store = $1 AND terminal = $2 AND revoked_at IS NULL";

/// Forgets failed authentications from before minute `$1` (an index range on `minute`).
pub const PRUNE_AUTH_FAILURES: &str = "DELETE FROM auth_failures WHERE minute < $1";

/// Failed authentications claiming store `$1` (NULL for all) from minute `$2` on.
pub const AUTH_FAILURES: &str = "SELECT claimed_store, claimed_terminal, reason, remote, minute, first_at,
     last_at, count FROM auth_failures WHERE (CAST($1 AS TEXT) IS NULL OR claimed_store = $1) AND minute >= $2
     ORDER BY minute, claimed_store, claimed_terminal, reason, remote";

pub fn auth_failures(r: &impl Row) -> Result<AuthFailures, StorageError> {
    let time = |i: usize| {
        r.time(i)?
            .ok_or_else(|| StorageError::Unreadable(format!("a failed authentication without column {i}")))
    };
    Ok(AuthFailures {
        claimed_store: r.get(0)?,
        claimed_terminal: r.get(1)?,
        reason: AuthFailureReason::from_code(&r.get::<String>(2)?)?,
        remote: r.get(3)?,
        minute: time(4)?,
        first_at: time(5)?,
        last_at: time(6)?,
        count: unsigned(r, 7)?,
    })
}

/// A terminal's chain tip from `SELECT last_seq, last_hash, grand_total FROM terminals …` (the
/// statement differs: PostgreSQL locks the row).
pub fn chain_tip(r: &impl Row) -> Result<ChainTip, StorageError> {
    Ok(ChainTip { seq: unsigned(r, 0)?, hash: r.get(1)?, grand_total: r.get(2)? })
}

/// A stored document's hash by its sequence, from `SELECT seq, hash FROM documents …`.
pub fn held(r: &impl Row) -> Result<(u64, String), StorageError> {
    Ok((unsigned(r, 0)?, r.get(1)?))
}

/// The sales lines of one stored document (`$1` store, `$2` terminal, `$3` seq).
pub const LINES: &str = "SELECT line_no, sku, name, quantity_milli, net, tax, gross FROM sales_lines
     WHERE store = $1 AND terminal = $2 AND seq = $3 ORDER BY line_no";

pub fn fact_line(r: &impl Row) -> Result<FactLine, StorageError> {
    Ok(FactLine {
        line_no: unsigned(r, 0)?,
        sku: r.get(1)?,
        name: r.get(2)?,
        quantity_milli: r.get(3)?,
        net: r.get(4)?,
        tax: r.get(5)?,
        gross: r.get(6)?,
    })
}

/// A store's sale by its receipt number (`$1` store, `$2` receipt).
pub const SALE: &str = "SELECT seq, hash, canonical FROM documents
     WHERE store = $1 AND receipt_number = $2 AND kind = 'sale' AND NOT set_aside";

pub fn pushed_document(r: &impl Row) -> Result<PushedDocument, StorageError> {
    Ok(PushedDocument { seq: unsigned(r, 0)?, hash: r.get(1)?, canonical: r.get(2)? })
}

/// The voids and returns that refer to a receipt (`$1` store, `$2` receipt), but not those set
/// aside, whose figures never counted.
pub const REFERRING: &str =
    "SELECT terminal, kind, canonical FROM documents WHERE store = $1 AND refers_to = $2 AND NOT set_aside
     ORDER BY terminal, seq";

/// When the terminal's newest document with a plausible time was made (`$1` store,
/// `$2` terminal).
pub const LAST_DOCUMENT_AT: &str =
    "SELECT last_document_at FROM terminals WHERE store = $1 AND terminal = $2";

/// A store's document by its receipt number (`$1` store, `$2` receipt), as a void or a return
/// refers to it: its canonical text, whether a void that counted refers to it, and whether it
/// was set aside.
pub const REFERRED: &str = "SELECT d.canonical,
         EXISTS (SELECT 1 FROM documents v WHERE v.store = d.store AND v.refers_to = d.receipt_number
                 AND v.kind = 'void' AND NOT v.set_aside),
         d.set_aside
     FROM documents d WHERE d.store = $1 AND d.receipt_number = $2 LIMIT 1";

/// A referred document from [`REFERRED`]. Its canonical text parsed when it arrived; should
/// it no longer (a stricter later version), it is as good as not held: the document referring
/// to it may be set aside, but the terminal's ingest is never blocked by it. Its texts are
/// cleaned as the incoming documents are ([`crate::text::storable_document`]), so that a
/// return's SKU compares with the sale's even when the terminal's SKU holds a control character.
pub fn referred(r: &impl Row) -> Result<Option<crate::ingest::Referred>, StorageError> {
    let canonical: String = r.get(0)?;
    let Ok(mut document) = serde_json::from_str(&canonical) else { return Ok(None) };
    crate::text::storable_document(&mut document);
    Ok(Some(crate::ingest::Referred { document, voided: r.get(1)?, set_aside: r.get(2)? }))
}

/// Marks a stored document set aside (`$1` store, `$2` terminal, `$3` seq).
pub const MARK_SET_ASIDE: &str =
    "UPDATE documents SET set_aside = TRUE WHERE store = $1 AND terminal = $2 AND seq = $3";

/// Whether a refused document is kept already (`$1` store, `$2` terminal, `$3` seq, `$4` hash).
pub const KEPT_ALREADY: &str = "SELECT EXISTS (SELECT 1 FROM rejected_documents
     WHERE store = $1 AND terminal = $2 AND seq = $3 AND hash = $4)";

/// Counts a set-aside document that was not kept, the terminal's limit being reached (`$1` store,
/// `$2` terminal).
pub const COUNT_NOT_KEPT: &str =
    "UPDATE terminals SET refused_not_kept = refused_not_kept + 1 WHERE store = $1 AND terminal = $2";

/// (terminal, kind, canonical) of a referring document.
pub fn referring(r: &impl Row) -> Result<(String, String, String), StorageError> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

pub const TAX_CLASSES: &str = "SELECT code, rate_bp, dpp FROM tax_classes ORDER BY code";

/// A tax class from its `code, rate_bp, dpp` columns, the first at `at`.
pub fn tax_class(r: &impl Row, at: usize) -> Result<TaxClassRecord, StorageError> {
    let code: String = r.get(at)?;
    let dpp: String = r.get(at + 2)?;
    let dpp = dpp.parse().map_err(|e| StorageError::Unreadable(format!("tax class {code}: {e}")))?;
    Ok(TaxClassRecord { rate_bp: unsigned(r, at + 1)?, code, dpp })
}

/// A store's stock levels (`$1` store).
pub const STOCK: &str = "SELECT sku, quantity_milli FROM stock_levels WHERE store = $1 ORDER BY sku";

pub fn stock_level(r: &impl Row) -> Result<(String, i64), StorageError> {
    Ok((r.get(0)?, r.get(1)?))
}

/// Which SQL expression names a sales report row, and which groups it.
pub fn report_key(by: ReportBy) -> (&'static str, &'static str) {
    match by {
        ReportBy::Store => ("store", "store"),
        ReportBy::Terminal => ("store || '-' || terminal", "store, terminal"),
        ReportBy::Day => ("business_date", "business_date"),
        ReportBy::Product => ("sku || ' ' || MAX(name)", "sku"),
        ReportBy::Cashier => ("cashier", "cashier"),
    }
}

/// A sales report row from `key, documents, quantity_milli, net, tax, gross` (the statement
/// differs: how each engine counts distinct documents and sums). Each sum arrives as the
/// decimal text of an exact sum, which no 64-bit column type could hold in every case.
pub fn report_row(r: &impl Row) -> Result<ReportRow, StorageError> {
    Ok(ReportRow {
        key: r.get(0)?,
        documents: r.get(1)?,
        quantity_milli: exact_sum(r, 2)?,
        net: exact_sum(r, 3)?,
        tax: exact_sum(r, 4)?,
        gross: exact_sum(r, 5)?,
    })
}

/// An exact sum written as decimal text in column `i` (NULL: nothing summed).
pub fn exact_sum(r: &impl Row, i: usize) -> Result<i128, StorageError> {
    match r.get::<Option<String>>(i)? {
        None => Ok(0),
        Some(text) => text
            .trim()
            .parse()
            .map_err(|e| StorageError::Unreadable(format!("sum '{text}' in column {i}: {e}"))),
    }
}

pub const TERMINALS: &str =
    "SELECT store, terminal, last_seq, ledger_seq, grand_total, last_contact, last_document_at,
         (SELECT COUNT(*) FROM rejected_documents r
          WHERE r.store = terminals.store AND r.terminal = terminals.terminal) + refused_not_kept,
         revoked_at IS NOT NULL, rotation_requested_at IS NOT NULL
     FROM terminals ORDER BY store, terminal";

pub fn terminal_status(r: &impl Row) -> Result<TerminalStatus, StorageError> {
    Ok(TerminalStatus {
        store: r.get(0)?,
        terminal: r.get(1)?,
        last_seq: unsigned(r, 2)?,
        ledger_seq: opt_unsigned(r, 3)?,
        grand_total: r.get(4)?,
        last_contact: r.time(5)?,
        last_document_at: r.get(6)?,
        rejected: unsigned(r, 7)?,
        revoked: r.get(8)?,
        rotating: r.get(9)?,
    })
}

pub const REJECTED: &str =
    "SELECT store, terminal, seq, hash, kind, reason, received_at FROM rejected_documents
     ORDER BY received_at, store, terminal, seq";

pub fn rejected_document(r: &impl Row) -> Result<RejectedDocument, StorageError> {
    Ok(RejectedDocument {
        store: r.get(0)?,
        terminal: r.get(1)?,
        seq: unsigned(r, 2)?,
        hash: r.get(3)?,
        kind: r.get(4)?,
        reason: r.get(5)?,
        received_at: r
            .time(6)?
            .ok_or_else(|| StorageError::Unreadable("a rejected document without its time".into()))?,
    })
}

/// Keeps a security event once (`$1` store, `$2` terminal, `$3` id, `$4` at, `$5` user,
/// `$6` event, `$7` place, `$8` received at); nothing when it is held already.
pub const INSERT_SECURITY_EVENT: &str =
    "INSERT INTO security_events (store, terminal, id, at, user_code, event, place, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING";

/// The highest id of a terminal's security events held (`$1` store, `$2` terminal), 0 for none.
pub const SECURITY_EVENTS_HELD: &str =
    "SELECT COALESCE(MAX(id), 0) FROM security_events WHERE store = $1 AND terminal = $2";

/// Security events of a store (`$1`, NULL for every store) from `$2` on, by time.
pub const SECURITY_EVENTS: &str =
    "SELECT store, terminal, id, at, user_code, event, place, received_at FROM security_events
     WHERE (CAST($1 AS TEXT) IS NULL OR store = $1) AND at >= $2
     ORDER BY at, store, terminal, id";

pub fn security_event(r: &impl Row) -> Result<StoredSecurityEvent, StorageError> {
    Ok(StoredSecurityEvent {
        store: r.get(0)?,
        terminal: r.get(1)?,
        id: unsigned(r, 2)?,
        at: r.time(3)?.ok_or_else(|| StorageError::Unreadable("a security event without its time".into()))?,
        user_code: r.get(4)?,
        event: r.get(5)?,
        place: r.get(6)?,
        received_at: r
            .time(7)?
            .ok_or_else(|| StorageError::Unreadable("a security event without its arrival".into()))?,
    })
}

pub const USER_KNOWN: &str = "SELECT EXISTS (SELECT 1 FROM users WHERE code = $1)";

/// A new user, active (`$1` code, `$2` name, `$3` role, `$4` PIN hash, `$5` change number);
/// nothing when the code is taken.
pub const INSERT_USER: &str = "INSERT INTO users (code, name, role, pin_hash, active, change_no)
     VALUES ($1, $2, $3, $4, TRUE, $5) ON CONFLICT DO NOTHING";

/// A user (`$1`) works in a store (`$2`), again or for the first time.
pub const JOIN_STORE: &str = "INSERT INTO user_stores (code, store, member) VALUES ($1, $2, TRUE)
     ON CONFLICT (code, store) DO UPDATE SET member = TRUE";

/// A user (`$1`) leaves every store; the rows stay so those stores hear of it.
pub const LEAVE_STORES: &str = "UPDATE user_stores SET member = FALSE WHERE code = $1";

/// A user (`$1`) changed, under change number `$2`.
pub const TOUCH_USER: &str = "UPDATE users SET change_no = $2 WHERE code = $1";

pub const DEACTIVATE_USER: &str = "UPDATE users SET active = FALSE, change_no = $2 WHERE code = $1";

/// `$1` code, `$2` change number, `$3` the new PIN hash.
pub const SET_USER_PIN: &str = "UPDATE users SET pin_hash = $3, change_no = $2 WHERE code = $1";

pub const USERS: &str = "SELECT code, name, role, active FROM users ORDER BY code";

/// (user, store) for every store a user works in.
pub const USER_STORES: &str = "SELECT code, store FROM user_stores WHERE member ORDER BY code, store";

/// A role as stored.
pub fn role(code: &str, role: &str) -> Result<Role, StorageError> {
    Role::from_code(role).ok_or_else(|| {
        StorageError::Unreadable(format!("user {code} has role '{role}', not cashier, supervisor or manager"))
    })
}

/// A user from [`USERS`], without stores yet.
pub fn user_summary(r: &impl Row) -> Result<UserSummary, StorageError> {
    let code: String = r.get(0)?;
    let stored: String = r.get(2)?;
    Ok(UserSummary {
        role: role(&code, &stored)?,
        name: r.get(1)?,
        active: r.get(3)?,
        stores: Vec::new(),
        code,
    })
}

/// (user, store) from [`USER_STORES`].
pub fn user_store(r: &impl Row) -> Result<(String, String), StorageError> {
    Ok((r.get(0)?, r.get(1)?))
}

/// Users with the stores they work in, only those of `store` when one is named.
pub fn user_list(
    mut users: Vec<UserSummary>,
    memberships: Vec<(String, String)>,
    store: Option<&str>,
) -> Vec<UserSummary> {
    for u in &mut users {
        u.stores = memberships.iter().filter(|(c, _)| *c == u.code).map(|(_, s)| s.clone()).collect();
    }
    users.retain(|u| store.is_none_or(|s| u.stores.iter().any(|x| x == s)));
    users
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_negative_sequence_is_unreadable_not_wrapped() {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        let read =
            c.query_row("SELECT -1, 7", [], |r| Ok((unsigned::<u64>(r, 0), unsigned::<u64>(r, 1)))).unwrap();
        assert!(matches!(read.0, Err(StorageError::Unreadable(_))), "{:?}", read.0);
        assert_eq!(read.1.unwrap(), 7);
    }
}
