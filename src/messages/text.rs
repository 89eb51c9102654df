//! Screen labels and fixed notices: Indonesian first, then English.

use super::catalogue;

catalogue! {
    /// A fixed text on a screen.
    Text {
        FinishOrParkFirst => "Selesaikan atau parkir transaksi ini dulu", "Finish or park this sale first";
        FinishOrParkBeforeLogout =>
            "Selesaikan atau parkir transaksi ini sebelum keluar", "Finish or park this sale before logging out";
        BackEndStopped =>
            "Bagian belakang kasir berhenti: tutup dan buka lagi programnya",
            "The terminal's back end stopped: close the program and start it again";
        JobStopped =>
            "Pekerjaan di latar belakang berhenti mendadak: coba sekali lagi",
            "A background job stopped unexpectedly: try once more";
        // The checkout.
        CartEmpty => "Keranjang masih kosong", "The cart is empty";
        SaleVoidedAs => "Transaksi dibatalkan dan dicatat:", "Sale voided, recorded as";
        NoProductMatches => "Tidak ada barang", "No product matches";
        Scan => "Pindaian", "Scan";
        CloseDialogFirst => "tutup dialog dulu", "close the dialog first";
        ScanPlaceholder => "Pindai barcode atau ketik nama barang…", "Scan a barcode or type a product name…";
        Understood => "Mengerti (Esc)", "OK (Esc)";
        Item => "Barang", "Item";
        Qty => "Jumlah", "Qty";
        Price => "Harga", "Price";
        Discount => "Diskon", "Discount";
        LineTotal => "Total", "Total";
        OrderDiscount => "Diskon transaksi", "Order discount";
        SaleTotal => "Total belanja", "Total";
        Items => "Jumlah barang", "Items";
        Subtotal => "Subtotal", "Subtotal";
        Discounts => "Diskon", "Discounts";
        TaxIncluded => "PPN (termasuk)", "Tax (included)";
        PayF9 => "Bayar (F9)", "Pay (F9)";
        EditLineF3 => "Ubah baris (F3)", "Edit line (F3)";
        DiscountF4 => "Diskon (F4)", "Discount (F4)";
        VoidSaleF5 => "Batal transaksi (F5)", "Void sale (F5)";
        NoSaleF11 => "Buka laci (F11)", "No sale (F11)";
        CheckoutKeys =>
            "F2 kosongkan · ↑↓ pilih · F6 parkir · F7 panggil · F8 retur · F9 bayar · F10 keluar · F12 shift & laporan · 3*kode = 3",
            "F2 clear · ↑↓ choose · F6 park · F7 recall · F8 returns · F9 pay · F10 log out · F12 shift & reports · 3*code = three";
        ParkedListKeys => "↑↓ pilih · Enter panggil · Esc tutup", "↑↓ choose · Enter recall · Esc close";
        // The manager prompt and the edit dialog.
        ManagerApproval => "Persetujuan manajer", "Manager approval";
        Lines => "baris", "lines";
        WholeOrder => "seluruh transaksi", "whole order";
        ManagerCode => "Kode manajer", "Manager code";
        Reason => "Alasan", "Reason";
        Approve => "Setujui (Enter)", "Approve (Enter)";
        DialogKeys => "Tab pindah kolom · Enter setujui · Esc batal", "Tab next field · Enter confirm · Esc cancel";
        DiscountNotNumber => "Diskon bukan angka", "The discount is not a number";
        Quantity => "Jumlah", "Quantity";
        EnterWeight => "Masukkan berat (kg)", "Enter the weight (kg)";
        ChangeLine => "Ubah baris", "Change line";
        WeightKg => "Berat (kg), mis. 0,75", "Weight (kg), e.g. 0.75";
        UnitPriceHint => "Harga satuan (kosong = harga katalog)", "Unit price (empty = catalogue price)";
        CataloguePrice => "Harga katalog", "Catalogue price";
        DiscountPercent => "Diskon (%)", "Discount (%)";
        DiscountAmount => "Diskon (jumlah)", "Discount (amount)";
        ApplyEnter => "Terapkan (Enter)", "Apply (Enter)";
        DiscountKeys => "Ketik % untuk ganti persen/jumlah", "Type % to switch between percent and amount";
        // Payment.
        Amount => "Jumlah", "Amount";
        Add => "Tambah", "Add";
        ExactF8 => "Uang pas (F8)", "Exact (F8)";
        ChangeDue => "Kembalian", "Change due";
        StillToPay => "Sisa bayar", "Still to pay";
        CashRounding => "Pembulatan tunai", "Cash rounding";
        CashToPay => "Dibayar tunai", "To pay in cash";
        CompleteF9 => "Selesai (F9)", "Complete (F9)";
        BackToCart => "Kembali ke keranjang (Esc)", "Back to cart (Esc)";
        AmountMoreThanZero => "Jumlah harus lebih dari nol", "The amount must be more than zero";
        PaymentKeys =>
            "Ketik jumlah lalu Enter · ←→ cara bayar · F8 uang pas · F9 selesai · Esc kembali",
            "Type the amount, then Enter · ←→ tender · F8 exact · F9 complete · Esc back";
        // After payment: voiding the sale just completed.
        PostVoidF6 => "Batalkan transaksi ini (F6)", "Void this sale (F6)";
        PostVoidTitle => "Persetujuan manajer: batalkan transaksi selesai", "Manager approval: void a completed sale";
        PostVoidDone => "Transaksi dibatalkan, dicatat sebagai", "Sale voided, recorded as";
        PostVoided => "Transaksi ini sudah dibatalkan", "This sale has been voided";
        ManagerCodeRequired => "Kode manajer wajib diisi", "The manager's code is required";
        PinRequired => "PIN wajib diisi", "The PIN is required";
        ReasonRequired => "Alasan wajib diisi", "A reason is required";
        Cancel => "Batal (Esc)", "Cancel (Esc)";
        // Login, dialogs, parked sales, approvals.
        BackEsc => "Kembali (Esc)", "Back (Esc)";
        ChooseYourNameFirst => "Pilih nama Anda dulu", "Choose your name first";
        LogInEnter => "Masuk (Enter)", "Log in (Enter)";
        LogInWithPin => "Masuk dengan PIN", "Log in with your PIN";
        NoParkedSales => "Tidak ada transaksi diparkir", "No parked sales";
        ParkedSales => "Transaksi diparkir", "Parked sales";
        CloseEsc => "Tutup (Esc)", "Close (Esc)";
        HidLinuxOnly => "Pemindai HID hanya terbaca di Linux", "HID scanners are read on Linux only";
    }
}
