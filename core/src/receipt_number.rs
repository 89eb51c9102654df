//! Receipt numbers: store, terminal and the terminal's gapless sequence, `S01-T02-000123`.
//! The one place they are written and read (a scanned receipt barcode, a number typed at the
//! returns screen, a lookup at head office).

use std::fmt;
use std::str::FromStr;

/// A receipt number, as printed on the receipt and carried by its barcode.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReceiptNumber {
    pub store: String,
    pub terminal: String,
    pub seq: u64,
}

impl ReceiptNumber {
    pub fn new(store: &str, terminal: &str, seq: u64) -> ReceiptNumber {
        ReceiptNumber { store: store.to_owned(), terminal: terminal.to_owned(), seq }
    }

    /// Reads a receipt number as Kasir writes it (surrounding spaces aside): two codes of 1–8
    /// letters or digits and a sequence of at least six digits, zero-padded to six. Anything
    /// else, including the same number written another way (`S01-T01-12`), is `None`, so a
    /// number that reads back is always the one printed.
    pub fn parse(text: &str) -> Option<ReceiptNumber> {
        let mut parts = text.trim().split('-');
        let (store, terminal, seq) = (parts.next()?, parts.next()?, parts.next()?);
        let code = |c: &str| !c.is_empty() && c.len() <= 8 && c.chars().all(|ch| ch.is_ascii_alphanumeric());
        if parts.next().is_some() || !code(store) || !code(terminal) {
            return None;
        }
        if seq.len() < 6 || !seq.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let number = ReceiptNumber::new(store, terminal, seq.parse().ok()?);
        (number.to_string() == text.trim()).then_some(number)
    }

    /// Whether this receipt was made at terminal `store`-`terminal`.
    pub fn made_at(&self, store: &str, terminal: &str) -> bool {
        self.store == store && self.terminal == terminal
    }
}

impl fmt::Display for ReceiptNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{:06}", self.store, self.terminal, self.seq)
    }
}

/// Why a text is not a receipt number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a receipt number like S01-T01-000123")]
pub struct NotAReceiptNumber(pub String);

impl FromStr for ReceiptNumber {
    type Err = NotAReceiptNumber;

    fn from_str(text: &str) -> Result<ReceiptNumber, NotAReceiptNumber> {
        ReceiptNumber::parse(text).ok_or_else(|| NotAReceiptNumber(text.trim().to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn reads_what_it_writes_and_nothing_else() {
        let r = ReceiptNumber::parse(" S01-T02-000123 ").unwrap();
        assert_eq!((r.store.as_str(), r.terminal.as_str(), r.seq), ("S01", "T02", 123));
        assert_eq!(r.to_string(), "S01-T02-000123");
        assert_eq!(ReceiptNumber::parse("S01-T02-1234567").unwrap().seq, 1_234_567);
        for bad in [
            "",
            "S01-T02",
            "S01-T02-123",
            "S01-T02-0000123",
            "S01-T02-000123-1",
            "S 1-T02-000123",
            "S01--000123",
            "S01-T02-00012a",
            "TOOLONGST-T02-000123",
            "S01-T02-+00123",
        ] {
            assert_eq!(ReceiptNumber::parse(bad), None, "{bad}");
        }
        assert!(r.made_at("S01", "T02") && !r.made_at("S01", "T0") && !r.made_at("S0", "1-T02"));
        assert_eq!(
            "x".parse::<ReceiptNumber>().unwrap_err().to_string(),
            "'x' is not a receipt number like S01-T01-000123"
        );
    }

    proptest! {
        #[test]
        fn every_number_written_reads_back(store in "[A-Z0-9]{1,8}", terminal in "[A-Z0-9]{1,8}", seq in 0u64..u64::MAX) {
            let r = ReceiptNumber::new(&store, &terminal, seq);
            prop_assert_eq!(ReceiptNumber::parse(&r.to_string()), Some(r));
        }
    }
}
