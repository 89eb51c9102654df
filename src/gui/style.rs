//! The terminal's look in one place: the theme and the named container styles.

use std::sync::LazyLock;

use iced::theme::Palette;
use iced::widget::{center, container, mouse_area, opaque, stack};
use iced::{Border, Color, Element, Theme, color};

static THEME: LazyLock<Theme> = LazyLock::new(|| {
    Theme::custom(
        "Kasir",
        Palette {
            background: color!(0xf4f6f8),
            text: color!(0x1b1f24),
            primary: color!(0x0b5fff),
            success: color!(0x1a7f37),
            warning: color!(0xbf8700),
            danger: color!(0xcf222e),
        },
    )
});

pub fn theme() -> Theme {
    THEME.clone()
}

/// A white card on the grey background.
pub fn panel(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Color::WHITE.into()),
        border: Border {
            radius: 8.0.into(),
            width: 1.0,
            color: theme.extended_palette().background.strong.color,
        },
        ..container::Style::default()
    }
}

/// The receipt preview: paper.
pub fn paper(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(color!(0xfffdf5).into()),
        border: Border { radius: 2.0.into(), width: 1.0, color: color!(0xd0d0c0) },
        ..container::Style::default()
    }
}

/// An error the cashier must not miss: white on red.
pub fn error_banner(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(p.danger.base.color.into()),
        text_color: Some(Color::WHITE),
        border: Border { radius: 6.0.into(), width: 0.0, color: Color::TRANSPARENT },
        ..container::Style::default()
    }
}

pub fn status_bar(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(p.background.strong.color.into()),
        text_color: Some(p.background.strong.text),
        ..container::Style::default()
    }
}

/// `content` over `base`, with the rest dimmed; a click outside sends `on_blur`.
pub fn modal<'a, Message: Clone + 'a>(
    base: impl Into<Element<'a, Message>>,
    content: impl Into<Element<'a, Message>>,
    on_blur: Message,
) -> Element<'a, Message> {
    stack![
        base.into(),
        opaque(
            mouse_area(center(opaque(content)).style(|_theme| container::Style {
                background: Some(Color { a: 0.6, ..Color::BLACK }.into()),
                ..container::Style::default()
            }))
            .on_press(on_blur)
        )
    ]
    .into()
}
