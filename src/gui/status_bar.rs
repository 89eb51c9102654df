//! The status bar under every screen: the store, the terminal, who is logged in, the shift,
//! the printer, the scanner and where sync with head office stands.

use iced::Element;
use iced::widget::{container, row, text};

use super::{App, Message, style};
use crate::messages::Explain;
use crate::messages::screens::{ScreenSays, StatusText};

/// The status bar's one height, in pixels.
pub const STATUS_BAR_HEIGHT: f32 = 30.0;

impl App {
    /// What the status bar says about head office.
    pub fn sync_text(&self) -> String {
        let l = self.ctx.locale;
        let settings = crate::sync::SyncSettings::from_config(&self.ctx.config);
        let status = match (settings, &self.sync) {
            (Ok(None), _) => {
                return StatusText::HeadOfficeNotConfigured.get(l).to_owned();
            }
            (Err(e), _) => return format!("{}: {}", StatusText::HeadOffice.get(l), e.explain(l)),
            (Ok(Some(_)), None) => {
                return StatusText::HeadOfficeConnecting.get(l).to_owned();
            }
            (Ok(Some(_)), Some(s)) => s,
        };
        let offset = self.now.offset().to_owned();
        let last = status
            .last_success_at
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&offset).format("%H:%M:%S").to_string())
            .unwrap_or_else(|| StatusText::Never.get(l).to_owned());
        let mut text = format!(
            "{}: {} {} · {} {last}",
            StatusText::HeadOffice.get(l),
            status.waiting,
            StatusText::Waiting.get(l),
            StatusText::LastSync.get(l),
        );
        if let Some(e) = status.last_error_in(l) {
            text += &format!(" · {e}");
        }
        if let Some(note) = &status.set_aside {
            text += &format!(" · {}", note.explain(l));
        }
        text
    }

    pub(super) fn status_bar(&self) -> Element<'_, Message> {
        let l = self.ctx.locale;
        let c = &self.ctx.config;
        let cashier = match &self.cashier {
            Some(u) => format!("{}: {} ({})", StatusText::Cashier.get(l), u.name, u.code),
            None => StatusText::NotLoggedIn.get(l).to_owned(),
        };
        let item = |s: String| text(s).size(14);
        container(
            row![
                row![
                    item(if c.demo {
                        format!("DEMO · {} ({})", c.store.name, c.store.code)
                    } else {
                        format!("{} ({})", c.store.name, c.store.code)
                    }),
                    item(ScreenSays::Terminal { code: c.terminal.code.clone() }.explain(l)),
                    item(cashier),
                    item(match self.shift {
                        Some(Some(n)) => ScreenSays::ShiftOpen { shift_no: n }.explain(l),
                        Some(None) => StatusText::NoShiftF12.get(l).to_owned(),
                        None => StatusText::ShiftLoading.get(l).to_owned(),
                    }),
                    item(match &c.printer.address {
                        None => StatusText::PrinterNotConfigured.get(l).to_owned(),
                        Some(a) => ScreenSays::PrinterAt { address: a.to_string() }.explain(l),
                    }),
                    item(match (&c.scanner.address, &self.scanner_trouble) {
                        (None, _) => StatusText::ScannerKeyboard.get(l).to_owned(),
                        (_, Some(why)) => format!("{}: {}", StatusText::Scanner.get(l), why.text(l)),
                        (Some(a), None) => format!("{}: {a}", StatusText::Scanner.get(l)),
                    }),
                    item(self.sync_text()),
                ]
                .spacing(12)
                .width(iced::Fill),
                row![
                    item(StatusText::SwitchLanguage.get(l).to_owned()),
                    item(self.now.format("%d-%m-%Y %H:%M:%S").to_string()),
                ]
                .spacing(12),
            ]
            .spacing(12),
        )
        .padding([6, 12])
        .width(iced::Fill)
        // One height whatever it says (a long sync error, a narrow screen): what does not fit
        // is cut at the edge rather than pushing the screen above it up.
        .height(STATUS_BAR_HEIGHT)
        .clip(true)
        .style(style::status_bar)
        .into()
    }
}
