//! The shift and day screen's layout: the shift and its drawer on the left (open it, pay cash
//! in or out, count and close), the X or Z on the right with its charts.

use iced::widget::{Button, button, column, container, row, scrollable, text};
use iced::{Element, Font, Length};
use kasir_core::shift as core_shift;

use super::{Confirm, Field, Message, State};
use crate::gui::widgets::{self, back_button, count_field, field, notice, panel, quiet_button};
use crate::gui::{Context, chart, style};
use crate::messages::Explain;
use crate::messages::screens::{ScreenSays, ShiftText};

impl State {
    pub fn view<'a>(&'a self, ctx: &Context) -> Element<'a, Message> {
        let l = ctx.locale;
        let notice = self.notice.as_ref().map(|(ok, msg)| notice(*ok, &msg.text(l)));
        let left = column![self.shift_panel(ctx)]
            .push(notice)
            .push(
                row![
                    button(text(ShiftText::XReport.get(l))).on_press_maybe(self.press(Message::X)),
                    self.confirm_button(
                        Confirm::Z,
                        ShiftText::ConfirmZ.get(l),
                        ShiftText::ZReport.get(l),
                        Message::Z,
                    ),
                    quiet_button(ShiftText::TestPrint.get(l), Message::TestPrint),
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
                text(ShiftText::NoShiftOpen.get(l)).size(22),
                text(ShiftText::OpeningFloat.get(l)).size(14),
                row![
                    self.input("shift-float", "500.000", Field::Float),
                    button(text(ShiftText::OpenShift.get(l))).on_press_maybe(self.press(Message::OpenShift)),
                ]
                .spacing(8),
            ]
            .spacing(8)
            .into();
        };
        let typed_total: i64 =
            self.counted(currency).map(|c| c.iter().map(|d| d.value * i64::from(d.count)).sum()).unwrap_or(0);
        column![
            text(ScreenSays::ShiftOpen { shift_no: s.shift_no }.explain(l)).size(22),
            text(format!("{}: {}", ShiftText::Float.get(l), m(flows.float))),
            text(format!(
                "{}: {} − {} {}",
                ShiftText::CashSales.get(l),
                m(flows.cash_sales),
                m(flows.change),
                ShiftText::ChangeWord.get(l)
            )),
            text(format!("{}: {} / {}", ShiftText::CashInOut.get(l), m(flows.cash_in), m(flows.cash_out))),
            text(format!("{}: {}", ShiftText::CashRefunds.get(l), m(flows.cash_refunds))),
            text(format!("{}: {}", ShiftText::DrawerShouldHold.get(l), m(flows.expected()))).size(20),
            text(ShiftText::CashInOut.get(l)).size(18),
            row![
                self.input("cash-amount", ShiftText::Amount.get(l), Field::CashAmount),
                self.input("cash-reason", ShiftText::Reason.get(l), Field::CashReason),
            ]
            .spacing(6),
            match self.cash_approval.as_ref() {
                None => Element::from(column![]),
                Some(_) => row![
                    self.input(super::CASH_MANAGER_ID, ShiftText::ApproverCode.get(l), Field::CashManager),
                    self.input(super::CASH_PIN_ID, ShiftText::ApproverPin.get(l), Field::CashPin),
                ]
                .spacing(6)
                .into(),
            },
            row![
                button(text(ShiftText::CashIn.get(l))).on_press_maybe(self.press(Message::MoveCash(true))),
                button(text(ShiftText::CashOut.get(l)))
                    .style(button::secondary)
                    .on_press_maybe(self.press(Message::MoveCash(false))),
            ]
            .spacing(6),
            text(ShiftText::CountAndClose.get(l)).size(18),
            self.count_grid(ctx),
            text(format!("{}: {}", ShiftText::Counted.get(l), m(typed_total))).size(18),
            self.confirm_button(
                Confirm::CloseShift,
                ShiftText::ConfirmClose.get(l),
                ShiftText::CloseShift.get(l),
                Message::CloseShift,
            ),
        ]
        .spacing(6)
        .into()
    }

    /// One of the screen's fields, drawn as current when keys go to it; a click makes it so.
    fn input<'a>(&'a self, id: &'static str, placeholder: &str, which: Field) -> Element<'a, Message> {
        field(
            id,
            placeholder,
            self.value(which),
            self.current_field() == which,
            which == Field::CashPin,
            Message::Field(which),
        )
    }

    /// Two columns of notes and coins, so the whole count fits a 768-pixel screen.
    fn count_grid<'a>(&'a self, ctx: &Context) -> Element<'a, Message> {
        let m = widgets::money(ctx);
        let cell = |i: usize, value: i64, typed: &'a str| -> Element<'a, Message> {
            let f = Field::Count(i);
            count_field(
                [text(m(value)).width(110).into()],
                "0",
                typed,
                70,
                self.current_field() == f,
                Message::Field(f),
            )
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
            return text(ShiftText::ReportShowsHere.get(l)).into();
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
                button(text(ShiftText::SaveCsv.get(l))).on_press(Message::ExportCsv),
                button(text(ShiftText::SavePdf.get(l))).on_press(Message::ExportPdf),
                button(text(ShiftText::Print.get(l))).on_press(Message::PrintReport),
            ]
            .spacing(8),
            chart::bars(ShiftText::SalesByHour.get(l), by_hour, currency, l),
            chart::bars(ShiftText::ByCategory.get(l), by_category, currency, l),
            chart::bars(ShiftText::ByTender.get(l), by_tender, currency, l),
            container(text(shown.text.clone()).font(Font::MONOSPACE).size(13))
                .padding(12)
                .style(style::paper),
        ]
        .spacing(14)
        .into()
    }
}
