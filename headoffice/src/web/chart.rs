//! The dashboard's charts as inline SVG, drawn on the server: no charting script, nothing
//! fetched from elsewhere, and the same picture whether or not the browser runs JavaScript.
//!
//! Pure functions from figures to markup. Every text that goes in is escaped (a store or
//! product name may hold `<`, `&` or quotes); colours are left to the stylesheet through
//! classes (`bar`, `neg`, `cmp`, `axis`, `grid`, `tick`, `label`, `value`), and each chart
//! scales to its container (`viewBox`, `width="100%"`) down to a phone's 390 px. Amounts are
//! integer minor units of any size: geometry is computed in `f64`, which may round a huge
//! figure's bar by a hair but never overflows, and the figures written out stay exact.

use std::fmt::Write;

/// One row of a horizontal bar chart: a store, category, product, cashier or tender.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    /// Minor units; negative when returns outweigh sales.
    pub value: i128,
    /// The same figure for the period compared against, drawn as a thin marker.
    pub comparison: Option<i128>,
}

/// One column of a column chart: an hour (`"09"`) or a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Point {
    pub label: String,
    /// Minor units.
    pub value: i128,
}

/// The words a chart needs; the caller chooses the language.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    /// What the chart shows: its `aria-label` and its tooltip.
    pub title: &'a str,
    /// Shown instead of a chart when there is nothing to draw ("no sales in this period").
    pub empty: &'a str,
    /// What the comparison is, in hover text ("average", "last week").
    pub comparison: &'a str,
}

/// Width of every chart in its own units; it is scaled to the page by `viewBox`. About a
/// phone's width, so 13-unit text stays readable when scaled down.
const WIDTH: f64 = 400.0;
const PAD: f64 = 4.0;

/// Average advance of a character at the font sizes used here, for fitting text: the
/// stylesheet picks the font, so this errs on the wide side.
const CHAR_13: f64 = 7.4;
const CHAR_11: f64 = 6.6;

/// A horizontal bar per row, label and amount above its bar; negative amounts run left of a
/// zero axis. The largest amount (bar or comparison) fills the width.
pub fn bars(series: &[Bar], options: Options) -> String {
    let all_zero = series.iter().all(|b| b.value == 0 && b.comparison.unwrap_or(0) == 0);
    if all_zero {
        return empty(options);
    }
    const ROW: f64 = 40.0;
    const BAR_TOP: f64 = 21.0;
    const BAR_H: f64 = 12.0;
    let figures = series.iter().flat_map(|b| std::iter::once(b.value).chain(b.comparison));
    let scale = Scale::new(figures, WIDTH - 2.0 * PAD);
    let zero = PAD + scale.zero;
    let has_negative = scale.negative > 0.0;
    let height = ROW * series.len() as f64 + 2.0 * PAD;

    let mut svg = open_svg("bars", height, options.title);
    for (i, bar) in series.iter().enumerate() {
        let top = PAD + ROW * i as f64;
        let amount = rupiah(bar.value);
        let mut hover = format!("{}: {amount}", bar.label);
        if let Some(c) = bar.comparison {
            let _ = write!(hover, " · {}: {}", options.comparison, rupiah(c));
        }
        let room = WIDTH - 2.0 * PAD - text_width(&amount, CHAR_13) - 8.0;
        let _ = write!(
            svg,
            r#"<g class="row"><title>{}</title><text class="label" x="{}" y="{}">{}</text><text class="value" x="{}" y="{}" text-anchor="end">{}</text>"#,
            escape(&hover),
            num(PAD),
            num(top + 15.0),
            escape(&fit(&bar.label, room, CHAR_13)),
            num(WIDTH - PAD),
            num(top + 15.0),
            escape(&amount),
        );
        let length = scale.length(bar.value);
        let (x, class) = if bar.value < 0 { (zero - length, "bar neg") } else { (zero, "bar") };
        let _ = write!(
            svg,
            r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}"/>"#,
            num(x),
            num(top + BAR_TOP),
            num(length),
            num(BAR_H),
        );
        if let Some(c) = bar.comparison {
            let at = zero + scale.signed(c);
            let _ = write!(
                svg,
                r#"<rect class="cmp" x="{}" y="{}" width="2" height="{}"/>"#,
                num(at - 1.0),
                num(top + BAR_TOP - 3.0),
                num(BAR_H + 6.0),
            );
        }
        svg.push_str("</g>");
    }
    if has_negative {
        let _ = write!(
            svg,
            r#"<line class="axis" x1="{0}" y1="{1}" x2="{0}" y2="{2}"/>"#,
            num(zero),
            num(PAD),
            num(height - PAD),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A column per hour or day, with the comparison (if any) as a stepped line over them. A
/// comparison belongs to the column with the same label; one without a column is not drawn.
/// Axis labels are thinned so that no two overlap.
pub fn columns(points: &[Point], comparison: Option<&[Point]>, options: Options) -> String {
    let compared =
        |p: &Point| comparison.and_then(|c| c.iter().find(|q| q.label == p.label)).map(|q| q.value);
    let all_zero = points.iter().all(|p| p.value == 0 && compared(p).unwrap_or(0) == 0);
    if all_zero {
        return empty(options);
    }
    const TOP: f64 = 20.0;
    const PLOT_H: f64 = 170.0;
    const HEIGHT: f64 = TOP + PLOT_H + 22.0;
    let plot_w = WIDTH - 2.0 * PAD;
    let pitch = plot_w / points.len() as f64;
    let figures = points.iter().flat_map(|p| std::iter::once(p.value).chain(compared(p)));
    let scale = Scale::new(figures, PLOT_H);
    // Upward is positive: the zero line sits below the room the positive figures take.
    let zero = TOP + PLOT_H - scale.zero;
    let left = |i: usize| PAD + pitch * i as f64;

    let mut svg = open_svg("columns", HEIGHT, options.title);
    let top_figure = rupiah(scale.largest);
    let _ = write!(
        svg,
        r#"<line class="grid" x1="{0}" y1="{1}" x2="{2}" y2="{1}"/><text class="tick" x="{0}" y="{3}">{4}</text>"#,
        num(PAD),
        num(TOP),
        num(WIDTH - PAD),
        num(TOP - 5.0),
        escape(&top_figure),
    );
    if scale.smallest < 0 {
        let _ = write!(
            svg,
            r#"<text class="tick" x="{}" y="{}">{}</text>"#,
            num(PAD),
            num(TOP + PLOT_H - 4.0),
            escape(&rupiah(scale.smallest)),
        );
    }
    for (i, point) in points.iter().enumerate() {
        let mut hover = format!("{}: {}", point.label, rupiah(point.value));
        if let Some(c) = compared(point) {
            let _ = write!(hover, " · {}: {}", options.comparison, rupiah(c));
        }
        let length = scale.length(point.value);
        let (y, class) = if point.value < 0 { (zero, "bar neg") } else { (zero - length, "bar") };
        // The whole slot answers the pointer, so an hour with little in it still shows its hover text.
        let _ = write!(
            svg,
            r#"<g class="col"><title>{}</title><rect class="hit" x="{}" y="{}" width="{}" height="{}" fill="none" pointer-events="all"/><rect class="{class}" x="{}" y="{}" width="{}" height="{}"/></g>"#,
            escape(&hover),
            num(left(i)),
            num(TOP),
            num(pitch),
            num(PLOT_H),
            num(left(i) + pitch * 0.15),
            num(y),
            num(pitch * 0.7),
            num(length),
        );
    }
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{0}" y1="{1}" x2="{2}" y2="{1}"/>"#,
        num(PAD),
        num(zero),
        num(WIDTH - PAD)
    );
    // The comparison as steps, one flat stretch across each column's slot; a column without
    // one breaks the line.
    let mut runs: Vec<Vec<(f64, f64)>> = vec![];
    let mut run: Vec<(f64, f64)> = vec![];
    for (i, point) in points.iter().enumerate() {
        match compared(point) {
            Some(c) => {
                let y = zero - scale.signed(c);
                run.push((left(i), y));
                run.push((left(i + 1), y));
            }
            None => runs.extend((!run.is_empty()).then(|| std::mem::take(&mut run))),
        }
    }
    runs.extend((!run.is_empty()).then_some(run));
    for run in runs {
        let vertices: Vec<String> = run.iter().map(|&(x, y)| format!("{},{}", num(x), num(y))).collect();
        let _ = write!(svg, r#"<polyline class="cmp" fill="none" points="{}"/>"#, vertices.join(" "));
    }
    for (label, x) in axis_labels(points, pitch) {
        let _ = write!(
            svg,
            r#"<text class="axis-label" x="{}" y="{}" text-anchor="middle">{}</text>"#,
            num(x),
            num(TOP + PLOT_H + 15.0),
            escape(label),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Which columns get a label, and where its centre goes: every `step`th column, `step` wide
/// enough for the longest label, then any that would still touch the one before (a label
/// pushed inwards at either edge) is dropped.
fn axis_labels(points: &[Point], pitch: f64) -> Vec<(&str, f64)> {
    const GAP: f64 = 6.0;
    let widest = points.iter().map(|p| text_width(&p.label, CHAR_11)).fold(0.0, f64::max);
    let step = ((widest + GAP) / pitch).ceil().max(1.0) as usize;
    let mut shown = vec![];
    let mut free_from = f64::NEG_INFINITY;
    for (i, point) in points.iter().enumerate().step_by(step) {
        let half = text_width(&point.label, CHAR_11) / 2.0;
        let centre = (PAD + pitch * (i as f64 + 0.5)).clamp(half, WIDTH - half);
        if centre - half >= free_from {
            free_from = centre + half + GAP;
            shown.push((point.label.as_str(), centre));
        }
    }
    shown
}

/// How figures map to lengths: the room from the most negative figure (or zero) to the
/// largest (or zero) spans `room`.
struct Scale {
    /// Where zero lies, from the start of the room.
    zero: f64,
    per_unit: f64,
    negative: f64,
    largest: i128,
    smallest: i128,
}

impl Scale {
    fn new(figures: impl Iterator<Item = i128>, room: f64) -> Scale {
        let (smallest, largest) = figures.fold((0, 0), |(lo, hi), v| (v.min(lo), v.max(hi)));
        // In f64: `largest - smallest` can pass what an i128 holds.
        let negative = -(smallest as f64);
        let span = largest as f64 + negative;
        let per_unit = if span > 0.0 { room / span } else { 0.0 };
        Scale { zero: negative * per_unit, per_unit, negative, largest, smallest }
    }

    fn signed(&self, value: i128) -> f64 {
        value as f64 * self.per_unit
    }

    fn length(&self, value: i128) -> f64 {
        self.signed(value).abs()
    }
}

fn open_svg(kind: &str, height: f64, title: &str) -> String {
    let title = escape(title);
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart {kind}" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{title}"><title>{title}</title>"#,
        num(WIDTH),
        num(height),
    )
}

fn empty(options: Options) -> String {
    let text = escape(options.empty);
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart empty" viewBox="0 0 {} 40" width="100%" role="img" aria-label="{text}"><text class="empty" x="{}" y="25" text-anchor="middle">{text}</text></svg>"#,
        num(WIDTH),
        num(WIDTH / 2.0),
    )
}

/// `Rp 1.234.567`, `-Rp 2.000`: the stores' way of writing Rupiah.
fn rupiah(minor: i128) -> String {
    let digits = crate::report::money(minor);
    match digits.strip_prefix('-') {
        Some(d) => format!("-Rp {d}"),
        None => format!("Rp {digits}"),
    }
}

fn text_width(text: &str, per_char: f64) -> f64 {
    text.chars().count() as f64 * per_char
}

/// `text` cut to what fits in `room`, with an ellipsis when cut; the hover text keeps it whole.
fn fit(text: &str, room: f64, per_char: f64) -> String {
    let fits = ((room / per_char).floor() as usize).max(3);
    if text.chars().count() <= fits {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(fits - 1).collect();
    cut.push('…');
    cut
}

/// A coordinate with one decimal, without a trailing `.0`.
fn num(x: f64) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let s = format!("{x:.1}");
    match s.strip_suffix(".0") {
        Some("-0") => "0".to_owned(),
        Some(whole) => whole.to_owned(),
        None => s,
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: Options =
        Options { title: "Sales by store", empty: "no sales in this period", comparison: "average" };

    fn bar(label: &str, value: i128) -> Bar {
        Bar { label: label.into(), value, comparison: None }
    }

    fn point(label: &str, value: i128) -> Point {
        Point { label: label.into(), value }
    }

    fn hours(values: &[i128]) -> Vec<Point> {
        values.iter().enumerate().map(|(h, &v)| point(&format!("{h:02}"), v)).collect()
    }

    /// Every tag that starts with `start` (e.g. `<rect class="bar"`), whole.
    fn tags<'a>(svg: &'a str, start: &str) -> Vec<&'a str> {
        svg.match_indices(start).map(|(at, _)| &svg[at..at + svg[at..].find('>').unwrap() + 1]).collect()
    }

    fn attr(tag: &str, name: &str) -> f64 {
        let key = format!(" {name}=\"");
        let from = tag.find(&key).unwrap_or_else(|| panic!("{name} in {tag}")) + key.len();
        tag[from..from + tag[from..].find('"').unwrap()].parse().unwrap()
    }

    /// The texts of elements opened by `start`, as written (still escaped).
    fn texts<'a>(svg: &'a str, start: &str) -> Vec<&'a str> {
        tags(svg, start)
            .into_iter()
            .map(|tag| {
                let after = tag.as_ptr() as usize - svg.as_ptr() as usize + tag.len();
                &svg[after..after + svg[after..].find('<').unwrap()]
            })
            .collect()
    }

    /// Opening and closing tags pair up, and no `<` or `&` is loose in the text: what a
    /// browser's XML parser would insist on for an SVG file.
    fn assert_well_formed(svg: &str) {
        let mut open: Vec<&str> = vec![];
        let mut rest = svg;
        while let Some(at) = rest.find('<') {
            let text = &rest[..at];
            for (i, _) in text.match_indices('&') {
                let entity = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
                assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains(&entity), "loose & in {text}");
            }
            let end = at + rest[at..].find('>').unwrap();
            let tag = &rest[at + 1..end];
            assert!(!tag.contains('<'), "loose < in a tag: {tag}");
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(open.pop(), Some(name), "closing {name}");
            } else if !tag.ends_with('/') {
                open.push(tag.split(' ').next().unwrap());
            }
            rest = &rest[end + 1..];
        }
        assert!(open.is_empty(), "left open: {open:?}");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }

    #[test]
    fn every_text_is_escaped() {
        let nasty = r#"Toko <b>"Maju" & 'Jaya'</b>"#;
        let words = Options { title: "Stores <&>", empty: "x", comparison: "<avg>" };
        let svg = bars(&[Bar { label: nasty.into(), value: 5_000, comparison: Some(4_000) }], words);
        assert_well_formed(&svg);
        assert!(!svg.contains("<b>") && !svg.contains("Maju\""), "{svg}");
        assert!(svg.contains("Toko &lt;b&gt;&quot;Maju&quot; &amp; &#39;Jaya&#39;&lt;/b&gt;"), "{svg}");
        assert!(svg.contains(r#"aria-label="Stores &lt;&amp;&gt;""#), "{svg}");
        assert!(svg.contains("&lt;avg&gt;: Rp 4.000"), "{svg}");

        let svg = columns(&[point("<09>", 1)], Some(&[point("<09>", 2)]), words);
        assert_well_formed(&svg);
        assert_eq!(texts(&svg, "<text class=\"axis-label\""), ["&lt;09&gt;"]);
        let svg = bars(&[], Options { empty: "tidak ada <penjualan>", ..WORDS });
        assert_well_formed(&svg);
        assert!(svg.contains("tidak ada &lt;penjualan&gt;"));
    }

    #[test]
    fn nothing_to_draw_says_so_in_the_callers_words() {
        let words = Options { empty: "tidak ada penjualan pada periode ini", ..WORDS };
        for svg in [
            bars(&[], words),
            bars(&[bar("A", 0), bar("B", 0)], words),
            columns(&[], None, words),
            columns(&hours(&[0; 24]), Some(&[]), words),
        ] {
            assert_well_formed(&svg);
            assert_eq!(texts(&svg, "<text class=\"empty\""), ["tidak ada penjualan pada periode ini"]);
            assert!(svg.contains(r#"role="img""#) && svg.contains(r#"aria-label="tidak ada penjualan"#));
            assert!(!svg.contains("class=\"bar"), "{svg}");
        }
        // A quiet day against a busy average is still worth drawing.
        let svg = columns(&hours(&[0; 24]), Some(&hours(&[1_000; 24])), words);
        assert!(!svg.contains("class=\"empty\""));
        assert_eq!(tags(&svg, "<polyline class=\"cmp\"").len(), 1);
    }

    #[test]
    fn the_largest_bar_fills_the_width_and_the_others_are_in_proportion() {
        let svg = bars(&[bar("A", 250_000), bar("B", 1_000_000), bar("C", 500_000)], WORDS);
        assert_well_formed(&svg);
        let widths: Vec<f64> = tags(&svg, "<rect class=\"bar\"").iter().map(|t| attr(t, "width")).collect();
        assert_eq!(widths, [98.0, 392.0, 196.0]);
        let starts: Vec<f64> = tags(&svg, "<rect class=\"bar\"").iter().map(|t| attr(t, "x")).collect();
        assert_eq!(starts, [PAD, PAD, PAD]);
        assert_eq!(texts(&svg, "<text class=\"value\""), ["Rp 250.000", "Rp 1.000.000", "Rp 500.000"]);
        assert!(svg.contains(r#"width="100%""#) && svg.contains(r#"viewBox="0 0 400 128""#), "{svg}");
    }

    #[test]
    fn a_comparison_larger_than_every_bar_sets_the_scale() {
        let svg = bars(&[Bar { label: "A".into(), value: 500, comparison: Some(1_000) }], WORDS);
        let bar = tags(&svg, "<rect class=\"bar\"")[0];
        let marker = tags(&svg, "<rect class=\"cmp\"")[0];
        assert_eq!(attr(bar, "width"), 196.0);
        // The marker's middle on the far edge.
        assert_eq!(attr(marker, "x") + 1.0, WIDTH - PAD);
        assert!(svg.contains("<title>A: Rp 500 · average: Rp 1.000</title>"), "{svg}");
    }

    #[test]
    fn negative_amounts_run_left_of_the_zero_axis() {
        let svg = bars(&[bar("Sales", 3_000), bar("Returns", -1_000)], WORDS);
        assert_well_formed(&svg);
        let axis = tags(&svg, "<line class=\"axis\"")[0];
        let zero = attr(axis, "x1");
        // A quarter of the span is below zero.
        assert_eq!(zero, PAD + 98.0);
        let positive = tags(&svg, "<rect class=\"bar\"")[0];
        let negative = tags(&svg, "<rect class=\"bar neg\"")[0];
        assert_eq!((attr(positive, "x"), attr(positive, "width")), (zero, 294.0));
        assert_eq!((attr(negative, "x"), attr(negative, "width")), (PAD, 98.0));
        assert_eq!(texts(&svg, "<text class=\"value\""), ["Rp 3.000", "-Rp 1.000"]);
        // Without a negative figure there is no axis to draw.
        assert!(!bars(&[bar("A", 1)], WORDS).contains("class=\"axis\""));

        let svg = columns(&[point("Mon", 3_000), point("Tue", -1_000)], None, WORDS);
        assert_well_formed(&svg);
        let baseline = attr(tags(&svg, "<line class=\"axis\"")[0], "y1");
        let up = tags(&svg, "<rect class=\"bar\"")[0];
        let down = tags(&svg, "<rect class=\"bar neg\"")[0];
        assert_eq!(attr(up, "y") + attr(up, "height"), baseline);
        assert_eq!(attr(down, "y"), baseline);
        assert_eq!(attr(up, "height"), 3.0 * attr(down, "height"));
        assert_eq!(texts(&svg, "<text class=\"tick\""), ["Rp 3.000", "-Rp 1.000"]);
    }

    #[test]
    fn long_labels_are_cut_to_fit_and_kept_whole_in_the_hover_text() {
        let name = "Indomie Goreng Rendang Jumbo 129 g isi 40 karton grosir";
        let svg = bars(&[bar(name, 12_345_678)], WORDS);
        let shown = texts(&svg, "<text class=\"label\"")[0];
        assert!(shown.ends_with('…') && shown.chars().count() < name.chars().count(), "{shown}");
        let room = WIDTH - 2.0 * PAD - text_width("Rp 12.345.678", CHAR_13) - 8.0;
        assert!(text_width(shown, CHAR_13) <= room);
        assert!(svg.contains(&format!("<title>{name}: Rp 12.345.678</title>")));
        assert_eq!(texts(&bars(&[bar("Kopi", 1)], WORDS), "<text class=\"label\""), ["Kopi"]);
    }

    #[test]
    fn axis_labels_are_thinned_so_they_never_overlap() {
        let centres = |svg: &str| -> Vec<f64> {
            tags(svg, "<text class=\"axis-label\"").iter().map(|t| attr(t, "x")).collect()
        };
        // 24 hours of two digits: every other hour.
        let svg = columns(&hours(&[1_000; 24]), None, WORDS);
        assert_eq!(texts(&svg, "<text class=\"axis-label\"").first(), Some(&"00"));
        assert_eq!(texts(&svg, "<text class=\"axis-label\"").len(), 12);
        assert_eq!(tags(&svg, "<rect class=\"bar\"").len(), 24);
        // A month of dates: far fewer, none touching, none past either edge.
        let days: Vec<Point> = (1..=31).map(|d| point(&format!("2026-10-{d:02}"), 1_000)).collect();
        let svg = columns(&days, None, WORDS);
        let xs = centres(&svg);
        let width = text_width("2026-10-01", CHAR_11);
        assert!(xs.len() > 1 && xs.len() <= (WIDTH / width) as usize, "{xs:?}");
        for pair in xs.windows(2) {
            assert!(pair[1] - pair[0] >= width, "{xs:?}");
        }
        assert!(xs[0] - width / 2.0 >= 0.0 && xs[xs.len() - 1] + width / 2.0 <= WIDTH, "{xs:?}");
        // A week of short names has room for all.
        let week: Vec<Point> =
            ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"].iter().map(|d| point(d, 1)).collect();
        assert_eq!(
            texts(&columns(&week, None, WORDS), "<text class=\"axis-label\""),
            ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]
        );
    }

    #[test]
    fn columns_scale_to_the_tallest_and_hover_with_the_comparison() {
        let today = hours(&[0, 0, 0, 0, 0, 0, 0, 0, 50_000, 200_000]);
        let average = [point("08", 100_000), point("09", 100_000)];
        let svg = columns(&today, Some(&average), WORDS);
        assert_well_formed(&svg);
        let heights: Vec<f64> = tags(&svg, "<rect class=\"bar\"").iter().map(|t| attr(t, "height")).collect();
        assert_eq!(heights[9], 170.0);
        assert_eq!(heights[8], 42.5);
        assert_eq!(heights[0], 0.0);
        assert!(svg.contains("<title>09: Rp 200.000 · average: Rp 100.000</title>"), "{svg}");
        assert!(svg.contains("<title>03: Rp 0</title>"), "{svg}");
        // One stretch over the two hours that have an average, at half the height.
        let line = tags(&svg, "<polyline class=\"cmp\"");
        assert_eq!(line.len(), 1);
        assert!(
            line[0].contains(&format!(
                "points=\"{0},105 {1},105 {1},105 {2},105\"",
                num(PAD + 8.0 * 39.2),
                num(PAD + 9.0 * 39.2),
                num(PAD + 10.0 * 39.2)
            )),
            "{}",
            line[0]
        );
        assert_eq!(tags(&svg, "<rect class=\"hit\"").len(), 10);
        assert!(svg.contains(r#"role="img" aria-label="Sales by store""#));
    }

    #[test]
    fn figures_past_what_a_float_holds_exactly_do_not_panic() {
        let huge = [bar("A", i128::MAX), bar("B", i128::MAX - 1), bar("C", 1), bar("D", i128::MIN)];
        let svg = bars(&huge, WORDS);
        assert_well_formed(&svg);
        let widths: Vec<f64> = tags(&svg, "<rect class=\"bar").iter().map(|t| attr(t, "width")).collect();
        assert_eq!(widths.len(), 4);
        assert!(widths.iter().all(|w| w.is_finite() && *w >= 0.0 && *w <= WIDTH), "{widths:?}");
        assert_eq!(widths[0] + widths[3], 392.0);
        assert!(svg.contains(&format!("Rp {}", i128::MAX)), "{svg}");
        assert!(svg.contains(&format!("-Rp {}", i128::MIN.unsigned_abs())), "{svg}");
        // Just inside what the formatting groups: still exact.
        let svg = bars(&[bar("A", 2 * i128::from(i64::MAX))], WORDS);
        assert!(svg.contains("Rp 18.446.744.073.709.551.614"));
        let svg = columns(
            &[point("00", i128::MAX), point("01", i128::MIN)],
            Some(&[point("00", i128::MAX)]),
            WORDS,
        );
        assert_well_formed(&svg);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(num(392.0), "392");
        assert_eq!(num(42.26), "42.3");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(f64::NAN), "0");
    }
}
