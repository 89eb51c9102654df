//! The scan field: a barcode (`3*code` for three), a name searched as it is typed, and a
//! receipt's barcode, which a scanner's burst of keys tells apart from typing, to start
//! that sale's return. Codes from the serial scanner are looked up the same way.

use std::time::Instant;

use iced::Task;
use kasir_core::Quantity;
use kasir_core::limits::Ceilings;

use super::{Event, Message, SEARCH_LIMIT, State};
use crate::gui::Context;
use crate::gui::notice::{ask, words};
use crate::messages::{Said, Text};
use crate::store::catalogue::ScanHit;
use crate::store::users;

/// Keystrokes closer together than this, on average, come from a scanner (people type
/// 100–300 ms apart; keyboard-wedge scanners a few ms).
const SCANNER_GAP: std::time::Duration = std::time::Duration::from_millis(30);

/// `S01-T01-000123`: a receipt number as its barcode carries it.
fn is_receipt_number(code: &str) -> bool {
    let parts: Vec<&str> = code.split('-').collect();
    parts.len() == 3
        && parts[..2].iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && parts[2].len() >= 6
        && parts[2].chars().all(|c| c.is_ascii_digit())
}

/// `3*8991002101234`: a quantity typed before the code. A number there that is more than a
/// line may hold, or has more than three decimals, is a quantity problem said as one, never
/// taken for part of a code or a name; text that is no number (`Roma 10x24`) is a name.
fn split_quantity(input: &str, ceilings: Ceilings) -> Result<Option<(Quantity, &str)>, Said> {
    let Some((n, code)) = input.split_once(['*', 'x', 'X']) else { return Ok(None) };
    let Ok(asked) = n.trim().replace(',', ".").parse::<rust_decimal::Decimal>() else { return Ok(None) };
    ceilings.check_typed(asked).map_err(Said::new)?;
    let q = Quantity::parse(n).map_err(Said::new)?;
    Ok(Some((q, code.trim())))
}

/// Looks a barcode up in the catalogue on the back end.
fn look_up(ctx: &Context, code: String) -> Task<Result<ScanHit, Said>> {
    ask(ctx, move |b| {
        let rules = b.config.barcode.variable_measure.clone();
        b.catalogue.scan(&code, &rules).map_err(Said::new)
    })
}

impl State {
    /// The scan field changed: a name of two letters or more is searched for.
    pub(super) fn typed(&mut self, value: String, at: Instant, ctx: &Context) -> Task<Message> {
        self.typing = match (self.typing, value.is_empty()) {
            (_, true) => None,
            (None, false) => Some((at, 1)),
            (Some((started, n)), false) => Some((started, n + 1)),
        };
        self.input = value;
        let query = self.input.trim().to_owned();
        let is_code = !query.is_empty()
            && query.chars().all(|c| c.is_ascii_digit() || matches!(c, '*' | 'x' | 'X' | ',' | '.'))
            && query.starts_with(|c: char| c.is_ascii_digit());
        if query.chars().count() < 2 || is_code {
            self.results.clear();
            self.highlight = 0;
            return Task::none();
        }
        let q = query.clone();
        let search = ask(ctx, move |b| b.catalogue.search(&q, SEARCH_LIMIT).map_err(Said::new));
        search.map(move |r| Message::Found(query.clone(), r))
    }

    /// A code from the serial scanner; the scan field's own typing is left alone.
    pub(super) fn device_scan(&mut self, code: String, ctx: &Context) -> Task<Message> {
        if self.editor.is_some() || self.approver.is_some() || self.parked.is_some() {
            self.error(words(move |l| {
                format!("{} {code}: {}", Text::Scan.get(l), Text::CloseDialogFirst.get(l))
            }));
            return Task::none();
        }
        self.lookups += 1;
        look_up(ctx, code.clone()).map(move |r| Message::Scanned(code.clone(), Quantity::default(), r))
    }

    /// Enter (pressed at `at`) in the scan field: a receipt's barcode, a product's, or the
    /// highlighted search result.
    pub(super) fn submit(
        &mut self,
        at: Instant,
        ctx: &Context,
        cashier: &users::User,
    ) -> (Task<Message>, Option<Event>) {
        let typed = self.input.trim().to_owned();
        if typed.is_empty() {
            return (Task::none(), None);
        }
        let burst = self
            .typing
            .take()
            .is_some_and(|(started, n)| n >= 6 && at.saturating_duration_since(started) < SCANNER_GAP * n);
        if burst && is_receipt_number(&typed) {
            self.input.clear();
            self.results.clear();
            if !self.cart.is_empty() {
                self.error(Text::FinishOrParkFirst);
                return (Task::none(), None);
            }
            return (Task::none(), Some(Event::Return(typed)));
        }
        let (quantity, code) = match split_quantity(&typed, self.cart.ceilings()) {
            Ok(Some((q, code))) => (Some(q), code.to_owned()),
            Ok(None) => (None, typed.clone()),
            Err(said) => {
                // The field is ready for the next scan; the notice says what was wrong.
                self.input.clear();
                self.error(said);
                return (Task::none(), None);
            }
        };
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
            // Enter on a name: take the highlighted hit (the first, until the arrows move it).
            if let Some(hit) = self.results.get(self.highlight).or(self.results.first()).cloned() {
                return self.update(Message::Pick(hit), ctx, cashier);
            }
            self.error(words(move |l| format!("{} '{typed}'", Text::NoProductMatches.get(l))));
            return (Task::none(), None);
        }
        self.input.clear();
        self.results.clear();
        self.highlight = 0;
        let q = quantity.unwrap_or_default();
        self.lookups += 1;
        let scan = look_up(ctx, code.clone()).map(move |r| Message::Scanned(code.clone(), q, r));
        (Task::batch([scan, Task::none()]), None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Locale;

    #[test]
    fn a_number_too_big_before_the_star_is_a_quantity_problem_not_a_code() {
        let ceilings = Ceilings::DEFAULT;
        let e = split_quantity("99999999*8991002101234", ceilings).unwrap_err();
        assert_eq!(
            e.text(Locale::Id),
            "Jumlah 99.999.999 terlalu banyak untuk satu baris (paling banyak 9.999). Periksa angka \
             sebelum tanda *."
        );
        assert!(e.text(Locale::En).starts_with("A quantity of 99,999,999 is too many for one line"));
        let e = split_quantity("1,0005*8991002101234", ceilings).unwrap_err();
        assert!(e.text(Locale::Id).contains("lebih dari tiga angka desimal"), "{}", e.text(Locale::Id));
        assert_eq!(
            split_quantity("3*8991002101234", ceilings).unwrap(),
            Some((Quantity::units(3), "8991002101234"))
        );
        assert_eq!(split_quantity("Roma Kelapa 10x24", ceilings).unwrap(), None, "a name, not a quantity");
        assert_eq!(split_quantity("8991002101234", ceilings).unwrap(), None);
    }
}
