//! The returns screen's layout: the receipt or the goods on the left with the lines to take
//! back; on the right the refund, its tender, what an exchange settles, the reason and the
//! manager's approval.

use iced::widget::{button, column, row, scrollable, text, text_input, toggler};
use iced::{Element, Length};
use kasir_core::{Money, Quantity, TenderKind};

use super::{ITEM_ID, Message, RECEIPT_ID, State};
use crate::gui::widgets::{self, back_button, choice, count_line, entry, error_text, money_input, panel};
use crate::gui::{Context, tr};
use crate::sale::receipt::tender_name;

impl State {
    pub fn view<'a>(&'a self, ctx: &Context) -> Element<'a, Message> {
        let l = ctx.locale;
        let currency = ctx.config.currency();
        let m = widgets::money(ctx);
        let mode = toggler(self.no_receipt)
            .label(tr(l, "Tanpa struk (manajer, tunai)", "Without a receipt (manager, cash)"))
            .on_toggle(Message::NoReceipt);
        let find: Element<'_, Message> = if self.no_receipt {
            self.item_field(tr(l, "Pindai barang atau ketik SKU", "Scan the goods or type a SKU"))
                .padding(10)
                .size(20)
                .into()
        } else {
            row![
                entry(
                    tr(l, "Pindai atau ketik nomor struk", "Scan or type the receipt number"),
                    &self.receipt,
                    RECEIPT_ID,
                    Message::Receipt,
                    Message::Find,
                )
                .padding(10)
                .size(20),
                button(text(tr(l, "Cari", "Find"))).padding(10).on_press(Message::Find),
            ]
            .spacing(8)
            .into()
        };
        let swap = (!self.no_receipt && self.original.is_some()).then(|| {
            let toggle = toggler(self.exchange)
                .label(tr(l, "Tukar dengan barang lain", "Exchange for other goods"))
                .on_toggle(Message::Exchange);
            let field = self
                .exchange
                .then(|| self.item_field(tr(l, "Pindai barang baru", "Scan the new goods")).padding(8));
            column![toggle].push(field).spacing(8)
        });
        let exchanged = self.exchanged.as_ref().map(|x| {
            text(format!(
                "{}: {} + {} · {} {} · {} {} · {} {}",
                tr(l, "Tukar barang dicatat", "Exchange recorded"),
                x.return_receipt,
                x.sale_receipt,
                tr(l, "dibayar", "paid"),
                Money::new(x.paid, currency).format(l),
                tr(l, "kembalian", "change"),
                Money::new(x.change, currency).format(l),
                tr(l, "dikembalikan", "refunded"),
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
                count_line(cells, "1", typed, 90, move |v| Message::ItemQuantity(i, v))
            }))
            .spacing(6)
        });
        let done = self.done.as_ref().map(|d| {
            text(format!(
                "{} {}: {} {}",
                tr(l, "Retur dicatat", "Return recorded"),
                d.receipt_number,
                tr_refund(l, d.refund),
                Money::new(d.refunded, currency).format(l)
            ))
            .style(text::success)
        });
        let error = self.error.as_ref().or(self.drawer_trouble.as_ref()).map(|e| error_text(e));
        let lines = self.original.as_ref().map(|o| {
            let header = row![
                text(tr(l, "Barang", "Item")).width(Length::Fill),
                text(tr(l, "Dibeli", "Sold")).width(80),
                text(tr(l, "Sisa", "Left")).width(80),
                text("Total").width(110),
                text(tr(l, "Kembali", "Back")).width(90),
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
                    count_line(cells, "0", typed, 90, move |v| Message::Quantity(i, v))
                }))
                .spacing(6);
            column![
                text(format!("{} {}", tr(l, "Struk", "Receipt"), o.receipt)).size(20),
                header,
                scrollable(rows)
            ]
            .spacing(8)
        });
        row![
            panel(
                column![text(tr(l, "Retur barang", "Returns")).size(24), mode, find]
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
    fn item_field<'a>(&'a self, placeholder: &str) -> iced::widget::TextInput<'a, Message> {
        entry(placeholder, &self.item_input, ITEM_ID, Message::ItemInput, Message::AddItem)
    }

    /// The refund, its tender, what an exchange settles, and the approval to record it.
    fn side<'a>(&'a self, ctx: &Context) -> Element<'a, Message> {
        let l = ctx.locale;
        let m = widgets::money(ctx);
        let refund = match self.preview(ctx) {
            Ok(v) => text(format!("{}: {}", tr(l, "Dikembalikan", "Refund"), m(v))).size(28),
            Err(e) => error_text(&e),
        };
        let kinds = row(self
            .refund_kinds(ctx)
            .into_iter()
            .map(|k| choice(tender_name(k, l), k == self.refund, Message::Refund(k)).into()))
        .spacing(6);
        let settle: Option<Element<'_, Message>> = self.exchange.then(|| match self.difference(ctx) {
            Err(e) => error_text(&e).into(),
            Ok((new, owed)) if owed > 0 => column![
                text(format!("{}: {}", tr(l, "Barang baru", "New goods"), m(new))).size(16),
                text(format!("{}: {}", tr(l, "Pelanggan bayar", "Customer pays"), m(owed))).size(24),
                row([TenderKind::Cash, TenderKind::Card, TenderKind::Qris]
                    .into_iter()
                    .map(|k| { choice(tender_name(k, l), k == self.pay_kind, Message::PayKind(k)).into() }))
                .spacing(6),
                money_input(
                    tr(l, "Jumlah dibayar (kosong = pas)", "Amount paid (empty = exact)"),
                    &self.pay_amount,
                    Message::PayAmount,
                ),
            ]
            .spacing(6)
            .into(),
            Ok((new, owed)) => column![
                text(format!("{}: {}", tr(l, "Barang baru", "New goods"), m(new))).size(16),
                text(format!("{}: {}", tr(l, "Dikembalikan ke pelanggan", "Back to the customer"), m(-owed)))
                    .size(24),
            ]
            .spacing(6)
            .into(),
        });
        let record = if self.exchange {
            tr(l, "Catat tukar barang", "Record the exchange")
        } else {
            tr(l, "Catat retur", "Record the return")
        };
        column![refund, text(tr(l, "Dikembalikan lewat", "Refund to")).size(14), kinds]
            .push(settle)
            .push(
                column![
                    text_input(tr(l, "Alasan (wajib)", "Reason (required)"), &self.reason)
                        .on_input(Message::Reason)
                        .padding(8),
                    text(tr(l, "Persetujuan manajer", "Manager approval")).size(14),
                    text_input(tr(l, "Kode manajer", "Manager code"), &self.manager)
                        .on_input(Message::Manager)
                        .padding(8),
                    text_input("PIN", &self.pin)
                        .secure(true)
                        .on_input(Message::Pin)
                        .on_submit(Message::Submit)
                        .padding(8),
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
    format!("{} {}", tr(l, "refund", "refund"), tender_name(kind, l))
}
