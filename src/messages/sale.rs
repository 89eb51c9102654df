//! The counter's flows in the cashier's words: a sale, a return, an exchange, a shift's cash.
//! Wrapped errors say where (which item, which tender) and then let the inner error speak.

use kasir_core::Locale;
use kasir_core::policy::Role;

use super::{Explain, pick};
use crate::sale::checkout::SellError;
use crate::sale::exchange::ExchangeError;
use crate::sale::returns::{ReturnFlowError, Shape};
use crate::sale::shift::ShiftError;

/// A role given by its code, as errors carry it; an unknown code is shown as it is.
pub(super) fn role_code(code: &str, l: Locale) -> String {
    Role::from_code(code).map_or_else(|| code.to_owned(), |r| r.explain(l))
}

impl Explain for SellError {
    fn explain(&self, l: Locale) -> String {
        match self {
            SellError::Catalogue(e) => e.explain(l),
            SellError::Lookup { index, source } => {
                pick(l, format!("Barang ke-{index}: "), format!("Item {index}: ")) + &source.explain(l)
            }
            SellError::Cart { index, source } => {
                pick(l, format!("Barang ke-{index}: "), format!("Item {index}: ")) + &source.explain(l)
            }
            SellError::ItemKey { index, what } => {
                let what = match *what {
                    "both" => pick(l, "keduanya tertulis", "both"),
                    "neither" => pick(l, "keduanya kosong", "neither"),
                    other => other,
                };
                pick(
                    l,
                    format!("Barang ke-{index}: isi salah satu, \"barcode\" atau \"sku\" ({what})"),
                    format!("Item {index}: give either \"barcode\" or \"sku\", not {what}"),
                )
            }
            SellError::OrderDiscount(e) => {
                pick(l, "Diskon transaksi: ", "Order discount: ").to_owned() + &e.explain(l)
            }
            SellError::TenderAmount { index, source } => {
                pick(l, format!("Pembayaran ke-{index}: "), format!("Payment {index}: ")) + &source.explain(l)
            }
            SellError::ExchangeCredit { index } => pick(
                l,
                format!(
                    "Pembayaran ke-{index}: kredit tukar barang hanya berasal dari barang yang dikembalikan saat tukar barang"
                ),
                format!("Payment {index}: exchange credit comes only from goods returned in an exchange"),
            ),
            SellError::EmptyCart => {
                pick(l, "Transaksi ini belum berisi barang", "The sale has no items").to_owned()
            }
            SellError::Payment(e) => e.explain(l),
            SellError::ApprovalRequired(missing) => {
                let list = missing
                    .iter()
                    .map(|(action, line)| match line {
                        Some(n) => pick(
                            l,
                            format!("{} (baris {n})", action.explain(l)),
                            format!("{} (line {n})", action.explain(l)),
                        ),
                        None => action.explain(l),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                pick(
                    l,
                    format!("Perlu persetujuan manajer: {list}"),
                    format!("Needs a manager's approval: {list}"),
                )
            }
            SellError::Approval(e) => pick(l, "Persetujuan: ", "Approval: ").to_owned() + &e.explain(l),
            SellError::Cashier(e) => pick(l, "Kasir: ", "Cashier: ").to_owned() + &e.explain(l),
            SellError::ReasonRequired => pick(l, "Alasan wajib diisi", "A reason is required").to_owned(),
            SellError::NotAllowed(who) => pick(
                l,
                format!("{who} tidak berwenang menyetujui ini"),
                format!("{who} may not approve this"),
            ),
            SellError::Limit(e) => e.explain(l),
            SellError::Stock(e) => e.explain(l),
            SellError::Ledger(e) => e.explain(l),
        }
    }
}

impl Explain for ShiftError {
    fn explain(&self, l: Locale) -> String {
        match self {
            ShiftError::AlreadyOpen(no) => pick(
                l,
                format!("Shift {no} masih buka; tutup dulu"),
                format!("Shift {no} is still open; close it first"),
            ),
            ShiftError::NoneOpen => pick(l, "Belum ada shift yang dibuka", "No shift is open").to_owned(),
            ShiftError::NonPositive(amount) => pick(
                l,
                format!("Nominal harus lebih dari nol (tertulis {amount})"),
                format!("The amount must be more than zero (got {amount})"),
            ),
            ShiftError::NegativeFloat(amount) => pick(
                l,
                format!("Modal awal laci tidak boleh negatif (tertulis {amount})"),
                format!("The opening float must not be negative (got {amount})"),
            ),
            ShiftError::ReasonRequired => pick(l, "Alasan wajib diisi", "A reason is required").to_owned(),
            ShiftError::ApprovalRequired { user, action, least } => {
                let (action, least) = (action.explain(l), role_code(least, l));
                pick(
                    l,
                    format!("{user} perlu persetujuan {least} (kode dan PIN) untuk {action}"),
                    format!("{user} needs a {least}'s approval (code and PIN) for {action}"),
                )
            }
            ShiftError::ApproverNotAllowed { approver, action, least } => {
                let (action, least) = (action.explain(l), role_code(least, l));
                pick(
                    l,
                    format!("{approver} tidak boleh menyetujui {action}: perlu persetujuan {least}"),
                    format!("{approver} may not approve {action}: a {least}'s approval is needed"),
                )
            }
            ShiftError::Count(e) => pick(l, "Hitungan uang: ", "Count: ").to_owned() + &e.explain(l),
            ShiftError::BadDenomination { key, source } => {
                pick(l, format!("Hitungan uang, '{key}': "), format!("Count, '{key}': ")) + &source.explain(l)
            }
            ShiftError::Ledger(e) => e.explain(l),
        }
    }
}

impl Explain for ReturnFlowError {
    fn explain(&self, l: Locale) -> String {
        match self {
            ReturnFlowError::UnknownReceipt(receipt) => pick(
                l,
                format!("Tidak ada penjualan dengan nomor struk {receipt} di ledger terminal ini"),
                format!("No sale with receipt number {receipt} in this terminal's ledger"),
            ),
            ReturnFlowError::NotFetched(receipt) => pick(
                l,
                format!(
                    "Penjualan {receipt} dibuat di terminal lain: datanya diambil dari kantor pusat, dan kantor pusat tidak bisa dihubungi"
                ),
                format!(
                    "Sale {receipt} was made at another terminal: it is fetched from head office, and head office could not be asked"
                ),
            ),
            ReturnFlowError::NotASale(what) => {
                pick(l, format!("{what} bukan penjualan"), format!("{what} is not a sale"))
            }
            ReturnFlowError::Shape(shape) => {
                let (id, en) = match shape {
                    Shape::ReceiptWithoutLines => ("ada struk tanpa baris", "a receipt without lines"),
                    Shape::LinesWithoutReceipt => ("ada baris tanpa struk", "lines without a receipt"),
                    Shape::LinesAndItems => ("ada baris dan barang sekaligus", "both lines and items"),
                    Shape::ItemKey => (
                        "ada barang dengan barcode dan SKU sekaligus, atau tanpa keduanya",
                        "an item with both or neither of barcode and sku",
                    ),
                };
                pick(
                    l,
                    format!("Isi \"lines\" struk (bersama \"receipt\") atau \"items\" (tanpa struk); di sini {id}"),
                    format!("Give the receipt's \"lines\" (with \"receipt\") or the \"items\" (without), not {en}"),
                )
            }
            ReturnFlowError::Lookup { index, source } => {
                pick(l, format!("Barang ke-{index}: "), format!("Item {index}: ")) + &source.explain(l)
            }
            ReturnFlowError::Cart { index, source } => {
                pick(l, format!("Barang ke-{index}: "), format!("Item {index}: ")) + &source.explain(l)
            }
            ReturnFlowError::Return(e) => e.explain(l),
            ReturnFlowError::ReasonRequired => pick(l, "Alasan wajib diisi", "A reason is required").to_owned(),
            ReturnFlowError::ApprovalRequired => pick(
                l,
                "Retur ini perlu persetujuan manajer (\"approval\": kode manajer dan PIN)",
                "This return needs a manager's approval (\"approval\": manager and PIN)",
            )
            .to_owned(),
            ReturnFlowError::Approval(e) => pick(l, "Persetujuan: ", "Approval: ").to_owned() + &e.explain(l),
            ReturnFlowError::Cashier(e) => pick(l, "Kasir: ", "Cashier: ").to_owned() + &e.explain(l),
            ReturnFlowError::RefundTender { kind, receipt } => {
                let kind = kind.explain(l);
                pick(
                    l,
                    format!(
                        "Pengembalian dana: toko ini mengembalikan dana ke cara bayar yang dipakai saat penjualan; {kind} tidak dipakai di {receipt}"
                    ),
                    format!(
                        "Refund: this store refunds to the tender the sale was paid with; {kind} was not used on {receipt}"
                    ),
                )
            }
            ReturnFlowError::ExchangeCredit => pick(
                l,
                "Pengembalian dana: kredit tukar barang hanya untuk tukar barang (kasir exchange), bukan cara pengembalian dana",
                "Refund: exchange credit is for exchanges (kasir exchange), not a refund tender",
            )
            .to_owned(),
            ReturnFlowError::CashOnly => pick(
                l,
                "Pengembalian dana: toko ini hanya mengembalikan dana secara tunai",
                "Refund: this store refunds in cash only",
            )
            .to_owned(),
            ReturnFlowError::NoReceiptCash => pick(
                l,
                "Pengembalian dana: retur tanpa struk dikembalikan secara tunai",
                "Refund: a return without a receipt is refunded in cash",
            )
            .to_owned(),
            ReturnFlowError::Ledger(e) => e.explain(l),
        }
    }
}

impl Explain for ExchangeError {
    fn explain(&self, l: Locale) -> String {
        match self {
            ExchangeError::Return(e) => {
                pick(l, "Barang kembali: ", "Goods back: ").to_owned() + &e.explain(l)
            }
            ExchangeError::Sale(e) => pick(l, "Barang keluar: ", "Goods out: ").to_owned() + &e.explain(l),
            ExchangeError::NoNewGoods => pick(
                l,
                "Tukar barang perlu barang baru (\"items\"); kalau hanya mengembalikan barang, buat retur",
                "An exchange needs new goods (\"items\"); for goods back only, make a return",
            )
            .to_owned(),
            ExchangeError::Ledger(e) => e.explain(l),
        }
    }
}
