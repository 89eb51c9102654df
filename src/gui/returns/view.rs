//! The returns screen's layout: the receipt or the goods on the left with the lines to take
//! back; on the right the refund, its tender, what an exchange settles, the reason and the
//! manager's approval.

use iced::widget::{button, column, row, scrollable, text, toggler};
use iced::{Element, Length};
use kasir_core::{Money, Quantity, TenderKind};

use super::{Field, ITEM_ID, Message, RECEIPT_ID, State};
use crate::gui::Context;
use crate::gui::widgets::{self, back_button, choice, count_field, error_text, field, panel};
use crate::messages::screens::ReturnsText;
use crate::sale::receipt::tender_name;

impl State {
    pub fn view<'a>(&'a self, ctx: &Context) -> Element<'a, Message> {
        let l = ctx.locale;
        let currency = ctx.config.currency();
        let m = widgets::money(ctx);
        let mode =
            toggler(self.no_receipt).label(ReturnsText::WithoutReceipt.get(l)).on_toggle(Message::NoReceipt);
        let find: Element<'_, Message> = if self.no_receipt {
            self.item_field(ReturnsText::ScanGoodsOrSku.get(l))
        } else {
            row![
                self.input(RECEIPT_ID, ReturnsText::ScanReceiptNo.get(l), Field::Receipt),
                button(text(ReturnsText::Find.get(l))).padding(10).on_press(Message::Find),
            ]
            .spacing(8)
            .into()
        };
        let swap = (!self.no_receipt && self.original.is_some()).then(|| {
            let toggle = toggler(self.exchange)
                .label(ReturnsText::ExchangeForOther.get(l))
                .on_toggle(Message::Exchange);
            let field = self.exchange.then(|| self.item_field(ReturnsText::ScanNewGoods.get(l)));
            column![toggle].push(field).spacing(8)
        });
        let exchanged = self.exchanged.as_ref().map(|x| {
            text(format!(
                "{}: {} + {} · {} {} · {} {} · {} {}",
                ReturnsText::ExchangeRecorded.get(l),
                x.return_receipt,
                x.sale_receipt,
                ReturnsText::PaidWord.get(l),
                Money::new(x.paid, currency).format(l),
                ReturnsText::ChangeWord.get(l),
                Money::new(x.change, currency).format(l),
                ReturnsText::RefundedWord.get(l),
                Money::new(x.refunded, currency).format(l),
            ))
            .style(text::success)
        });
        let goods = ((self.no_receipt || self.exchange) && !self.items.is_empty()).then(|| {
            column(self.items.iter().enumerate().map(|(i, (p, typed))| {
                let cells = [
                    text(p.name.clone()).width(Length::Fill).into(),
                    text(format!("{} / {}", p.unit_price.format(l), p.unit)).width(150).into(),
                ];
                let f = Field::ItemQuantity(i);
                count_field(cells, "1", typed, 90, self.current_field() == f, Message::Field(f))
            }))
            .spacing(6)
        });
        let done = self.done.as_ref().map(|d| {
            text(format!(
                "{} {}: {} {}",
                ReturnsText::ReturnRecorded.get(l),
                d.receipt_number,
                tr_refund(l, d.refund),
                Money::new(d.refunded, currency).format(l)
            ))
            .style(text::success)
        });
        let error = self.error.as_ref().or(self.drawer_trouble.as_ref()).map(|e| error_text(&e.text(l)));
        let lines = self.original.as_ref().map(|o| {
            let header = row![
                text(ReturnsText::Item.get(l)).width(Length::Fill),
                text(ReturnsText::Sold.get(l)).width(80),
                text(ReturnsText::Left.get(l)).width(80),
                text(crate::messages::Text::LineTotal.get(l)).width(110),
                text(ReturnsText::Back.get(l)).width(90),
            ]
            .spacing(8);
            let rows =
                column(o.sale.lines.iter().zip(&self.quantities).enumerate().map(|(i, (line, typed))| {
                    let back: i64 = o
                        .already
                        .iter()
                        .filter(|r| r.line_no == line.line_no)
                        .map(|r| r.quantity.milli())
                        .sum();
                    let left = Quantity::from_milli(line.quantity.milli() - back);
                    let cells = [
                        text(format!("{}. {}", line.line_no, line.name)).width(Length::Fill).into(),
                        text(kasir_core::format::format_quantity(line.quantity, l)).width(80).into(),
                        text(kasir_core::format::format_quantity(left, l)).width(80).into(),
                        text(m(line.gross)).width(110).into(),
                    ];
                    let f = Field::Quantity(i);
                    count_field(cells, "0", typed, 90, self.current_field() == f, Message::Field(f))
                }))
                .spacing(6);
            column![
                text(format!("{} {}", ReturnsText::Receipt.get(l), o.receipt)).size(20),
                header,
                scrollable(rows)
            ]
            .spacing(8)
        });
        row![
            panel(
                column![text(ReturnsText::Returns.get(l)).size(24), mode, find]
                    .push(done)
                    .push(error)
                    .push(exchanged)
                    .push(lines.filter(|_| !self.no_receipt))
                    .push(swap)
                    .push(goods)
                    .spacing(12)
            )
            .width(Length::Fill),
            panel(self.side(ctx)),
        ]
        .spacing(12)
        .into()
    }

    /// The field where goods are scanned (coming back without a receipt, or going out in an
    /// exchange).
    fn item_field<'a>(&'a self, placeholder: &str) -> Element<'a, Message> {
        self.input(ITEM_ID, placeholder, Field::Item)
    }

    /// One of the screen's fields, drawn as current when keys go to it; a click makes it so.
    fn input<'a>(&'a self, id: &'static str, placeholder: &str, which: Field) -> Element<'a, Message> {
        field(
            id,
            placeholder,
            self.value(which),
            self.current_field() == which,
            which == Field::Pin,
            Message::Field(which),
        )
    }

    /// The refund, its tender, what an exchange settles, and the approval to record it.
    fn side<'a>(&'a self, ctx: &Context) -> Element<'a, Message> {
        let l = ctx.locale;
        let m = widgets::money(ctx);
        let refund = match self.preview(ctx) {
            Ok(v) => text(format!("{}: {}", ReturnsText::Refund.get(l), m(v))).size(28),
            Err(e) => error_text(&e.text(l)),
        };
        let kinds = row(self
            .refund_kinds(ctx)
            .into_iter()
            .map(|k| choice(tender_name(k, l), k == self.refund, Message::Refund(k)).into()))
        .spacing(6);
        let settle: Option<Element<'_, Message>> = self.exchange.then(|| match self.difference(ctx) {
            Err(e) => error_text(&e.text(l)).into(),
            Ok((new, owed)) if owed > 0 => column![
                text(format!("{}: {}", ReturnsText::NewGoods.get(l), m(new))).size(16),
                text(format!("{}: {}", ReturnsText::CustomerPays.get(l), m(owed))).size(24),
                row([TenderKind::Cash, TenderKind::Card, TenderKind::Qris]
                    .into_iter()
                    .map(|k| { choice(tender_name(k, l), k == self.pay_kind, Message::PayKind(k)).into() }))
                .spacing(6),
                self.input("return-pay-amount", ReturnsText::AmountPaid.get(l), Field::PayAmount,),
            ]
            .spacing(6)
            .into(),
            Ok((new, owed)) => column![
                text(format!("{}: {}", ReturnsText::NewGoods.get(l), m(new))).size(16),
                text(format!("{}: {}", ReturnsText::BackToCustomer.get(l), m(-owed))).size(24),
            ]
            .spacing(6)
            .into(),
        });
        let record =
            if self.exchange { ReturnsText::RecordExchange.get(l) } else { ReturnsText::RecordReturn.get(l) };
        column![refund, text(ReturnsText::RefundTo.get(l)).size(14), kinds]
            .push(settle)
            .push(
                column![
                    self.input("return-reason", ReturnsText::ReasonRequired.get(l), Field::Reason),
                    text(ReturnsText::ManagerApproval.get(l)).size(14),
                    self.input("return-manager", ReturnsText::ManagerCode.get(l), Field::Manager),
                    self.input("return-pin", "PIN", Field::Pin),
                    text(crate::messages::Text::DialogKeys.get(l)).size(13),
                    button(text(record).size(20))
                        .padding(12)
                        .width(Length::Fill)
                        .style(button::success)
                        .on_press_maybe(
                            ((self.original.is_some() || self.no_receipt) && !self.busy)
                                .then_some(Message::Submit),
                        ),
                    back_button(l, Message::Back),
                ]
                .spacing(10),
            )
            .spacing(10)
            .width(340)
            .into()
    }
}

fn tr_refund(l: kasir_core::Locale, kind: TenderKind) -> String {
    format!("{} {}", ReturnsText::RefundWord.get(l), tender_name(kind, l))
}
