//! The ledger's refusals in the cashier's and the manager's words: the rules a document must
//! meet (an open shift, a sale voided once, a return never beyond what was sold, a day closed
//! once), and the checks on sales fetched from head office.

use kasir_core::Locale;

use super::{Explain, pick};
use crate::store::{DocKind, Refusal};

impl Explain for DocKind {
    fn explain(&self, l: Locale) -> String {
        match self {
            DocKind::Sale => pick(l, "penjualan", "sale"),
            DocKind::Void => pick(l, "pembatalan transaksi", "void"),
            DocKind::Cancel => pick(l, "transaksi batal", "cancelled sale"),
            DocKind::NoSale => pick(l, "buka laci tanpa transaksi", "no sale"),
            DocKind::CashIn => pick(l, "kas masuk", "cash in"),
            DocKind::CashOut => pick(l, "kas keluar", "cash out"),
            DocKind::Return => pick(l, "retur", "return"),
            DocKind::ShiftOpen => pick(l, "buka shift", "shift opening"),
            DocKind::ShiftClose => pick(l, "tutup shift", "shift closing"),
            DocKind::DayClose => pick(l, "tutup hari (Z)", "day close (Z)"),
        }
        .to_owned()
    }
}

impl Explain for Refusal {
    fn explain(&self, l: Locale) -> String {
        match self {
            Refusal::NoShiftOpen(kind) => {
                let kind = kind.explain(l);
                pick(
                    l,
                    format!("Belum ada shift yang dibuka: buka shift dulu ({kind} memerlukannya)"),
                    format!("No shift is open: open one first ({kind} needs it)"),
                )
            }
            Refusal::NoDocument(seq) => {
                pick(l, format!("Dokumen {seq} tidak ada"), format!("There is no document {seq}"))
            }
            Refusal::NoReceipt(receipt) => pick(
                l,
                format!("Tidak ada dokumen dengan nomor {receipt}"),
                format!("There is no document {receipt}"),
            ),
            Refusal::NotASale { seq, kind } => {
                let kind = kind.explain(l);
                pick(
                    l,
                    format!("Dokumen {seq} adalah {kind}, bukan penjualan"),
                    format!("Document {seq} is a {kind}, not a sale"),
                )
            }
            Refusal::ReceiptNotASale { receipt, kind } => {
                let kind = kind.explain(l);
                pick(
                    l,
                    format!("{receipt} adalah {kind}, bukan penjualan"),
                    format!("{receipt} is a {kind}, not a sale"),
                )
            }
            Refusal::AlreadyVoided(receipt) => pick(
                l,
                format!("Penjualan {receipt} sudah dibatalkan"),
                format!("Sale {receipt} is already voided"),
            ),
            Refusal::PartlyReturned(receipt) => pick(
                l,
                format!(
                    "Sebagian barang penjualan {receipt} sudah diretur; retur sisanya, jangan batalkan transaksinya"
                ),
                format!("Sale {receipt} already has goods returned; return the rest instead of voiding it"),
            ),
            Refusal::ShiftStillOpen(no) => pick(
                l,
                format!("Shift {no} masih buka; tutup dulu"),
                format!("Shift {no} is still open; close it first"),
            ),
            Refusal::NextShift { next, given } => pick(
                l,
                format!("Shift berikutnya bernomor {next}, bukan {given}"),
                format!("The next shift is number {next}, not {given}"),
            ),
            Refusal::NoShiftToClose => {
                pick(l, "Tidak ada shift terbuka yang bisa ditutup", "No shift is open to close").to_owned()
            }
            Refusal::OtherShift { open, given } => pick(
                l,
                format!("Shift yang sedang buka bernomor {open}, bukan {given}"),
                format!("The open shift is number {open}, not {given}"),
            ),
            Refusal::ShiftFigures => pick(
                l,
                "Angka kas shift ini berbeda dari catatan ledger",
                "The shift's cash figures do not match the ledger",
            )
            .to_owned(),
            Refusal::ShiftOpenAtZ(no) => pick(
                l,
                format!("Shift {no} masih buka; tutup dulu sebelum laporan Z"),
                format!("Shift {no} is still open; close it before the Z"),
            ),
            Refusal::NextZ { next, given } => pick(
                l,
                format!("Laporan Z berikutnya bernomor {next}, bukan {given}"),
                format!("The next Z is number {next}, not {given}"),
            ),
            Refusal::DayClosed(date) => pick(
                l,
                format!("Z untuk {date} sudah diambil; satu hari hanya ditutup sekali"),
                format!("The Z for {date} is already taken; a day is closed once"),
            ),
            Refusal::ZFigures => pick(
                l,
                "Isi laporan Z ini berbeda dari catatan ledger",
                "The Z's report does not match the ledger",
            )
            .to_owned(),
            Refusal::NoNextDay(date) => pick(
                l,
                format!("Tidak ada tanggal sesudah {date}"),
                format!("No day follows {date}"),
            ),
            Refusal::ExchangeCredit => pick(
                l,
                "Kredit tukar barang hanya untuk membayar penjualan dalam tukar barang, tepat sesudah returnya",
                "Exchange credit pays only the sale of an exchange, right after its return",
            )
            .to_owned(),
            Refusal::ReturnReason => pick(l, "Retur wajib diberi alasan", "A return needs a reason").to_owned(),
            Refusal::NoReceiptApproval => pick(
                l,
                "Retur tanpa struk perlu persetujuan manajer",
                "A return without a receipt needs a manager's approval",
            )
            .to_owned(),
            Refusal::NotFetched(receipt) => pick(
                l,
                format!(
                    "Penjualan {receipt} dibuat di terminal lain dan datanya belum diambil dari kantor pusat"
                ),
                format!(
                    "Sale {receipt} was made at another terminal and has not been fetched from head office"
                ),
            ),
            Refusal::NoSaleToReturn(receipt) => pick(
                l,
                format!("Tidak ada penjualan {receipt} yang bisa diretur"),
                format!("There is no sale {receipt} to return from"),
            ),
            Refusal::NotThatSale { seq, hash, receipt } => {
                let whose = match hash {
                    Some(hash) => hash.clone(),
                    None => pick(l, "ledger ini", "this ledger").to_owned(),
                };
                pick(
                    l,
                    format!("Dokumen {seq} ({whose}) berbeda dari penjualan {receipt} yang dikenal terminal ini"),
                    format!("Document {seq} ({whose}) is not sale {receipt} as this terminal knows it"),
                )
            }
            Refusal::SaleVoided(receipt) => pick(
                l,
                format!("Penjualan {receipt} sudah dibatalkan; tidak ada barang yang bisa diretur darinya"),
                format!("Sale {receipt} was voided; nothing can be returned from it"),
            ),
            Refusal::Return(e) => e.explain(l),
            Refusal::ReturnAmounts => pick(
                l,
                "Nilai retur ini berbeda dari nilai penjualannya",
                "The return's amounts do not match the sale",
            )
            .to_owned(),
            Refusal::CopyHash(receipt) => pick(
                l,
                format!("Salinan penjualan {receipt} dari kantor pusat tidak cocok dengan hash-nya"),
                format!("The copy of sale {receipt} from head office does not match its hash"),
            ),
            Refusal::CopyUnreadable { receipt, source } => pick(
                l,
                format!("Salinan penjualan {receipt} tidak bisa dibaca: {}", source.explain(l)),
                format!("The copy of sale {receipt} cannot be read: {}", source.explain(l)),
            ),
            Refusal::OtherStore { receipt, store } => pick(
                l,
                format!("Penjualan {receipt} dibuat di toko {store}, bukan di toko ini"),
                format!("Sale {receipt} was made at store {store}, not here"),
            ),
            Refusal::ReturnedUnreadable { receipt, source } => pick(
                l,
                format!(
                    "Data kantor pusat tentang barang yang sudah diretur dari penjualan {receipt} tidak bisa dibaca ({}); minta lagi ke kantor pusat",
                    source.explain(l)
                ),
                format!(
                    "What head office said came back from sale {receipt} cannot be read ({}); ask head office again",
                    source.explain(l)
                ),
            ),
            Refusal::SentHash(receipt) => pick(
                l,
                format!("Kantor pusat mengirim penjualan {receipt} dengan hash yang tidak cocok"),
                format!("Head office sent sale {receipt} with a hash that does not match it"),
            ),
            Refusal::SentUnreadable { receipt, source } => pick(
                l,
                format!(
                    "Kantor pusat mengirim penjualan {receipt} dalam bentuk yang tidak bisa dibaca terminal ini: {}",
                    source.explain(l)
                ),
                format!(
                    "Head office sent sale {receipt} in a form this terminal cannot read: {}",
                    source.explain(l)
                ),
            ),
            Refusal::SentOther(receipt) => pick(
                l,
                format!("Kantor pusat mengirim dokumen lain untuk penjualan {receipt}"),
                format!("Head office sent another document for sale {receipt}"),
            ),
            Refusal::ReturnedUnkept { receipt, source } => pick(
                l,
                format!(
                    "Data barang yang sudah diretur dari penjualan {receipt} tidak bisa disimpan: {}",
                    source.explain(l)
                ),
                format!("What came back from sale {receipt} cannot be kept: {}", source.explain(l)),
            ),
            Refusal::UnknownTender(code) => pick(
                l,
                format!("Catatan pembayaran memuat cara bayar '{code}', yang tidak dikenal Kasir ini"),
                format!("Unknown tender kind '{code}' in payments"),
            ),
            Refusal::Missing(seq) => {
                pick(l, format!("Dokumen {seq} hilang dari ledger"), format!("Document {seq} is missing"))
            }
            Refusal::RequestNotASale(kind) => {
                let kind = kind.explain(l);
                pick(
                    l,
                    format!("ID permintaan itu sudah dipakai untuk {kind}, bukan penjualan"),
                    format!("That request id was used for a {kind}, not a sale"),
                )
            }
            Refusal::RequestNotAReturn(kind) => {
                let kind = kind.explain(l);
                pick(
                    l,
                    format!("ID permintaan itu sudah dipakai untuk {kind}, bukan retur"),
                    format!("That request id was used for a {kind}, not a return"),
                )
            }
            Refusal::RequestNotAnExchange(kind) => {
                let kind = kind.explain(l);
                pick(
                    l,
                    format!("ID permintaan itu sudah dipakai untuk {kind}, bukan tukar barang"),
                    format!("That request id was used for a {kind}, not an exchange"),
                )
            }
            Refusal::NotAnExchange(seq) => {
                let next = seq + 1;
                pick(
                    l,
                    format!("Dokumen {seq} dan {next} bukan satu tukar barang"),
                    format!("Documents {seq} and {next} are not an exchange"),
                )
            }
        }
    }
}
