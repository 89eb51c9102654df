//! The terminal's stored data in the manager's and the cashier's words: the ledger, users and
//! PINs, the catalogue and its import, parked carts.

use kasir_core::Locale;
use kasir_core::policy::{Action, Role};

use super::core_errors::{bad_rows, csv_empty, csv_unreadable};
use super::names::database;
use super::{Explain, pick};
use crate::store::catalogue::LookupError;
use crate::store::catalogue::import::ImportError;
use crate::store::parked::ParkError;
use crate::store::users::UserError;
use crate::store::{LedgerError, Mismatch, VerifyProblem};

impl Explain for LedgerError {
    fn explain(&self, l: Locale) -> String {
        match self {
            LedgerError::NotInitialised(path) => pick(
                l,
                format!(
                    "Belum ada ledger di {}: jalankan `kasir init` (atau `kasir init --demo`) dulu",
                    path.display()
                ),
                format!("No ledger at {}: run `kasir init` (or `kasir init --demo`) first", path.display()),
            ),
            LedgerError::AlreadyExists(path) => pick(
                l,
                format!("Sudah ada ledger di {}; ledger tidak pernah ditimpa", path.display()),
                format!("A ledger already exists at {}; it is never overwritten", path.display()),
            ),
            LedgerError::Open { path, source } => pick(
                l,
                format!("Ledger di {} tidak bisa dibuka: {}", path.display(), database(source, l)),
                format!("Cannot open the ledger at {}: {}", path.display(), database(source, l)),
            ),
            LedgerError::SchemaTooNew { found, known } => pick(
                l,
                format!(
                    "Skema ledger ini versi {found}, lebih baru dari yang dikenal Kasir ini ({known}); pakai Kasir versi lebih baru"
                ),
                format!(
                    "The ledger's schema is version {found}, newer than this Kasir knows ({known}); use a newer Kasir"
                ),
            ),
            LedgerError::Migration { name, source } => pick(
                l,
                format!("Pembaruan skema ledger {name} gagal dijalankan: {}", database(source, l)),
                format!("Ledger migration {name} failed: {}", database(source, l)),
            ),
            LedgerError::UnknownCurrency(code) => pick(
                l,
                format!("Ledger mencatat mata uang '{code}', yang tidak dikenal Kasir ini"),
                format!("The ledger records currency '{code}', which this Kasir does not know"),
            ),
            // Each refusal is worded in `messages/refusals.rs`.
            LedgerError::Refused(why) => pick(l, "Ditolak: ", "Refused: ").to_owned() + &why.explain(l),
            LedgerError::Corrupt { seq, reason } => pick(
                l,
                format!(
                    "Dokumen {seq} di ledger tidak bisa dibaca: {reason}; jalankan `kasir ledger verify`"
                ),
                format!("Document {seq} in the ledger cannot be read: {reason}; run `kasir ledger verify`"),
            ),
            LedgerError::Duplicate { request_id, seq } => pick(
                l,
                format!("Permintaan {request_id} sudah tercatat sebagai dokumen {seq}"),
                format!("Request {request_id} was already committed as document {seq}"),
            ),
            LedgerError::FeedChange { number, message } => pick(
                l,
                format!("Perubahan {number} dari kantor pusat tidak bisa diterapkan: {message}"),
                format!("Change {number} from head office cannot be applied: {message}"),
            ),
            LedgerError::Sqlite(e) => pick(
                l,
                format!("Kesalahan basis data ledger: {}", database(e, l)),
                format!("Ledger database error: {}", database(e, l)),
            ),
        }
    }
}

/// What `kasir ledger verify` found wrong, naming the document where there is one.
impl Explain for VerifyProblem {
    fn explain(&self, l: Locale) -> String {
        match self {
            VerifyProblem::Chain(e) => pick(
                l,
                format!("dokumen {} ({}): {}", e.seq, e.receipt, e.problem.explain(l)),
                format!("document {} ({}): {}", e.seq, e.receipt, e.problem.explain(l)),
            ),
            VerifyProblem::Document { seq, receipt, what } => pick(
                l,
                format!("dokumen {seq} ({receipt}): {}", what.explain(l)),
                format!("document {seq} ({receipt}): {}", what.explain(l)),
            ),
            VerifyProblem::Stray { table, seq } => pick(
                l,
                format!("tabel {table} punya baris untuk dokumen {seq}, yang tidak ada di rantai"),
                format!("{table} has a row for document {seq}, which is not in the chain"),
            ),
            VerifyProblem::Unreadable { table, detail } => pick(
                l,
                format!("ada baris tabel {table} yang tidak bisa dibaca: {detail}"),
                format!("a row of {table} cannot be read: {detail}"),
            ),
            VerifyProblem::Shifts => pick(
                l,
                "tabel shifts berbeda dari dokumen buka/tutup shift",
                "the shifts table does not match the shift documents",
            )
            .to_owned(),
            VerifyProblem::DayCloses => pick(
                l,
                "tabel day_closes berbeda dari dokumen laporan Z",
                "the day_closes table does not match the Z documents",
            )
            .to_owned(),
        }
    }
}

impl Explain for Mismatch {
    fn explain(&self, l: Locale) -> String {
        match self {
            Mismatch::Columns => pick(
                l,
                "kolom barisnya berbeda dari isi yang di-hash",
                "its row's columns do not match its hashed content",
            )
            .to_owned(),
            Mismatch::Rows(table) => pick(
                l,
                format!("baris {table}-nya berbeda dari isinya"),
                format!("its {table} rows do not match its content"),
            ),
            Mismatch::Unclaimed { table, seq } => pick(
                l,
                format!("tabel {table} punya baris untuk dokumen {seq} yang tidak dimuat dokumennya"),
                format!("{table} has a row for document {seq} that its document does not contain"),
            ),
            Mismatch::Unreadable { table, detail } => pick(
                l,
                format!("ada baris tabel {table} yang tidak bisa dibaca: {detail}"),
                format!("a row of {table} cannot be read: {detail}"),
            ),
        }
    }
}

impl Explain for UserError {
    fn explain(&self, l: Locale) -> String {
        match self {
            UserError::Unknown(code) => pick(
                l,
                format!("Tidak ada pengguna aktif dengan kode '{code}'"),
                format!("No active user has code '{code}'"),
            ),
            UserError::WrongPin(code) => {
                pick(l, format!("PIN salah untuk {code}"), format!("Wrong PIN for {code}"))
            }
            UserError::LockedOut { code, seconds } => pick(
                l,
                format!("Terlalu banyak PIN salah untuk {code}; coba lagi dalam {seconds} detik"),
                format!("Too many wrong PINs for {code}; try again in {seconds} s"),
            ),
            UserError::NotManager { code, name } => {
                pick(l, format!("{name} ({code}) bukan manajer"), format!("{name} ({code}) is not a manager"))
            }
            UserError::MayNotApprove { code, name, action, least } => {
                let action = Action::from_code(action).map_or_else(|| (*action).to_owned(), |a| a.explain(l));
                let least = Role::from_code(least).map_or_else(|| (*least).to_owned(), |r| r.explain(l));
                pick(
                    l,
                    format!(
                        "{name} ({code}) tidak boleh menyetujui {action}: harus {least} atau lebih tinggi"
                    ),
                    format!("{name} ({code}) may not approve {action}: that needs a {least} or above"),
                )
            }
            UserError::BadPin => {
                pick(l, "PIN harus 4 sampai 8 angka", "A PIN must be 4 to 8 digits").to_owned()
            }
            UserError::BadCode(code) => pick(
                l,
                format!("Kode pengguna '{code}' harus 1–8 huruf atau angka"),
                format!("User code '{code}' must be 1–8 letters or digits"),
            ),
            UserError::NameControlCharacter(code) => pick(
                l,
                format!("Nama pengguna {code} berisi karakter kendali (tab, ganti baris, …)"),
                format!("The name of user {code} holds a control character (a tab, a line break, …)"),
            ),
            UserError::Exists(code) => pick(
                l,
                format!("Pengguna dengan kode '{code}' sudah ada"),
                format!("A user with code '{code}' already exists"),
            ),
            UserError::CorruptRole { code, role } => pick(
                l,
                format!(
                    "Pengguna {code} tercatat dengan peran '{role}' di ledger, yang tidak dikenal Kasir ini"
                ),
                format!("User {code} has role '{role}' in the ledger, which this Kasir does not know"),
            ),
            UserError::Sqlite(e) => pick(
                l,
                format!("Kesalahan basis data pengguna: {}", database(e, l)),
                format!("Users database error: {}", database(e, l)),
            ),
        }
    }
}

impl Explain for LookupError {
    fn explain(&self, l: Locale) -> String {
        match self {
            LookupError::BadBarcode(e) => e.explain(l),
            LookupError::UnknownBarcode(code) => pick(
                l,
                format!("Tidak ada barang dengan barcode {code}"),
                format!("No product has barcode {code}"),
            ),
            LookupError::UnknownSku(sku) => {
                pick(l, format!("Tidak ada barang dengan SKU {sku}"), format!("No product has SKU {sku}"))
            }
            LookupError::Inactive { sku, name } => pick(
                l,
                format!("{name} ({sku}) sudah tidak dijual lagi"),
                format!("{name} ({sku}) is no longer sold"),
            ),
            LookupError::Sqlite(e) => pick(
                l,
                format!("Kesalahan basis data katalog: {}", database(e, l)),
                format!("Catalogue database error: {}", database(e, l)),
            ),
        }
    }
}

impl Explain for ImportError {
    fn explain(&self, l: Locale) -> String {
        match self {
            ImportError::BadRows(rows) => bad_rows(rows, l),
            ImportError::Empty => csv_empty(l),
            ImportError::Csv(detail) => csv_unreadable(detail, l),
            ImportError::Sqlite(e) => pick(
                l,
                format!("Kesalahan basis data katalog: {}", database(e, l)),
                format!("Catalogue database error: {}", database(e, l)),
            ),
        }
    }
}

impl Explain for ParkError {
    fn explain(&self, l: Locale) -> String {
        match self {
            ParkError::Empty => pick(
                l,
                "Keranjang masih kosong; tidak ada yang bisa diparkir",
                "There is nothing in the cart to park",
            )
            .to_owned(),
            ParkError::NotFound(id) => pick(
                l,
                format!("Tidak ada transaksi parkir nomor {id}"),
                format!("There is no parked cart {id}"),
            ),
            ParkError::Unreadable { id, reason } => pick(
                l,
                format!("Transaksi parkir {id} tidak bisa dibaca: {reason}"),
                format!("Parked cart {id} cannot be read: {reason}"),
            ),
            ParkError::Encode(detail) => pick(
                l,
                format!("Keranjang tidak bisa dicatat untuk diparkir: {detail}"),
                format!("The cart cannot be written down to park it: {detail}"),
            ),
            ParkError::Sqlite(e) => pick(
                l,
                format!("Kesalahan basis data transaksi parkir: {}", database(e, l)),
                format!("Parked carts database error: {}", database(e, l)),
            ),
        }
    }
}
