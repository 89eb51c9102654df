//! The checkout screen's layout: scan field, search results, quick keys, the cart, totals
//! and actions, and whichever dialog is open on top.

use iced::widget::{button, column, container, row, scrollable, space, stack, text};
use iced::{Alignment, Element, Length};

use super::{Message, NoticeKind, SCAN_ID, State};
use crate::gui::{Context, style, widgets};
use crate::messages::limits::StockNote;
use crate::messages::{Explain, Text};

impl State {
    pub fn view(&self, ctx: &Context) -> Element<'_, Message> {
        let l = ctx.locale;
        let money = |m: kasir_core::Money| m.format(l);
        // The smaller actions beside Pay, each with its F-key.
        let key = |label: &'static str, message: Message| {
            button(text(label).size(14)).style(button::secondary).on_press(message)
        };
        // Keys go here whenever no dialog is open: drawn as the current field then.
        let dialog = self.approver.is_some() || self.editor.is_some() || self.parked.is_some();
        let scan = widgets::field(SCAN_ID, Text::ScanPlaceholder.get(l), &self.input, !dialog, false, None);
        let notice = widgets::banner(
            self.notice.as_ref().map(|(kind, said)| (*kind != NoticeKind::Error, said.text(l))),
            Text::Understood.get(l),
            Message::Acknowledge,
        );
        // The hits open over the cart, so the cart does not move.
        let results = (!self.results.is_empty()).then(|| {
            container(
                column(self.results.iter().enumerate().map(|(i, p)| {
                    let highlighted = i == self.highlight;
                    // The store's stock as of the last sync, marked when low; none if unknown.
                    let stock = p.stock.map(|q| StockNote::new(q, &p.unit, ctx.config.stock.low_at));
                    let stock = stock.map(|n| {
                        let t = text(n.explain(l)).size(14);
                        if n.low { t.style(text::danger) } else { t }
                    });
                    button(
                        row![text(&p.name).size(16).width(Length::Fill)]
                            .push(stock)
                            .push(text(money(p.unit_price)).size(16))
                            .spacing(12),
                    )
                    .width(Length::Fill)
                    .style(if highlighted { button::primary } else { button::secondary })
                    .on_press(Message::Pick(p.clone()))
                    .into()
                }))
                .spacing(2),
            )
            .style(style::panel)
            .padding(6)
        });
        let totals = self.cart.totals();
        let header = row![
            text(Text::Item.get(l)).width(Length::FillPortion(5)),
            text(Text::Qty.get(l)).width(Length::FillPortion(3)),
            text(Text::Price.get(l)).width(Length::FillPortion(2)),
            text(Text::Discount.get(l)).width(Length::FillPortion(2)),
            text(Text::LineTotal.get(l)).width(Length::FillPortion(2)),
            space().width(40),
        ]
        .spacing(8);
        let lines = column(self.cart.lines().iter().zip(&totals.lines).map(|(line, t)| {
            row![
                container(
                    button(text(&line.product.name).size(16))
                        .style(button::text)
                        .padding(0)
                        .on_press(Message::EditLine(line.id)),
                )
                .id(super::line_id(line.id))
                .width(Length::FillPortion(5)),
                row![
                    button(text("−")).on_press(Message::Less(line.id)).style(button::secondary),
                    text(format!(
                        "{} {}",
                        kasir_core::format::format_quantity(line.quantity, l),
                        line.product.unit
                    ))
                    .size(16),
                    button(text("+")).on_press(Message::More(line.id)).style(button::secondary),
                ]
                .spacing(6)
                .align_y(Alignment::Center)
                .width(Length::FillPortion(3)),
                text(if line.product.price_includes_tax {
                    money(line.unit_price())
                } else {
                    // Quoted before tax: the line's total has the tax on top.
                    format!("{} {}", money(line.unit_price()), crate::sale::receipt::PLUS_PPN)
                })
                .size(16)
                .width(Length::FillPortion(2)),
                // As the receipt prints the line: quantity × price, and its own discount
                // beside it; the order discount is a line of its own under the goods.
                text(money(t.line_discount)).size(16).width(Length::FillPortion(2)),
                text(money(t.extended)).size(16).width(Length::FillPortion(2)),
                button(text("✕")).style(button::danger).on_press(Message::VoidLine(line.id)).width(40),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
            .into()
        }))
        .spacing(6)
        .push((!totals.order_discount.is_zero()).then(|| {
            row![
                button(text(Text::OrderDiscount.get(l)).size(16))
                    .style(button::text)
                    .padding(0)
                    .on_press(Message::EditOrder)
                    .width(Length::FillPortion(12)),
                text(format!("-{}", money(totals.order_discount))).size(16).width(Length::FillPortion(2)),
                space().width(40),
            ]
            .spacing(8)
        }));
        let cart = container(column![header, scrollable(lines).height(Length::Fill)].spacing(8))
            .padding(10)
            .height(Length::Fill)
            .style(style::panel);
        let side = column![
            text(Text::SaleTotal.get(l)).size(18),
            text(money(totals.total)).size(44),
            text(format!("{}: {}", Text::Items.get(l), totals.item_count)).size(16),
            text(format!("{}: {}", Text::Subtotal.get(l), money(totals.subtotal))).size(16),
            text(format!(
                "{}: {}",
                Text::Discounts.get(l),
                money(totals.line_discounts + totals.order_discount)
            ))
            .size(16),
            text(format!("{}: {}", Text::TaxIncluded.get(l), money(totals.tax))).size(16),
            space().height(Length::Fill),
            button(text(Text::PayF9.get(l)).size(24).center())
                .width(Length::Fill)
                .padding(16)
                .style(button::success)
                .on_press(Message::Pay),
            row![
                key(Text::EditLineF3.get(l), Message::EditLast),
                key(Text::DiscountF4.get(l), Message::EditOrder),
            ]
            .spacing(6),
            row![
                key(Text::VoidSaleF5.get(l), Message::VoidSale).style(button::danger),
                key(Text::NoSaleF11.get(l), Message::NoSale),
            ]
            .spacing(6),
            text(Text::CheckoutKeys.get(l)).size(13),
        ]
        .spacing(8)
        .width(320);
        let quick_keys = (!ctx.config.quick_keys.is_empty()).then(|| {
            row(ctx.config.quick_keys.iter().map(|k| {
                button(text(k.label.clone()).size(16))
                    .padding([10, 14])
                    .style(button::secondary)
                    .on_press(Message::QuickKey(k.sku.clone()))
                    .into()
            }))
            .spacing(8)
            // More keys than fit a narrow screen go on to the next line.
            .wrap()
            .vertical_spacing(8)
        });
        let below: Element<'_, Message> = match results {
            Some(hits) => stack![cart, column![hits]].into(),
            None => cart.into(),
        };
        let main = column![scan, notice].push(quick_keys).push(below).spacing(10).width(Length::Fill);
        let screen: Element<'_, Message> =
            row![main, container(side).padding(14).height(Length::Fill).style(style::panel)]
                .spacing(12)
                .into();
        if let Some(a) = &self.approver {
            style::modal(screen, a.view(&self.cart, l), Message::Dismiss)
        } else if let Some(e) = &self.editor {
            style::modal(screen, e.view(&self.cart, l), Message::Dismiss)
        } else if let Some(list) = &self.parked {
            style::modal(screen, super::parked::list_view(list, self.parked_highlight, l), Message::Dismiss)
        } else {
            screen
        }
    }
}
