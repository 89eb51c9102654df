//! Stock as head office keeps it: movements (goods received, adjustments with their reasons),
//! levels with reorder levels, and transfers between stores, with the checks each needs
//! before it is stored.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::storage::{StorageError, check_code, check_text};

/// Goods received or a stock count corrected at head office.
#[derive(Clone, Debug)]
pub struct StockEntry {
    pub store: String,
    pub sku: String,
    pub quantity_milli: i64,
    pub kind: StockKind,
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StockKind {
    Receive,
    Adjust,
}

impl StockKind {
    pub fn code(self) -> &'static str {
        match self {
            StockKind::Receive => "receive",
            StockKind::Adjust => "adjust",
        }
    }
}

impl StockEntry {
    /// Refuses an adjustment without a reason (a count corrected must say why) and a note
    /// with a control character.
    pub fn check(&self) -> Result<(), StorageError> {
        if self.kind == StockKind::Adjust && self.note.trim().is_empty() {
            return Err(StorageError::Invalid(format!(
                "the stock adjustment of {} in store {} needs a reason; nothing was written",
                self.sku, self.store
            )));
        }
        check_text(&format!("the note on {}", self.sku), &self.note)
    }
}

/// A product's stock in one store: on hand, its reorder level, and what is on its way in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StockRow {
    pub store: String,
    pub sku: String,
    /// The catalogue's name ("" for a SKU the catalogue does not hold).
    pub name: String,
    pub quantity_milli: i64,
    /// At or under it, the product is low ([`StockRow::low`]); `None`: no level set.
    pub reorder_milli: Option<i64>,
    /// Sent to this store by transfers not yet received.
    pub in_transit_in_milli: i64,
}

impl StockRow {
    pub fn low(&self) -> bool {
        self.reorder_milli.is_some_and(|r| self.quantity_milli <= r)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferState {
    /// Out of the sending store, not yet in the receiving one.
    InTransit,
    Received,
}

impl TransferState {
    pub fn code(self) -> &'static str {
        match self {
            TransferState::InTransit => "in_transit",
            TransferState::Received => "received",
        }
    }

    /// A stored state; anything else is a value head office did not write.
    pub fn from_code(code: &str) -> Result<TransferState, StorageError> {
        match code {
            "in_transit" => Ok(TransferState::InTransit),
            "received" => Ok(TransferState::Received),
            other => Err(StorageError::Unreadable(format!("transfer state {other:?}"))),
        }
    }
}

/// Goods sent from one store to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Transfer {
    pub id: i64,
    pub from: String,
    pub to: String,
    pub state: TransferState,
    pub note: String,
    pub sent_by: String,
    pub sent_at: DateTime<Utc>,
    pub received_by: Option<String>,
    pub received_at: Option<DateTime<Utc>>,
    /// (SKU, quantity in thousandths), by SKU.
    pub lines: Vec<(String, i64)>,
}

/// What receiving a transfer did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransferReceipt {
    /// Its stock is now in the receiving store.
    Received,
    /// It had been received before (by `by`); nothing was changed.
    AlreadyReceived { by: String, at: DateTime<Utc> },
}

/// Checks a transfer before anything is written: two different stores, at least one line,
/// each SKU once with a quantity above zero, a note without control characters.
pub fn check_transfer(from: &str, to: &str, lines: &[(String, i64)], note: &str) -> Result<(), StorageError> {
    let refuse = |why: String| Err(StorageError::Invalid(format!("{why}; nothing was sent")));
    check_code("store", from)?;
    check_code("store", to)?;
    if from == to {
        return refuse(format!("a transfer goes from one store to another, not from {from} to itself"));
    }
    if lines.is_empty() {
        return refuse("a transfer needs at least one product".into());
    }
    let mut seen = std::collections::HashSet::new();
    for (sku, q) in lines {
        if sku.trim().is_empty() {
            return refuse("every line of a transfer needs a SKU".into());
        }
        check_text("a transferred SKU", sku)?;
        if *q <= 0 {
            return refuse(format!("{sku}: a transferred quantity must be more than zero"));
        }
        if !seen.insert(sku.as_str()) {
            return refuse(format!("{sku} is on the transfer twice: give it once with the whole quantity"));
        }
    }
    check_text("the note of the transfer", note)
}

/// Checks a reorder level: a SKU and a level that is not negative.
pub fn check_reorder_level(sku: &str, level_milli: i64) -> Result<(), StorageError> {
    if sku.trim().is_empty() {
        return Err(StorageError::Invalid("a reorder level needs a SKU".into()));
    }
    check_text("the SKU", sku)?;
    if level_milli < 0 {
        return Err(StorageError::Invalid(format!("{sku}: a reorder level cannot be negative")));
    }
    Ok(())
}
