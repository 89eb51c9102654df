//! The shift and day screen's layout: the shift and its drawer on the left (open it, pay cash
//! in or out, count and close), the X or Z on the right with its charts.

use iced::widget::{Button, button, column, container, row, scrollable, text, text_input};
use iced::{Element, Font, Length};
use kasir_core::shift as core_shift;

use super::{Confirm, Message, State};
use crate::gui::widgets::{self, back_button, count_line, money_input, notice, panel, quiet_button};
use crate::gui::{Context, chart, style, tr};

impl State {
    pub fn view<'a>(&'a self, ctx: &Context) -> Element<'a, Message> {
        let l = ctx.locale;
        let notice = self.notice.as_ref().map(|(ok, msg)| notice(*ok, msg));
        let left = column![self.shift_panel(ctx)]
            .push(notice)
            .push(
                row![
                    button(text(tr(l, "Laporan X (baca)", "X report (read)")))
                        .on_press_maybe(self.press(Message::X)),
                    self.confirm_button(
                        Confirm::Z,
                        tr(l, "Ya, ambil Z", "Yes, take the Z"),
                        tr(l, "Laporan Z (tutup hari)", "Z report (close the day)"),
                        Message::Z,
                    ),
                    quiet_button(tr(l, "Tes cetak", "Test print"), Message::TestPrint),
                    back_button(l, Message::Back),
                ]
                .spacing(8),
            )
            .spacing(12)
            .width(Length::Fill);
        row![
            panel(scrollable(left)).width(Length::FillPortion(3)),
            panel(scrollable(self.report_panel(ctx))).width(480),
        ]
        .spacing(12)
        .into()
    }

    /// `message`, unless the back end is still busy with the last action.
    fn press(&self, message: Message) -> Option<Message> {
        (!self.busy).then_some(message)
    }

    /// A button for what cannot be undone: the first press asks, and the button says so.
    fn confirm_button<'a>(
        &self,
        confirm: Confirm,
        asking: &'a str,
        label: &'a str,
        message: Message,
    ) -> Button<'a, Message> {
        button(text(if self.confirming == Some(confirm) { asking } else { label }))
            .style(button::danger)
            .on_press_maybe(self.press(message))
    }

    /// No shift open: the float to open one. A shift open: its drawer, cash in and out, and
    /// the count to close it.
    fn shift_panel<'a>(&'a self, ctx: &Context) -> Element<'a, Message> {
        let l = ctx.locale;
        let currency = ctx.config.currency();
        let m = widgets::money(ctx);
        let Some((s, flows)) = &self.status else {
            return column![
                text(tr(l, "Belum ada shift yang buka", "No shift is open")).size(22),
                text(tr(l, "Modal awal (hitung laci)", "Opening float (count the drawer)")).size(14),
                row![
                    money_input("500.000", &self.float, Message::Float).on_submit(Message::OpenShift),
                    button(text(tr(l, "Buka shift", "Open shift")))
                        .on_press_maybe(self.press(Message::OpenShift)),
                ]
                .spacing(8),
            ]
            .spacing(8)
            .into();
        };
        let typed_total: i64 =
            self.counted(currency).map(|c| c.iter().map(|d| d.value * i64::from(d.count)).sum()).unwrap_or(0);
        column![
            text(format!("Shift {} — {}", s.shift_no, tr(l, "buka", "open"))).size(22),
            text(format!("{}: {}", tr(l, "Modal awal", "Float"), m(flows.float))),
            text(format!(
                "{}: {} − {} {}",
                tr(l, "Penjualan tunai", "Cash sales"),
                m(flows.cash_sales),
                m(flows.change),
                tr(l, "kembalian", "change")
            )),
            text(format!(
                "{}: {} / {}",
                tr(l, "Kas masuk / keluar", "Cash in / out"),
                m(flows.cash_in),
                m(flows.cash_out)
            )),
            text(format!("{}: {}", tr(l, "Refund tunai", "Cash refunds"), m(flows.cash_refunds))),
            text(format!(
                "{}: {}",
                tr(l, "Seharusnya di laci", "The drawer should hold"),
                m(flows.expected())
            ))
            .size(20),
            text(tr(l, "Kas masuk / keluar", "Cash in / out")).size(18),
            row![
                money_input(tr(l, "Jumlah", "Amount"), &self.cash_amount, Message::CashAmount).padding(6),
                text_input(tr(l, "Alasan", "Reason"), &self.cash_reason)
                    .on_input(Message::CashReason)
                    .padding(6),
            ]
            .spacing(6),
            match self.cash_approval.as_ref() {
                None => Element::from(column![]),
                Some(a) => row![
                    text_input(tr(l, "Kode penyetuju", "Approver's code"), &a.manager)
                        .id(super::CASH_MANAGER_ID)
                        .on_input(Message::CashManager)
                        .padding(6),
                    text_input(tr(l, "PIN penyetuju", "Approver's PIN"), &a.pin)
                        .id(super::CASH_PIN_ID)
                        .secure(true)
                        .on_input(Message::CashManagerPin)
                        .padding(6),
                ]
                .spacing(6)
                .into(),
            },
            row![
                button(text(tr(l, "Kas masuk", "Cash in")))
                    .on_press_maybe(self.press(Message::MoveCash(true))),
                button(text(tr(l, "Kas keluar", "Cash out")))
                    .style(button::secondary)
                    .on_press_maybe(self.press(Message::MoveCash(false))),
            ]
            .spacing(6),
            text(tr(l, "Hitung laci dan tutup shift", "Count the drawer and close the shift")).size(18),
            self.count_grid(ctx),
            text(format!("{}: {}", tr(l, "Dihitung", "Counted"), m(typed_total))).size(18),
            self.confirm_button(
                Confirm::CloseShift,
                tr(l, "Ya, tutup shift", "Yes, close the shift"),
                tr(l, "Tutup shift", "Close shift"),
                Message::CloseShift,
            ),
        ]
        .spacing(6)
        .into()
    }

    /// Two columns of notes and coins, so the whole count fits a 768-pixel screen.
    fn count_grid<'a>(&'a self, ctx: &Context) -> Element<'a, Message> {
        let m = widgets::money(ctx);
        let cell = |i: usize, value: i64, typed: &'a str| -> Element<'a, Message> {
            count_line([text(m(value)).width(110).into()], "0", typed, 70, move |v| Message::Count(i, v))
        };
        let denominations = core_shift::denominations(ctx.config.currency());
        let half = denominations.len().div_ceil(2);
        let cells: Vec<(usize, i64, &str)> = denominations
            .iter()
            .zip(&self.counts)
            .enumerate()
            .map(|(i, (&value, typed))| (i, value, typed.as_str()))
            .collect();
        row![
            column(cells[..half].iter().map(|&(i, v, t)| cell(i, v, t))).spacing(4),
            column(cells[half..].iter().map(|&(i, v, t)| cell(i, v, t))).spacing(4),
        ]
        .spacing(24)
        .into()
    }

    /// The X or Z on screen: its charts and text, and what can be done with it.
    fn report_panel<'a>(&'a self, ctx: &Context) -> Element<'a, Message> {
        let l = ctx.locale;
        let currency = ctx.config.currency();
        let Some(shown) = &self.report else {
            return text(tr(l, "X atau Z tampil di sini", "The X or Z shows here")).into();
        };
        let r = &shown.report;
        let by_hour = r.by_hour.iter().map(|h| (format!("{}:00", h.key), h.amount)).collect();
        let by_category = r.by_category.iter().map(|c| (c.key.clone(), c.amount)).collect();
        let by_tender = r
            .tenders
            .iter()
            .map(|t| (crate::sale::receipt::tender_name(t.kind, l).to_owned(), t.net))
            .collect();
        column![
            row![
                button(text(tr(l, "Simpan CSV", "Save as CSV"))).on_press(Message::ExportCsv),
                button(text(tr(l, "Simpan PDF", "Save as PDF"))).on_press(Message::ExportPdf),
                button(text(tr(l, "Cetak", "Print"))).on_press(Message::PrintReport),
            ]
            .spacing(8),
            chart::bars(tr(l, "Penjualan per jam", "Sales by hour"), by_hour, currency, l),
            chart::bars(tr(l, "Per kategori", "By category"), by_category, currency, l),
            chart::bars(tr(l, "Per pembayaran", "By tender"), by_tender, currency, l),
            container(text(shown.text.clone()).font(Font::MONOSPACE).size(13))
                .padding(12)
                .style(style::paper),
        ]
        .spacing(14)
        .into()
    }
}
