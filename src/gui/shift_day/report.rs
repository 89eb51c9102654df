//! The X and the Z: taken on the back end, then on screen to print on the receipt printer or
//! to save as CSV or PDF into the data directory. A test page prints the same way.

use iced::Task;
use kasir_core::document::Body;

use super::{Message, State};
use crate::devices::printing::{self};
use crate::gui::{Context, call, print};
use crate::messages::Said;
use crate::messages::screens::ShiftSays;
use crate::reports::{self, render};
use crate::store::users::User;

/// Reads the X (`take_z` false) or takes the Z, with the heading it is shown under.
pub(super) fn take(ctx: &Context, user: &User, take_z: bool) -> Task<Message> {
    let who = user.clone();
    let l = ctx.locale;
    call(ctx, move |b| {
        let now = b.config.now();
        if take_z {
            let c = reports::close_day(&mut b.ledger, &b.config.permissions, &who, now)?;
            let Body::DayClose(day) = &c.document.body else { unreachable!("a Z") };
            // The ledger wrote this date itself: it reads back as written.
            let business_date = day.business_date.parse().map_err(|e| Said::new(anyhow::Error::new(e)))?;
            let receipt = c.receipt_number().to_owned();
            let kind = reports::ReportKind::Z { number: day.z_number, business_date, receipt };
            Ok(Box::new((render::Heading::new(kind, &b.config, &day.report, now, l), day.report.clone())))
        } else {
            let (period, r) = reports::x_report(&b.ledger, &b.config.permissions, &who, now)?;
            let kind =
                reports::ReportKind::X { business_date: period.business_date, taken_at: now.naive_local() };
            Ok(Box::new((render::Heading::new(kind, &b.config, &r, now, l), r)))
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
                self.notice = Some((false, Said::from(e)));
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
        let printed = print(ctx.terminal.clone(), move |b| {
            let now = b.config.now();
            printing::prepare_text(&b.ledger, &b.config, &address, what, &body, now)
        });
        Task::perform(printed, move |r| {
            Message::Saved(r.map(|p| Said::new(ShiftSays::Printed { job: p.job })))
        })
    }

    /// Saves the report on screen as PDF (`pdf`) or CSV into the data directory.
    pub(super) fn export(&self, pdf: bool, ctx: &Context) -> Task<Message> {
        let Some(shown) = &self.report else { return Task::none() };
        let (bytes, extension) = if pdf {
            (reports::pdf::pdf(&shown.heading, &shown.report, ctx.locale), "pdf")
        } else {
            (render::csv(&shown.heading, &shown.report).into_bytes(), "csv")
        };
        // A readable name, never over an earlier report (see `reports::save_new`).
        let name = shown.heading.file_stem(&ctx.config);
        call(ctx, move |b| {
            let dir = b.ledger.path().parent().map(reports::folder).unwrap_or_default();
            let path = reports::save_new(&dir, &name, extension, &bytes)?;
            Ok(Said::new(ShiftSays::Saved { path }))
        })
        .map(Message::Saved)
    }
}
