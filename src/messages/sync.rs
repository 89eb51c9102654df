//! Talking with head office, in the manager's words.

use kasir_core::Locale;

use super::{Explain, pick};
use crate::sync::SyncError;

/// What went wrong on the link, in Indonesian: the detail is the operating system's or the
/// TLS library's own English words (see `sync::http_failure`), so the common ones a manager
/// can act on are said again here; anything else is shown as the system said it.
fn link_words_id(detail: &str) -> String {
    if let Some(secs) = detail.strip_prefix("no answer within ").and_then(|s| s.strip_suffix(" s")) {
        return format!("tidak ada jawaban dalam {secs} detik");
    }
    let known = [
        ("connection refused", "sambungan ditolak (server tidak berjalan di alamat itu?)"),
        ("connection reset by peer", "sambungan diputus oleh server"),
        ("network is unreachable", "jaringan tidak terjangkau"),
        ("no route to host", "tidak ada rute ke server"),
        ("failed to lookup address information", "nama server tidak ditemukan"),
    ];
    for (en, id) in known {
        if detail.starts_with(en) {
            return id.to_owned();
        }
    }
    detail.to_owned()
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
                format!("Kantor pusat di {url} tidak bisa dihubungi: {}", link_words_id(detail)),
                format!("Head office at {url} cannot be reached: {detail}"),
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
