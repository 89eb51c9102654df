//! What SQLite reads for [`crate::ingest::Sense`], and how it keeps refused and set-aside
//! documents within [`MAX_KEPT_ASIDE`] per terminal (past it, set-aside ones are counted).

use super::*;
use crate::ingest::{IMPLAUSIBLE, MAX_KEPT_ASIDE, Plan, Sense, previous_time, referred_receipts};

/// What head office knows to judge a batch of `origin`'s documents.
pub(super) fn sense(tx: &Connection, origin: &Origin, batch: &[Incoming]) -> Result<Sense, StorageError> {
    let mut sense = Sense::new(Utc::now());
    let last =
        first(&mut prepared(tx, rows::LAST_DOCUMENT_AT)?, params![origin.store, origin.terminal], |r| {
            rows::Row::get::<Option<String>>(r, 0)
        })?;
    sense.previous = previous_time(last.flatten().as_deref());
    let mut st = prepared(tx, rows::REFERRED)?;
    for receipt in referred_receipts(batch) {
        if let Some(r) = first(&mut st, params![origin.store, receipt], rows::referred)?.flatten() {
            sense.referred.insert(receipt, r);
        }
    }
    Ok(sense)
}

/// Marks the plan's set-aside documents and keeps them, and a refused one, for a person to
/// look at. `received` is the batch's arrival time.
pub(super) fn keep_aside(
    tx: &Connection,
    origin: &Origin,
    batch: &[Incoming],
    plan: &Plan,
    received: &str,
) -> Result<(), StorageError> {
    let mut kept = Vec::new();
    for (i, aside) in &plan.aside {
        tx.execute(&sql(rows::MARK_SET_ASIDE), params![origin.store, origin.terminal, aside.seq])?;
        kept.push((&batch[*i].pushed, IMPLAUSIBLE, aside.reason.as_str()));
    }
    if let Some((i, r)) = &plan.refusal {
        kept.push((&batch[*i].pushed, r.kind.code(), r.reason.as_str()));
    }
    for (p, kind, reason) in kept {
        let inserted = tx.execute(
            "INSERT INTO rejected_documents (store, terminal, seq, hash, kind, reason, canonical, received_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
             WHERE (SELECT COUNT(*) FROM rejected_documents WHERE store = ?1 AND terminal = ?2) < ?9
             ON CONFLICT DO NOTHING",
            params![
                origin.store,
                origin.terminal,
                p.seq,
                p.hash,
                kind,
                crate::text::storable(reason),
                p.canonical,
                received,
                MAX_KEPT_ASIDE
            ],
        )?;
        let held: bool = tx.query_row(
            &sql(rows::KEPT_ALREADY),
            params![origin.store, origin.terminal, p.seq, p.hash],
            |r| r.get(0),
        )?;
        // Only a document set aside is counted: it is new to the chain, so it comes once. A
        // refused one comes again at every retry, and head office keeps nothing past the limit
        // to tell a retry from a new forgery, so counting it would count the same document
        // over and over.
        if inserted == 0 && !held && kind == IMPLAUSIBLE {
            tx.execute(&sql(rows::COUNT_NOT_KEPT), params![origin.store, origin.terminal])?;
        }
    }
    Ok(())
}
