//! Kasir's pure domain: money, quantities, products, the cart with its discount and tax
//! arithmetic, tenders and settlement, who may do what, ledger documents, their canonical
//! encoding and the hash chain.
//!
//! This crate never touches a database, a device, the network or a screen: the terminal,
//! the drivers and head office all build on it, so every one of them computes a total, a tax
//! or a hash the same way.

pub mod barcode;
pub mod cart;
pub mod catalogue_csv;
pub mod chain;
pub mod document;
pub mod format;
pub mod limits;
pub mod money;
pub mod office;
pub mod plausible;
pub mod policy;
pub mod product;
pub mod quantity;
pub mod receipt_number;
pub mod report;
pub mod returns;
pub mod shift;
pub mod tax;
pub mod tender;
pub mod wire;

pub use cart::{Cart, CartError, CartLine, CartTotals, Discount, LineId};
pub use money::{Currency, Locale, Money};
pub use product::{Product, ProductSnapshot};
pub use quantity::Quantity;
pub use receipt_number::ReceiptNumber;
pub use tax::{TaxMode, TaxRate};
pub use tender::{CashRounding, RoundingMode, Settlement, Tender, TenderKind};
