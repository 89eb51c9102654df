//! The one catalogue of everything a cashier or a manager can read, in Bahasa Indonesia and
//! in English: screen labels ([`Text`]), and every error of kasir-core, the drivers, the
//! ledger, devices and sync (impls of [`Explain`] in this folder, one file per room).
//!
//! Why a typed catalogue and not Fluent files: a missing language is a compile error here
//! (each entry is written as an Indonesian/English pair, and every error enum is matched
//! exhaustively, so a new variant without words does not build), arguments are typed values
//! (money is formatted for the locale by kasir-core, not by a translator's pattern), and
//! nothing is parsed or looked up by string id at run time, so no message can go missing
//! at the counter. Kasir speaks two languages; Fluent's plural and gender machinery would
//! buy nothing that a `match` does not already say. `tests/messages.rs` walks every entry
//! and every error variant and fails if either language is missing or left in English.
//!
//! At the edge of a command, [`explain_error`] says an `anyhow::Error` chain in the shop's
//! `[store] locale` (the first error of the chain the catalogue knows speaks for its causes);
//! a screen keeps an error as [`Said`] (`Said::from(e)`) and draws it in its language of the
//! moment. Rupiah reads as on the receipt (`Rp 160.050`) in both languages.

mod chain;
mod cli;
mod config;
mod core_errors;
pub mod devices;
mod enrol;
pub mod limits;
pub mod names;
mod refusals;
pub mod reports;
mod sale;
pub mod screens;
mod store;
pub mod sync;
mod text;

use std::sync::Arc;

pub use chain::explain_error;
pub use cli::{CliSays, CliText, CloseFigure};
pub use kasir_core::Locale;
pub use text::Text;

/// Something the user can be told, in either language.
pub trait Explain {
    fn explain(&self, l: Locale) -> String;
}

/// A boxed error (kept small inside a `Result` or a message) says what it holds.
impl<T: Explain + ?Sized> Explain for Box<T> {
    fn explain(&self, l: Locale) -> String {
        (**self).explain(l)
    }
}

/// Picks the Indonesian or English wording of a pair written at the catalogue.
pub fn pick<T>(l: Locale, id: T, en: T) -> T {
    match l {
        Locale::Id => id,
        Locale::En => en,
    }
}

/// A message to show later, in the language the screen has when it is drawn (the language
/// can change between the error and the next frame). Cheap to clone.
#[derive(Clone)]
pub struct Said(Arc<dyn Explain + Send + Sync>);

impl Said {
    pub fn new(what: impl Explain + Send + Sync + 'static) -> Said {
        Said(Arc::new(what))
    }

    pub fn text(&self, l: Locale) -> String {
        self.0.explain(l)
    }
}

/// Any error of the catalogue becomes a message to draw later: `.map_err(Said::from)`, or
/// `?` in a task that returns `Result<_, Said>`.
impl<E: Explain + Send + Sync + 'static> From<E> for Said {
    fn from(what: E) -> Said {
        Said::new(what)
    }
}

/// An error chain as a command or a task collects it: the first error the catalogue knows
/// speaks (see [`explain_error`]).
impl Explain for anyhow::Error {
    fn explain(&self, l: Locale) -> String {
        explain_error(self, l)
    }
}

impl std::fmt::Debug for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Logs and test failures read English.
        f.write_str(&self.0.explain(Locale::En))
    }
}

impl Eq for Said {}

impl PartialEq for Said {
    fn eq(&self, other: &Said) -> bool {
        self.text(Locale::En) == other.text(Locale::En) && self.text(Locale::Id) == other.text(Locale::Id)
    }
}

/// Defines a fieldless catalogue enum: each entry an Indonesian and an English text, with
/// `ALL` (for the test that walks the catalogue), `get`, and `Explain`.
macro_rules! catalogue {
    ($(#[$meta:meta])* $name:ident { $($(#[$doc:meta])* $entry:ident => $id:expr, $en:expr;)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$doc])* $entry,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$entry,)*];

            pub fn get(self, l: $crate::messages::Locale) -> &'static str {
                match self { $($name::$entry => $crate::messages::pick(l, $id, $en),)* }
            }
        }

        impl $crate::messages::Explain for $name {
            fn explain(&self, l: $crate::messages::Locale) -> String {
                self.get(l).to_owned()
            }
        }
    };
}
pub(crate) use catalogue;
