//! Talking with head office, in the manager's words.

use kasir_core::Locale;

use super::{Explain, pick};
use crate::sync::SyncError;

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
                format!("Kantor pusat di {url} tidak bisa dihubungi: {detail}"),
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
