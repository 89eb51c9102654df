//! What PostgreSQL reads for [`crate::ingest::Sense`], and the columns of the documents a
//! batch keeps in `rejected_documents` (its set-aside ones and a refused one), which the
//! batch's one statement writes within [`MAX_KEPT_ASIDE`] per terminal.

use super::*;
use crate::ingest::{IMPLAUSIBLE, Plan, Sense, previous_time, referred_receipts};

pub(super) use crate::ingest::MAX_KEPT_ASIDE;

/// What head office knows to judge a batch of `origin`'s documents, given when the terminal's
/// newest stored document was made (read with its tip). Read outside the batch's write: what
/// it reads of this terminal moves only with its tip, which the write checks.
pub(super) async fn sense(
    client: &impl GenericClient,
    origin: &Origin,
    batch: &[Incoming],
    last_document_at: Option<&str>,
) -> Result<Sense, StorageError> {
    let store = &origin.store;
    let mut sense = Sense::new(Utc::now());
    sense.previous = previous_time(last_document_at);
    for receipt in referred_receipts(batch) {
        if let Some(r) = first(client, rows::REFERRED, &[store, &receipt], rows::referred).await?.flatten() {
            sense.referred.insert(receipt, r);
        }
    }
    Ok(sense)
}

/// The documents a batch keeps for a person to look at, column by column.
#[derive(Default)]
pub(super) struct Kept<'a> {
    pub seq: Vec<i64>,
    pub hash: Vec<&'a str>,
    pub kind: Vec<&'a str>,
    pub reason: Vec<String>,
    pub canonical: Vec<&'a str>,
}

impl<'a> Kept<'a> {
    /// The plan's set-aside documents, then its refused one.
    pub fn of(batch: &'a [Incoming], plan: &'a Plan) -> Kept<'a> {
        let mut k = Kept::default();
        let set_aside = plan.aside.iter().map(|(i, a)| (*i, IMPLAUSIBLE, a.reason.as_str()));
        let refused = plan.refusal.iter().map(|(i, r)| (*i, r.kind.code(), r.reason.as_str()));
        for (i, kind, reason) in set_aside.chain(refused) {
            let p = &batch[i].pushed;
            k.seq.push(to_i64(p.seq));
            k.hash.push(&p.hash);
            k.kind.push(kind);
            // Reasons may quote the terminal's own text: stored as derived text.
            k.reason.push(crate::text::storable(reason).into_owned());
            k.canonical.push(&p.canonical);
        }
        k
    }
}
