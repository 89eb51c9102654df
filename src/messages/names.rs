//! The names the shop floor uses for kasir-core's own kinds (tenders, roles, actions), and the
//! one way every message in this folder writes money, quantities and plain numbers.

use kasir_core::policy::{Action, Role};
use kasir_core::{Currency, Locale, Money, Quantity, TenderKind};
use rust_decimal::Decimal;

use super::{Explain, pick};

/// Money as the receipt writes it (`Rp 160.050` in both languages).
pub fn money(m: Money, l: Locale) -> String {
    kasir_core::format::format_money(m, l)
}

/// Money stored as minor units of `currency`.
pub fn minor(amount: i64, currency: Currency, l: Locale) -> String {
    money(Money::from_minor(amount, currency), l)
}

/// A quantity as people write it: `1,25` (id) / `1.25` (en).
pub fn qty(q: Quantity, l: Locale) -> String {
    kasir_core::format::format_quantity(q, l)
}

/// A plain decimal number, without trailing zeros, grouped for the locale.
pub fn number(d: Decimal, l: Locale) -> String {
    let d = d.normalize();
    kasir_core::format::format_decimal(d, d.scale(), l)
}

/// A whole count grouped for the locale (`1.000` / `1,000`).
pub fn count(n: i64, l: Locale) -> String {
    kasir_core::format::format_decimal(Decimal::from(n), 0, l)
}

impl Explain for TenderKind {
    fn explain(&self, l: Locale) -> String {
        match self {
            TenderKind::Cash => pick(l, "tunai", "cash"),
            TenderKind::Card => pick(l, "kartu", "card"),
            TenderKind::Qris => "QRIS",
            TenderKind::EWallet => pick(l, "dompet digital", "e-wallet"),
            TenderKind::Voucher => pick(l, "voucher belanja", "voucher"),
            TenderKind::CustomerAccount => pick(l, "akun pelanggan", "customer account"),
            TenderKind::Exchange => pick(l, "kredit tukar barang", "exchange credit"),
        }
        .to_owned()
    }
}

/// A tender kind given by its code (as errors carry it); an unknown code is shown as it is.
pub fn tender_code(code: &str, l: Locale) -> String {
    TenderKind::from_code(code).map_or_else(|| code.to_owned(), |k| k.explain(l))
}

impl Explain for Role {
    fn explain(&self, l: Locale) -> String {
        match self {
            Role::Cashier => pick(l, "kasir", "cashier"),
            Role::Supervisor => pick(l, "supervisor", "supervisor"),
            Role::Manager => pick(l, "manajer", "manager"),
        }
        .to_owned()
    }
}

impl Explain for Action {
    fn explain(&self, l: Locale) -> String {
        match self {
            Action::PriceOverride => pick(l, "mengubah harga", "changing a price"),
            Action::DiscountOverLimit => pick(l, "diskon di atas batas", "a discount over the limit"),
            Action::VoidLine => pick(l, "menghapus baris", "removing a line"),
            Action::DecreaseQuantity => pick(l, "mengurangi jumlah", "lowering a quantity"),
            Action::VoidSale => pick(l, "membatalkan transaksi", "voiding a sale"),
            Action::NoSale => pick(l, "membuka laci tanpa transaksi", "opening the drawer without a sale"),
            Action::CashIn => pick(l, "kas masuk", "cash in"),
            Action::CashOut => pick(l, "kas keluar", "cash out"),
            Action::Return => pick(l, "retur barang", "a return"),
            Action::ReadX => pick(l, "laporan X", "the X report"),
            Action::CloseDay => pick(l, "tutup hari (laporan Z)", "closing the day (Z report)"),
        }
        .to_owned()
    }
}

/// What SQLite said, in words for the common cases a shop meets (another program holds the
/// file, the disk is full or read-only, the file is damaged); the rest as SQLite says it.
pub fn database(e: &rusqlite::Error, l: Locale) -> String {
    use rusqlite::ErrorCode;
    let rusqlite::Error::SqliteFailure(failure, _) = e else { return e.to_string() };
    match failure.code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => pick(
            l,
            "berkas data sedang dipakai program lain; coba lagi sebentar lagi",
            "the data file is in use by another program; try again in a moment",
        )
        .to_owned(),
        ErrorCode::DiskFull => pick(l, "disk penuh", "the disk is full").to_owned(),
        ErrorCode::ReadOnly => {
            pick(l, "berkas data hanya bisa dibaca, tidak bisa ditulis", "the data file is read-only")
                .to_owned()
        }
        ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
            pick(l, "berkas data rusak atau bukan data Kasir", "the data file is damaged or not Kasir's")
                .to_owned()
        }
        ErrorCode::CannotOpen => {
            pick(l, "berkas data tidak bisa dibuka", "the data file cannot be opened").to_owned()
        }
        ErrorCode::PermissionDenied => {
            pick(l, "tidak ada izin akses ke berkas data", "no permission to use the data file").to_owned()
        }
        _ => e.to_string(),
    }
}
