//! The pure part of ingest: which documents of a batch are new, which head office already
//! holds, which must be refused, and what each new one means for sales figures and stock.
//! The storage implementations only read what this needs and write what it decides.

use std::collections::HashMap;

use kasir_core::Quantity;
use kasir_core::chain::{ChainTip, ChainVerifier, Origin, hash_hex};
use kasir_core::document::{Body, Document};

use crate::storage::{Incoming, IngestOutcome, Refusal, RefusalKind};

/// What to do with a batch.
#[derive(Debug)]
pub struct Plan {
    /// Indices into the batch of the documents to store, in chain order.
    pub accept: Vec<usize>,
    pub already_stored: u32,
    pub refusal: Option<(usize, Refusal)>,
    /// The terminal's chain tip after the accepted documents.
    pub tip: ChainTip,
}

impl Plan {
    /// When the newest accepted document was made, in canonical form, if any was accepted.
    pub fn newest(&self, batch: &[Incoming]) -> Option<String> {
        self.accept
            .last()
            .map(|&i| kasir_core::document::canonical_time::format(&batch[i].document.header.created_at))
    }

    /// What the ingest did, once the plan is written.
    pub fn outcome(self) -> IngestOutcome {
        IngestOutcome {
            acknowledged: self.tip.seq,
            stored: self.accept.len() as u32,
            already_stored: self.already_stored,
            refusal: self.refusal.map(|(_, r)| r),
        }
    }
}

/// Sequences of the batch at or below the stored tip: their hashes must be looked up.
pub fn held_sequences(tip: &ChainTip, batch: &[Incoming]) -> Vec<u64> {
    batch.iter().map(|i| i.pushed.seq).filter(|&s| s <= tip.seq).collect()
}

/// Plans a batch against the stored tip and the stored hashes of `held_sequences`.
pub fn plan(origin: &Origin, tip: ChainTip, batch: &[Incoming], held: &HashMap<u64, String>) -> Plan {
    let mut verifier = ChainVerifier::resume(Some(origin.clone()), tip);
    let mut accept = Vec::new();
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
                Ok(_) => accept.push(i),
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
    Plan { accept, already_stored, refusal, tip: verifier.tip().clone() }
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
mod tests {
    use super::*;
    use kasir_core::chain::seal;
    use kasir_core::document::{CashMovementBody, NoSaleBody};
    use kasir_core::wire::PushedDocument;

    fn origin() -> Origin {
        Origin { store: "S01".into(), terminal: "T01".into() }
    }

    fn chain(n: u64) -> Vec<Incoming> {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+07:00").unwrap();
        let mut tip = ChainTip::genesis();
        (0..n)
            .map(|i| {
                let body = Body::CashIn(CashMovementBody {
                    amount: 1000 + i as i64,
                    reason: "x".into(),
                    approver: None,
                });
                let s = seal(&tip, &origin(), now, "M01", body);
                tip = ChainTip { seq: s.document.header.seq, hash: s.hash.clone(), grand_total: 0 };
                Incoming {
                    pushed: PushedDocument {
                        seq: s.document.header.seq,
                        hash: s.hash,
                        canonical: String::from_utf8(s.canonical).unwrap(),
                    },
                    document: s.document,
                }
            })
            .collect()
    }

    fn tip_of(i: &Incoming) -> ChainTip {
        ChainTip { seq: i.pushed.seq, hash: i.pushed.hash.clone(), grand_total: 0 }
    }

    #[test]
    fn a_resent_batch_is_recognised_and_the_new_part_taken() {
        let docs = chain(5);
        let held: HashMap<u64, String> =
            docs[..3].iter().map(|d| (d.pushed.seq, d.pushed.hash.clone())).collect();
        let p = plan(&origin(), tip_of(&docs[2]), &docs, &held);
        assert_eq!(p.already_stored, 3);
        assert_eq!(p.accept, vec![3, 4]);
        assert_eq!(p.tip.seq, 5);
        assert!(p.refusal.is_none());
    }

    #[test]
    fn another_document_under_a_used_sequence_is_a_conflict() {
        let docs = chain(3);
        let mut held: HashMap<u64, String> =
            docs.iter().map(|d| (d.pushed.seq, d.pushed.hash.clone())).collect();
        held.insert(2, "f".repeat(64));
        let p = plan(&origin(), tip_of(&docs[2]), &docs, &held);
        let (i, r) = p.refusal.unwrap();
        assert_eq!((i, r.seq, r.kind), (1, 2, RefusalKind::Conflict));
        assert!(r.reason.contains("S01-T01-000002"), "{}", r.reason);
        assert_eq!(p.already_stored, 1);
    }

    #[test]
    fn a_broken_link_is_refused_and_stops_the_batch() {
        let mut docs = chain(3);
        // A document 2 sealed on another chain: its own hash is right, but it links to a
        // document 1 head office never saw, so only the link check can catch it.
        let elsewhere = ChainTip { seq: 1, hash: "ab".repeat(32), grand_total: 0 };
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+07:00").unwrap();
        let body = Body::NoSale(NoSaleBody { reason: "x".into(), approver: "M01".into(), drawer: None });
        let s = seal(&elsewhere, &origin(), now, "M01", body);
        docs[1] = Incoming {
            pushed: PushedDocument {
                seq: 2,
                hash: s.hash,
                canonical: String::from_utf8(s.canonical).unwrap(),
            },
            document: s.document,
        };
        let p = plan(&origin(), ChainTip::genesis(), &docs, &HashMap::new());
        assert_eq!(p.accept, vec![0]);
        let (_, r) = p.refusal.unwrap();
        assert_eq!(r.kind, RefusalKind::BrokenChain);
        assert!(r.reason.contains("links to abab"), "{}", r.reason);
    }

    #[test]
    fn a_gap_stops_without_refusing() {
        let docs = chain(4);
        let batch = vec![docs[0].clone(), docs[2].clone(), docs[3].clone()];
        let p = plan(&origin(), ChainTip::genesis(), &batch, &HashMap::new());
        assert_eq!(p.accept, vec![0]);
        assert!(p.refusal.is_none());
        assert_eq!(p.tip.seq, 1);
    }

    #[test]
    fn another_terminals_document_breaks_the_chain() {
        let docs = chain(1);
        let other = Origin { store: "S01".into(), terminal: "T09".into() };
        let p = plan(&other, ChainTip::genesis(), &docs, &HashMap::new());
        assert_eq!(p.refusal.unwrap().1.kind, RefusalKind::BrokenChain);
    }

    #[test]
    fn stock_moves_against_sales_and_with_returns() {
        let sold = FactLine {
            line_no: 1,
            sku: "A".into(),
            name: "A".into(),
            quantity_milli: 3000,
            net: 1,
            tax: 0,
            gross: 1,
        };
        let returned = sold.negated();
        let d = stock_deltas([sold.clone(), sold, returned].iter());
        assert_eq!(d, vec![("A".to_owned(), -3000)]);
    }
}
