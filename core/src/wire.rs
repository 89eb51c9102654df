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
    fn a_push_with_an_unknown_field_is_refused() {
        let e = serde_json::from_str::<PushBatch>(r#"{"documents":[],"extra":1}"#).unwrap_err();
        assert!(e.to_string().contains("unknown field `extra`"), "{e}");
    }
}
