//! What terminals and head office send each other over HTTP, under `/api/v1`.
//!
//! Both sides build on these types, so a field renamed on one side is a compile error on the
//! other rather than a sale that silently fails to arrive.

use serde::{Deserialize, Serialize};

/// A batch of ledger documents pushed by one terminal, in ascending sequence order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushBatch {
    pub documents: Vec<PushedDocument>,
    /// The terminal's newest sequence when it sent this, so head office can tell how far
    /// behind it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ledger_seq: Option<u64>,
}

/// One ledger document as the terminal committed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushedDocument {
    pub seq: u64,
    /// Hex SHA-256 of `canonical`.
    pub hash: String,
    /// The document's canonical JSON exactly as the terminal hashed it
    /// ([`crate::chain::canonical_bytes`]), carried as a string so not a byte changes.
    pub canonical: String,
}

/// Head office's answer to a push.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushAck {
    /// Every document of this terminal up to this sequence is stored at head office.
    pub acknowledged: u64,
    /// Documents of this batch stored now.
    pub stored: u32,
    /// Documents of this batch that head office already held (a re-sent batch).
    pub already_stored: u32,
    /// Documents of this batch taken into the chain but set aside: they make no sense (a
    /// negative quantity, lines that do not add up, …), so none of their figures count.
    /// They are acknowledged like the others; the terminal need not send them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<SetAside>,
}

/// A document head office took into the terminal's chain but set aside, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    pub seq: u64,
    pub receipt: String,
    /// What makes no sense, naming the document, the field and its value.
    pub reason: String,
}

/// Wrong PINs and lockouts at one terminal, pushed to head office after its documents
/// (`POST /api/v1/security-events`), in ascending id order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityEventBatch {
    pub events: Vec<SecurityEvent>,
}

/// One wrong PIN or lockout as the terminal kept it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityEvent {
    /// The terminal's own number for the event: rising, never reused. Head office keeps an
    /// event once by (store, terminal, id).
    pub id: u64,
    /// When, RFC 3339.
    pub at: String,
    /// The user whose PIN was typed.
    pub user_code: String,
    /// `wrong_pin`, `locked_out` or `refused_while_locked`.
    pub event: String,
    /// Where the PIN was typed (`pin`).
    pub place: String,
}

/// The words a [`SecurityEvent`]'s `event` may be.
pub const SECURITY_EVENTS: [&str; 3] = ["wrong_pin", "locked_out", "refused_while_locked"];

/// Head office's answer to a push of security events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityEventAck {
    /// The highest id of this terminal's events that head office holds.
    pub acknowledged: u64,
    /// Events of this batch stored now.
    pub stored: u32,
    /// Events of this batch that head office already held (a re-sent batch).
    pub already_stored: u32,
}

/// The body of every error answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// A stable word for programs: `bad_request`, `unauthorized`, `forbidden`, `conflict`, …
    pub code: String,
    /// What is wrong, in words, naming the document or field.
    pub error: String,
    /// For a refused push: what head office holds, so the terminal knows where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<u64>,
}

/// A sale as head office holds it, for a return at another terminal of the same store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleLookup {
    pub document: PushedDocument,
    /// A void of it has reached head office.
    pub voided: bool,
    /// Goods already returned from it, at any terminal, as far as head office knows.
    pub returned: Vec<ReturnedLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnedLine {
    /// The terminal that took the goods back, and its return document.
    pub terminal: String,
    pub seq: u64,
    /// The sale's line.
    pub line_no: u32,
    pub quantity_milli: i64,
}

/// One page of the change feed for a store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangePage {
    pub changes: Vec<Change>,
    /// The cursor to ask with next (`since=next`).
    pub next: u64,
    /// Whether more changes are waiting after this page.
    pub more: bool,
}

/// One change: the latest state of one thing, under its change number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub number: u64,
    #[serde(flatten)]
    pub item: ChangeItem,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeItem {
    Product(ProductRecord),
    TaxClass(TaxClassRecord),
    /// The whole set of quick keys, in order.
    QuickKeys {
        keys: Vec<QuickKeyRecord>,
    },
    /// The store's stock of one product as head office derives it from every movement.
    Stock {
        sku: String,
        quantity_milli: i64,
    },
    /// A cashier or manager of the chain as this store sees them: `active` is false once the
    /// user is deactivated or no longer works in this store.
    User(UserRecord),
    /// This store's receipt header and footer lines, the whole set: they replace the lines
    /// the terminal had (from head office or its `kasir.toml`).
    ReceiptLines {
        header: Vec<String>,
        footer: Vec<String>,
    },
}

/// Most lines a receipt's header, or its footer, may hold.
pub const MAX_RECEIPT_LINES: usize = 5;

/// Most characters one header or footer line may hold: an 80 mm receipt's width. A 58 mm
/// printer (32 columns) wraps a longer line between words.
pub const MAX_RECEIPT_LINE_CHARS: usize = 48;

/// A store's own lines on its receipts: the header under its name, address and NPWP, the
/// footer at the end, each line centred.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptLines {
    #[serde(default)]
    pub header: Vec<String>,
    #[serde(default)]
    pub footer: Vec<String>,
}

impl ReceiptLines {
    pub fn is_empty(&self) -> bool {
        self.header.is_empty() && self.footer.is_empty()
    }

    /// Checks both parts: at most [`MAX_RECEIPT_LINES`] lines each, each at most
    /// [`MAX_RECEIPT_LINE_CHARS`] characters and without control characters (which a printer
    /// would take as commands).
    pub fn check(&self) -> Result<(), String> {
        check_receipt_lines("header", &self.header)?;
        check_receipt_lines("footer", &self.footer)
    }
}

/// Checks one part of a receipt's own lines (`what`: "header" or "footer"), in words.
pub fn check_receipt_lines(what: &str, lines: &[String]) -> Result<(), String> {
    if lines.len() > MAX_RECEIPT_LINES {
        return Err(format!("the receipt {what} has {} lines; at most {MAX_RECEIPT_LINES} fit", lines.len()));
    }
    for (i, line) in lines.iter().enumerate() {
        let n = line.chars().count();
        if n > MAX_RECEIPT_LINE_CHARS {
            return Err(format!(
                "receipt {what} line {} ({line:?}) is {n} characters long; a receipt line holds at most \
                 {MAX_RECEIPT_LINE_CHARS}",
                i + 1
            ));
        }
        if line.chars().any(char::is_control) {
            return Err(format!(
                "receipt {what} line {} ({line:?}) holds a control character (a tab or a line break); \
                 give each line on its own",
                i + 1
            ));
        }
    }
    Ok(())
}

/// A product as head office publishes it. Money in minor units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductRecord {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub unit: String,
    pub price: i64,
    pub tax_class: String,
    pub price_includes_tax: bool,
    pub sold_by_weight: bool,
    pub active: bool,
    pub barcodes: Vec<String>,
}

impl ProductRecord {
    /// The first text field holding a control character, as (field, value): such text would
    /// print as printer commands, and a NUL cannot be stored by PostgreSQL at all. Both the
    /// terminal's and head office's catalogue refuse it before anything is stored.
    pub fn control_character(&self) -> Option<(&'static str, &str)> {
        let fields = [
            ("sku", self.sku.as_str()),
            ("name", &self.name),
            ("category", &self.category),
            ("unit", &self.unit),
            ("tax_class", &self.tax_class),
        ];
        fields
            .into_iter()
            .chain(self.barcodes.iter().map(|b| ("barcodes", b.as_str())))
            .find(|(_, value)| has_control_character(value))
    }
}

/// Whether a text holds a control character (NUL, a tab, a line break, ESC, …): what a name,
/// a SKU or a reason typed by people never holds.
pub fn has_control_character(text: &str) -> bool {
    text.chars().any(char::is_control)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxClassRecord {
    pub code: String,
    pub rate_bp: u32,
    /// The share of the net price the rate is charged on (`"11/12"`); left out when it is
    /// the whole price.
    #[serde(default, skip_serializing_if = "crate::tax::DppBase::is_full")]
    pub dpp: crate::tax::DppBase,
}

/// A user as head office publishes it to the terminals of the stores they work in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserRecord {
    pub code: String,
    pub name: String,
    pub role: crate::policy::Role,
    /// argon2id PHC string of the PIN; the PIN itself never leaves head office's CLI.
    pub pin_hash: String,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuickKeyRecord {
    pub sku: String,
    pub label: String,
}

/// A new terminal asks to join head office with the one-time enrolment code head office gave
/// for it (`POST /api/v1/enrol`, no token).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolRequest {
    /// As typed: `K7QX-M2PA-9T`; case, dashes and spaces do not matter.
    pub code: String,
}

/// What a terminal needs to start as the terminal its enrolment code was made for. Users, tax
/// classes, the catalogue and quick keys come through the change feed at its first sync.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enrolment {
    pub store: StoreIdentity,
    /// The terminal's code within its store (`T02`).
    pub terminal: String,
    /// The terminal's new token (`S01-T02.<secret>`), made for this enrolment: any token the
    /// terminal had before no longer works.
    pub token: String,
}

/// A store as its receipts name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreIdentity {
    pub code: String,
    pub name: String,
    pub address: String,
    /// The tax id printed on receipts.
    pub npwp: String,
    /// The store's offset from UTC, `+07:00`.
    pub utc_offset: String,
    /// ISO 4217: `IDR`.
    pub currency: String,
    /// The store's receipt header and footer lines, once head office has set them (`None`:
    /// never set, and a terminal keeps its own from `kasir.toml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_lines: Option<ReceiptLines>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_reads_as_flat_json() {
        let c =
            Change { number: 7, item: ChangeItem::Stock { sku: "MIE-001".into(), quantity_milli: -3000 } };
        let text = serde_json::to_string(&c).unwrap();
        assert_eq!(text, r#"{"number":7,"kind":"stock","sku":"MIE-001","quantity_milli":-3000}"#);
        assert_eq!(serde_json::from_str::<Change>(&text).unwrap(), c);
    }

    #[test]
    fn a_user_change_reads_as_flat_json() {
        let c = Change {
            number: 9,
            item: ChangeItem::User(UserRecord {
                code: "K03".into(),
                name: "Rina".into(),
                role: crate::policy::Role::Cashier,
                pin_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
                active: false,
            }),
        };
        let text = serde_json::to_string(&c).unwrap();
        assert!(text.starts_with(r#"{"number":9,"kind":"user","code":"K03","name":"Rina","role":"cashier""#));
        assert_eq!(serde_json::from_str::<Change>(&text).unwrap(), c);
    }

    #[test]
    fn receipt_lines_change_reads_as_flat_json_and_long_lines_are_refused() {
        let c = Change {
            number: 4,
            item: ChangeItem::ReceiptLines { header: vec!["Selamat datang".into()], footer: vec![] },
        };
        let text = serde_json::to_string(&c).unwrap();
        assert_eq!(text, r#"{"number":4,"kind":"receipt_lines","header":["Selamat datang"],"footer":[]}"#);
        assert_eq!(serde_json::from_str::<Change>(&text).unwrap(), c);

        assert_eq!(ReceiptLines { header: vec!["x".repeat(48)], footer: vec![] }.check(), Ok(()));
        let e =
            ReceiptLines { header: vec![], footer: vec!["ok".into(), "é".repeat(49)] }.check().unwrap_err();
        assert!(e.contains("receipt footer line 2") && e.contains("49 characters"), "{e}");
        let e = check_receipt_lines("header", &vec!["a".to_owned(); 6]).unwrap_err();
        assert!(e.contains("6 lines"), "{e}");
        assert!(check_receipt_lines("header", &["a\tb".to_owned()]).unwrap_err().contains("control"));
    }

    #[test]
    fn a_push_with_an_unknown_field_is_refused() {
        let e = serde_json::from_str::<PushBatch>(r#"{"documents":[],"extra":1}"#).unwrap_err();
        assert!(e.to_string().contains("unknown field `extra`"), "{e}");
    }
}
