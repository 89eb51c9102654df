//! Talking with head office, in the manager's words.

use kasir_core::Locale;

use super::{Explain, pick};
use crate::store::rotation::TokenInUse;
use crate::sync::{LinkFailure, SetAsideNote, SyncError};

impl Explain for LinkFailure {
    fn explain(&self, l: Locale) -> String {
        match self {
            LinkFailure::NoAnswer { secs } => {
                pick(l, format!("tidak ada jawaban dalam {secs} detik"), format!("no answer within {secs} s"))
            }
            LinkFailure::Refused => {
                pick(l, "sambungan ditolak (server tidak berjalan di alamat itu?)", "connection refused")
                    .to_owned()
            }
            LinkFailure::Reset => {
                pick(l, "sambungan diputus oleh server", "connection reset by peer").to_owned()
            }
            LinkFailure::NoRoute => {
                pick(l, "tidak ada rute ke alamat kantor pusat", "no route to head office's address")
                    .to_owned()
            }
            // The TLS library's or the system's own words (a certificate, a name not found).
            LinkFailure::Other(words) => words.clone(),
        }
    }
}

/// The sync thread could not start its runtime (the system refused a thread or a timer).
pub fn cannot_start(l: Locale, e: &std::io::Error) -> String {
    pick(l, format!("Sinkronisasi tidak bisa dimulai: {e}"), format!("Sync cannot start: {e}"))
}

impl Explain for SyncError {
    fn explain(&self, l: Locale) -> String {
        match self {
            SyncError::NoToken => pick(
                l,
                "Belum ada token kantor pusat: isi [headoffice] token di kasir.toml, atau KASIR_HEADOFFICE_TOKEN",
                "No head office token: set [headoffice] token in kasir.toml, or KASIR_HEADOFFICE_TOKEN",
            )
            .to_owned(),
            SyncError::Demo => pick(
                l,
                "Terminal ini menjalankan toko demo: penjualannya tidak pernah dikirim ke kantor pusat (siapkan toko sendiri dengan `kasir init` atau `kasir join`)",
                "This terminal runs the demo store: its sales are never sent to head office (set up your own shop with `kasir init` or `kasir join`)",
            )
            .to_owned(),
            SyncError::Unreachable { url, detail } => pick(
                l,
                format!("Kantor pusat di {url} tidak bisa dihubungi: {}", detail.explain(l)),
                format!("Head office at {url} cannot be reached: {}", detail.explain(l)),
            ),
            SyncError::Unauthorized(detail) => pick(
                l,
                format!("Kantor pusat menolak token terminal ini: {detail}"),
                format!("Head office refused this terminal's token: {detail}"),
            ),
            SyncError::Revoked => pick(
                l,
                "Kantor pusat telah mencabut akses terminal ini: penjualan tetap berjalan dan disimpan di sini, tetapi belum ada yang dikirim sampai terminal ini punya token baru; minta token baru untuk terminal ini ke kantor pusat (kasir-headoffice terminal new-token) lalu isikan di kasir.toml pada [headoffice] token",
                "Head office has revoked this terminal's access: selling goes on and the sales are kept here, but none is sent until this terminal has a new token; ask head office for a new token for this terminal (kasir-headoffice terminal new-token) and put it in kasir.toml under [headoffice] token",
            )
            .to_owned(),
            SyncError::Busy { retry_after_secs } => {
                let (id, en) = match retry_after_secs {
                    Some(s) => (format!(" (sekitar {s} detik lagi)"), format!(" (in about {s} s)")),
                    None => (String::new(), String::new()),
                };
                pick(
                    l,
                    format!(
                        "Kantor pusat sedang sibuk memeriksa token: penjualan menunggu di sini dan dikirim pada putaran berikutnya{id}"
                    ),
                    format!("Head office is busy checking tokens: the sales wait here and go at a later round{en}"),
                )
            }
            SyncError::Refused(detail) => pick(
                l,
                format!("Kantor pusat menolak sebuah dokumen: {detail}"),
                format!("Head office refused a document: {detail}"),
            ),
            SyncError::Answer { status, message } => pick(
                l,
                format!("Kantor pusat menjawab {status}: {message}"),
                format!("Head office answered {status}: {message}"),
            ),
            SyncError::CaFile { path, message } => pick(
                l,
                format!("headoffice.ca_file {path} tidak bisa dipakai: {message}"),
                format!("headoffice.ca_file {path}: {message}"),
            ),
            SyncError::Ledger(e) => e.explain(l),
        }
    }
}

/// What sync says besides its errors: a document head office set aside, and which token the
/// terminal sends (never the token itself).
#[derive(Clone, Debug)]
pub enum SyncSays {
    /// Head office took receipt `receipt` into the chain but kept it out of its figures and
    /// stock, for `reason` (head office's words).
    SetAside { receipt: String, reason: String },
    /// The token configured in kasir.toml or KASIR_HEADOFFICE_TOKEN.
    TokenConfigured,
    /// The token head office gave when it rotated the configured one, kept since `since`
    /// (already in the store's time).
    TokenRotated { since: String },
}

impl Explain for SyncSays {
    fn explain(&self, l: Locale) -> String {
        match self {
            SyncSays::SetAside { receipt, reason } => pick(
                l,
                format!(
                    "Kantor pusat menyisihkan struk {receipt} (tidak dihitung dalam angka maupun stoknya): {reason}; tanyakan ke kantor pusat"
                ),
                format!(
                    "Head office set aside receipt {receipt} (kept out of its figures and stock): {reason}; ask head office"
                ),
            ),
            SyncSays::TokenConfigured => pick(
                l,
                "token: sesuai pengaturan ([headoffice] token di kasir.toml, atau KASIR_HEADOFFICE_TOKEN)",
                "token: as configured ([headoffice] token in kasir.toml, or KASIR_HEADOFFICE_TOKEN)",
            )
            .to_owned(),
            SyncSays::TokenRotated { since } => pick(
                l,
                format!(
                    "token: token baru dari kantor pusat, yang menggantikan token di kasir.toml (disimpan di berkas ledger sejak {since})"
                ),
                format!(
                    "token: the new one head office gave in place of kasir.toml's (kept in the ledger file since {since})"
                ),
            ),
        }
    }
}

impl Explain for SetAsideNote {
    fn explain(&self, l: Locale) -> String {
        SyncSays::SetAside { receipt: self.receipt.clone(), reason: self.reason.clone() }.explain(l)
    }
}

impl SyncSays {
    /// Which token is sent, `since` already in the store's time.
    pub fn token(in_use: &TokenInUse, since: impl FnOnce(&str) -> String) -> SyncSays {
        match in_use {
            TokenInUse::Configured => SyncSays::TokenConfigured,
            TokenInUse::Rotated { at } => SyncSays::TokenRotated { since: since(at) },
        }
    }
}
