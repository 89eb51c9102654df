//! The `kasir` commands' own words: what they print ([`CliSays`], [`CliText`]) and what they
//! refuse ([`CliError`]), in the language of the shop's `[store] locale`.

use std::path::PathBuf;

use kasir_core::policy::Role;
use kasir_core::{Locale, Money, Quantity};

use super::names::{money, qty};
use super::{Explain, catalogue, pick};
use crate::cli::{CliError, Script, WindowProblem};

catalogue! {
    /// A fixed line or word a command prints.
    CliText {
        /// Before the error a command ends with, on stderr.
        ErrorPrefix => "kesalahan", "error";
        NoShiftOpen => "Belum ada shift yang dibuka.", "No shift is open.";
        DemoUsersHeader => "Pengguna demo (kode, nama, peran, PIN):", "Demo users (code, name, role, PIN):";
        HeadOfficeNotConfigured =>
            "kantor pusat: belum diatur ([headoffice] url di kasir.toml)",
            "head office: not configured ([headoffice] url in kasir.toml)";
        Never => "belum pernah", "never";
    }
}

/// A line a command prints, with its figures.
// Each is made, said once and dropped: the size of the largest does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum CliSays {
    Imported {
        file: PathBuf,
        added: u64,
        updated: u64,
        barcodes: u64,
    },
    /// `kasir catalog lookup`: a product as a scan finds it.
    Product {
        sku: String,
        name: String,
        price: Money,
        unit: String,
        tax_class: String,
        /// The rate as written, e.g. `11` or `1.1`.
        rate: String,
        includes_tax: bool,
    },
    QuantityFromBarcode {
        quantity: Quantity,
        unit: String,
    },
    PriceFromBarcode(Money),
    /// `kasir ledger verify` found the whole chain sound.
    Verified {
        documents: u64,
        seconds: f64,
        grand_total: Money,
        hash: String,
    },
    /// `kasir ledger verify` stopped at a document that does not match (the problem as the
    /// ledger words it).
    VerifyFailed {
        documents: u64,
        problem: crate::store::VerifyProblem,
    },
    CashMoved {
        into: bool,
        amount: Money,
        receipt: String,
    },
    ShiftOpened {
        receipt: String,
        float: Money,
    },
    ShiftClosed {
        shift_no: u64,
        receipt: String,
    },
    /// A figure of a shift's close, labelled and right-aligned as a column.
    CloseFigure {
        figure: CloseFigure,
        amount: Money,
    },
    ShiftOpenSince {
        shift_no: u64,
        seq: u64,
    },
    ShiftFlows {
        float: Money,
        cash_sales: Money,
        change: Money,
        cash_in: Money,
        cash_out: Money,
        cash_refunds: Money,
        voided: Money,
    },
    DrawerShouldHold(Money),
    HeadOffice {
        url: String,
    },
    DocumentsWaiting {
        waiting: u64,
        delivered: u64,
    },
    FeedAppliedUpTo(u64),
    /// When it was, in the store's time, or never.
    LastSuccess(Option<String>),
    LastAttempt(Option<String>),
    /// Head office's or the network's words, as the sync thread recorded them.
    LastError(String),
    SyncRound {
        stored: u64,
        delivered: u64,
        changes: u64,
        waiting: u64,
    },
    SyncProgress {
        waiting: u64,
        delivered: u64,
        error: Option<String>,
    },
    Joined {
        store: String,
        terminal: String,
        store_name: String,
        users: usize,
        tax_classes: usize,
        products: u64,
    },
    /// `kasir join` wrote the config that holds the terminal's token.
    TokenConfigWritten(PathBuf),
    LedgerCreated(PathBuf),
    FirstSyncUnfinished(String),
    /// `kasir init` with the shop's identity: the rest of kasir.toml is the defaults.
    ConfigWrittenWithDefaults(PathBuf),
    /// `kasir init` wrote a kasir.toml for the owner to edit.
    ConfigWrittenToEdit(PathBuf),
    DemoCatalogue {
        products: u64,
        barcodes: u64,
    },
    DemoUser {
        code: String,
        name: String,
        role: Role,
        pin: String,
    },
    ShiftOpenWithFloat {
        shift_no: u64,
        float: Money,
    },
    UserAdded {
        code: String,
        name: String,
        role: Role,
    },
    UserDeactivated(String),
    PinChanged(String),
    UserRow {
        code: String,
        name: String,
        role: Role,
    },
    /// `kasir sell --print`: the sale stands, the receipt is queued.
    ReceiptNotPrinted(String),
}

/// The three figures of a shift's close.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseFigure {
    Expected,
    Counted,
    OverShort,
}

impl CloseFigure {
    pub const ALL: [CloseFigure; 3] = [CloseFigure::Expected, CloseFigure::Counted, CloseFigure::OverShort];
}

impl Explain for CliSays {
    fn explain(&self, l: Locale) -> String {
        let m = |v: &Money| money(*v, l);
        match self {
            CliSays::Imported { file, added, updated, barcodes } => pick(
                l,
                format!("{} diimpor: {added} baru, {updated} diperbarui, {barcodes} barcode", file.display()),
                format!("Imported {}: {added} added, {updated} updated, {barcodes} barcodes", file.display()),
            ),
            CliSays::Product { sku, name, price, unit, tax_class, rate, includes_tax } => {
                let tax = match includes_tax {
                    true => pick(l, "termasuk pajak", "incl."),
                    false => pick(l, "belum termasuk pajak", "excl."),
                };
                format!("{sku} {name} — {} per {unit} ({tax_class} {rate}% {tax})", m(price))
            }
            CliSays::QuantityFromBarcode { quantity, unit } => pick(
                l,
                format!("jumlah dari barcode: {} {unit}", qty(*quantity, l)),
                format!("quantity from barcode: {} {unit}", qty(*quantity, l)),
            ),
            CliSays::PriceFromBarcode(price) => pick(
                l,
                format!("harga dari barcode: {}", m(price)),
                format!("price from barcode: {}", m(price)),
            ),
            CliSays::Verified { documents, seconds, grand_total, hash } => {
                let rate = *documents as f64 / seconds.max(1e-9);
                pick(
                    l,
                    format!(
                        "OK: {documents} dokumen terverifikasi dalam {seconds:.2} detik ({rate:.0}/detik); total kumulatif {}; hash terakhir {hash}",
                        m(grand_total)
                    ),
                    format!(
                        "OK: {documents} documents verified in {seconds:.2} s ({rate:.0}/s); grand total {}; last hash {hash}",
                        m(grand_total)
                    ),
                )
            }
            CliSays::VerifyFailed { documents, problem } => pick(
                l,
                format!("GAGAL setelah {documents} dokumen yang benar: {}", problem.explain(l)),
                format!("FAILED after {documents} good documents: {}", problem.explain(l)),
            ),
            CliSays::CashMoved { into: true, amount, receipt } => pick(
                l,
                format!("Kas masuk {} ({receipt})", m(amount)),
                format!("Cash in {} ({receipt})", m(amount)),
            ),
            CliSays::CashMoved { into: false, amount, receipt } => pick(
                l,
                format!("Kas keluar {} ({receipt})", m(amount)),
                format!("Cash out {} ({receipt})", m(amount)),
            ),
            CliSays::ShiftOpened { receipt, float } => pick(
                l,
                format!("Shift dibuka ({receipt}) dengan modal awal {}", m(float)),
                format!("Shift opened ({receipt}) with a float of {}", m(float)),
            ),
            CliSays::ShiftClosed { shift_no, receipt } => pick(
                l,
                format!("Shift {shift_no} ditutup ({receipt})"),
                format!("Shift {shift_no} closed ({receipt})"),
            ),
            CliSays::CloseFigure { figure, amount } => {
                let label = match figure {
                    CloseFigure::Expected => pick(l, "seharusnya", "expected"),
                    CloseFigure::Counted => pick(l, "dihitung", "counted"),
                    CloseFigure::OverShort => pick(l, "selisih", "over/short"),
                };
                format!("  {label:<12}{:>16}", m(amount))
            }
            CliSays::ShiftOpenSince { shift_no, seq } => pick(
                l,
                format!("Shift {shift_no} buka sejak dokumen {seq}"),
                format!("Shift {shift_no} open since document {seq}"),
            ),
            CliSays::ShiftFlows { float, cash_sales, change, cash_in, cash_out, cash_refunds, voided } => {
                pick(
                    l,
                    format!(
                        "  modal awal {}, penjualan tunai {}, kembalian {}, kas masuk {}, kas keluar {}, refund tunai {}, dibatalkan {}",
                        m(float),
                        m(cash_sales),
                        m(change),
                        m(cash_in),
                        m(cash_out),
                        m(cash_refunds),
                        m(voided)
                    ),
                    format!(
                        "  float {}, cash sales {}, change {}, cash in {}, cash out {}, cash refunds {}, voided {}",
                        m(float),
                        m(cash_sales),
                        m(change),
                        m(cash_in),
                        m(cash_out),
                        m(cash_refunds),
                        m(voided)
                    ),
                )
            }
            CliSays::DrawerShouldHold(amount) => pick(
                l,
                format!("  isi laci seharusnya {}", m(amount)),
                format!("  the drawer should hold {}", m(amount)),
            ),
            CliSays::HeadOffice { url } => {
                pick(l, format!("kantor pusat: {url}"), format!("head office: {url}"))
            }
            CliSays::DocumentsWaiting { waiting, delivered } => pick(
                l,
                format!("dokumen menunggu: {waiting} (kantor pusat menyimpan sampai {delivered})"),
                format!("documents waiting: {waiting} (head office holds up to {delivered})"),
            ),
            CliSays::FeedAppliedUpTo(cursor) => pick(
                l,
                format!("perubahan dari kantor pusat diterapkan sampai: {cursor}"),
                format!("change feed applied up to: {cursor}"),
            ),
            CliSays::LastSuccess(when) => {
                let when = when.clone().unwrap_or_else(|| CliText::Never.get(l).to_owned());
                pick(
                    l,
                    format!("sinkron terakhir yang berhasil: {when}"),
                    format!("last successful sync: {when}"),
                )
            }
            CliSays::LastAttempt(when) => {
                let when = when.clone().unwrap_or_else(|| CliText::Never.get(l).to_owned());
                pick(l, format!("percobaan terakhir: {when}"), format!("last attempt: {when}"))
            }
            CliSays::LastError(e) => pick(l, format!("kesalahan terakhir: {e}"), format!("last error: {e}")),
            CliSays::SyncRound { stored, delivered, changes, waiting } => pick(
                l,
                format!(
                    "{stored} dokumen tersimpan di kantor pusat (tersimpan sampai {delivered}); {changes} perubahan diterapkan; {waiting} menunggu"
                ),
                format!(
                    "{stored} documents stored at head office (it holds up to {delivered}); {changes} changes applied; {waiting} waiting"
                ),
            ),
            CliSays::SyncProgress { waiting, error: Some(e), .. } => {
                pick(l, format!("sinkron: {waiting} menunggu; {e}"), format!("sync: {waiting} waiting; {e}"))
            }
            CliSays::SyncProgress { waiting, delivered, error: None } => pick(
                l,
                format!("sinkron: {waiting} menunggu; kantor pusat menyimpan sampai {delivered}"),
                format!("sync: {waiting} waiting; head office holds up to {delivered}"),
            ),
            CliSays::Joined { store, terminal, store_name, users, tax_classes, products } => pick(
                l,
                format!(
                    "Tergabung dengan kantor pusat sebagai {store}-{terminal} ({store_name}); {users} pengguna, {tax_classes} kelas pajak, {products} barang"
                ),
                format!(
                    "Joined head office as {store}-{terminal} ({store_name}); {users} users, {tax_classes} tax classes, {products} products"
                ),
            ),
            CliSays::TokenConfigWritten(path) => pick(
                l,
                format!("Konfigurasi ditulis: {} (berisi token terminal ini)", path.display()),
                format!("Config written: {} (it holds this terminal's token)", path.display()),
            ),
            CliSays::LedgerCreated(path) => pick(
                l,
                format!("Ledger dibuat: {}", path.display()),
                format!("Ledger created: {}", path.display()),
            ),
            CliSays::FirstSyncUnfinished(e) => pick(
                l,
                format!(
                    "Sinkron pertama belum selesai ({e}); pengguna dan katalog datang dengan `kasir sync` berikutnya."
                ),
                format!(
                    "The first sync did not finish ({e}); users and the catalogue come with the next `kasir sync`."
                ),
            ),
            CliSays::ConfigWrittenWithDefaults(path) => pick(
                l,
                format!(
                    "Konfigurasi ditulis: {} (pengaturan lainnya memakai bawaan; lihat config/default.toml)",
                    path.display()
                ),
                format!(
                    "Config written: {} (the rest of the settings are the defaults; see config/default.toml)",
                    path.display()
                ),
            ),
            CliSays::ConfigWrittenToEdit(path) => pick(
                l,
                format!(
                    "Konfigurasi ditulis: {} (ubah untuk mengatur toko dan terminal Anda)",
                    path.display()
                ),
                format!("Config written: {} (edit it to set your store and terminal)", path.display()),
            ),
            CliSays::DemoCatalogue { products, barcodes } => pick(
                l,
                format!("Katalog demo: {products} barang, {barcodes} barcode"),
                format!("Demo catalogue: {products} products, {barcodes} barcodes"),
            ),
            CliSays::DemoUser { code, name, role, pin } => {
                format!("  {code}  {name:<14} {:<10} {pin}", role.explain(l))
            }
            CliSays::ShiftOpenWithFloat { shift_no, float } => pick(
                l,
                format!("Shift {shift_no} sudah dibuka dengan modal awal {}", m(float)),
                format!("Shift {shift_no} is open with a float of {}", m(float)),
            ),
            CliSays::UserAdded { code, name, role } => pick(
                l,
                format!("{code} {name} ({}) ditambahkan", role.explain(l)),
                format!("Added {code} {name} ({})", role.explain(l)),
            ),
            CliSays::UserDeactivated(code) => {
                pick(l, format!("{code} dinonaktifkan"), format!("Deactivated {code}"))
            }
            CliSays::PinChanged(code) => {
                pick(l, format!("PIN {code} diganti"), format!("PIN of {code} changed"))
            }
            CliSays::UserRow { code, name, role } => format!("{code}  {name:<20} {}", role.explain(l)),
            CliSays::ReceiptNotPrinted(e) => pick(
                l,
                format!("Penjualan sudah tercatat, tetapi struknya tidak tercetak: {e}"),
                format!("The sale is committed, but its receipt did not print: {e}"),
            ),
        }
    }
}

impl Explain for Script {
    fn explain(&self, l: Locale) -> String {
        match self {
            Script::Sale => pick(l, "skrip penjualan", "sale script"),
            Script::Return => pick(l, "skrip retur", "return script"),
            Script::Exchange => pick(l, "skrip tukar barang", "exchange script"),
            Script::CountSheet => pick(l, "lembar hitung uang", "count sheet"),
        }
        .to_owned()
    }
}

impl Explain for WindowProblem {
    fn explain(&self, l: Locale) -> String {
        match self {
            WindowProblem::NotWidthByHeight => {
                pick(l, "harus LEBARxTINGGI, misalnya 1024x768", "must be WIDTHxHEIGHT, e.g. 1024x768")
                    .to_owned()
            }
            WindowProblem::NotPixels(s) => {
                pick(l, format!("'{s}' bukan jumlah piksel"), format!("'{s}' is not a number of pixels"))
            }
            WindowProblem::TooSmall(n) => pick(
                l,
                format!("{n} piksel terlalu kecil untuk layar kasir"),
                format!("{n} pixels is too small for the checkout"),
            ),
        }
    }
}

/// A file the system could not read or write: the common cases in words, the rest as the
/// operating system says them.
impl Explain for std::io::Error {
    fn explain(&self, l: Locale) -> String {
        use std::io::ErrorKind;
        match self.kind() {
            ErrorKind::NotFound => {
                pick(l, "berkas atau folder tidak ditemukan", "no such file or directory").to_owned()
            }
            ErrorKind::PermissionDenied => pick(l, "tidak ada izin akses", "permission denied").to_owned(),
            ErrorKind::AlreadyExists => pick(l, "sudah ada", "it already exists").to_owned(),
            _ => self.to_string(),
        }
    }
}

/// A JSON script that does not read: where, and serde's words for what.
impl Explain for serde_json::Error {
    fn explain(&self, l: Locale) -> String {
        let text = self.to_string();
        // serde_json ends its message with " at line L column C"; the place is said once.
        let what = text.rsplit_once(" at line ").map_or(text.as_str(), |(what, _)| what);
        let what = match self.classify() {
            serde_json::error::Category::Syntax => {
                pick(l, "bukan JSON yang sah", "not valid JSON").to_owned()
            }
            serde_json::error::Category::Eof => {
                pick(l, "berkas berakhir terlalu cepat", "the file ends too early").to_owned()
            }
            serde_json::error::Category::Io | serde_json::error::Category::Data => what.to_owned(),
        };
        pick(
            l,
            format!("baris {}, kolom {}: {what}", self.line(), self.column()),
            format!("line {}, column {}: {what}", self.line(), self.column()),
        )
    }
}

impl Explain for CliError {
    fn explain(&self, l: Locale) -> String {
        let file = |file: &Option<String>| {
            file.clone().unwrap_or_else(|| pick(l, "dari stdin", "from stdin").to_owned())
        };
        match self {
            CliError::NeedPin(code) => pick(
                l,
                format!("Perintah ini atas nama {code}: berikan PIN {code} dengan --pin atau KASIR_PIN"),
                format!("This acts for {code}: give {code}'s PIN with --pin or KASIR_PIN"),
            ),
            CliError::ReadScript { what, file: f, source } => pick(
                l,
                format!("Tidak bisa membaca {} {}: {}", what.explain(l), file(f), source.explain(l)),
                format!("Reading the {} {}: {}", what.explain(l), file(f), source.explain(l)),
            ),
            CliError::BadScript { what, file: f, source } => pick(
                l,
                format!("Isi {} {} salah: {}", what.explain(l), file(f), source.explain(l)),
                format!("The {} {} is not valid: {}", what.explain(l), file(f), source.explain(l)),
            ),
            CliError::ScriptText { what, file: f, field } => pick(
                l,
                format!(
                    "Isi {} {} salah: {field} berisi karakter kendali (NUL, ganti baris, …); tidak ada yang dilakukan",
                    what.explain(l),
                    file(f)
                ),
                format!(
                    "The {} {} is not valid: {field} holds a control character (NUL, a line break, …); \
                     nothing was done",
                    what.explain(l),
                    file(f)
                ),
            ),
            CliError::OpenFile { path, source } => pick(
                l,
                format!("Tidak bisa membuka {}: {}", path.display(), source.explain(l)),
                format!("Opening {}: {}", path.display(), source.explain(l)),
            ),
            CliError::Import { path, source } => pick(
                l,
                format!("Impor {}: {}", path.display(), source.explain(l)),
                format!("Importing {}: {}", path.display(), source.explain(l)),
            ),
            CliError::NoDocument(receipt) => pick(
                l,
                format!("Tidak ada dokumen {receipt} di ledger ini"),
                format!("No document {receipt} in this ledger"),
            ),
            CliError::Amount { text, source } => {
                pick(l, format!("Nominal '{text}': "), format!("Amount '{text}': ")) + &source.explain(l)
            }
            CliError::Refresh { receipt, source } => {
                pick(l, format!("Penjualan {receipt}: "), format!("Sale {receipt}: ")) + &source.explain(l)
            }
            CliError::NoHeadOffice => pick(
                l,
                "Kantor pusat belum diatur: isi [headoffice] url (dan token) di kasir.toml",
                "No head office configured: set [headoffice] url (and token) in kasir.toml",
            )
            .to_owned(),
            CliError::UsersNeedManager => pick(
                l,
                "Mengubah pengguna terminal ini perlu manajer: berikan --manager KODE dan --manager-pin (atau KASIR_MANAGER_PIN)",
                "Changing this terminal's users needs a manager: give --manager CODE and --manager-pin (or KASIR_MANAGER_PIN)",
            )
            .to_owned(),
            CliError::BadRole(role) => pick(
                l,
                format!("Peran '{role}' harus cashier, supervisor atau manager"),
                format!("Role '{role}' must be cashier, supervisor or manager"),
            ),
            CliError::DemoWithIdentity => pick(
                l,
                "--demo menyiapkan toko demo; jangan sertakan --store-code, --store-name, --address dan --npwp",
                "--demo sets up the demo store; leave out --store-code, --store-name, --address and --npwp",
            )
            .to_owned(),
            CliError::NeedIdentity(missing) => pick(
                l,
                format!(
                    "kasir init perlu identitas toko ini untuk struknya: berikan {} (atau --demo untuk mencoba toko demo)",
                    missing.join(", ")
                ),
                format!(
                    "kasir init needs this shop's identity for its receipts: give {} (or --demo to try the demo store)",
                    missing.join(", ")
                ),
            ),
            CliError::Window { text, problem } => format!("KASIR_WINDOW '{text}': {}", problem.explain(l)),
            CliError::ScreenStopped(detail) => pick(
                l,
                format!("Layar kasir berhenti: {detail}"),
                format!("The checkout screen stopped: {detail}"),
            ),
        }
    }
}
