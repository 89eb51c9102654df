//! The scan field: a barcode (`3*code` for three), a name searched as it is typed, and a
//! receipt's barcode, which a scanner's burst of keys tells apart from typing, to start
//! that sale's return. Codes from the serial scanner are looked up the same way.

use iced::Task;
use kasir_core::Quantity;

use super::{Event, Message, SEARCH_LIMIT, State, focus_scan};
use crate::gui::{Context, call, tr};
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

/// `3*8991002101234`: a quantity typed before the code.
fn split_quantity(input: &str) -> Option<(Quantity, &str)> {
    let (n, code) = input.split_once(['*', 'x', 'X'])?;
    let q = Quantity::parse(n).ok()?;
    Some((q, code.trim()))
}

/// Looks a barcode up in the catalogue on the back end.
fn look_up(ctx: &Context, code: String) -> Task<Result<ScanHit, String>> {
    call(ctx, move |b| {
        let rules = b.config.barcode.variable_measure.clone();
        b.catalogue.scan(&code, &rules).map_err(|e| e.to_string())
    })
}

impl State {
    /// The scan field changed: a name of two letters or more is searched for.
    pub(super) fn typed(&mut self, value: String, ctx: &Context) -> Task<Message> {
        self.typing = match (self.typing, value.is_empty()) {
            (_, true) => None,
            (None, false) => Some((std::time::Instant::now(), 1)),
            (Some((started, n)), false) => Some((started, n + 1)),
        };
        self.input = value;
        let query = self.input.trim().to_owned();
        let is_code = !query.is_empty()
            && query.chars().all(|c| c.is_ascii_digit() || matches!(c, '*' | 'x' | 'X' | ',' | '.'))
            && query.starts_with(|c: char| c.is_ascii_digit());
        if query.chars().count() < 2 || is_code {
            self.results.clear();
            return Task::none();
        }
        let q = query.clone();
        let search = call(ctx, move |b| b.catalogue.search(&q, SEARCH_LIMIT).map_err(|e| e.to_string()));
        search.map(move |r| Message::Found(query.clone(), r))
    }

    /// A code from the serial scanner; the scan field's own typing is left alone.
    pub(super) fn device_scan(&mut self, code: String, ctx: &Context) -> Task<Message> {
        let l = ctx.locale;
        if self.editor.is_some() || self.approver.is_some() || self.parked.is_some() {
            self.error(format!(
                "{} {code}: {}",
                tr(l, "Pindaian", "Scan"),
                tr(l, "tutup dialog dulu", "close the dialog first")
            ));
            return Task::none();
        }
        look_up(ctx, code.clone()).map(move |r| Message::Scanned(code.clone(), Quantity::default(), r))
    }

    /// Enter in the scan field: a receipt's barcode, a product's, or the first search result.
    pub(super) fn submit(&mut self, ctx: &Context, cashier: &users::User) -> (Task<Message>, Option<Event>) {
        let l = ctx.locale;
        let typed = self.input.trim().to_owned();
        if typed.is_empty() {
            return (Task::none(), None);
        }
        let burst =
            self.typing.take().is_some_and(|(started, n)| n >= 6 && started.elapsed() < SCANNER_GAP * n);
        if burst && is_receipt_number(&typed) {
            self.input.clear();
            self.results.clear();
            if !self.cart.is_empty() {
                self.error(tr(
                    l,
                    "Selesaikan atau parkir transaksi ini dulu",
                    "Finish or park this sale first",
                ));
                return (focus_scan(), None);
            }
            return (Task::none(), Some(Event::Return(typed)));
        }
        let (quantity, code) = match split_quantity(&typed) {
            Some((q, code)) => (Some(q), code.to_owned()),
            None => (None, typed.clone()),
        };
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
            // Enter on a name: take the first result.
            if let Some(first) = self.results.first().cloned() {
                return self.update(Message::Pick(first), ctx, cashier);
            }
            self.error(format!("{} '{typed}'", tr(l, "Tidak ada barang", "No product matches")));
            return (focus_scan(), None);
        }
        self.input.clear();
        self.results.clear();
        let q = quantity.unwrap_or_default();
        let scan = look_up(ctx, code.clone()).map(move |r| Message::Scanned(code.clone(), q, r));
        (Task::batch([scan, focus_scan()]), None)
    }
}
