//! Every word the web app shows, in English and Bahasa Indonesia: one catalogue, so that a
//! page never mixes the two and a missing translation is a compile error.

/// The language of a page: the `kasir_lang` cookie, else the browser's first preference
/// between the two, else English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Id,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "id" => Some(Lang::Id),
            _ => None,
        }
    }

    /// The first of `id` or `en` in an `Accept-Language` header (quality order as written,
    /// which is how browsers send it).
    pub fn from_accept(header: &str) -> Lang {
        for part in header.split(',') {
            let tag = part.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
            if tag == "id" || tag.starts_with("id-") || tag == "in" {
                return Lang::Id;
            }
            if tag == "en" || tag.starts_with("en-") {
                return Lang::En;
            }
        }
        Lang::En
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Id,
            Lang::Id => Lang::En,
        }
    }

    pub fn locale(self) -> kasir_core::Locale {
        match self {
            Lang::En => kasir_core::Locale::En,
            Lang::Id => kasir_core::Locale::Id,
        }
    }
}

macro_rules! words {
    ($($name:ident => $en:literal, $id:literal;)*) => {
        /// A word or phrase of the web app.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum W { $($name),* }

        impl W {
            pub fn in_(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((W::$name, Lang::En) => $en, (W::$name, Lang::Id) => $id,)*
                }
            }
        }
    };
}

words! {
    Brand => "Kasir head office", "Kantor pusat Kasir";
    LanguageName => "English", "Bahasa Indonesia";
    Dashboard => "Dashboard", "Dasbor";
    Reports => "Reports", "Laporan";
    Terminals => "Terminals", "Terminal";
    Security => "Security", "Keamanan";
    LogIn => "Log in", "Masuk";
    LogOut => "Log out", "Keluar";
    UserCode => "User code", "Kode pengguna";
    Password => "Password", "Kata sandi";
    WrongLogin => "Wrong user code or password.", "Kode pengguna atau kata sandi salah.";
    LockedLogin => "Too many wrong passwords: this login is locked for a while. Try again later.",
        "Terlalu banyak kata sandi salah: login ini dikunci sebentar. Coba lagi nanti.";
    LoginExpired => "The login form expired; please log in again.", "Formulir login kedaluwarsa; silakan masuk lagi.";
    Busy => "Head office is busy; try again in a moment.", "Kantor pusat sedang sibuk; coba lagi sebentar lagi.";
    Forbidden => "You may not see or change this.", "Anda tidak boleh melihat atau mengubah ini.";
    ForbiddenStore => "This store is not one of yours.", "Toko ini bukan toko Anda.";
    NotFound => "Not found.", "Tidak ditemukan.";
    BadForm => "The form was not sent from this session (its safety token is missing or wrong). Reload the page and try again.",
        "Formulir tidak dikirim dari sesi ini (token keamanannya hilang atau salah). Muat ulang halaman lalu coba lagi.";
    SignedInAs => "Signed in as", "Masuk sebagai";
    RoleAdmin => "administrator", "administrator";
    RoleAnalyst => "analyst", "analis";
    RoleManager => "manager", "manajer";
    WholeChain => "Whole chain", "Seluruh jaringan";
    Region => "Region", "Wilayah";
    Store => "Store", "Toko";
    Terminal => "Terminal", "Terminal";
    Period => "Period", "Periode";
    Today => "Today", "Hari ini";
    Yesterday => "Yesterday", "Kemarin";
    ThisWeek => "This week", "Minggu ini";
    ThisMonth => "This month", "Bulan ini";
    Last30 => "Last 30 days", "30 hari terakhir";
    Custom => "Dates", "Tanggal";
    From => "From", "Dari";
    To => "To", "Sampai";
    Show => "Show", "Tampilkan";
    NetSales => "Net sales", "Penjualan bersih";
    Transactions => "Transactions", "Transaksi";
    AverageBasket => "Average basket", "Rata-rata belanja";
    ItemsPerBasket => "Items per basket", "Barang per transaksi";
    Discounts => "Discounts", "Diskon";
    Returns => "Returns", "Retur";
    ReturnRate => "Return rate", "Tingkat retur";
    Voids => "Voids", "Pembatalan";
    Tax => "Tax", "Pajak";
    Gross => "Gross", "Bruto";
    Net => "Net", "Neto";
    Quantity => "Quantity", "Jumlah";
    Receipts => "Receipts", "Struk";
    VsLastWeek => "vs last week", "vs minggu lalu";
    VsLastYear => "vs last year", "vs tahun lalu";
    NoComparison => "— (no sales then)", "— (tak ada penjualan)";
    TaxByRate => "Tax by rate", "Pajak per tarif";
    TaxClass => "Tax class", "Kelas pajak";
    Rate => "Rate", "Tarif";
    Dpp => "DPP", "DPP";
    ByHour => "Sales by hour", "Penjualan per jam";
    ByHourToday => "Sales by hour: the day against the same weekday's average of the 4 weeks before",
        "Penjualan per jam: hari itu dibanding rata-rata hari yang sama 4 minggu sebelumnya";
    ByHourPeriod => "Sales by hour: this period against the same period a week before",
        "Penjualan per jam: periode ini dibanding periode yang sama seminggu sebelumnya";
    ByDay => "Sales by day", "Penjualan per hari";
    ByStore => "Sales by store", "Penjualan per toko";
    ByCategory => "Sales by category", "Penjualan per kategori";
    TopProducts => "Top products", "Produk terlaris";
    BottomProducts => "Slowest products", "Produk paling lambat";
    ByCashier => "Sales by cashier", "Penjualan per kasir";
    ByTender => "Payments by tender", "Pembayaran per jenis";
    NoSales => "No sales in this period.", "Tidak ada penjualan pada periode ini.";
    AsOf => "As of", "Per";
    Stores => "Stores", "Toko";
    LastContact => "Last contact", "Kontak terakhir";
    NeverReported => "never reported", "belum pernah melapor";
    Silent => "silent for a while", "lama tidak melapor";
    SilentNote => "No terminal of these stores has reported in the last 15 minutes: their newest sales may not be here yet.",
        "Tidak ada terminal toko ini yang melapor dalam 15 menit terakhir: penjualan terbarunya mungkin belum masuk.";
    Live => "Live: new sales appear as terminals sync.", "Langsung: penjualan baru muncul saat terminal sinkron.";
    Report => "Report", "Laporan";
    GroupBy => "Grouped by", "Dikelompokkan per";
    Total => "Total", "Total";
    ExportCsv => "Export CSV (per store and day)", "Ekspor CSV (per toko dan hari)";
    Print => "Print", "Cetak";
    Approvals => "Approvals", "Persetujuan";
    Action => "Action", "Tindakan";
    Cashier => "Cashier", "Kasir";
    Approver => "Approved by", "Disetujui oleh";
    Reason => "Reason", "Alasan";
    Time => "Time", "Waktu";
    Day => "Day", "Hari";
    Hour => "Hour", "Jam";
    Product => "Product", "Produk";
    Category => "Category", "Kategori";
    Tender => "Tender", "Jenis bayar";
    ReturnReason => "Return reason", "Alasan retur";
    Documents => "Documents", "Dokumen";
    Waiting => "Waiting", "Menunggu";
    WaitingNote => "documents the terminal said it still had to send", "dokumen yang menurut terminal masih harus dikirim";
    LastSeq => "Last document", "Dokumen terakhir";
    GrandTotal => "Grand total", "Total akumulasi";
    Refused => "Refused or set aside", "Ditolak atau disisihkan";
    Revoke => "Revoke token", "Cabut token";
    Rotate => "Rotate token", "Ganti token";
    Revoked => "Revoked", "Dicabut";
    RevokedDone => "Revoked: the terminal's next request is refused. To let it sync again keeping its ledger: kasir-headoffice terminal new-token.",
        "Dicabut: permintaan berikutnya dari terminal ditolak. Agar bisa sinkron lagi dengan buku besarnya: kasir-headoffice terminal new-token.";
    RotateDone => "The terminal gets a new token with its next sync.", "Terminal menerima token baru pada sinkronisasi berikutnya.";
    Enrol => "Enrol a new terminal", "Daftarkan terminal baru";
    EnrolCode => "Enrolment code, shown only this once", "Kode pendaftaran, hanya ditampilkan sekali ini";
    EnrolHow => "On the new terminal: kasir join", "Di terminal baru: kasir join";
    EnrolExpires => "It works once, within 24 hours.", "Berlaku sekali, dalam 24 jam.";
    RefusedDocuments => "Refused and set-aside documents", "Dokumen ditolak dan disisihkan";
    Kind => "Kind", "Jenis";
    Received => "Received", "Diterima";
    Receipt => "Receipt", "Struk";
    Hash => "Hash", "Hash";
    ChainVerifies => "Its chain verifies: the hash is of exactly this content, and it links to the documents before and after it.",
        "Rantainya terverifikasi: hash sesuai isi ini persis, dan tersambung dengan dokumen sebelum dan sesudahnya.";
    ChainBroken => "Its chain does NOT verify", "Rantainya TIDAK terverifikasi";
    SetAside => "Set aside: it makes no sense, so none of its figures count.", "Disisihkan: isinya tidak masuk akal, jadi angkanya tidak dihitung.";
    Subtotal => "Subtotal", "Subtotal";
    Change => "Change", "Kembali";
    Amount => "Amount", "Jumlah";
    FailedLogins => "Failed logins", "Login gagal";
    Address => "Address", "Alamat";
    NoneYet => "None yet.", "Belum ada.";
    Back => "Back", "Kembali";
    Sort => "Sort", "Urutkan";
    ConfirmRevoke => "Revoke this terminal's token? It can sync again only with a token set up by hand.",
        "Cabut token terminal ini? Terminal hanya bisa sinkron lagi dengan token yang dipasang manual.";
    Token => "Token", "Token";
    TokenOk => "in use", "aktif";
    Rotating => "new token on its way", "token baru sedang dikirim";
    NewestDocument => "Newest document made", "Dokumen terbaru dibuat";
    LagNote => "how long ago the newest document head office holds was made at the terminal",
        "berapa lama lalu dokumen terbaru yang diterima kantor pusat dibuat di terminal";
    ListCut => "Only the first 1,000 are shown: choose a shorter period or one store to see the rest.",
        "Hanya 1.000 yang pertama ditampilkan: pilih periode lebih pendek atau satu toko untuk melihat sisanya.";
    // Catalogue pages.
    Catalogue => "Catalogue", "Katalog";
    SearchCatalogue => "SKU, name or barcode", "SKU, nama, atau barkode";
    Search => "Search", "Cari";
    Name => "Name", "Nama";
    Unit => "Unit", "Satuan";
    Price => "Price (Rupiah)", "Harga (Rupiah)";
    Barcodes => "Barcodes", "Barkode";
    BarcodesHelp => "One per line: EAN-13, UPC-A or EAN-8, or a weighed product's 7-digit key.",
        "Satu per baris: EAN-13, UPC-A atau EAN-8, atau kunci 7 digit untuk barang timbangan.";
    Active => "Active", "Aktif";
    Yes => "yes", "ya";
    No => "no", "tidak";
    PriceIncludesTax => "Price includes tax", "Harga termasuk pajak";
    SoldByWeight => "Sold by weight", "Dijual per berat";
    NewProduct => "New product", "Produk baru";
    Edit => "Edit", "Ubah";
    Save => "Save", "Simpan";
    ProductSaved => "Saved: terminals get it with their next sync.", "Tersimpan: terminal menerimanya pada sinkronisasi berikutnya.";
    NothingSaved => "Nothing was saved. Correct it and save again:", "Tidak ada yang disimpan. Perbaiki lalu simpan lagi:";
    SkuTaken => "this SKU already exists; edit that product instead", "SKU ini sudah ada; ubah produk itu saja";
    NoProducts => "No products match.", "Tidak ada produk yang cocok.";
    ProductsFound => "products", "produk";
    PageWord => "Page", "Halaman";
    Previous => "Previous", "Sebelumnya";
    Next => "Next", "Berikutnya";
    ViewOnly => "You may view the catalogue; only an administrator changes it.",
        "Anda boleh melihat katalog; hanya administrator yang boleh mengubahnya.";
    NotANumber => "is not a number", "bukan angka";
    NoFraction => "has a fraction: Rupiah are whole, type e.g. 12500 or 12.500",
        "ada pecahannya: Rupiah selalu utuh, ketik mis. 12500 atau 12.500";
    NotNegative => "cannot be negative", "tidak boleh negatif";
    TooLargeAmount => "is too large", "terlalu besar";
    Required => "is required", "wajib diisi";
    TaxClasses => "Tax classes", "Kelas pajak";
    Code => "Code", "Kode";
    RatePercent => "Rate (%)", "Tarif (%)";
    DppFraction => "DPP fraction (e.g. 11/12; 1/1 for the whole price)", "Pecahan DPP (mis. 11/12; 1/1 untuk seluruh harga)";
    SetTaxClass => "Set tax class", "Simpan kelas pajak";
    TaxClassSaved => "Tax class saved: terminals get it with their next sync.",
        "Kelas pajak tersimpan: terminal menerimanya pada sinkronisasi berikutnya.";
    NoTaxClasses => "No tax classes yet: set one first (e.g. PPN, 11 %).", "Belum ada kelas pajak: buat dulu (mis. PPN, 11 %).";
    QuickKeys => "Quick keys", "Tombol cepat";
    QuickKeysHelp => "One per line, SKU=Label, in the order the terminals show them.",
        "Satu per baris, SKU=Label, sesuai urutan tampilnya di terminal.";
    QuickKeysSaved => "Quick keys saved: terminals get them with their next sync.",
        "Tombol cepat tersimpan: terminal menerimanya pada sinkronisasi berikutnya.";
    Line => "Line", "Baris";
    ImportCsv => "Import CSV", "Impor CSV";
    ImportHelp => "Columns: sku, name, price and tax_class are required; barcodes (separated by |), category, unit, price_includes_tax, sold_by_weight and active may follow. Prices in whole Rupiah (12500). Every row is checked first: all rows are set, or none.",
        "Kolom: sku, name, price dan tax_class wajib; barcodes (dipisah |), category, unit, price_includes_tax, sold_by_weight dan active boleh ada. Harga dalam Rupiah utuh (12500). Semua baris diperiksa dulu: semuanya disimpan, atau tidak sama sekali.";
    CsvFile => "CSV file", "Berkas CSV";
    CsvText => "Or paste the CSV here", "Atau tempel CSV di sini";
    Imported => "products set; terminals get them with their next sync.", "produk disimpan; terminal menerimanya pada sinkronisasi berikutnya.";
    ImportRefused => "Nothing was imported. These lines are wrong:", "Tidak ada yang diimpor. Baris berikut salah:";
    ImportTooLarge => "The file is larger than 20 MB: split it into smaller files.", "Berkas lebih dari 20 MB: pecah menjadi beberapa berkas.";
    ImportNothing => "Choose a CSV file or paste the CSV.", "Pilih berkas CSV atau tempel isinya.";
    ImportUnreadable => "The CSV cannot be read", "CSV tidak dapat dibaca";
    // Stock pages.
    Stock => "Stock", "Stok";
    LowStock => "Low stock", "Stok menipis";
    Transfers => "Transfers", "Transfer stok";
    Sku => "SKU", "SKU";
    Products => "Products", "Produk";
    OnHand => "On hand", "Stok ada";
    ReorderAt => "Reorder at", "Pesan ulang pada";
    InTransit => "In transit", "Dalam perjalanan";
    Low => "Low", "Menipis";
    NothingLow => "Nothing is at or under its reorder level.", "Tidak ada stok pada atau di bawah batas pesan ulang.";
    ReceiveGoods => "Receive goods", "Terima barang";
    Adjust => "Adjust stock", "Koreksi stok";
    AdjustHint => "Negative takes stock away (damage, loss, a count lower than the books).",
        "Negatif mengurangi stok (rusak, hilang, hitungan lebih rendah dari catatan).";
    SetReorder => "Set reorder level", "Atur batas pesan ulang";
    SendTransfer => "Send a transfer", "Kirim transfer";
    TransferLines => "One product a line: SKU and quantity", "Satu produk per baris: SKU dan jumlah";
    Note => "Note", "Catatan";
    State => "State", "Status";
    Sent => "Sent", "Dikirim";
    MarkReceived => "Received", "Sudah diterima";
    BadQuantity => "Not a quantity:", "Bukan jumlah:";
    ReceiveMoreThanZero => "Goods received must be more than zero; use an adjustment to correct.",
        "Barang diterima harus lebih dari nol; gunakan koreksi untuk membetulkan.";
    DoneGoodsReceived => "Goods received: the stock is updated.", "Barang diterima: stok diperbarui.";
    DoneAdjusted => "Stock adjusted.", "Stok dikoreksi.";
    DoneReorder => "Reorder level set.", "Batas pesan ulang diatur.";
    DoneSent => "Transfer sent: the goods left this store and are in transit.",
        "Transfer dikirim: barang keluar dari toko ini dan dalam perjalanan.";
    DoneTransferReceived => "Transfer received: the goods are in this store's stock.",
        "Transfer diterima: barang masuk ke stok toko ini.";
    AlreadyReceived => "This transfer was already received; nothing changed.", "Transfer ini sudah diterima; tidak ada yang berubah.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_preference_picks_the_language() {
        assert_eq!(Lang::from_accept("id-ID,id;q=0.9,en;q=0.8"), Lang::Id);
        assert_eq!(Lang::from_accept("en-US,en;q=0.9,id;q=0.8"), Lang::En);
        assert_eq!(Lang::from_accept("fr-FR,id;q=0.5"), Lang::Id);
        assert_eq!(Lang::from_accept(""), Lang::En);
        assert_eq!(W::Dashboard.in_(Lang::Id), "Dasbor");
    }
}
