//! What a screen tells the cashier, kept as a [`Said`] so it is drawn in the language the
//! screen has when it is drawn (Ctrl+F12 re-renders it), and the ways a screen's code hands
//! one over: a catalogue [`Text`], words put together per language ([`words`]), or a
//! product's [`name`]. A plain `String` is not a notice: nothing English slips past the
//! catalogue.

use crate::messages::{Explain, Locale, Said, Text};

/// Whether a notice says that something went well or that something is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

/// Words written per language at the moment they are drawn.
struct Words<F>(F);

impl<F: Fn(Locale) -> String> Explain for Words<F> {
    fn explain(&self, l: Locale) -> String {
        (self.0)(l)
    }
}

/// A message put together from catalogue entries and values (a receipt number, a name).
pub fn words(f: impl Fn(Locale) -> String + Send + Sync + 'static) -> Said {
    Said::new(Words(f))
}

/// A name that reads the same in every language (a product's, as the catalogue spells it):
/// shown as it is. Sentences come from the catalogue; only names go through here.
struct Name(String);

impl Explain for Name {
    fn explain(&self, _: Locale) -> String {
        self.0.clone()
    }
}

/// A product's (or a person's) name as a notice, e.g. the product a scan just added.
pub fn name(name: impl Into<String>) -> Said {
    Said::new(Name(name.into()))
}

/// Anything a screen can show as a notice.
pub trait Say {
    fn say(self) -> Said;
}

impl Say for Said {
    fn say(self) -> Said {
        self
    }
}

impl Say for Text {
    fn say(self) -> Said {
        Said::new(self)
    }
}

/// Runs `f` on the back-end thread, as [`super::call`] does, with its error kept as a
/// [`Said`] (drawn in the screen's language); a stopped back end is said too.
pub fn ask<R: Send + 'static>(
    ctx: &super::Context,
    f: impl FnOnce(&mut crate::app::service::Backend) -> Result<R, Said> + Send + 'static,
) -> iced::Task<Result<R, Said>> {
    let terminal = ctx.terminal.clone();
    iced::Task::perform(
        async move { terminal.call(f).await.unwrap_or_else(|_| Err(Said::new(Text::BackEndStopped))) },
        |r| r,
    )
}
