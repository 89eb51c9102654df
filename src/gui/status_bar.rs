//! The status bar under every screen: the store, the terminal, who is logged in, the shift,
//! the printer, the scanner and where sync with head office stands.

use iced::Element;
use iced::widget::{container, row, text};

use super::{App, Message, style, tr};

impl App {
    /// What the status bar says about head office.
    pub fn sync_text(&self) -> String {
        let l = self.ctx.locale;
        let settings = crate::sync::SyncSettings::from_config(&self.ctx.config);
        let status = match (settings, &self.sync) {
            (Ok(None), _) => {
                return tr(l, "Kantor pusat: belum dikonfigurasi", "Head office: not configured").to_owned();
            }
            (Err(e), _) => return format!("{}: {e}", tr(l, "Kantor pusat", "Head office")),
            (Ok(Some(_)), None) => {
                return tr(l, "Kantor pusat: menghubungi…", "Head office: connecting…").to_owned();
            }
            (Ok(Some(_)), Some(s)) => s,
        };
        let offset = self.now.offset().to_owned();
        let last = status
            .last_success_at
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&offset).format("%H:%M:%S").to_string())
            .unwrap_or_else(|| tr(l, "belum pernah", "never").to_owned());
        let mut text = format!(
            "{}: {} {} · {} {last}",
            tr(l, "Kantor pusat", "Head office"),
            status.waiting,
            tr(l, "menunggu", "waiting"),
            tr(l, "sinkron terakhir", "last sync"),
        );
        if let Some(e) = &status.last_error {
            text += &format!(" · {e}");
        }
        text
    }

    pub(super) fn status_bar(&self) -> Element<'_, Message> {
        let l = self.ctx.locale;
        let c = &self.ctx.config;
        let cashier = match &self.cashier {
            Some(u) => format!("{}: {} ({})", tr(l, "Kasir", "Cashier"), u.name, u.code),
            None => tr(l, "Belum masuk", "Not logged in").to_owned(),
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
                    item(format!("{} {}", tr(l, "Terminal", "Terminal"), c.terminal.code)),
                    item(cashier),
                    item(match self.shift {
                        Some(Some(n)) => format!("Shift {n}"),
                        Some(None) => tr(l, "Shift: belum buka (F12)", "Shift: none open (F12)").to_owned(),
                        None => tr(l, "Shift: —", "Shift: —").to_owned(),
                    }),
                    item(match &c.printer.address {
                        None => tr(l, "Printer: belum dikonfigurasi", "Printer: not configured").to_owned(),
                        Some(a) => format!("Printer: {a}"),
                    }),
                    item(match (&c.scanner.address, &self.scanner_trouble) {
                        (None, _) => tr(l, "Pemindai: keyboard", "Scanner: keyboard").to_owned(),
                        (_, Some(why)) => format!("{}: {why}", tr(l, "Pemindai", "Scanner")),
                        (Some(a), None) => format!("{}: {a}", tr(l, "Pemindai", "Scanner")),
                    }),
                    item(self.sync_text()),
                ]
                .spacing(12)
                .width(iced::Fill)
                // On a 1024-pixel screen the items go on to a second line rather than off the edge.
                .wrap()
                .vertical_spacing(2),
                row![
                    item(tr(l, "Ctrl+F12: English", "Ctrl+F12: Bahasa Indonesia").to_owned()),
                    item(self.now.format("%d-%m-%Y %H:%M:%S").to_string()),
                ]
                .spacing(12),
            ]
            .spacing(12),
        )
        .padding([6, 12])
        .width(iced::Fill)
        .style(style::status_bar)
        .into()
    }
}
