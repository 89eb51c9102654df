//! Head office's storage, behind one interface with two implementations: SQLite (the
//! embedded default) and PostgreSQL (production). Both run the same test suite.

use std::str::FromStr;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use kasir_core::chain::Origin;
use kasir_core::document::Document;
use kasir_core::policy::Role;
use kasir_core::wire::{
    ChangePage, ProductRecord, PushedDocument, QuickKeyRecord, SaleLookup, StoreIdentity, TaxClassRecord,
    check_receipt_lines,
};
use serde::Serialize;
use thiserror::Error;

pub use crate::credentials::{
    AuthFailureReason, AuthFailures, SeenTip, TerminalCredentials, revoked_cannot_rotate,
};
pub use crate::enrolment::EnrolmentCode;
pub use crate::security_events::*;
pub use crate::stock::*;

#[derive(Debug, Error)]
pub enum StorageError {
    #[error("store {0} is not known to head office")]
    UnknownStore(String),
    #[error("store {0} already exists")]
    StoreExists(String),
    #[error("terminal {store}-{terminal} already exists")]
    TerminalExists { store: String, terminal: String },
    #[error("user {0} is not known to head office")]
    UnknownUser(String),
    #[error("a user with code {0} already exists")]
    UserExists(String),
    #[error("terminal {store}-{terminal} is not known to head office")]
    UnknownTerminal { store: String, terminal: String },
    /// An enrolment code that does not let a terminal join; nothing was changed.
    #[error("{0}")]
    Enrolment(EnrolRefusal),
    #[error("{0}")]
    Invalid(String),
    #[error("database: {0}")]
    Database(String),
    /// A stored value that is not what head office wrote (out of range, the wrong type).
    #[error("database holds a value head office cannot read: {0}")]
    Unreadable(String),
}

impl From<rusqlite::Error> for StorageError {
    fn from(e: rusqlite::Error) -> StorageError {
        StorageError::Database(e.to_string())
    }
}

/// A pushed document with its parsed content (parsed once, by the API).
#[derive(Clone, Debug)]
pub struct Incoming {
    pub pushed: PushedDocument,
    pub document: Document,
}

/// What an ingest did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IngestOutcome {
    pub acknowledged: u64,
    pub stored: u32,
    pub already_stored: u32,
    /// A document refused and kept aside; nothing after it in the batch was looked at.
    pub refusal: Option<Refusal>,
    /// Documents taken into the chain but set aside: they make no sense, so none of their
    /// figures count ([`crate::ingest`]).
    pub set_aside: Vec<kasir_core::wire::SetAside>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub seq: u64,
    pub kind: RefusalKind,
    pub reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalKind {
    /// A different document under a sequence already stored: a cloned or restored terminal.
    Conflict,
    /// The document does not follow the stored chain (hash, link, grand total, origin).
    BrokenChain,
}

impl RefusalKind {
    pub fn code(self) -> &'static str {
        match self {
            RefusalKind::Conflict => "conflict",
            RefusalKind::BrokenChain => "broken_chain",
        }
    }
}

/// How the sales report groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportBy {
    Store,
    Terminal,
    Day,
    Product,
    Cashier,
}

impl ReportBy {
    pub const ALL: [ReportBy; 5] =
        [ReportBy::Store, ReportBy::Terminal, ReportBy::Day, ReportBy::Product, ReportBy::Cashier];

    /// Its word: on the command line, in JSON, and over the report's first column.
    pub fn code(self) -> &'static str {
        match self {
            ReportBy::Store => "store",
            ReportBy::Terminal => "terminal",
            ReportBy::Day => "day",
            ReportBy::Product => "product",
            ReportBy::Cashier => "cashier",
        }
    }
}

impl FromStr for ReportBy {
    type Err = StorageError;

    fn from_str(word: &str) -> Result<ReportBy, StorageError> {
        ReportBy::ALL.into_iter().find(|by| by.code() == word).ok_or_else(|| {
            StorageError::Invalid(format!(
                "{word:?} is not a report grouping: store, terminal, day, product or cashier"
            ))
        })
    }
}

#[derive(Clone, Debug)]
pub struct ReportQuery {
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    pub by: ReportBy,
    pub store: Option<String>,
}

/// One row of the sales report: sales less returns and voids, in minor units. The sums are
/// exact whatever is stored: each is of 64-bit figures, held in 128 bits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportRow {
    pub key: String,
    /// Receipts (sales, returns and voids) that touched this row.
    pub documents: i64,
    pub quantity_milli: i128,
    pub net: i128,
    pub tax: i128,
    pub gross: i128,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TerminalStatus {
    pub store: String,
    pub terminal: String,
    /// Highest sequence stored (every document up to it is here).
    pub last_seq: u64,
    /// The terminal's own newest sequence when it last pushed: `ledger_seq - last_seq`
    /// documents are still on their way.
    pub ledger_seq: Option<u64>,
    pub grand_total: i64,
    pub last_contact: Option<DateTime<Utc>>,
    /// When the newest stored document was made at the terminal.
    pub last_document_at: Option<String>,
    /// Documents of this terminal refused or set aside: those kept (`kasir-headoffice
    /// rejected`) and those past the limit, only counted.
    pub rejected: u64,
    /// Its token was revoked: refused until head office gives it a new one.
    pub revoked: bool,
    /// A new token was asked for that the terminal has not used yet.
    pub rotating: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RejectedDocument {
    pub store: String,
    pub terminal: String,
    pub seq: u64,
    pub hash: String,
    pub kind: String,
    pub reason: String,
    pub received_at: DateTime<Utc>,
}

/// A new user of the chain. `pin_hash` is an argon2id PHC string ([`crate::auth::hash_pin`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUser {
    pub code: String,
    pub name: String,
    pub role: Role,
    pub pin_hash: String,
    /// The stores the user works in: at least one, each known to head office.
    pub stores: Vec<String>,
}

/// A user as head office lists them (never with the PIN's hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UserSummary {
    pub code: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// The stores the user works in, by code.
    pub stores: Vec<String>,
}

/// Why an enrolment code does not let a terminal join. The words name no store or terminal:
/// whoever holds the code may be anyone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnrolRefusal {
    /// Not a code head office issued (mistyped, or not a code at all).
    Unknown,
    /// A terminal has already joined with it.
    Used,
    Expired,
    /// A newer code was issued for the same terminal.
    Replaced,
}

impl EnrolRefusal {
    /// A stable word for programs (the API's error `code`).
    pub fn code(self) -> &'static str {
        match self {
            EnrolRefusal::Unknown => "unknown_code",
            EnrolRefusal::Used => "code_used",
            EnrolRefusal::Expired => "code_expired",
            EnrolRefusal::Replaced => "code_replaced",
        }
    }
}

impl std::fmt::Display for EnrolRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const ASK: &str = "ask head office for a new one (kasir-headoffice terminal enrol-code)";
        match self {
            EnrolRefusal::Unknown => {
                write!(f, "this is not an enrolment code head office issued; check it for typing mistakes")
            }
            EnrolRefusal::Used => write!(f, "this enrolment code has already been used; {ASK}"),
            EnrolRefusal::Expired => write!(f, "this enrolment code has expired; {ASK}"),
            EnrolRefusal::Replaced => {
                write!(
                    f,
                    "this enrolment code was replaced by a newer one for the same terminal; use that, or {ASK}"
                )
            }
        }
    }
}

/// What `store set` changes about a store; `None` keeps what it was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoreChange {
    pub name: Option<String>,
    pub address: Option<String>,
    pub npwp: Option<String>,
    /// `+07:00`.
    pub utc_offset: Option<String>,
    /// ISO 4217: IDR, USD, EUR, SGD or MYR.
    pub currency: Option<String>,
    /// The lines printed under the store's identity on its receipts (all of them, replacing
    /// the ones before; empty: none). A change reaches the store's terminals at their next sync.
    pub receipt_header: Option<Vec<String>>,
    /// The lines printed at the end of its receipts.
    pub receipt_footer: Option<Vec<String>>,
    /// The region head office groups the store under on its dashboard ("" for none).
    pub region: Option<String>,
}

impl StoreChange {
    /// Checks the values a terminal will be set up with: a name, an offset like +07:00, a
    /// currency Kasir knows.
    pub fn check(&self, store: &str) -> Result<(), StorageError> {
        if self.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            return Err(StorageError::Invalid(format!("store {store} needs a name")));
        }
        for (what, text) in
            [("name", &self.name), ("address", &self.address), ("NPWP", &self.npwp), ("region", &self.region)]
        {
            if let Some(text) = text {
                check_text(&format!("the {what} of store {store}"), text)?;
            }
        }
        if let Some(o) = &self.utc_offset
            && o.parse::<chrono::FixedOffset>().is_err()
        {
            return Err(StorageError::Invalid(format!(
                "UTC offset {o:?} of store {store} is not an offset like +07:00"
            )));
        }
        if let Some(c) = &self.currency
            && kasir_core::Currency::from_code(c).is_none()
        {
            return Err(StorageError::Invalid(format!(
                "currency {c:?} of store {store}: IDR, USD, EUR, SGD or MYR"
            )));
        }
        for (what, lines) in [("header", &self.receipt_header), ("footer", &self.receipt_footer)] {
            if let Some(lines) = lines {
                check_receipt_lines(what, lines)
                    .map_err(|e| StorageError::Invalid(format!("store {store}: {e}")))?;
            }
        }
        Ok(())
    }

    /// Whether it changes the receipt lines (which then take a change number and travel in
    /// the change feed).
    pub fn changes_receipt_lines(&self) -> bool {
        self.receipt_header.is_some() || self.receipt_footer.is_some()
    }

    pub fn is_empty(&self) -> bool {
        *self == StoreChange::default()
    }
}

#[async_trait]
pub trait Storage: crate::analytics::Analytics + crate::accounts::Accounts + Send + Sync {
    async fn add_store(&self, code: &str, name: &str) -> Result<(), StorageError>;
    async fn add_terminal(&self, store: &str, terminal: &str, token_hash: &str) -> Result<(), StorageError>;
    /// What head office holds of a terminal's token (one indexed row), if the terminal exists.
    async fn credentials(
        &self,
        store: &str,
        terminal: &str,
    ) -> Result<Option<TerminalCredentials>, StorageError>;
    /// Replaces a legacy argon2id hash by the token's digest, unless the stored hash changed
    /// meanwhile. Whether it was replaced.
    async fn upgrade_token_hash(
        &self,
        origin: &Origin,
        legacy_hash: &str,
        token_hash: &str,
    ) -> Result<bool, StorageError>;
    /// Keeps `token_hash` as the terminal's pending new token, the earlier pending one still
    /// acceptable as the previous (see [`crate::rows::SET_PENDING_TOKEN`]), while a rotation is
    /// asked for and the terminal is not revoked. Whether it was kept.
    async fn set_pending_token(&self, origin: &Origin, token_hash: &str) -> Result<bool, StorageError>;
    /// Makes the pending (or previous pending) token `token_hash` the terminal's token (the old
    /// one and every other handed out stop working); the latest one ends the rotation. Nothing
    /// when it is no longer pending or the terminal was revoked. Whether it did.
    async fn promote_pending_token(&self, origin: &Origin, token_hash: &str) -> Result<bool, StorageError>;
    /// Revokes a terminal's token (and a pending one): refused from its next request, until
    /// head office gives it a new token ([`Storage::replace_token`]); its unused codes stop
    /// working.
    async fn revoke_terminal(&self, store: &str, terminal: &str) -> Result<(), StorageError>;
    /// Gives a terminal the token hashed `token_hash` (set up by hand), ending a revocation or
    /// a rotation: every earlier token of the terminal stops working.
    async fn replace_token(&self, store: &str, terminal: &str, token_hash: &str) -> Result<(), StorageError>;
    /// Asks for a new token for a terminal, handed to it with its next answers (and a fresh one
    /// each time it comes back with the old token) until it uses it. Refused for a revoked
    /// terminal.
    async fn rotate_token(&self, store: &str, terminal: &str) -> Result<(), StorageError>;
    /// Adds coalesced failed authentications, in one transaction, to the counts already kept
    /// for the same claimed terminal, reason, address and minute.
    async fn record_auth_failures(&self, failures: &[AuthFailures]) -> Result<(), StorageError>;
    /// Failed authentications by minute, of tokens claiming `store` or all, from `since` on.
    async fn auth_failures(
        &self,
        store: Option<&str>,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<AuthFailures>, StorageError>;
    /// Stores what is new of a terminal's batch in one transaction, with its side effects.
    async fn ingest(
        &self,
        origin: &Origin,
        batch: Vec<Incoming>,
        ledger_seq: Option<u64>,
    ) -> Result<IngestOutcome, StorageError> {
        self.ingest_from(origin, batch, ledger_seq, None).await
    }
    /// [`Storage::ingest`], given the terminal's chain tip as read with its token (`seen`): a
    /// storage may plan on it and save a read, as long as its write checks the tip is still that.
    async fn ingest_from(
        &self,
        origin: &Origin,
        batch: Vec<Incoming>,
        ledger_seq: Option<u64>,
        seen: Option<SeenTip>,
    ) -> Result<IngestOutcome, StorageError>;
    /// Changes for a store after `since`, at most `limit`.
    async fn changes(&self, store: &str, since: u64, limit: u32) -> Result<ChangePage, StorageError>;
    async fn put_product(&self, product: &ProductRecord) -> Result<(), StorageError> {
        self.put_products(std::slice::from_ref(product)).await
    }
    /// Sets many products in one transaction (a catalogue import): all of them or none.
    async fn put_products(&self, products: &[ProductRecord]) -> Result<(), StorageError>;
    /// The products whose SKU, name or barcodes hold `search` (in any case; `%` and `_` are
    /// plain characters), ordered by SKU: at most `limit` from `offset`, and how many match.
    async fn products(
        &self,
        search: &str,
        offset: u32,
        limit: u32,
    ) -> Result<(Vec<ProductRecord>, u64), StorageError>;
    async fn product(&self, sku: &str) -> Result<Option<ProductRecord>, StorageError>;
    /// The quick keys as last set (none before the first time).
    async fn quick_keys(&self) -> Result<Vec<QuickKeyRecord>, StorageError>;
    async fn tax_classes(&self) -> Result<Vec<TaxClassRecord>, StorageError>;
    async fn put_tax_class(&self, class: &TaxClassRecord) -> Result<(), StorageError>;
    async fn put_quick_keys(&self, keys: &[QuickKeyRecord]) -> Result<(), StorageError>;
    /// Records a movement and returns the store's new stock of that product.
    async fn record_stock(&self, entry: &StockEntry) -> Result<i64, StorageError>;
    async fn stock(&self, store: &str) -> Result<Vec<(String, i64)>, StorageError>;
    /// Sets the level at or under which a product is low in a store.
    async fn set_reorder_level(&self, store: &str, sku: &str, level_milli: i64) -> Result<(), StorageError>;
    /// A store's products with stock, a reorder level or stock on its way in, by SKU.
    async fn stock_overview(&self, store: &str) -> Result<Vec<StockRow>, StorageError>;
    /// Products at or under their reorder level, of `stores` or of all, by store and SKU.
    async fn low_stock(&self, stores: Option<&[String]>) -> Result<Vec<StockRow>, StorageError>;
    /// Sends goods from one store to another ([`check_transfer`]), in one transaction: the
    /// stock leaves `from` at once (and reaches its terminals with a change number) and is in
    /// transit until [`Storage::receive_transfer`]. The transfer's number.
    async fn send_transfer(
        &self,
        from: &str,
        to: &str,
        lines: &[(String, i64)],
        note: &str,
        by_user: &str,
    ) -> Result<i64, StorageError>;
    /// Puts a transfer's stock into its receiving store, exactly once: of two receives (a
    /// retry, or two at the same time) one does it and the other changes nothing.
    async fn receive_transfer(&self, id: i64, by_user: &str) -> Result<TransferReceipt, StorageError>;
    /// A transfer by its number.
    async fn transfer(&self, id: i64) -> Result<Option<Transfer>, StorageError>;
    /// Transfers from or to `stores` (or all), newest first.
    async fn transfers(&self, stores: Option<&[String]>) -> Result<Vec<Transfer>, StorageError>;
    async fn sales_report(&self, query: &ReportQuery) -> Result<Vec<ReportRow>, StorageError>;
    async fn terminals(&self) -> Result<Vec<TerminalStatus>, StorageError>;
    async fn rejected(&self) -> Result<Vec<RejectedDocument>, StorageError>;
    /// Keeps a terminal's checked security events in one transaction, each once by
    /// (store, terminal, id): an event sent again is counted as already stored.
    async fn record_security_events(
        &self,
        origin: &Origin,
        events: &[NewSecurityEvent],
    ) -> Result<kasir_core::wire::SecurityEventAck, StorageError>;
    /// Security events by time, of one store or all, from `since` on.
    async fn security_events(
        &self,
        store: Option<&str>,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<StoredSecurityEvent>, StorageError>;
    /// A store's sale by its receipt number with the voids and returns that refer to it
    /// (a return at another terminal).
    async fn sale_for_return(&self, store: &str, receipt: &str) -> Result<Option<SaleLookup>, StorageError>;
    /// Adds a user working in `user.stores`: refused, with nothing written, for a code in use,
    /// a bad code, no store, or a store head office does not know.
    async fn add_user(&self, user: &NewUser) -> Result<(), StorageError>;
    /// Sets the stores a user works in; the stores they leave hear of it as an inactive user.
    async fn set_user_stores(&self, code: &str, stores: &[String]) -> Result<(), StorageError>;
    /// Deactivates a user in every store: they can no longer log in or approve anywhere.
    async fn deactivate_user(&self, code: &str) -> Result<(), StorageError>;
    /// Replaces a user's PIN hash (an argon2id PHC string).
    async fn set_user_pin(&self, code: &str, pin_hash: &str) -> Result<(), StorageError>;
    /// Every user by code, or those working in `store`.
    async fn users(&self, store: Option<&str>) -> Result<Vec<UserSummary>, StorageError>;
    /// A store's identity, as a terminal that joins it is set up with.
    async fn store(&self, code: &str) -> Result<Option<StoreIdentity>, StorageError>;
    /// Changes a store's name, address, NPWP, UTC offset, currency or receipt lines (checked
    /// first), in one transaction; new receipt lines take a change number for the feed.
    async fn set_store(&self, code: &str, change: &StoreChange) -> Result<(), StorageError>;
    /// Keeps a new enrolment code for an existing terminal by its hash
    /// ([`crate::auth::hash_enrolment_code`]), valid until `expires_at`; the terminal's earlier
    /// unused codes stop working.
    async fn issue_enrolment_code(
        &self,
        store: &str,
        terminal: &str,
        code_hash: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StorageError>;
    /// The terminal an enrolment code is for, if it may still be used (read only):
    /// [`StorageError::Enrolment`] says why not.
    async fn enrolment_terminal(&self, code_hash: &str) -> Result<Origin, StorageError>;
    /// Spends the code and gives its terminal `token_hash` in one transaction, checking the
    /// code again inside it (of two enrolments with one code, one wins); the terminal's old
    /// token stops working. The store the terminal belongs to.
    async fn enrol(
        &self,
        code_hash: &str,
        origin: &Origin,
        token_hash: &str,
    ) -> Result<StoreIdentity, StorageError>;
}

/// Checks a store or terminal code: 1 to 8 letters or digits, what a terminal's config takes
/// (a longer code would be refused by the terminal only after its enrolment code was spent).
pub fn check_code(what: &str, code: &str) -> Result<(), StorageError> {
    if code.is_empty() || code.len() > 8 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(StorageError::Invalid(format!("{what} code {code:?} must be 1 to 8 letters or digits")));
    }
    Ok(())
}

/// Checks a user's code: 1 to 8 letters or digits (what a terminal accepts).
pub fn check_user_code(code: &str) -> Result<(), StorageError> {
    if code.is_empty() || code.len() > 8 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(StorageError::Invalid(format!("user code {code:?} must be 1 to 8 letters or digits")));
    }
    Ok(())
}

/// Checks a PIN hash before it is stored: an argon2 PHC string, as terminals require.
pub fn check_pin_hash(code: &str, hash: &str) -> Result<(), StorageError> {
    match argon2::password_hash::phc::PasswordHash::new(hash) {
        Ok(h) if h.algorithm.as_str().starts_with("argon2") && h.hash.is_some() => Ok(()),
        _ => Err(StorageError::Invalid(format!("the PIN hash of user {code} is not an argon2 PHC string"))),
    }
}

/// Checks a new user: code, name, PIN hash and at least one store (each a store code).
pub fn check_new_user(user: &NewUser) -> Result<(), StorageError> {
    check_user_code(&user.code)?;
    if user.name.trim().is_empty() {
        return Err(StorageError::Invalid(format!("user {} needs a name", user.code)));
    }
    check_text(&format!("the name of user {}", user.code), &user.name)?;
    check_pin_hash(&user.code, &user.pin_hash)?;
    check_user_stores(&user.code, &user.stores)
}

/// Refuses a text with a NUL, a line break or another control character: it would print as
/// printer commands on a terminal, and PostgreSQL cannot store a NUL at all.
pub fn check_text(what: &str, text: &str) -> Result<(), StorageError> {
    if kasir_core::wire::has_control_character(text) {
        return Err(StorageError::Invalid(format!(
            "{what} ({text:?}) holds a control character; type it without"
        )));
    }
    Ok(())
}

/// A product as `product set` gives it: a SKU and a name, a price that is not negative,
/// no control characters.
pub fn check_product(p: &ProductRecord) -> Result<(), StorageError> {
    if p.sku.trim().is_empty() || p.name.trim().is_empty() {
        return Err(StorageError::Invalid("a product needs a SKU and a name".into()));
    }
    if p.price < 0 {
        return Err(StorageError::Invalid(format!("product {}: a price cannot be negative", p.sku)));
    }
    if let Some((field, value)) = p.control_character() {
        return Err(StorageError::Invalid(format!(
            "product {:?}: {field} {value:?} holds a control character; type it without",
            p.sku
        )));
    }
    Ok(())
}

/// A product search as a `LIKE` pattern, lower case (the column is compared lowered too),
/// with `\\`, `%` and `_` escaped so that what is typed is looked for as typed.
pub fn like_pattern(search: &str) -> String {
    let mut pattern = String::from("%");
    for c in search.trim().to_lowercase().chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// One quick key as typed, `SKU=Label` (the command line's `quick-keys` and the web app's).
pub fn quick_key(typed: &str) -> Result<QuickKeyRecord, StorageError> {
    match typed.split_once('=') {
        Some((sku, label))
            if !sku.is_empty() && !label.is_empty() && !kasir_core::wire::has_control_character(typed) =>
        {
            Ok(QuickKeyRecord { sku: sku.to_owned(), label: label.to_owned() })
        }
        _ => Err(StorageError::Invalid(format!(
            "quick key {typed:?} must be SKU=Label, without control characters"
        ))),
    }
}

/// A user works in at least one store.
pub fn check_user_stores(code: &str, stores: &[String]) -> Result<(), StorageError> {
    if stores.is_empty() {
        return Err(StorageError::Invalid(format!("user {code} must work in at least one store")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_groupings_read_back_from_their_words() {
        for by in ReportBy::ALL {
            assert_eq!(by.code().parse::<ReportBy>().unwrap(), by);
        }
        assert!(matches!("Store".parse::<ReportBy>(), Err(StorageError::Invalid(_))));
    }
}
