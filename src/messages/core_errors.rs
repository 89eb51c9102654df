//! kasir-core's errors in the cashier's words: the cart, quantities, money, payment, tax,
//! counting the drawer, returns, barcodes, the catalogue CSV, permissions and the chain.
//! Every match is exhaustive, so a new variant without words does not build.

use kasir_core::barcode::BarcodeError;
use kasir_core::catalogue_csv::{COLUMNS, CsvError, RowError, RowProblem};
use kasir_core::chain::ChainProblem;
use kasir_core::money::MoneyError;
use kasir_core::policy::{Action, PermissionError};
use kasir_core::quantity::QuantityError;
use kasir_core::returns::ReturnError;
use kasir_core::shift::CountError;
use kasir_core::tax::{DppError, TaxRateError};
use kasir_core::tender::PaymentError;
use kasir_core::{CartError, Locale};

use super::names::{count, money, number, qty, tender_code};
use super::{Explain, pick};

impl Explain for CartError {
    fn explain(&self, l: Locale) -> String {
        match self {
            CartError::NonPositiveQuantity(q) => pick(
                l,
                format!("Jumlah harus lebih dari nol (tertulis {})", qty(*q, l)),
                format!("The quantity must be more than zero (got {})", qty(*q, l)),
            ),
            CartError::FractionalPieces(name, q) => pick(
                l,
                format!("{name} dijual per buah; jumlahnya harus bilangan bulat (tertulis {})", qty(*q, l)),
                format!(
                    "{name} is sold by the piece; the quantity must be a whole number (got {})",
                    qty(*q, l)
                ),
            ),
            CartError::NegativePrice(d) => pick(
                l,
                format!("Harga tidak boleh negatif (tertulis {})", number(*d, l)),
                format!("A price must not be negative (got {})", number(*d, l)),
            ),
            CartError::BadPercent(d) => pick(
                l,
                format!("Diskon persen harus antara 0 dan 100 (tertulis {})", number(*d, l)),
                format!("A discount percent must be between 0 and 100 (got {})", number(*d, l)),
            ),
            CartError::NegativeDiscount(d) => pick(
                l,
                format!("Nilai diskon tidak boleh negatif (tertulis {})", number(*d, l)),
                format!("A discount amount must not be negative (got {})", number(*d, l)),
            ),
            CartError::TooPrecise(d, currency) => pick(
                l,
                format!("Nominal {} punya lebih banyak angka desimal daripada {currency}", number(*d, l)),
                format!("The amount {} has more decimals than {currency} allows", number(*d, l)),
            ),
            CartError::Limit(e) => e.explain(l),
            CartError::NoSuchLine(id) => pick(
                l,
                format!("Baris {id} tidak ada di keranjang"),
                format!("There is no line {id} in the cart"),
            ),
        }
    }
}

impl Explain for QuantityError {
    fn explain(&self, l: Locale) -> String {
        match self {
            QuantityError::TooPrecise(s) => pick(
                l,
                format!("Jumlah '{s}' punya lebih dari tiga angka desimal"),
                format!("The quantity '{s}' has more than three decimals"),
            ),
            QuantityError::OutOfRange(s) => pick(
                l,
                format!("Jumlah '{s}' di luar batas yang bisa dicatat"),
                format!("The quantity '{s}' is out of range"),
            ),
            QuantityError::NotANumber(s) => {
                pick(l, format!("'{s}' bukan angka"), format!("'{s}' is not a number"))
            }
        }
    }
}

impl Explain for MoneyError {
    fn explain(&self, l: Locale) -> String {
        match self {
            MoneyError::NotANumber(s) => {
                pick(l, format!("'{s}' bukan nominal uang"), format!("'{s}' is not an amount of money"))
            }
            MoneyError::TooManyDecimals { value, currency, allowed: 0 } => pick(
                l,
                format!("'{value}': {currency} tidak memakai angka desimal"),
                format!("'{value}': {currency} has no decimals"),
            ),
            MoneyError::TooManyDecimals { value, currency, allowed } => pick(
                l,
                format!("'{value}': {currency} memakai paling banyak {allowed} angka desimal"),
                format!("'{value}' has more decimals than {currency} allows ({allowed})"),
            ),
            MoneyError::TooLarge(s) => {
                pick(l, format!("Nominal {s} terlalu besar"), format!("The amount {s} is too large"))
            }
        }
    }
}

impl Explain for PaymentError {
    fn explain(&self, l: Locale) -> String {
        match self {
            PaymentError::NonPositiveTender { index, kind } => pick(
                l,
                format!("Pembayaran ke-{} ({}) harus lebih dari nol", index + 1, tender_code(kind, l)),
                format!("Payment {} ({}) must be more than zero", index + 1, tender_code(kind, l)),
            ),
            PaymentError::Underpaid { remaining } => pick(
                l,
                format!("Belum lunas: masih kurang {}", money(*remaining, l)),
                format!("Not fully paid: {} still due", money(*remaining, l)),
            ),
            PaymentError::NonCashExceedsDue { non_cash, due } => pick(
                l,
                format!(
                    "Pembayaran nontunai ({}) melebihi tagihan ({}); kembalian hanya diberikan dari uang tunai",
                    money(*non_cash, l),
                    money(*due, l)
                ),
                format!(
                    "Non-cash payments ({}) exceed the amount due ({}); change is only given from cash",
                    money(*non_cash, l),
                    money(*due, l)
                ),
            ),
            PaymentError::CashNotNeeded => pick(
                l,
                "Ada uang tunai, padahal tagihan sudah lunas tanpa tunai".to_owned(),
                "Cash was tendered, but nothing is left to pay in cash".to_owned(),
            ),
            PaymentError::WrongCurrency { index, found, expected } => pick(
                l,
                format!("Pembayaran ke-{} dalam {found}, sedangkan transaksi dalam {expected}", index + 1),
                format!("Payment {} is in {found}, but the sale is in {expected}", index + 1),
            ),
        }
    }
}

impl Explain for CsvError {
    fn explain(&self, l: Locale) -> String {
        match self {
            CsvError::BadRows(rows) => bad_rows(rows, l),
            CsvError::Empty => csv_empty(l),
            CsvError::Csv(detail) => csv_unreadable(detail, l),
        }
    }
}

/// Every bad row of a catalogue file, each with its line number: the same cap as
/// kasir-core's own text, so a file of 10,000 bad rows is not read out in full.
pub(super) fn bad_rows(rows: &[RowError], l: Locale) -> String {
    const SHOWN: usize = 20;
    let mut out = pick(
        l,
        format!("{} baris salah; tidak ada yang diimpor:", rows.len()),
        format!("{} bad row(s); nothing was imported:", rows.len()),
    );
    for r in rows.iter().take(SHOWN) {
        out.push_str(&pick(
            l,
            format!("\n  baris {}: {}", r.line, r.reason.explain(l)),
            format!("\n  line {}: {}", r.line, r.reason.explain(l)),
        ));
    }
    if rows.len() > SHOWN {
        out.push_str(&pick(
            l,
            format!("\n  … dan {} baris lagi", rows.len() - SHOWN),
            format!("\n  … and {} more", rows.len() - SHOWN),
        ));
    }
    out
}

impl Explain for RowProblem {
    fn explain(&self, l: Locale) -> String {
        match self {
            RowProblem::UnknownColumn(c) => pick(
                l,
                format!("kolom '{c}' tidak dikenal (yang dikenal: {})", COLUMNS.join(", ")),
                format!("unknown column '{c}' (known: {})", COLUMNS.join(", ")),
            ),
            RowProblem::RepeatedColumn(c) => {
                pick(l, format!("kolom '{c}' muncul dua kali"), format!("column '{c}' appears twice"))
            }
            RowProblem::MissingColumn(c) => {
                pick(l, format!("kolom wajib '{c}' tidak ada"), format!("required column '{c}' is missing"))
            }
            RowProblem::EmptySku => pick(l, "sku kosong", "sku is empty").to_owned(),
            RowProblem::ControlCharacter { column, value } => pick(
                l,
                format!("{column} {value:?} berisi karakter kendali; ketik tanpa karakter itu"),
                format!("{column} {value:?} holds a control character; type it without"),
            ),
            RowProblem::BadSku(sku) => pick(
                l,
                format!("sku '{sku}' paling banyak 64 karakter, tanpa '|'"),
                format!("sku '{sku}' must be at most 64 characters without '|'"),
            ),
            RowProblem::EmptyName => pick(l, "nama kosong", "name is empty").to_owned(),
            RowProblem::NegativePrice(p) => {
                pick(l, format!("harga '{p}' negatif"), format!("price '{p}' is negative"))
            }
            RowProblem::BadPrice(e) => pick(l, "harga: ", "price: ").to_owned() + &e.explain(l),
            RowProblem::UnknownTaxClass { class, known } => pick(
                l,
                format!("kelas pajak '{class}' tidak dikenal (yang dikenal: {})", known.join(", ")),
                format!("unknown tax class '{class}' (known: {})", known.join(", ")),
            ),
            RowProblem::NotAFlag { column, value } => pick(
                l,
                format!("{column} '{value}' harus true atau false"),
                format!("{column} '{value}' is not true or false"),
            ),
            RowProblem::WeightKeyNotByWeight(code) => pick(
                l,
                format!("barcode {code} adalah kunci timbangan, padahal barangnya tidak dijual per berat"),
                format!("barcode {code} is a weight key, but the product is not sold by weight"),
            ),
            RowProblem::Barcode(e) => e.explain(l),
            RowProblem::VariableMeasurePrefix { code, key } => pick(
                l,
                format!("barcode {code} diawali prefiks barang timbang; tulis kunci 7 digitnya {key}"),
                format!(
                    "barcode {code} starts with a variable-measure prefix; list its 7-digit key {key} instead"
                ),
            ),
            RowProblem::SkuTwice { sku, first } => pick(
                l,
                format!("SKU {sku} juga ada di baris {first}"),
                format!("SKU {sku} also on line {first}"),
            ),
            RowProblem::BarcodeTwice { code, first, other } => pick(
                l,
                format!("barcode {code} ganda: juga ada di baris {first} (SKU {other})"),
                format!("duplicate barcode {code}: also on line {first} (SKU {other})"),
            ),
            RowProblem::BarcodeTaken { code, owner } => pick(
                l,
                format!("barcode {code} ganda: sudah dipakai SKU {owner} di katalog"),
                format!("duplicate barcode {code}: already belongs to SKU {owner} in the catalogue"),
            ),
        }
    }
}

/// The catalogue file as a whole (the terminal's import says the same, see `store.rs`).
pub(super) fn csv_unreadable(detail: &str, l: Locale) -> String {
    pick(l, format!("Berkas CSV tidak bisa dibaca: {detail}"), format!("Cannot read the CSV: {detail}"))
}

pub(super) fn csv_empty(l: Locale) -> String {
    pick(l, "Berkas ini tidak berisi baris produk", "The file has no product rows").to_owned()
}

impl Explain for TaxRateError {
    fn explain(&self, l: Locale) -> String {
        match self {
            TaxRateError::Invalid(s) => pick(
                l,
                format!("Tarif pajak '{s}' harus persentase antara 0 dan 100, paling banyak dua desimal"),
                format!("The tax rate '{s}' is not a percentage between 0 and 100 with at most two decimals"),
            ),
        }
    }
}

impl Explain for DppError {
    fn explain(&self, l: Locale) -> String {
        match self {
            DppError::Invalid(s) => pick(
                l,
                format!("DPP '{s}' harus pecahan seperti 11/12, dengan 0 < pembilang ≤ penyebut ≤ 10000"),
                format!("DPP '{s}' is not a fraction like 11/12 with 0 < numerator ≤ denominator ≤ 10000"),
            ),
        }
    }
}

impl Explain for CountError {
    fn explain(&self, l: Locale) -> String {
        match self {
            CountError::UnknownDenomination { value, currency, known } => pick(
                l,
                format!(
                    "{} bukan pecahan uang kertas atau koin {currency} (yang dikenal: {known})",
                    count(*value, l)
                ),
                format!("{} is not a {currency} note or coin (known: {known})", count(*value, l)),
            ),
            CountError::Repeated { value } => pick(
                l,
                format!("Pecahan {} dihitung dua kali", count(*value, l)),
                format!("{} is counted twice", count(*value, l)),
            ),
        }
    }
}

impl Explain for ReturnError {
    fn explain(&self, l: Locale) -> String {
        match self {
            ReturnError::NoSuchLine { receipt, line_no } => pick(
                l,
                format!("Struk {receipt} tidak punya baris {line_no}"),
                format!("Receipt {receipt} has no line {line_no}"),
            ),
            ReturnError::NonPositive { line_no } => pick(
                l,
                format!("Baris {line_no}: jumlah harus lebih dari nol"),
                format!("Line {line_no}: the quantity must be more than zero"),
            ),
            ReturnError::Repeated { line_no } => pick(
                l,
                format!("Baris {line_no} diminta dua kali"),
                format!("Line {line_no} is asked for twice"),
            ),
            ReturnError::TooMuch { line_no, name, asked, left } => pick(
                l,
                format!(
                    "Baris {line_no} ({name}): diminta kembali {}, padahal sisa yang bisa diretur hanya {}",
                    qty(*asked, l),
                    qty(*left, l)
                ),
                format!(
                    "Line {line_no} ({name}): {} asked back, but only {} of it is left to return",
                    qty(*asked, l),
                    qty(*left, l)
                ),
            ),
            ReturnError::FractionalPieces { line_no, name, asked } => pick(
                l,
                format!(
                    "Baris {line_no} ({name}) dijual per buah; retur harus bilangan bulat (tertulis {})",
                    qty(*asked, l)
                ),
                format!(
                    "Line {line_no} ({name}) is sold by the piece; return a whole number (got {})",
                    qty(*asked, l)
                ),
            ),
            ReturnError::Nothing => pick(l, "Tidak ada barang yang diretur", "Nothing to return").to_owned(),
        }
    }
}

impl Explain for BarcodeError {
    fn explain(&self, l: Locale) -> String {
        match self {
            BarcodeError::Empty => pick(l, "Barcode kosong", "The barcode is empty").to_owned(),
            BarcodeError::NotDigits(code) => pick(
                l,
                format!("Barcode '{code}' berisi karakter yang bukan angka"),
                format!("Barcode '{code}' contains a character that is not a digit"),
            ),
            BarcodeError::BadLength(code, n) => pick(
                l,
                format!(
                    "Barcode '{code}' terdiri dari {n} digit; seharusnya EAN-13 (13), UPC-A (12) atau EAN-8 (8)"
                ),
                format!("Barcode '{code}' has {n} digits; expected EAN-13 (13), UPC-A (12) or EAN-8 (8)"),
            ),
            BarcodeError::BadCheckDigit { code, found, expected } => pick(
                l,
                format!("Barcode '{code}' berakhir dengan digit cek {found}, seharusnya {expected}"),
                format!("Barcode '{code}' has check digit {found}, expected {expected}"),
            ),
        }
    }
}

impl Explain for PermissionError {
    fn explain(&self, l: Locale) -> String {
        let actions = Action::ALL.map(Action::code).join(", ");
        match self {
            PermissionError::UnknownAction(key) => pick(
                l,
                format!("permissions.{key} bukan nama tindakan; pilih salah satu: {actions}"),
                format!("permissions.{key} is not an action: one of {actions}"),
            ),
            PermissionError::UnknownRole { key, role } => pick(
                l,
                format!("permissions.{key} = '{role}' bukan peran; pilih cashier, supervisor atau manager"),
                format!("permissions.{key} = '{role}' is not a role: cashier, supervisor or manager"),
            ),
        }
    }
}

/// Said of one document when the ledger's chain is checked ("document 12: …").
impl Explain for ChainProblem {
    fn explain(&self, l: Locale) -> String {
        match self {
            ChainProblem::Unreadable(detail) => pick(
                l,
                format!("isinya tidak bisa dibaca: {detail}"),
                format!("its content cannot be read: {detail}"),
            ),
            ChainProblem::NotCanonical => pick(
                l,
                "isi yang tersimpan tidak dalam bentuk kanonis",
                "its stored content is not in canonical form",
            )
            .to_owned(),
            ChainProblem::HashMismatch { stored, computed } => pick(
                l,
                format!("hash isinya {computed}, padahal yang tercatat {stored}"),
                format!("its content hashes to {computed}, but {stored} is recorded"),
            ),
            ChainProblem::BrokenLink { expected, found } => pick(
                l,
                format!("tertaut ke {found}, bukan ke hash dokumen sebelumnya {expected}"),
                format!("it links to {found} instead of the previous document's hash {expected}"),
            ),
            ChainProblem::SequenceGap { previous, found } => pick(
                l,
                format!("nomor urut {found} menyusul {previous}: ada yang hilang atau berulang"),
                format!("sequence {found} follows {previous}: a gap or a repeat"),
            ),
            ChainProblem::GrandTotal { expected, found } => pick(
                l,
                format!("total kumulatif {found}, seharusnya {expected}"),
                format!("grand total {found} should be {expected}"),
            ),
            ChainProblem::WrongOrigin { expected, found } => pick(
                l,
                format!("milik {found}, bukan {expected}"),
                format!("it belongs to {found}, not {expected}"),
            ),
            ChainProblem::ReceiptNumber { expected, found } => pick(
                l,
                format!("nomor struk {found}, seharusnya {expected}"),
                format!("receipt number {found} should be {expected}"),
            ),
        }
    }
}
