//! View pieces the screens share, so that a dialog's buttons, a field for money or for a
//! count, and a notice look and behave the same wherever they stand.

use iced::widget::{Button, Container, Text, TextInput, button, container, row, text, text_input};
use iced::{Alignment, Element, Length};
use kasir_core::{Locale, Money};

use super::{Context, style, tr};

/// Minor units of the store's currency, written as the screen's language writes money.
pub fn money(ctx: &Context) -> impl Fn(i64) -> String + use<> {
    let (l, currency) = (ctx.locale, ctx.config.currency());
    move |v| Money::from_minor(v, currency).format(l)
}

/// One side of a screen: a white card as tall as the window.
pub fn panel<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Container<'a, M> {
    container(content).padding(16).height(Length::Fill).style(style::panel)
}

/// A dialog over a screen: a white card (its content sets the width).
pub fn dialog<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(content).padding(20).style(style::panel).into()
}

/// A dialog's last row: Cancel (Esc) closes it, beside its own action, which is greyed out
/// while `confirm` is `None` (a PIN being checked, say).
pub fn dialog_buttons<'a, M: Clone + 'a>(
    l: Locale,
    cancel: M,
    action: &'a str,
    confirm: Option<M>,
) -> Element<'a, M> {
    row![
        quiet_button(tr(l, "Batal (Esc)", "Cancel (Esc)"), cancel),
        button(text(action)).style(button::primary).on_press_maybe(confirm),
    ]
    .spacing(10)
    .into()
}

/// A button for what stands beside a screen's main action (back, close, a test print).
pub fn quiet_button<'a, M: Clone + 'a>(label: &'a str, on_press: M) -> Button<'a, M> {
    button(text(label)).style(button::secondary).on_press(on_press)
}

/// Back to the checkout (Esc), on each screen the checkout opens.
pub fn back_button<'a, M: Clone + 'a>(l: Locale, on_press: M) -> Button<'a, M> {
    quiet_button(tr(l, "Kembali (Esc)", "Back (Esc)"), on_press)
}

/// One of a set of choices (a tender): the chosen one stands out.
pub fn choice<'a, M: Clone + 'a>(label: &'a str, chosen: bool, on_press: M) -> Button<'a, M> {
    button(text(label)).style(if chosen { button::primary } else { button::secondary }).on_press(on_press)
}

/// A field named by `id` (so it can be given the focus) where Enter sends `on_submit`: a scan
/// or a typed code, a manager's code or PIN.
pub fn entry<'a, M: Clone + 'a>(
    placeholder: &str,
    value: &str,
    id: &'static str,
    on_input: impl Fn(String) -> M + 'a,
    on_submit: M,
) -> TextInput<'a, M> {
    text_input(placeholder, value).id(id).on_input(on_input).on_submit(on_submit)
}

/// A field for an amount of money, typed as the screen's language writes it (read back with
/// [`super::payment::normalize_amount`]).
pub fn money_input<'a, M: Clone + 'a>(
    placeholder: &str,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
) -> TextInput<'a, M> {
    text_input(placeholder, value).on_input(on_input).padding(8)
}

/// A line of figures ending in a small field for how many: goods coming back, notes and coins
/// in the drawer.
pub fn count_line<'a, M: Clone + 'a>(
    cells: impl IntoIterator<Item = Element<'a, M>>,
    placeholder: &str,
    typed: &str,
    width: impl Into<Length>,
    on_input: impl Fn(String) -> M + 'a,
) -> Element<'a, M> {
    row(cells)
        .push(text_input(placeholder, typed).on_input(on_input).width(width).padding(4))
        .spacing(8)
        .align_y(Alignment::Center)
        .into()
}

/// What happened: green when it went well, red when not.
pub fn notice<'a>(ok: bool, message: &str) -> Text<'a> {
    let t = text(message.to_owned()).size(16);
    if ok { t.style(text::success) } else { t.style(text::danger) }
}

/// What is wrong, in red.
pub fn error_text<'a>(message: &str) -> Text<'a> {
    text(message.to_owned()).style(text::danger)
}
