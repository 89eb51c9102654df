//! The X and the Z: taken on the back end, then on screen to print on the receipt printer or
//! to save as CSV or PDF into the data directory. A test page prints the same way.

use iced::Task;
use kasir_core::document::Body;

use super::{Message, State};
use crate::devices::printing::{self};
use crate::gui::{Context, call, print, tr};
use crate::reports::{self, render};
use crate::store::users::User;

/// Reads the X (`take_z` false) or takes the Z, with the heading it is shown under.
pub(super) fn take(ctx: &Context, user: &User, take_z: bool) -> Task<Message> {
    let who = user.clone();
    call(ctx, move |b| {
        let now = b.config.now();
        let heading = |title: String, r: &kasir_core::report::Report| render::Heading {
            title,
            store: format!("{} ({})", b.config.store.name, b.config.store.code),
            terminal: format!("Terminal {}", b.config.terminal.code),
            period: format!("{}–{}", r.first_seq, r.last_seq),
            printed_at: now.format("%Y-%m-%d %H:%M").to_string(),
        };
        if take_z {
            let c = reports::close_day(&mut b.ledger, &b.config.permissions, &who, now)
                .map_err(|e| e.to_string())?;
            let Body::DayClose(day) = &c.document.body else { unreachable!("a Z") };
            let title = format!("Z {} — {} ({})", day.z_number, day.business_date, c.receipt_number());
            Ok(Box::new((heading(title, &day.report), day.report.clone())))
        } else {
            let (period, r) =
                reports::x_report(&b.ledger, &b.config.permissions, &who, now).map_err(|e| e.to_string())?;
            Ok(Box::new((heading(format!("X — {}", period.business_date), &r), r)))
        }
    })
    .map(Message::Report)
}

impl State {
    /// Prints the report on screen, or a test page.
    pub(super) fn print(&mut self, test_page: bool, ctx: &Context) -> Task<Message> {
        let l = ctx.locale;
        let address = match printing::printer_address(&ctx.config, None) {
            Ok(a) => a,
            Err(e) => {
                self.notice = Some((false, e.to_string()));
                return Task::none();
            }
        };
        let config = &ctx.config;
        let columns = config.printer.profile.columns;
        let (what, body) = match (test_page, &self.report) {
            (false, Some(shown)) => ("report", render::text_width(&shown.heading, &shown.report, l, columns)),
            (false, None) => return Task::none(),
            (true, _) => ("test", printing::test_page(config, &address)),
        };
        let words = tr(l, "Dicetak", "Printed");
        let printed = print(ctx.terminal.clone(), move |b| {
            let now = b.config.now();
            printing::prepare_text(&b.ledger, &b.config, &address, what, &body, now)
        });
        Task::perform(printed, move |r| Message::Saved(r.map(|p| format!("{words} (job {})", p.job))))
    }

    /// Saves the report on screen as PDF (`pdf`) or CSV into the data directory.
    pub(super) fn export(&self, pdf: bool, ctx: &Context) -> Task<Message> {
        let Some(shown) = &self.report else { return Task::none() };
        let (bytes, extension) = if pdf {
            (reports::pdf::pdf(&shown.text), "pdf")
        } else {
            (render::csv(&shown.heading, &shown.report).into_bytes(), "csv")
        };
        let name: String = shown
            .heading
            .title
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
            .collect();
        let words = tr(ctx.locale, "Disimpan", "Saved");
        call(ctx, move |b| {
            let dir = b.ledger.path().parent().map(|p| p.join("reports")).unwrap_or_default();
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            let path = dir.join(format!("{name}.{extension}"));
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(format!("{words}: {}", path.display()))
        })
        .map(Message::Saved)
    }
}
