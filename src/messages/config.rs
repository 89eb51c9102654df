//! kasir.toml, in the words of whoever sets the terminal up.

use kasir_core::Locale;

use super::{Explain, pick};
use crate::app::config::ConfigError;

impl Explain for ConfigError {
    fn explain(&self, l: Locale) -> String {
        match self {
            ConfigError::Read { path, source } => pick(
                l,
                format!("Berkas konfigurasi {} tidak bisa dibaca: {}", path.display(), source.explain(l)),
                format!("Cannot read config {}: {}", path.display(), source.explain(l)),
            ),
            // The checks in `app/config` word which key is wrong and why.
            ConfigError::Invalid { path, message } => {
                pick(l, format!("Konfigurasi {path} salah: {message}"), format!("Config {path}: {message}"))
            }
        }
    }
}
