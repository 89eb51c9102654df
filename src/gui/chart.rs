//! Horizontal bar charts for reports: one labelled bar per row, its length in proportion to
//! the largest amount. Plain containers, so they render alike on every backend and print
//! their figures beside the bars.

use iced::widget::{column, container, row, space, text};
use iced::{Border, Element, Length, Theme};
use kasir_core::{Currency, Locale, Money};

/// Width in pixels of the longest bar.
const FULL: f32 = 200.0;

fn bar_style(negative: bool) -> impl Fn(&Theme) -> container::Style {
    move |theme: &Theme| {
        let p = theme.extended_palette();
        let color = if negative { p.danger.base.color } else { p.primary.base.color };
        container::Style {
            background: Some(color.into()),
            border: Border { radius: 2.0.into(), ..Border::default() },
            ..container::Style::default()
        }
    }
}

/// A titled chart of `(label, amount in minor units)` rows.
pub fn bars<'a, M: 'a>(
    title: &str,
    rows: Vec<(String, i64)>,
    currency: Currency,
    l: Locale,
) -> Element<'a, M> {
    let largest = rows.iter().map(|(_, v)| v.abs()).max().unwrap_or(0).max(1) as f32;
    let lines = rows.into_iter().map(|(label, value)| {
        let width = (value.abs() as f32 / largest * FULL).max(if value == 0 { 0.0 } else { 2.0 });
        row![
            text(label).size(12).width(110),
            container(space().width(width).height(12)).style(bar_style(value < 0)),
            space().width(Length::Fixed(FULL - width + 8.0)),
            text(Money::from_minor(value, currency).format(l)).size(12),
        ]
        .align_y(iced::Alignment::Center)
        .into()
    });
    column![text(title.to_owned()).size(15)].extend(lines).spacing(4).into()
}
