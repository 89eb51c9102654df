//! The pure part of ingest: which documents of a batch are new, which head office already
//! holds, which must be refused, which make no sense and are set aside, and what each new one
//! means for sales figures and stock. The storage implementations only read what this needs
//! and write what it decides.
//!
//! A document that makes no sense ([`kasir_core::plausible`]) is not a broken chain: its hash
//! is right and it is in the terminal's ledger for good, so refusing it would hold back every
//! later sale of that terminal. It is taken into the chain and acknowledged, but set aside:
//! no sales figures, no stock movement, and its reason kept for a person to look at.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset, Utc};
use kasir_core::Quantity;
use kasir_core::chain::{ChainTip, ChainVerifier, Origin, hash_hex};
use kasir_core::document::{Body, Document};
use kasir_core::plausible::{self, Implausible};
use kasir_core::wire::SetAside;

use crate::storage::{Incoming, IngestOutcome, Refusal, RefusalKind};

/// The most documents kept in `rejected_documents` for one terminal. A faulty terminal, or
/// one replaying ever-new forgeries, must not fill head office's disk: past this, documents
/// set aside are only counted (`terminals.refused_not_kept`), and the terminal's status shows
/// both; refused ones past it are not counted, for a terminal retries the same refused
/// document at every push and nothing kept tells a retry from a new one.
pub const MAX_KEPT_ASIDE: i64 = 1_000;

/// The `kind` of a set-aside document in `rejected_documents` (PostgreSQL's `WRITE_BATCH`
/// names it too, counting set-aside documents past [`MAX_KEPT_ASIDE`]).
pub const IMPLAUSIBLE: &str = "implausible";

/// What to do with a batch.
#[derive(Debug)]
pub struct Plan {
    /// Indices into the batch of the documents to store, in chain order.
    pub accept: Vec<usize>,
    /// Of those, the ones set aside (index into the batch, and what the answer says of it).
    pub aside: Vec<(usize, SetAside)>,
    pub already_stored: u32,
    pub refusal: Option<(usize, Refusal)>,
    /// The terminal's chain tip after the accepted documents.
    pub tip: ChainTip,
    /// When the newest accepted document with a plausible time was made.
    newest: Option<DateTime<FixedOffset>>,
}

impl Plan {
    /// When the newest accepted document with a plausible time was made, in canonical form:
    /// the next batch's documents are judged against it, so one document dated years ahead
    /// does not make every later one look too early.
    pub fn newest(&self, _batch: &[Incoming]) -> Option<String> {
        self.newest.as_ref().map(kasir_core::document::canonical_time::format)
    }

    /// Whether the accepted document at `index` of the batch counts in sales figures and
    /// stock (it is not set aside).
    pub fn counts(&self, index: usize) -> bool {
        !self.aside.iter().any(|(i, _)| *i == index)
    }

    /// What the ingest did, once the plan is written.
    pub fn outcome(self) -> IngestOutcome {
        IngestOutcome {
            acknowledged: self.tip.seq,
            stored: self.accept.len() as u32,
            already_stored: self.already_stored,
            refusal: self.refusal.map(|(_, r)| r),
            set_aside: self.aside.into_iter().map(|(_, s)| s).collect(),
        }
    }
}

/// What head office knows besides the batch, to judge whether its documents make sense.
#[derive(Clone, Debug)]
pub struct Sense {
    /// When the terminal's newest stored document with a plausible time was made.
    pub previous: Option<DateTime<FixedOffset>>,
    /// Head office's clock.
    pub now: DateTime<Utc>,
    /// The store's documents the batch's voids and returns refer to, by receipt number, as
    /// far as head office holds them ([`referred_receipts`] says which to look up).
    pub referred: HashMap<String, Referred>,
}

impl Sense {
    /// Nothing held yet: a terminal's first batch.
    pub fn new(now: DateTime<Utc>) -> Sense {
        Sense { previous: None, now, referred: HashMap::new() }
    }
}

/// A stored document a void or a return refers to.
#[derive(Clone, Debug)]
pub struct Referred {
    /// The document as stored, set aside or not (a void of a set-aside sale is right, and
    /// takes away nothing: that sale has no figures to take).
    pub document: Document,
    /// A void of it that counted is stored.
    pub voided: bool,
    /// It was set aside: a return of it is set aside too, for its goods never counted as sold.
    pub set_aside: bool,
}

/// The receipts the batch's voids and returns refer to: storage looks them up for [`Sense`].
pub fn referred_receipts(batch: &[Incoming]) -> Vec<String> {
    let mut out: Vec<String> = batch.iter().filter_map(|i| refers_to(&i.document)).collect();
    out.sort();
    out.dedup();
    out
}

/// Parses `last_document_at` as stored (canonical time); text that does not parse counts as
/// no previous document rather than blocking the terminal.
pub fn previous_time(stored: Option<&str>) -> Option<DateTime<FixedOffset>> {
    stored.and_then(|t| DateTime::parse_from_rfc3339(t).ok())
}

/// Sequences of the batch at or below the stored tip: their hashes must be looked up.
pub fn held_sequences(tip: &ChainTip, batch: &[Incoming]) -> Vec<u64> {
    batch.iter().map(|i| i.pushed.seq).filter(|&s| s <= tip.seq).collect()
}

/// Plans a batch against the stored tip, the stored hashes of `held_sequences`, and what
/// head office knows to judge the new documents.
pub fn plan(
    origin: &Origin,
    tip: ChainTip,
    batch: &[Incoming],
    held: &HashMap<u64, String>,
    sense: &Sense,
) -> Plan {
    let mut verifier = ChainVerifier::resume(Some(origin.clone()), tip);
    let mut accept = Vec::new();
    let mut judge = Judge::new(sense);
    let mut already_stored = 0;
    let mut refusal = None;
    for (i, incoming) in batch.iter().enumerate() {
        let doc = &incoming.pushed;
        let next = verifier.tip().seq + 1;
        if doc.seq < next {
            let honest = hash_hex(doc.canonical.as_bytes()) == doc.hash;
            match held.get(&doc.seq) {
                Some(h) if *h == doc.hash && honest => already_stored += 1,
                _ => {
                    let receipt = &incoming.document.header.receipt_number;
                    let reason = format!(
                        "document {} ({receipt}) differs from the one head office already holds under \
                         that sequence: is this terminal a copy, or restored from an old backup? \
                         It was kept aside and nothing after it was taken",
                        doc.seq
                    );
                    refusal = Some((i, Refusal { seq: doc.seq, kind: RefusalKind::Conflict, reason }));
                    break;
                }
            }
        } else if doc.seq == next {
            match verifier.check(doc.canonical.as_bytes(), &doc.hash, doc.seq) {
                Ok(_) => {
                    accept.push(i);
                    judge.document(i, &incoming.document);
                }
                Err(e) => {
                    let reason = format!("{e}; it was kept aside and nothing after it was taken");
                    refusal = Some((i, Refusal { seq: doc.seq, kind: RefusalKind::BrokenChain, reason }));
                    break;
                }
            }
        } else {
            // A gap: the acknowledgement tells the terminal where to resume.
            break;
        }
    }
    Plan {
        accept,
        aside: judge.aside,
        already_stored,
        refusal,
        tip: verifier.tip().clone(),
        newest: judge.previous,
    }
}

/// Judges the accepted documents of a batch in chain order, remembering what the earlier ones
/// of the batch were (a void may follow its sale in the same batch).
struct Judge<'s> {
    sense: &'s Sense,
    previous: Option<DateTime<FixedOffset>>,
    /// The accepted documents of this batch so far, whether each was set aside, and their
    /// places by receipt number.
    docs: Vec<(Document, bool)>,
    here: HashMap<String, usize>,
    /// Receipts voided by a void of this batch that counted.
    voided_here: HashSet<String>,
    aside: Vec<(usize, SetAside)>,
}

impl<'s> Judge<'s> {
    fn new(sense: &'s Sense) -> Judge<'s> {
        Judge {
            sense,
            previous: sense.previous,
            docs: Vec::new(),
            here: HashMap::new(),
            voided_here: HashSet::new(),
            aside: Vec::new(),
        }
    }

    fn document(&mut self, index: usize, doc: &Document) {
        let verdict = self.verdict(doc);
        let h = &doc.header;
        if let Err(problem) = &verdict {
            // The reason may quote the terminal's own text (a SKU): stored as derived text.
            let reason = crate::text::storable(&plausible::describe(doc, problem)).into_owned();
            self.aside.push((index, SetAside { seq: h.seq, receipt: h.receipt_number.clone(), reason }));
        }
        if !matches!(verdict, Err(Implausible::TooEarly { .. } | Implausible::TooLate { .. })) {
            self.previous = Some(h.created_at);
        }
        if verdict.is_ok()
            && let Body::Void(v) = &doc.body
        {
            self.voided_here.insert(v.voided_receipt.clone());
        }
        self.here.insert(h.receipt_number.clone(), self.docs.len());
        self.docs.push((doc.clone(), verdict.is_err()));
    }

    fn verdict(&self, doc: &Document) -> Result<(), Implausible> {
        let h = &doc.header;
        plausible::check_time(h.created_at, self.previous, self.sense.now)?;
        plausible::check_document(doc)?;
        match &doc.body {
            Body::Void(v) => {
                let (voided, voided_before, _) = self.lookup(&v.voided_receipt);
                plausible::check_void(h, v, voided, voided_before)
            }
            Body::Return(r) => match &r.original {
                Some(o) => {
                    let (original, _, set_aside) = self.lookup(&o.receipt);
                    plausible::check_return_original(h, r, original, set_aside)
                }
                None => Ok(()),
            },
            _ => Ok(()),
        }
    }

    /// A referred document, from this batch or as head office holds it, whether a void that
    /// counted refers to it already, and whether it was set aside.
    fn lookup(&self, receipt: &str) -> (Option<&Document>, bool, bool) {
        let voided_here = self.voided_here.contains(receipt);
        if let Some(&i) = self.here.get(receipt) {
            let (doc, set_aside) = &self.docs[i];
            return (Some(doc), voided_here, *set_aside);
        }
        match self.sense.referred.get(receipt) {
            Some(r) => (Some(&r.document), r.voided || voided_here, r.set_aside),
            None => (None, voided_here, false),
        }
    }
}

/// A line of sales figures: positive for a sale, negative for a return or a void.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactLine {
    pub line_no: u32,
    pub sku: String,
    pub name: String,
    pub quantity_milli: i64,
    pub net: i64,
    pub tax: i64,
    pub gross: i64,
}

impl FactLine {
    fn negated(&self) -> FactLine {
        FactLine {
            quantity_milli: -self.quantity_milli,
            net: -self.net,
            tax: -self.tax,
            gross: -self.gross,
            ..self.clone()
        }
    }

    /// The stock this line moves: goods sold leave the shelf, goods returned come back.
    pub fn stock_movement(&self) -> i64 {
        -self.quantity_milli
    }
}

/// The receipt a void or a return refers to.
pub fn refers_to(doc: &Document) -> Option<String> {
    match &doc.body {
        Body::Void(v) => Some(v.voided_receipt.clone()),
        Body::Return(r) => r.original.as_ref().map(|o| o.receipt.clone()),
        _ => None,
    }
}

/// What a return document took back, by the sale's line: (line, quantity in thousandths).
pub fn returned_lines(doc: &Document) -> Vec<(u32, i64)> {
    match &doc.body {
        Body::Return(r) => {
            r.lines.iter().filter_map(|l| Some((l.original_line_no?, l.quantity.milli()))).collect()
        }
        _ => Vec::new(),
    }
}

/// Assembles a lookup from the stored sale and the returns and voids that refer to it.
pub fn sale_lookup(
    document: kasir_core::wire::PushedDocument,
    referring: &[(String, String, String)],
) -> kasir_core::wire::SaleLookup {
    let mut voided = false;
    let mut returned = Vec::new();
    for (terminal, kind, canonical) in referring {
        match kind.as_str() {
            "void" => voided = true,
            "return" => {
                if let Ok(doc) = serde_json::from_str::<Document>(canonical) {
                    for (line_no, quantity_milli) in returned_lines(&doc) {
                        returned.push(kasir_core::wire::ReturnedLine {
                            terminal: terminal.clone(),
                            seq: doc.header.seq,
                            line_no,
                            quantity_milli,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    kasir_core::wire::SaleLookup { document, voided, returned }
}

/// The sale a void cancels, when the document is a void.
pub fn voided_seq(doc: &Document) -> Option<u64> {
    match &doc.body {
        Body::Void(v) => Some(v.voided_seq),
        _ => None,
    }
}

/// The figures a document adds; `voided` holds the voided sale's lines for a void.
pub fn fact_lines(doc: &Document, voided: &[FactLine]) -> Vec<FactLine> {
    match &doc.body {
        Body::Sale(s) => s
            .lines
            .iter()
            .map(|l| fact(l.line_no, &l.sku, &l.name, l.quantity, [l.net, l.tax, l.gross]))
            .collect(),
        Body::Return(r) => r
            .lines
            .iter()
            .map(|l| fact(l.line_no, &l.sku, &l.name, l.quantity, [l.net, l.tax, l.gross]).negated())
            .collect(),
        Body::Void(_) => voided.iter().map(FactLine::negated).collect(),
        _ => Vec::new(),
    }
}

/// A sale's or a return's line as figures (the two line types share these fields).
fn fact(line_no: u32, sku: &str, name: &str, quantity: Quantity, [net, tax, gross]: [i64; 3]) -> FactLine {
    FactLine {
        line_no,
        sku: sku.to_owned(),
        name: name.to_owned(),
        quantity_milli: quantity.milli(),
        net,
        tax,
        gross,
    }
}

/// The business day and hour of a document: the terminal's own local date and hour.
pub fn day_and_hour(doc: &Document) -> (String, u32) {
    use chrono::Timelike;
    let t = doc.header.created_at;
    (t.date_naive().to_string(), t.hour())
}

/// Sums movements by product, so each product's stock row is written once per batch.
pub fn stock_deltas<'a>(lines: impl Iterator<Item = &'a FactLine>) -> Vec<(String, i64)> {
    let mut by_sku: HashMap<&str, i64> = HashMap::new();
    for l in lines {
        *by_sku.entry(&l.sku).or_default() += l.stock_movement();
    }
    let mut out: Vec<(String, i64)> = by_sku.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    // A fixed order, so two writers lock rows in the same order.
    out.sort();
    out
}

#[cfg(test)]
#[path = "ingest_tests.rs"]
mod tests;
