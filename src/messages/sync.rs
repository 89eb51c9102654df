//! Talking with head office, in the manager's words.

use kasir_core::Locale;

use super::{Explain, pick};
use crate::sync::{LinkFailure, SyncError};

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
