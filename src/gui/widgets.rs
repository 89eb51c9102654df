//! View pieces the screens share, so that a dialog's buttons, a field for money or for a
//! count, and a notice look and behave the same wherever they stand.

use iced::widget::{Button, Container, Text, button, container, row, text};
use iced::{Alignment, Element, Length};
use kasir_core::{Locale, Money};

use super::{Context, style};

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
        quiet_button(crate::messages::Text::Cancel.get(l), cancel),
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
    quiet_button(crate::messages::Text::BackEsc.get(l), on_press)
}

/// One of a set of choices (a tender): the chosen one stands out.
pub fn choice<'a, M: Clone + 'a>(label: &'a str, chosen: bool, on_press: M) -> Button<'a, M> {
    button(text(label)).style(if chosen { button::primary } else { button::secondary }).on_press(on_press)
}

/// A text field whose text lives in the screen's state and is typed through the one ordered
/// key path ([`super::keys`]): `current` draws it as the field keys go to (a blue border and
/// a caret); a click on it sends `on_press`, to make it the current one (`None`: a field
/// keys always go to while it is on screen). Named by `id` so a test can click it.
pub fn field<'a, M: Clone + 'a>(
    id: impl Into<iced::widget::Id>,
    placeholder: &str,
    value: &str,
    current: bool,
    secure: bool,
    on_press: impl Into<Option<M>>,
) -> Element<'a, M> {
    let shown = if secure { "•".repeat(value.chars().count()) } else { value.to_owned() };
    let empty = shown.is_empty();
    let words = match (empty, current) {
        (true, true) => format!("▏{placeholder}"),
        (true, false) => placeholder.to_owned(),
        (false, true) => format!("{shown}▏"),
        (false, false) => shown,
    };
    let label = text(words).style(move |theme: &iced::Theme| text::Style {
        color: empty.then(|| theme.extended_palette().background.strong.color),
    });
    container(
        button(label)
            .width(Length::Fill)
            .style(move |theme: &iced::Theme, _| {
                let p = theme.extended_palette();
                button::Style {
                    background: Some(iced::Color::WHITE.into()),
                    text_color: p.background.base.text,
                    border: iced::Border {
                        radius: 4.0.into(),
                        width: if current { 2.0 } else { 1.0 },
                        color: if current { p.primary.base.color } else { p.background.strong.color },
                    },
                    ..button::Style::default()
                }
            })
            .on_press_maybe(on_press.into()),
    )
    .id(id)
    .into()
}

/// A notice over the whole width, always the same height so nothing under it moves: an
/// error in white on red that stays until acknowledged (`acknowledge`, Esc) or the next
/// action that works; what went well in green; nothing, an empty band.
pub fn banner<'a, M: Clone + 'a>(
    notice: Option<(bool, String)>,
    acknowledge_label: &'a str,
    acknowledge: M,
) -> Element<'a, M> {
    const HEIGHT: f32 = 44.0;
    let Some((ok, message)) = notice else {
        return iced::widget::space().height(HEIGHT).into();
    };
    if ok {
        return container(text(message).size(18).style(text::success))
            .height(HEIGHT)
            .align_y(Alignment::Center)
            .padding([0, 8])
            .into();
    }
    container(
        row![
            text(message).size(18).width(Length::Fill),
            button(text(acknowledge_label)).style(button::secondary).on_press(acknowledge),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
    )
    .height(HEIGHT)
    .width(Length::Fill)
    .padding([4, 12])
    .align_y(Alignment::Center)
    .style(style::error_banner)
    .into()
}

/// A line of figures ending in a small [`field`] for how many, typed through the ordered key
/// path: goods coming back, notes and coins in the drawer.
pub fn count_field<'a, M: Clone + 'a>(
    cells: impl IntoIterator<Item = Element<'a, M>>,
    placeholder: &str,
    typed: &str,
    width: impl Into<Length>,
    current: bool,
    on_press: M,
) -> Element<'a, M> {
    row(cells)
        .push(
            container(field(iced::widget::Id::unique(), placeholder, typed, current, false, on_press))
                .width(width),
        )
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
