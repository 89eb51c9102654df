//! The words of the screens other than the checkout, one catalogue per screen, the receipt
//! on paper, and what those screens say with names and figures ([`ScreenSays`],
//! [`ShiftSays`]): Indonesian first, then English.

use std::path::PathBuf;

use kasir_core::Money;
use kasir_core::policy::Role;

use super::names::money;
use super::{Explain, Locale, Said, catalogue, pick};

catalogue! {
    /// The first start: a terminal not yet set up.
    StartText {
        GiveAddressAndCode => "Isi alamat kantor pusat dan kode pendaftaran", "Give head office's address and the enrolment code";
        StoreCodeWord => "kode toko", "store code";
        StoreNameWord => "nama toko", "store name";
        AddressWord => "alamat", "address";
        ManagerNameWord => "nama manajer", "manager's name";
        NpwpWord => "NPWP toko", "the shop's NPWP";
        ManagerPinWord => "PIN manajer", "manager's PIN";
        Welcome => "Selamat datang di Kasir", "Welcome to Kasir";
        NotSetUpYet => "Terminal ini belum disiapkan. Tidak ada yang ditulis sebelum Anda memilih.", "This terminal is not set up yet. Nothing is written before you choose.";
        TryDemo => "1  Coba toko demo", "1  Try the demo store";
        SetUpAlone => "2  Siapkan toko ini sendiri", "2  Set up this shop on its own";
        JoinHeadOffice => "3  Gabung ke kantor pusat", "3  Join head office";
        StoreCode => "Kode toko (mis. S01)", "Store code (e.g. S01)";
        StoreName => "Nama toko", "Store name";
        Address => "Alamat", "Address";
        ManagerName => "Nama manajer (kode M01)", "Manager's name (code M01)";
        ManagerPin => "PIN manajer (4-8 angka)", "Manager's PIN (4-8 digits)";
        SetUpShop => "Siapkan toko", "Set up the shop";
        HeadOfficeAddress => "Alamat kantor pusat (https://…)", "Head office's address (https://…)";
        EnrolmentCode => "Kode pendaftaran", "Enrolment code";
        Join => "Gabung", "Join";
        SettingUp => "Menyiapkan…", "Setting up…";
        Back => "Kembali", "Back";
    }
}

catalogue! {
    /// The status bar under every screen.
    StatusText {
        HeadOfficeNotConfigured => "Kantor pusat: belum dikonfigurasi", "Head office: not configured";
        HeadOffice => "Kantor pusat", "Head office";
        HeadOfficeConnecting => "Kantor pusat: menghubungi…", "Head office: connecting…";
        Never => "belum pernah", "never";
        Waiting => "menunggu", "waiting";
        LastSync => "sinkron terakhir", "last sync";
        Cashier => "Kasir", "Cashier";
        NotLoggedIn => "Belum masuk", "Not logged in";
        NoShiftF12 => "Shift: belum buka (F12)", "Shift: none open (F12)";
        ShiftLoading => "Shift: memuat…", "Shift: loading…";
        PrinterNotConfigured => "Printer: belum dikonfigurasi", "Printer: not configured";
        ScannerKeyboard => "Pemindai: keyboard", "Scanner: keyboard";
        Scanner => "Pemindai", "Scanner";
        SwitchLanguage => "Ctrl+F12: English", "Ctrl+F12: Bahasa Indonesia";
    }
}

catalogue! {
    /// The screen after a sale: paid, change, the receipt's printing.
    DoneText {
        SaleComplete => "Transaksi selesai", "Sale complete";
        Paid => "Dibayar", "Paid";
        ChangeDue => "Kembalian", "Change due";
        NextCustomer => "Pelanggan berikutnya (Enter)", "Next customer (Enter)";
        NoPrinter => "Printer belum dikonfigurasi: struk tidak dicetak", "No printer configured: nothing printed";
        Printing => "Mencetak…", "Printing…";
        CopyPrinted => "Salinan dicetak", "Copy printed";
        ReceiptPrinted => "Struk dicetak", "Receipt printed";
        PaperLow => "Kertas hampir habis", "Paper running low";
        PrintCopyF5 => "Cetak salinan (F5)", "Print a copy (F5)";
        DidNotPrint => "Struk tidak tercetak", "The receipt did not print";
        PrintAgainF5 => "Cetak ulang (F5)", "Print again (F5)";
    }
}

catalogue! {
    /// The shift and day screen (F12): float, cash in and out, close, X and Z.
    ShiftText {
        XReport => "Laporan X (baca)", "X report (read)";
        ConfirmZ => "Ya, ambil Z", "Yes, take the Z";
        ZReport => "Laporan Z (tutup hari)", "Z report (close the day)";
        TestPrint => "Tes cetak", "Test print";
        NoShiftOpen => "Belum ada shift yang buka", "No shift is open";
        OpeningFloat => "Modal awal (hitung laci)", "Opening float (count the drawer)";
        OpenShift => "Buka shift", "Open shift";
        Float => "Modal awal", "Float";
        CashSales => "Penjualan tunai", "Cash sales";
        ChangeWord => "kembalian", "change";
        CashInOut => "Kas masuk / keluar", "Cash in / out";
        CashRefunds => "Refund tunai", "Cash refunds";
        DrawerShouldHold => "Seharusnya di laci", "The drawer should hold";
        Amount => "Jumlah", "Amount";
        Reason => "Alasan", "Reason";
        ApproverCode => "Kode penyetuju", "Approver's code";
        ApproverPin => "PIN penyetuju", "Approver's PIN";
        CashIn => "Kas masuk", "Cash in";
        CashOut => "Kas keluar", "Cash out";
        CountAndClose => "Hitung laci dan tutup shift", "Count the drawer and close the shift";
        Counted => "Dihitung", "Counted";
        ConfirmClose => "Ya, tutup shift", "Yes, close the shift";
        CloseShift => "Tutup shift", "Close shift";
        ReportShowsHere => "X atau Z tampil di sini", "The X or Z shows here";
        SaveCsv => "Simpan CSV", "Save as CSV";
        SavePdf => "Simpan PDF", "Save as PDF";
        Print => "Cetak", "Print";
        SalesByHour => "Penjualan per jam", "Sales by hour";
        ByCategory => "Per kategori", "By category";
        ByTender => "Per pembayaran", "By tender";
        PressAgainToClose => "Tekan sekali lagi untuk menutup shift dengan hitungan ini", "Press again to close the shift with this count";
        PressAgainForZ => "Tekan sekali lagi untuk mengambil Z: hari ini ditutup dan tidak bisa dibuka lagi", "Press again to take the Z: the day is closed for good";
    }
}

catalogue! {
    /// The returns and exchange screen (F8).
    ReturnsText {
        WithoutReceipt => "Tanpa struk (manajer, tunai)", "Without a receipt (manager, cash)";
        ScanGoodsOrSku => "Pindai barang atau ketik SKU", "Scan the goods or type a SKU";
        ScanReceiptNo => "Pindai atau ketik nomor struk", "Scan or type the receipt number";
        Find => "Cari", "Find";
        ExchangeForOther => "Tukar dengan barang lain", "Exchange for other goods";
        ScanNewGoods => "Pindai barang baru", "Scan the new goods";
        ExchangeRecorded => "Tukar barang dicatat", "Exchange recorded";
        PaidWord => "dibayar", "paid";
        ChangeWord => "kembalian", "change";
        RefundedWord => "dikembalikan", "refunded";
        ReturnRecorded => "Retur dicatat", "Return recorded";
        Item => "Barang", "Item";
        Sold => "Dibeli", "Sold";
        Left => "Sisa", "Left";
        Back => "Kembali", "Back";
        Receipt => "Struk", "Receipt";
        Returns => "Retur barang", "Returns";
        Refund => "Dikembalikan", "Refund";
        NewGoods => "Barang baru", "New goods";
        CustomerPays => "Pelanggan bayar", "Customer pays";
        AmountPaid => "Jumlah dibayar (kosong = pas)", "Amount paid (empty = exact)";
        BackToCustomer => "Dikembalikan ke pelanggan", "Back to the customer";
        RecordExchange => "Catat tukar barang", "Record the exchange";
        RecordReturn => "Catat retur", "Record the return";
        RefundTo => "Dikembalikan lewat", "Refund to";
        ReasonRequired => "Alasan (wajib)", "Reason (required)";
        ManagerApproval => "Persetujuan manajer", "Manager approval";
        ManagerCode => "Kode manajer", "Manager code";
        RefundWord => "kembalikan", "refund";
        ScanGoodsComingBack => "Pindai barang yang dikembalikan", "Scan the goods coming back";
        EnterQuantitiesComingBack => "Isi jumlah yang dikembalikan", "Enter the quantities coming back";
    }
}

catalogue! {
    /// The receipt on paper (and its preview on the screen after payment).
    ReceiptText {
        Demo => "*** DEMO: BUKAN STRUK ***", "*** DEMO: NOT A RECEIPT ***";
        Cashier => "Kasir", "Cashier";
        /// Under a line that has its own discount.
        LineDiscount => "Diskon", "Discount";
        /// A line of its own under the goods, as the checkout shows it.
        OrderDiscount => "Diskon transaksi", "Order discount";
        Subtotal => "Subtotal", "Subtotal";
        /// Every discount of the sale, lines' and order's.
        TotalDiscount => "Total diskon", "Total discount";
        TaxAdded => "PPN ditambahkan", "Tax added";
        Rounding => "Pembulatan", "Rounding";
        AmountDue => "Dibayar", "Amount due";
        Change => "Kembali", "Change";
        /// After a tax class whose prices include it.
        Included => "(termasuk)", "(incl.)";
        ThankYou => "Terima kasih atas kunjungan Anda", "Thank you for shopping with us";
        Cash => "Tunai", "Cash";
        Card => "Kartu", "Card";
        EWallet => "Dompet digital", "E-wallet";
        CustomerAccount => "Piutang pelanggan", "Customer account";
        ExchangeCredit => "Tukar barang", "Exchange credit";
    }
}

/// A screen's message with the names and figures it carries.
#[derive(Clone, Debug, PartialEq)]
pub enum ScreenSays {
    /// The login pad is locked after too many wrong PINs, for this many more seconds.
    WaitAfterWrongPins { seconds: u64 },
    /// The first-start form lacks these details.
    StillNeeded(Vec<StartText>),
    /// The cart was parked under this number (F7 recalls it).
    SaleParked { id: i64 },
    /// A manager approved voiding the line of `product`.
    LineVoided { product: String, manager: String },
    /// A manager approved lowering the quantity of `product`.
    QuantityDecreased { product: String, manager: String },
    /// A manager approved the line's change.
    ApprovedBy { manager: String },
    /// The status bar's terminal.
    Terminal { code: String },
    /// What went wrong with one thing named on screen (a receipt, a product).
    Concerning { subject: String, said: Said },
    /// The receipt number typed for a return is of a document that is not a sale.
    NotASale { receipt: String },
    /// The shift open at this terminal (the status bar, the shift screen).
    ShiftOpen { shift_no: u64 },
    /// The status bar's printer, where it is.
    PrinterAt { address: String },
}

impl Explain for ScreenSays {
    fn explain(&self, l: Locale) -> String {
        match self {
            ScreenSays::WaitAfterWrongPins { seconds } => pick(
                l,
                format!("Terlalu banyak PIN salah: tunggu {seconds} detik"),
                format!("Too many wrong PINs: wait {seconds} s"),
            ),
            ScreenSays::StillNeeded(missing) => {
                let names: Vec<&str> = missing.iter().map(|w| w.get(l)).collect();
                pick(
                    l,
                    format!("Belum diisi: {}", names.join(", ")),
                    format!("Still needed: {}", names.join(", ")),
                )
            }
            ScreenSays::SaleParked { id } => {
                pick(l, format!("Transaksi diparkir sebagai #{id}"), format!("Sale parked as #{id}"))
            }
            ScreenSays::LineVoided { product, manager } => pick(
                l,
                format!("Baris dibatalkan: {product} — disetujui {manager}"),
                format!("Line voided: {product} — approved by {manager}"),
            ),
            ScreenSays::QuantityDecreased { product, manager } => pick(
                l,
                format!("Jumlah dikurangi: {product} — disetujui {manager}"),
                format!("Quantity decreased: {product} — approved by {manager}"),
            ),
            ScreenSays::ApprovedBy { manager } => {
                pick(l, format!("Disetujui oleh {manager}"), format!("Approved by {manager}"))
            }
            ScreenSays::Terminal { code } => {
                pick(l, format!("Mesin kasir {code}"), format!("Terminal {code}"))
            }
            ScreenSays::Concerning { subject, said } => format!("{subject}: {}", said.text(l)),
            ScreenSays::ShiftOpen { shift_no } => {
                pick(l, format!("Shift {shift_no} buka"), format!("Shift {shift_no} open"))
            }
            ScreenSays::PrinterAt { address } => {
                pick(l, format!("Printer di {address}"), format!("Printer at {address}"))
            }
            ScreenSays::NotASale { receipt } => pick(
                l,
                format!("Struk {receipt} bukan struk penjualan"),
                format!("Receipt {receipt} is not a sale"),
            ),
        }
    }
}

/// What the shift and day screen says after an action, with its figures.
#[derive(Clone, Debug, PartialEq)]
pub enum ShiftSays {
    ShiftOpened {
        receipt: String,
    },
    /// Cash paid in (`into`) or out of the drawer.
    CashMoved {
        into: bool,
        amount: Money,
        receipt: String,
    },
    ShiftClosed {
        shift_no: u64,
        receipt: String,
        expected: Money,
        counted: Money,
        over_short: Money,
    },
    /// The movement is past what this user may do alone: `least` and above may approve it.
    NeedsApproval {
        least: Role,
    },
    /// An amount typed that is not one.
    BadAmount(Said),
    /// A denomination's count typed that is not a whole number.
    NotACount {
        typed: String,
    },
    /// The report or test page went to the printer as this job.
    Printed {
        job: i64,
    },
    /// The report was saved here.
    Saved {
        path: PathBuf,
    },
}

impl Explain for ShiftSays {
    fn explain(&self, l: Locale) -> String {
        match self {
            ShiftSays::ShiftOpened { receipt } => {
                pick(l, format!("Shift dibuka: {receipt}"), format!("Shift opened: {receipt}"))
            }
            ShiftSays::CashMoved { into, amount, receipt } => {
                let amount = money(*amount, l);
                match into {
                    true => pick(
                        l,
                        format!("Kas masuk {amount}: {receipt}"),
                        format!("Cash in {amount}: {receipt}"),
                    ),
                    false => pick(
                        l,
                        format!("Kas keluar {amount}: {receipt}"),
                        format!("Cash out {amount}: {receipt}"),
                    ),
                }
            }
            ShiftSays::ShiftClosed { shift_no, receipt, expected, counted, over_short } => {
                let (e, c, o) = (money(*expected, l), money(*counted, l), money(*over_short, l));
                pick(
                    l,
                    format!(
                        "Shift {shift_no} ditutup ({receipt}): seharusnya {e}, dihitung {c}, selisih {o}"
                    ),
                    format!("Shift {shift_no} closed ({receipt}): expected {e}, counted {c}, over/short {o}"),
                )
            }
            ShiftSays::NeedsApproval { least } => {
                let role = least.explain(l);
                pick(
                    l,
                    format!("Perlu persetujuan: isi kode dan PIN penyetuju ({role} ke atas)"),
                    format!("Needs an approval: type the approver's code and PIN ({role} or above)"),
                )
            }
            ShiftSays::BadAmount(why) => pick(l, "Jumlah", "Amount").to_owned() + ": " + &why.text(l),
            ShiftSays::NotACount { typed } => pick(
                l,
                format!("'{typed}' bukan jumlah lembar atau keping"),
                format!("'{typed}' is not a count"),
            ),
            ShiftSays::Printed { job } => {
                pick(l, format!("Dicetak (tugas {job})"), format!("Printed (job {job})"))
            }
            ShiftSays::Saved { path } => {
                pick(l, format!("Disimpan: {}", path.display()), format!("Saved: {}", path.display()))
            }
        }
    }
}
