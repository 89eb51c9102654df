//! An error as it reaches the edge of the program (a command's `anyhow::Error`), in the
//! shop's language: its chain is walked from the outside in, and the first error the
//! catalogue knows speaks for itself and its causes (each of them already says its cause);
//! anything the catalogue does not know (a library's own error) is said as it says itself.

use kasir_core::Locale;

use super::Explain;

/// Tries each catalogued error type on one link of the chain.
macro_rules! known {
    ($cause:expr, $l:expr, [$($ty:ty),* $(,)?]) => {{
        let cause: &(dyn std::error::Error + 'static) = $cause;
        None$(.or_else(|| cause.downcast_ref::<$ty>().map(|e| e.explain($l))))*
    }};
}

/// The words of one link, if the catalogue knows its type.
fn explain_known(cause: &(dyn std::error::Error + 'static), l: Locale) -> Option<String> {
    use kasir_core::barcode::BarcodeError;
    use kasir_core::catalogue_csv::CsvError;
    use kasir_core::chain::ChainProblem;
    use kasir_core::money::MoneyError;
    use kasir_core::policy::PermissionError;
    use kasir_core::quantity::QuantityError;
    use kasir_core::returns::ReturnError;
    use kasir_core::shift::CountError;
    use kasir_core::tax::{DppError, TaxRateError};
    use kasir_core::tender::PaymentError;

    use crate::app::config::ConfigError;
    use crate::cli::CliError;
    use crate::reports::{DayError, ReportError, SaveError};
    use crate::sale::checkout::SellError;
    use crate::sale::exchange::ExchangeError;
    use crate::sale::returns::ReturnFlowError;
    use crate::sale::shift::ShiftError;
    use crate::store::LedgerError;
    use crate::store::catalogue::LookupError;
    use crate::store::catalogue::import::ImportError;
    use crate::store::parked::ParkError;
    use crate::store::users::UserError;
    use crate::sync::SyncError;

    known!(
        cause,
        l,
        [
            // The terminal's own, outermost first in practice.
            CliError,
            crate::app::enrol::EnrolError,
            crate::app::setup::SetupError,
            ConfigError,
            SellError,
            ReturnFlowError,
            ExchangeError,
            ShiftError,
            DayError,
            ReportError,
            SaveError,
            SyncError,
            LedgerError,
            UserError,
            LookupError,
            ImportError,
            ParkError,
            // kasir-core's.
            kasir_core::CartError,
            QuantityError,
            MoneyError,
            PaymentError,
            CsvError,
            TaxRateError,
            DppError,
            CountError,
            ReturnError,
            BarcodeError,
            PermissionError,
            ChainProblem,
            // The devices' (`messages/devices.rs`).
            crate::devices::printing::PrintError,
            crate::devices::drawer::DrawerError,
            kasir_drivers::DeviceError,
            kasir_core::limits::LimitError,
            crate::sale::checkout::StockShort,
            // Last: the system's and serde's, when nothing of ours wraps them.
            std::io::Error,
            serde_json::Error,
        ]
    )
}

/// The error and its causes on one line, in `l`, each said once.
pub fn explain_error(e: &anyhow::Error, l: Locale) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let (said, last) = match explain_known(cause, l) {
            Some(said) => (said, true),
            None => (cause.to_string(), false),
        };
        // A wrapper that repeats its cause's words (`#[error(transparent)]`, or a context
        // that quotes it) is said once.
        if !text.contains(&said) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&said);
        }
        if last {
            break;
        }
    }
    text
}
