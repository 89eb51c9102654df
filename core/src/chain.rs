//! Canonical encoding, hashing and verification of the document chain.
//!
//! The canonical encoding of a document is its compact JSON as `serde_json` writes the
//! types in [`crate::document`]: fields in declaration order, integers for money, strings for
//! quantities and times, no floats and no maps, so the same document always gives the same
//! bytes. A document's hash is the SHA-256 of those bytes; the header carries the previous
//! document's hash and the running grand total, so changing any committed document, or
//! removing or reordering one, breaks every hash after it.

use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::document::{Body, Document, Header, canonical_time, receipt_number};

/// The `prev_hash` of a terminal's first document.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The end of a chain: what the next document links to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainTip {
    /// Sequence of the last document (0 before the first).
    pub seq: u64,
    pub hash: String,
    pub grand_total: i64,
}

impl ChainTip {
    pub fn genesis() -> ChainTip {
        ChainTip { seq: 0, hash: GENESIS_HASH.to_owned(), grand_total: 0 }
    }
}

/// A document with its canonical bytes and hash, ready to store or send.
#[derive(Clone, Debug)]
pub struct Sealed {
    pub document: Document,
    pub canonical: Vec<u8>,
    pub hash: String,
}

pub fn canonical_bytes(doc: &Document) -> Vec<u8> {
    serde_json::to_vec(doc).expect("documents always serialise")
}

pub fn hash_hex(canonical: &[u8]) -> String {
    hex::encode(Sha256::digest(canonical))
}

/// Identity of the terminal that seals documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub store: String,
    pub terminal: String,
}

/// Makes the next document of a chain.
pub fn seal(
    tip: &ChainTip,
    origin: &Origin,
    created_at: DateTime<FixedOffset>,
    user: &str,
    body: Body,
) -> Sealed {
    let seq = tip.seq + 1;
    let header = Header {
        store: origin.store.clone(),
        terminal: origin.terminal.clone(),
        seq,
        receipt_number: receipt_number(&origin.store, &origin.terminal, seq),
        created_at: canonical_time::truncate(created_at),
        user: user.to_owned(),
        prev_hash: tip.hash.clone(),
        grand_total: tip.grand_total.wrapping_add(body.grand_total_delta()),
    };
    let document = Document { header, body };
    let canonical = canonical_bytes(&document);
    let hash = hash_hex(&canonical);
    Sealed { document, canonical, hash }
}

/// What is wrong with a document in a chain.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ChainProblem {
    #[error("its content cannot be read: {0}")]
    Unreadable(String),
    #[error("its stored content is not in canonical form")]
    NotCanonical,
    #[error("its content hashes to {computed}, but {stored} is recorded")]
    HashMismatch { stored: String, computed: String },
    #[error("it links to {found} instead of the previous document's hash {expected}")]
    BrokenLink { expected: String, found: String },
    #[error("sequence {found} follows {previous}: a gap or a repeat")]
    SequenceGap { previous: u64, found: u64 },
    #[error("grand total {found} should be {expected}")]
    GrandTotal { expected: i64, found: i64 },
    #[error("it belongs to {found}, not {expected}")]
    WrongOrigin { expected: String, found: String },
    #[error("receipt number {found} should be {expected}")]
    ReceiptNumber { expected: String, found: String },
}

/// A chain failure, naming the document.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("document {seq} ({receipt}): {problem}")]
pub struct ChainError {
    pub seq: u64,
    pub receipt: String,
    pub problem: ChainProblem,
}

/// Walks a chain document by document, from genesis or from a known tip.
#[derive(Clone, Debug)]
pub struct ChainVerifier {
    origin: Option<Origin>,
    tip: ChainTip,
}

impl ChainVerifier {
    pub fn new(origin: Option<Origin>) -> ChainVerifier {
        ChainVerifier { origin, tip: ChainTip::genesis() }
    }

    pub fn resume(origin: Option<Origin>, tip: ChainTip) -> ChainVerifier {
        ChainVerifier { origin, tip }
    }

    pub fn tip(&self) -> &ChainTip {
        &self.tip
    }

    /// Checks the next document given as its stored bytes and stored hash; on success the
    /// verifier moves on to it and returns it parsed.
    pub fn check(&mut self, stored: &[u8], stored_hash: &str, seq_hint: u64) -> Result<Document, ChainError> {
        let fail =
            |seq: u64, receipt: &str, problem| ChainError { seq, receipt: receipt.to_owned(), problem };
        let doc: Document = serde_json::from_slice(stored)
            .map_err(|e| fail(seq_hint, "?", ChainProblem::Unreadable(e.to_string())))?;
        let h = &doc.header;
        let err = |problem| fail(h.seq, &h.receipt_number, problem);
        if canonical_bytes(&doc) != stored {
            return Err(err(ChainProblem::NotCanonical));
        }
        let computed = hash_hex(stored);
        if computed != stored_hash {
            return Err(err(ChainProblem::HashMismatch { stored: stored_hash.to_owned(), computed }));
        }
        if h.seq != self.tip.seq + 1 {
            return Err(err(ChainProblem::SequenceGap { previous: self.tip.seq, found: h.seq }));
        }
        if h.prev_hash != self.tip.hash {
            return Err(err(ChainProblem::BrokenLink {
                expected: self.tip.hash.clone(),
                found: h.prev_hash.clone(),
            }));
        }
        if let Some(o) = &self.origin
            && (o.store != h.store || o.terminal != h.terminal)
        {
            return Err(err(ChainProblem::WrongOrigin {
                expected: format!("{}-{}", o.store, o.terminal),
                found: format!("{}-{}", h.store, h.terminal),
            }));
        }
        let expected_receipt = receipt_number(&h.store, &h.terminal, h.seq);
        if h.receipt_number != expected_receipt {
            return Err(err(ChainProblem::ReceiptNumber {
                expected: expected_receipt,
                found: h.receipt_number.clone(),
            }));
        }
        // Wrapping, as `seal` adds: a total no shop can reach (head office sets such a
        // document aside) must still link, not panic or break the chain.
        let expected_gt = self.tip.grand_total.wrapping_add(doc.body.grand_total_delta());
        if h.grand_total != expected_gt {
            return Err(err(ChainProblem::GrandTotal { expected: expected_gt, found: h.grand_total }));
        }
        self.tip = ChainTip { seq: h.seq, hash: computed, grand_total: h.grand_total };
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{CashMovementBody, NoSaleBody};

    fn origin() -> Origin {
        Origin { store: "S01".into(), terminal: "T01".into() }
    }

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-22T10:15:30.123456+07:00").unwrap()
    }

    fn chain(n: usize) -> Vec<Sealed> {
        let mut tip = ChainTip::genesis();
        (0..n)
            .map(|i| {
                let body = Body::CashIn(CashMovementBody {
                    amount: 1000 * i as i64,
                    reason: "float".into(),
                    approver: None,
                });
                let s = seal(&tip, &origin(), now(), "M01", body);
                tip = ChainTip {
                    seq: s.document.header.seq,
                    hash: s.hash.clone(),
                    grand_total: s.document.header.grand_total,
                };
                s
            })
            .collect()
    }

    #[test]
    fn a_sealed_chain_verifies() {
        let docs = chain(5);
        let mut v = ChainVerifier::new(Some(origin()));
        for d in &docs {
            v.check(&d.canonical, &d.hash, 0).unwrap();
        }
        assert_eq!(v.tip().seq, 5);
        assert_eq!(docs[2].document.header.receipt_number, "S01-T01-000003");
    }

    #[test]
    fn time_is_canonical_to_the_millisecond() {
        let d = &chain(1)[0];
        let text = String::from_utf8(d.canonical.clone()).unwrap();
        assert!(text.contains("\"created_at\":\"2026-11-22T10:15:30.123+07:00\""), "{text}");
    }

    #[test]
    fn tampering_is_named() {
        let docs = chain(3);
        let mut v = ChainVerifier::new(None);
        v.check(&docs[0].canonical, &docs[0].hash, 1).unwrap();
        let tampered = String::from_utf8(docs[1].canonical.clone()).unwrap().replace("1000", "9000");
        let e = v.check(tampered.as_bytes(), &docs[1].hash, 2).unwrap_err();
        assert_eq!(e.seq, 2);
        assert!(matches!(e.problem, ChainProblem::HashMismatch { .. }));
        assert!(e.to_string().starts_with("document 2 (S01-T01-000002)"));
    }

    #[test]
    fn a_removed_document_is_a_gap() {
        let docs = chain(3);
        let mut v = ChainVerifier::new(None);
        v.check(&docs[0].canonical, &docs[0].hash, 1).unwrap();
        let e = v.check(&docs[2].canonical, &docs[2].hash, 3).unwrap_err();
        assert_eq!(e.problem, ChainProblem::SequenceGap { previous: 1, found: 3 });
    }

    #[test]
    fn a_rehashed_forgery_breaks_the_link() {
        // Someone edits document 2 and recomputes its hash: document 3 no longer links to it.
        let docs = chain(3);
        let mut forged = docs[1].document.clone();
        forged.body = Body::NoSale(NoSaleBody { reason: "x".into(), approver: "M01".into(), drawer: None });
        let bytes = canonical_bytes(&forged);
        let hash = hash_hex(&bytes);
        let mut v = ChainVerifier::new(None);
        v.check(&docs[0].canonical, &docs[0].hash, 1).unwrap();
        v.check(&bytes, &hash, 2).unwrap();
        let e = v.check(&docs[2].canonical, &docs[2].hash, 3).unwrap_err();
        assert!(matches!(e.problem, ChainProblem::BrokenLink { .. }));
    }

    #[test]
    fn non_canonical_spelling_is_refused() {
        let d = &chain(1)[0];
        let pretty = serde_json::to_vec_pretty(&d.document).unwrap();
        let e = ChainVerifier::new(None).check(&pretty, &hash_hex(&pretty), 1).unwrap_err();
        assert_eq!(e.problem, ChainProblem::NotCanonical);
    }
}
