//! The checkout screen's layout: scan field, search results, quick keys, the cart, totals
//! and actions, and whichever dialog is open on top.

use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

use super::{Message, NoticeKind, SCAN_ID, State};
use crate::gui::{Context, style, tr, widgets};

impl State {
    pub fn view(&self, ctx: &Context) -> Element<'_, Message> {
        let l = ctx.locale;
        let money = |m: kasir_core::Money| m.format(l);
        // The smaller actions beside Pay, each with its F-key.
        let key = |label: &'static str, message: Message| {
            button(text(label).size(14)).style(button::secondary).on_press(message)
        };
        let scan = widgets::entry(
            tr(l, "Pindai barcode atau ketik nama barang…", "Scan a barcode or type a product name…"),
            &self.input,
            SCAN_ID,
            Message::Input,
            Message::Submit,
        )
        .size(22)
        .padding(12);
        let notice = self
            .notice
            .as_ref()
            .map(|(kind, msg)| container(widgets::notice(*kind != NoticeKind::Error, msg)).padding([4, 8]));
        let results = (!self.results.is_empty()).then(|| {
            container(
                column(self.results.iter().map(|p| {
                    button(
                        row![text(&p.name).size(16).width(Length::Fill), text(money(p.unit_price)).size(16)]
                            .spacing(12),
                    )
                    .width(Length::Fill)
                    .style(button::secondary)
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
            text(tr(l, "Barang", "Item")).width(Length::FillPortion(5)),
            text(tr(l, "Jumlah", "Qty")).width(Length::FillPortion(3)),
            text(tr(l, "Harga", "Price")).width(Length::FillPortion(2)),
            text(tr(l, "Diskon", "Discount")).width(Length::FillPortion(2)),
            text("Total").width(Length::FillPortion(2)),
            space().width(40),
        ]
        .spacing(8);
        let lines = column(self.cart.lines().iter().zip(&totals.lines).map(|(line, t)| {
            row![
                button(text(&line.product.name).size(16))
                    .style(button::text)
                    .padding(0)
                    .on_press(Message::EditLine(line.id))
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
                text(money(t.line_discount + t.order_discount)).size(16).width(Length::FillPortion(2)),
                text(money(t.gross)).size(16).width(Length::FillPortion(2)),
                button(text("✕")).style(button::danger).on_press(Message::VoidLine(line.id)).width(40),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
            .into()
        }))
        .spacing(6);
        let cart = container(column![header, scrollable(lines).height(Length::Fill)].spacing(8))
            .padding(10)
            .height(Length::Fill)
            .style(style::panel);
        let side = column![
            text(tr(l, "Total belanja", "Total")).size(18),
            text(money(totals.total)).size(44),
            text(format!("{}: {}", tr(l, "Jumlah barang", "Items"), totals.item_count)).size(16),
            text(format!("{}: {}", tr(l, "Subtotal", "Subtotal"), money(totals.subtotal))).size(16),
            text(format!(
                "{}: {}",
                tr(l, "Diskon", "Discounts"),
                money(totals.line_discounts + totals.order_discount)
            ))
            .size(16),
            text(format!("{}: {}", tr(l, "PPN (termasuk)", "Tax"), money(totals.tax))).size(16),
            space().height(Length::Fill),
            button(text(tr(l, "Bayar (F9)", "Pay (F9)")).size(24).center())
                .width(Length::Fill)
                .padding(16)
                .style(button::success)
                .on_press(Message::Pay),
            row![
                key(tr(l, "Ubah baris (F3)", "Edit line (F3)"), Message::EditLast),
                key(tr(l, "Diskon (F4)", "Discount (F4)"), Message::EditOrder),
            ]
            .spacing(6),
            row![
                key(tr(l, "Batal transaksi (F5)", "Void sale (F5)"), Message::VoidSale).style(button::danger),
                key(tr(l, "Buka laci (F11)", "No sale (F11)"), Message::NoSale),
            ]
            .spacing(6),
            text(tr(
                l,
                "F2 cari · F6 parkir · F7 panggil · F8 retur · F9 bayar · F10 keluar · F12 shift & laporan · 3*kode = 3",
                "F2 search · F6 park · F7 recall · F8 returns · F9 pay · F10 log out · F12 shift & reports · 3*code = three"
            ))
            .size(13),
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
        let main = column![scan]
            .push(notice)
            .push(results)
            .push(quick_keys)
            .push(cart)
            .spacing(10)
            .width(Length::Fill);
        let screen: Element<'_, Message> =
            row![main, container(side).padding(14).height(Length::Fill).style(style::panel)]
                .spacing(12)
                .into();
        if let Some(a) = &self.approver {
            style::modal(screen, a.view(&self.cart, l), Message::Dismiss)
        } else if let Some(e) = &self.editor {
            style::modal(screen, e.view(&self.cart, l), Message::Dismiss)
        } else if let Some(list) = &self.parked {
            style::modal(screen, super::parked::list_view(list, l), Message::Dismiss)
        } else {
            screen
        }
    }
}
