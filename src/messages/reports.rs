//! Reports in the manager's words: the X, Z and sales reports' labels, column headings and
//! chart titles ([`ReportText`]), what the report commands say, and the reports' errors.

use chrono::NaiveDate;
use kasir_core::Locale;
use kasir_core::policy::Role;

use super::{Explain, catalogue, pick};
use crate::reports::{DayError, ReportError, SaveError};

catalogue! {
    /// A fixed text of a report: a figure's label, a section, a column heading, a chart.
    ReportText {
        Transactions => "Transaksi", "Transactions";
        GrossSales => "Penjualan kotor", "Gross sales";
        Discounts => "Diskon", "Discounts";
        Sales => "Penjualan", "Sales";
        Returns => "Retur", "Returns";
        NetSales => "PENJUALAN BERSIH", "NET SALES";
        OfWhichTax => "termasuk pajak", "of which tax";
        CashRounding => "Pembulatan tunai", "Cash rounding";
        Voids => "Batal setelah bayar", "Voided sales";
        Cancels => "Batal sebelum bayar", "Cancelled sales";
        NoSales => "Buka laci tanpa transaksi", "No-sales";
        AverageBasket => "Rata-rata belanja", "Average basket";
        ItemsPerBasket => "Barang per belanja", "Items per basket";
        CashIn => "Kas masuk", "Cash in";
        CashOut => "Kas keluar", "Cash out";
        TendersSection =>
            "PEMBAYARAN (diterima − kembalian − refund)", "TENDERS (received − change − refunds)";
        TaxSection => "PAJAK", "TAX";
        ByHourSection => "PER JAM", "BY HOUR";
        ByCategorySection => "PER KATEGORI", "BY CATEGORY";
        ByCashierSection => "PER KASIR", "BY CASHIER";
        TopProductsSection => "PRODUK TERLARIS", "TOP PRODUCTS";
        CashDrawerSection => "LACI KAS", "CASH DRAWER";
        OpeningFloat => "Modal awal", "Opening float";
        CashSales => "Penjualan tunai", "Cash sales";
        Change => "Kembalian", "Change";
        CashRefunds => "Refund tunai", "Cash refunds";
        VoidedCash => "Tunai dari batal", "Cash back on voids";
        Expected => "Seharusnya", "Expected";
        Counted => "Dihitung", "Counted";
        OverShort => "Selisih (lebih/kurang)", "Over / short";
        ShiftStillOpen => "shift masih buka", "shift still open";
        // The PDF's tables.
        Summary => "Ringkasan", "Summary";
        Figure => "Uraian", "Figure";
        Count => "Jumlah", "Count";
        Amount => "Nilai", "Amount";
        Tender => "Pembayaran", "Tender";
        Received => "Diterima", "Received";
        Refunded => "Refund", "Refunded";
        Net => "Bersih", "Net";
        Total => "Total", "Total";
        TaxClass => "Kelas pajak", "Tax class";
        Rate => "Tarif", "Rate";
        TaxBase => "DPP", "Tax base (DPP)";
        NetOfTax => "Tanpa pajak", "Before tax";
        Tax => "Pajak", "Tax";
        WithTax => "Dengan pajak", "With tax";
        Hour => "Jam", "Hour";
        Category => "Kategori", "Category";
        Cashier => "Kasir", "Cashier";
        Code => "Kode", "Code";
        Product => "Produk", "Product";
        Quantity => "Kuantitas", "Quantity";
        Continued => "(lanjutan)", "(continued)";
        PrintedAt => "Dicetak", "Printed";
        // The PDF's charts, as on the screen.
        ChartByHour => "Penjualan per jam", "Sales by hour";
        ChartByCategory => "Penjualan per kategori", "Sales by category";
        ChartByTender => "Per pembayaran", "By tender";
    }
}

/// "Halaman 2 dari 3" / "Page 2 of 3".
pub fn page_of(page: usize, pages: usize, l: Locale) -> String {
    pick(l, format!("Halaman {page} dari {pages}"), format!("Page {page} of {pages}"))
}

/// "dokumen 12–345" / "documents 12–345", or that there were none.
pub fn documents_span(first: u64, last: u64, l: Locale) -> String {
    if last >= first && last > 0 {
        pick(l, format!("dokumen {first}–{last}"), format!("documents {first}–{last}"))
    } else {
        pick(l, "tidak ada dokumen", "no documents").to_owned()
    }
}

/// The title of a sales report for `from..=to`.
pub fn sales_title(from: NaiveDate, to: NaiveDate, l: Locale) -> String {
    pick(l, format!("Penjualan {from} – {to}"), format!("Sales {from} – {to}"))
}

/// What a report command tells the manager once its report is done.
pub enum ReportSaid {
    /// The report went into a file.
    Written { title: String, path: std::path::PathBuf },
    /// The report went to the receipt printer.
    Printed { title: String },
}

impl Explain for ReportSaid {
    fn explain(&self, l: Locale) -> String {
        match self {
            ReportSaid::Written { title, path } => pick(
                l,
                format!("{title} disimpan di {}", path.display()),
                format!("{title} written to {}", path.display()),
            ),
            ReportSaid::Printed { title } => pick(l, format!("{title} dicetak"), format!("{title} printed")),
        }
    }
}

/// A role named by its code (as the permission table gives it) in the reader's language.
fn role(code: &str, l: Locale) -> String {
    Role::from_code(code).map_or_else(|| code.to_owned(), |r| r.explain(l))
}

impl Explain for DayError {
    fn explain(&self, l: Locale) -> String {
        match self {
            DayError::NotAManager(name, code, least, what) => {
                let least = role(least, l);
                pick(
                    l,
                    format!(
                        "{name} ({code}) bukan {least}; laporan {what} hanya untuk {least} (lihat [permissions])"
                    ),
                    format!(
                        "{name} ({code}) is not a {least}; the {what} is a {least}'s (see [permissions])"
                    ),
                )
            }
            DayError::AlreadyClosed { taken, next } => pick(
                l,
                format!(
                    "Z untuk {taken} sudah diambil; Z berikutnya menutup {next} dan baru bisa diambil mulai hari itu"
                ),
                format!(
                    "The Z for {taken} is already taken; the next Z closes {next} and can be taken from that day on"
                ),
            ),
            DayError::ClockBehind { first, today } => pick(
                l,
                format!(
                    "Dokumen pertama hari buku ini bertanggal {first}, sesudah hari ini ({today}): periksa jam komputer"
                ),
                format!(
                    "The business day's first document is dated {first}, after today ({today}): check the clock"
                ),
            ),
            DayError::Ledger(e) => e.explain(l),
        }
    }
}

impl Explain for SaveError {
    fn explain(&self, l: Locale) -> String {
        match self {
            SaveError::Folder { dir, source } => pick(
                l,
                format!("Folder {} tidak bisa dibuat: {}", dir.display(), source.explain(l)),
                format!("The folder {} cannot be made: {}", dir.display(), source.explain(l)),
            ),
            SaveError::Write { path, source } => pick(
                l,
                format!("{} tidak bisa ditulis: {}", path.display(), source.explain(l)),
                format!("{} cannot be written: {}", path.display(), source.explain(l)),
            ),
        }
    }
}

impl Explain for ReportError {
    fn explain(&self, l: Locale) -> String {
        match self {
            ReportError::PdfNeedsAFile => pick(
                l,
                "--format pdf perlu --output FILE, atau --save untuk folder reports/ di direktori data",
                "--format pdf needs --output FILE, or --save for the data directory's reports/",
            )
            .to_owned(),
            ReportError::ToBeforeFrom { from, to } => pick(
                l,
                format!("--to {to} lebih awal dari --from {from}"),
                format!("--to {to} is before --from {from}"),
            ),
        }
    }
}
