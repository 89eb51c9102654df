//! Text that head office derives from a terminal's document, made storable.
//!
//! A document is kept exactly as the terminal sealed it: its canonical JSON escapes every
//! control character (a NUL is `\u0000`), so it stores anywhere and its hash never changes.
//! The columns head office derives from it for reports and lookups (line names and SKUs, the
//! cashier, the receipts it refers to) are plain text, and PostgreSQL cannot hold a NUL in
//! text at all. A sealed document is a fact that cannot be refused once it is in a ledger, so
//! in derived text each control character is replaced by U+FFFD (�) instead: the same on both
//! storages, and never in the canonical text.

use std::borrow::Cow;

use kasir_core::document::{Body, Document};

/// `text` with each control character replaced by U+FFFD; borrowed when it has none.
pub fn storable(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        Cow::Owned(
            text.chars().map(|c| if c.is_control() { char::REPLACEMENT_CHARACTER } else { c }).collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

fn clean(text: &mut String) {
    if let Cow::Owned(s) = storable(text) {
        *text = s;
    }
}

/// Cleans, in a parsed document, every text head office derives a column or a message from:
/// the header's user, receipt number and previous hash, the lines' SKUs and names, and the
/// receipts a void or a return refers to. The canonical text it was parsed from is untouched.
pub fn storable_document(doc: &mut Document) {
    let h = &mut doc.header;
    for text in [&mut h.user, &mut h.receipt_number, &mut h.prev_hash] {
        clean(text);
    }
    match &mut doc.body {
        Body::Sale(s) => s.lines.iter_mut().for_each(|l| {
            clean(&mut l.sku);
            clean(&mut l.name);
        }),
        Body::Return(r) => {
            r.lines.iter_mut().for_each(|l| {
                clean(&mut l.sku);
                clean(&mut l.name);
            });
            if let Some(o) = &mut r.original {
                clean(&mut o.receipt);
            }
        }
        Body::Void(v) => clean(&mut v.voided_receipt),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_the_replacement_character_and_the_rest_stays() {
        assert_eq!(storable("Kopi\0Susu\u{1b}[2J\n"), "Kopi\u{fffd}Susu\u{fffd}[2J\u{fffd}");
        assert!(matches!(storable("Teh Manis – 250 ml"), Cow::Borrowed(_)));
    }
}
