//! Sales a return refers to, wherever they were made: this terminal's own from its ledger,
//! another terminal's from the copy fetched from head office (`headoffice_sales`). A return
//! checks against the same figures either way.

use chrono::Utc;
use kasir_core::chain::hash_hex;
use kasir_core::document::{Body, Document};
use kasir_core::returns::{OriginalSale, Returned};
use kasir_core::wire::{ReturnedLine, SaleLookup};
use kasir_core::{Quantity, ReceiptNumber};
use rusqlite::{Connection, OptionalExtension, params};

use super::rules::{Refusal, returned_from, voided};
use super::{LedgerError, read_document};

/// A sale to return goods from, with what has come back from it so far.
#[derive(Clone, Debug)]
pub struct Returnable {
    pub document: Document,
    pub original: OriginalSale,
    pub already: Vec<Returned>,
    pub voided: bool,
}

fn origin(conn: &Connection) -> Result<(String, String), LedgerError> {
    Ok(conn
        .prepare_cached("SELECT store, terminal FROM terminal WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

fn refused(why: Refusal) -> LedgerError {
    LedgerError::Refused(why)
}

/// Whether `receipt` was made at another terminal than this one.
pub(in crate::store) fn is_foreign(conn: &Connection, receipt: &str) -> Result<bool, LedgerError> {
    let (store, terminal) = origin(conn)?;
    Ok(!made_here(receipt, &store, &terminal))
}

fn made_here(receipt: &str, store: &str, terminal: &str) -> bool {
    ReceiptNumber::parse(receipt).is_some_and(|r| r.made_at(store, terminal))
}

/// The sale with receipt number `receipt`, if this terminal knows it.
pub(in crate::store) fn returnable(
    conn: &Connection,
    receipt: &str,
) -> Result<Option<Returnable>, LedgerError> {
    let receipt = receipt.trim();
    let (store, terminal) = origin(conn)?;
    if let Some(seq) = ReceiptNumber::parse(receipt).filter(|r| r.made_at(&store, &terminal)).map(|r| r.seq) {
        let body: Option<String> = conn
            .prepare_cached(
                "SELECT body FROM documents WHERE seq = ?1 AND kind = 'sale' AND receipt_number = ?2",
            )?
            .query_row(params![seq, receipt], |r| r.get(0))
            .optional()?;
        let Some(body) = body else { return Ok(None) };
        let document = read_document(seq, &body)?;
        // Returns of this sale made at other terminals, as head office said when last asked.
        let elsewhere: Option<String> = conn
            .prepare_cached("SELECT returned FROM headoffice_sales WHERE receipt = ?1")?
            .query_row([receipt], |r| r.get(0))
            .optional()?;
        let mut already = returned_from(conn, seq)?;
        if let Some(elsewhere) = elsewhere {
            already.extend(returned_elsewhere(receipt, &elsewhere, &terminal)?);
        }
        return Ok(Some(Returnable {
            document,
            original: OriginalSale { seq, receipt: receipt.to_owned(), hash: None },
            already: merge(already),
            voided: voided(conn, seq)?,
        }));
    }
    let row: Option<(u64, String, String, bool, String)> = conn
        .prepare_cached("SELECT seq, hash, body, voided, returned FROM headoffice_sales WHERE receipt = ?1")?
        .query_row([receipt], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .optional()?;
    let Some((seq, hash, body, voided, returned)) = row else { return Ok(None) };
    if hash_hex(body.as_bytes()) != hash {
        return Err(refused(Refusal::CopyHash(receipt.to_owned())));
    }
    let document: Document = serde_json::from_str(&body)
        .map_err(|source| refused(Refusal::CopyUnreadable { receipt: receipt.to_owned(), source }))?;
    if document.header.store != store {
        return Err(refused(Refusal::OtherStore {
            receipt: receipt.to_owned(),
            store: document.header.store.clone(),
        }));
    }
    // What came back here is this ledger's to say; what came back elsewhere, head office's.
    let mut already = returned_elsewhere(receipt, &returned, &terminal)?;
    let mut st = conn.prepare_cached(
        "SELECT original_line_no, SUM(quantity_milli) FROM return_lines
         WHERE original_seq IS NULL AND original_receipt = ?1 GROUP BY original_line_no",
    )?;
    let here = st.query_map([receipt], |r| {
        Ok(Returned { line_no: r.get(0)?, quantity: Quantity::from_milli(r.get(1)?) })
    })?;
    for r in here {
        already.push(r?);
    }
    Ok(Some(Returnable {
        document,
        original: OriginalSale { seq, receipt: receipt.to_owned(), hash: Some(hash) },
        already: merge(already),
        voided,
    }))
}

/// Head office's list of what came back from a sale, without this terminal's own returns
/// (this ledger knows those itself, including any head office has not received yet). A list
/// that does not read is an error: taken as empty, it would allow refunding goods twice.
fn returned_elsewhere(receipt: &str, returned: &str, terminal: &str) -> Result<Vec<Returned>, LedgerError> {
    let list: Vec<ReturnedLine> = serde_json::from_str(returned)
        .map_err(|source| refused(Refusal::ReturnedUnreadable { receipt: receipt.to_owned(), source }))?;
    Ok(list
        .iter()
        .filter(|r| r.terminal != terminal)
        .map(|r| Returned { line_no: r.line_no, quantity: Quantity::from_milli(r.quantity_milli) })
        .collect())
}

/// One entry per line.
fn merge(returned: Vec<Returned>) -> Vec<Returned> {
    let mut by_line: std::collections::BTreeMap<u32, i64> = std::collections::BTreeMap::new();
    for r in returned {
        *by_line.entry(r.line_no).or_default() += r.quantity.milli();
    }
    by_line.into_iter().map(|(line_no, q)| Returned { line_no, quantity: Quantity::from_milli(q) }).collect()
}

/// Keeps a sale fetched from head office, after checking that it is what it claims to be.
pub fn store_foreign_sale(conn: &Connection, receipt: &str, lookup: &SaleLookup) -> Result<(), LedgerError> {
    let d = &lookup.document;
    if hash_hex(d.canonical.as_bytes()) != d.hash {
        return Err(refused(Refusal::SentHash(receipt.trim().to_owned())));
    }
    let document: Document = serde_json::from_str(&d.canonical)
        .map_err(|source| refused(Refusal::SentUnreadable { receipt: receipt.trim().to_owned(), source }))?;
    if document.header.receipt_number != receipt.trim() || !matches!(document.body, Body::Sale(_)) {
        return Err(refused(Refusal::SentOther(receipt.trim().to_owned())));
    }
    let returned = serde_json::to_string(&lookup.returned)
        .map_err(|source| refused(Refusal::ReturnedUnkept { receipt: receipt.trim().to_owned(), source }))?;
    conn.prepare_cached(
        "INSERT INTO headoffice_sales (receipt, seq, hash, body, voided, returned, fetched_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (receipt) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, body = excluded.body,
             voided = excluded.voided, returned = excluded.returned, fetched_at = excluded.fetched_at",
    )?
    .execute(params![
        receipt.trim(),
        d.seq,
        d.hash,
        d.canonical,
        lookup.voided,
        returned,
        Utc::now().to_rfc3339()
    ])?;
    Ok(())
}
