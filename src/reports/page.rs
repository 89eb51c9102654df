//! A4 pages for reports: titled tables with aligned columns and horizontal bar charts,
//! flowed down the page and onto new pages as they grow, with a running head and page
//! numbers. Everything is vector: text in Helvetica (a PDF standard font, so nothing is
//! embedded and every reader shows it alike) and bars as filled rectangles. pdf-writer writes
//! the file structure; this module decides where each thing goes.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// A4 in points.
pub const PAGE_W: f32 = 595.0;
pub const PAGE_H: f32 = 842.0;
/// The printable area: what is drawn stays between these.
pub const LEFT: f32 = 48.0;
pub const RIGHT: f32 = PAGE_W - 48.0;
pub const TOP: f32 = PAGE_H - 48.0;
pub const BOTTOM: f32 = 56.0;
/// Where the page number sits, under the printable area.
const FOOTER_Y: f32 = 32.0;

const BODY: f32 = 9.0;
const ROW: f32 = 13.0;
const PAD: f32 = 4.0;
const TITLE: f32 = 11.5;
/// The longest bar of a chart, and where bars start (after the labels).
const BAR_FULL: f32 = 270.0;
const BAR_X: f32 = LEFT + 130.0;
const BAR_H: f32 = 8.5;

const INK: (f32, f32, f32) = (0.0, 0.0, 0.0);
const GREY: (f32, f32, f32) = (0.4, 0.4, 0.4);
const ZEBRA: (f32, f32, f32) = (0.94, 0.95, 0.97);
const BAR: (f32, f32, f32) = (0.16, 0.38, 0.67);
const BAR_NEGATIVE: (f32, f32, f32) = (0.78, 0.18, 0.18);

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    fn name(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"F1"),
            Font::Bold => Name(b"F2"),
        }
    }

    /// Advance widths of printable ASCII (32–126) in thousandths of the size, from Adobe's
    /// metrics for the two fonts; other letters are taken as wide as a digit.
    fn widths(self) -> &'static [u16; 95] {
        match self {
            Font::Regular => &HELVETICA,
            Font::Bold => &HELVETICA_BOLD,
        }
    }
}

#[rustfmt::skip]
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

#[rustfmt::skip]
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// How wide `text` is set in `font` at `size`, in points.
pub fn width(text: &str, font: Font, size: f32) -> f32 {
    let widths = font.widths();
    let units: u32 = text
        .chars()
        .map(|c| match c {
            ' '..='~' => u32::from(widths[c as usize - 32]),
            '…' | '—' => 1000,
            '–' => 556,
            _ => 556,
        })
        .sum();
    units as f32 * size / 1000.0
}

/// A character in the WinAnsi encoding the fonts are declared with; what it lacks becomes `?`.
fn win_ansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '\u{a0}'..='\u{ff}' => c as u32 as u8,
        '—' => 0x97,
        '–' => 0x96,
        '−' => b'-',
        '…' => 0x85,
        '€' => 0x80,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        _ => b'?',
    }
}

/// `text` cut to `max` points wide, with `…` where it was cut.
fn fit(text: &str, font: Font, size: f32, max: f32) -> String {
    if width(text, font, size) <= max {
        return text.to_owned();
    }
    let mut out: String = text.to_owned();
    while !out.is_empty() && width(&format!("{out}…"), font, size) > max {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A column: its heading, its share of the page's width, and how its cells align (amounts
/// and counts to the right, so their digits line up).
pub struct Column {
    pub heading: String,
    pub share: f32,
    pub align: Align,
}

pub struct Row {
    pub cells: Vec<String>,
    /// A total: set in bold under a rule.
    pub total: bool,
}

pub struct Table {
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// A horizontal bar chart: one bar per row, its length in proportion to the largest amount
/// (negative amounts in red), the figure written at the right.
pub struct Chart {
    pub title: String,
    /// Label, amount in minor units, the amount as written.
    pub rows: Vec<(String, i64, String)>,
}

/// The pages being written, and how far down the current one is filled.
pub struct Pages {
    pages: Vec<Content>,
    y: f32,
    /// Printed at the top of every page after the first.
    running_head: String,
}

impl Pages {
    pub fn new(running_head: String) -> Pages {
        Pages { pages: vec![Content::new()], y: TOP, running_head }
    }

    fn content(&mut self) -> &mut Content {
        self.pages.last_mut().expect("there is always a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Content::new());
        let head = self.running_head.clone();
        self.text(LEFT, TOP - 8.0, Font::Regular, 8.0, GREY, &head);
        self.rule(TOP - 12.0, 0.5, GREY);
        self.y = TOP - 28.0;
    }

    /// Makes sure `height` points fit on this page, starting a new one if not.
    fn room(&mut self, height: f32) -> bool {
        if self.y - height < BOTTOM {
            self.new_page();
            false
        } else {
            true
        }
    }

    pub fn text(&mut self, x: f32, y: f32, font: Font, size: f32, color: (f32, f32, f32), s: &str) {
        let bytes: Vec<u8> = s.chars().map(win_ansi).collect();
        let c = self.content();
        c.begin_text();
        c.set_fill_rgb(color.0, color.1, color.2);
        c.set_font(font.name(), size);
        c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
        c.show(Str(&bytes));
        c.end_text();
    }

    fn text_right(&mut self, right: f32, y: f32, font: Font, size: f32, s: &str) {
        self.text(right - width(s, font, size), y, font, size, INK, s);
    }

    fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: (f32, f32, f32)) {
        let c = self.content();
        c.set_fill_rgb(color.0, color.1, color.2);
        c.rect(x, y, w, h);
        c.fill_nonzero();
    }

    fn rule(&mut self, y: f32, thickness: f32, color: (f32, f32, f32)) {
        let c = self.content();
        c.set_stroke_rgb(color.0, color.1, color.2);
        c.set_line_width(thickness);
        c.move_to(LEFT, y);
        c.line_to(RIGHT, y);
        c.stroke();
    }

    /// The report's title and the lines under it, at the top of the first page.
    pub fn title_block(&mut self, title: &str, lines: &[String]) {
        self.y -= 16.0;
        let y = self.y;
        self.text(LEFT, y, Font::Bold, 17.0, INK, title);
        self.y -= 6.0;
        for line in lines {
            self.y -= 13.0;
            let y = self.y;
            self.text(LEFT, y, Font::Regular, 10.0, GREY, line);
        }
        self.y -= 8.0;
        let y = self.y;
        self.rule(y, 1.0, INK);
        self.y -= 6.0;
    }

    fn section_title(&mut self, title: &str) {
        self.y -= TITLE + 8.0;
        let y = self.y;
        self.text(LEFT, y, Font::Bold, TITLE, INK, title);
        self.y -= 6.0;
    }

    /// Left edge and width of each column of `table`.
    fn columns(table: &Table) -> Vec<(f32, f32)> {
        let total: f32 = table.columns.iter().map(|c| c.share).sum::<f32>().max(f32::EPSILON);
        let mut x = LEFT;
        table
            .columns
            .iter()
            .map(|c| {
                let w = (RIGHT - LEFT) * c.share / total;
                let at = (x, w);
                x += w;
                at
            })
            .collect()
    }

    fn cells(&mut self, table: &Table, cells: &[String], font: Font, y: f32) {
        for ((x, w), (column, cell)) in Self::columns(table).into_iter().zip(table.columns.iter().zip(cells))
        {
            let cell = fit(cell, font, BODY, w - 2.0 * PAD);
            match column.align {
                Align::Left => self.text(x + PAD, y, font, BODY, INK, &cell),
                Align::Right => self.text_right(x + w - PAD, y, font, BODY, &cell),
            }
        }
    }

    fn table_head(&mut self, table: &Table, continued: &str) {
        let title =
            if continued.is_empty() { table.title.clone() } else { format!("{} {continued}", table.title) };
        self.section_title(&title);
        self.y -= ROW;
        let headings: Vec<String> = table.columns.iter().map(|c| c.heading.clone()).collect();
        let y = self.y + 3.5;
        self.cells(table, &headings, Font::Bold, y);
        self.rule(self.y, 0.75, INK);
    }

    /// A table: its title, column headings and rows; continued on the next page (headings
    /// again, the title marked `continued`) when it does not fit.
    pub fn table(&mut self, table: &Table, continued: &str) {
        if table.rows.is_empty() {
            return;
        }
        // The title and headings never stand alone at the foot of a page.
        let head = TITLE + 14.0 + ROW;
        self.room(head + ROW * table.rows.len().min(3) as f32);
        self.table_head(table, "");
        for (i, row) in table.rows.iter().enumerate() {
            if !self.room(ROW) {
                self.table_head(table, continued);
            }
            self.y -= ROW;
            let y = self.y;
            if i % 2 == 1 && !row.total {
                self.fill(LEFT, y, RIGHT - LEFT, ROW, ZEBRA);
            }
            if row.total {
                self.rule(y + ROW, 0.75, INK);
            }
            let font = if row.total { Font::Bold } else { Font::Regular };
            self.cells(table, &row.cells, font, y + 3.5);
        }
        let y = self.y;
        self.rule(y, 0.5, GREY);
    }

    /// A bar chart, continued on the next page when it does not fit.
    pub fn chart(&mut self, chart: &Chart, continued: &str) {
        if chart.rows.is_empty() {
            return;
        }
        let largest = chart.rows.iter().map(|(_, v, _)| v.unsigned_abs()).max().unwrap_or(0).max(1) as f32;
        self.room(TITLE + 14.0 + ROW * chart.rows.len().min(3) as f32);
        self.section_title(&chart.title);
        self.y -= 2.0;
        let mut top = self.y;
        for (label, amount, written) in &chart.rows {
            if self.y - ROW < BOTTOM {
                self.axis(top);
                self.new_page();
                self.section_title(&format!("{} {continued}", chart.title));
                self.y -= 2.0;
                top = self.y;
            }
            self.y -= ROW;
            let y = self.y;
            let label = fit(label, Font::Regular, BODY, BAR_X - LEFT - PAD);
            self.text(LEFT, y + 3.0, Font::Regular, BODY, INK, &label);
            let length = amount.unsigned_abs() as f32 / largest * BAR_FULL;
            if *amount != 0 {
                let color = if *amount < 0 { BAR_NEGATIVE } else { BAR };
                self.fill(BAR_X, y + 2.0, length.max(1.5), BAR_H, color);
            }
            self.text_right(RIGHT, y + 3.0, Font::Regular, BODY, written);
        }
        self.axis(top);
    }

    /// The line the bars start from, from `top` down to where the chart has got to.
    fn axis(&mut self, top: f32) {
        let bottom = self.y;
        let c = self.content();
        c.set_stroke_rgb(GREY.0, GREY.1, GREY.2);
        c.set_line_width(0.5);
        c.move_to(BAR_X, bottom);
        c.line_to(BAR_X, top);
        c.stroke();
    }

    /// The finished file: each page numbered with `footer(page, pages)`, titled `title`.
    pub fn finish(mut self, title: &str, footer: impl Fn(usize, usize) -> String) -> Vec<u8> {
        let count = self.pages.len();
        for i in 0..count {
            let words = footer(i + 1, count);
            let bytes: Vec<u8> = words.chars().map(win_ansi).collect();
            let x = RIGHT - width(&words, Font::Regular, 8.0);
            let c = &mut self.pages[i];
            c.begin_text();
            c.set_fill_rgb(GREY.0, GREY.1, GREY.2);
            c.set_font(Font::Regular.name(), 8.0);
            c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, FOOTER_Y]);
            c.show(Str(&bytes));
            c.end_text();
        }

        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let (regular, bold) = (Ref::new(3), Ref::new(4));
        let info = Ref::new(5);
        // Page i is object 6 + 2i, its content 7 + 2i.
        let page_ref = |i: usize| Ref::new(6 + 2 * i as i32);
        let content_ref = |i: usize| Ref::new(7 + 2 * i as i32);
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree).kids((0..count).map(page_ref)).count(count as i32);
        pdf.document_info(info).title(TextStr(title)).producer(TextStr("Kasir"));
        for (font, base) in [(regular, &b"Helvetica"[..]), (bold, b"Helvetica-Bold")] {
            pdf.type1_font(font).base_font(Name(base)).encoding_predefined(Name(b"WinAnsiEncoding"));
        }
        for (i, content) in self.pages.into_iter().enumerate() {
            let mut page = pdf.page(page_ref(i));
            page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
            page.parent(tree);
            page.contents(content_ref(i));
            let mut resources = page.resources();
            let mut fonts = resources.fonts();
            fonts.pair(Font::Regular.name(), regular);
            fonts.pair(Font::Bold.name(), bold);
            fonts.finish();
            resources.finish();
            page.finish();
            pdf.stream(content_ref(i), &content.finish());
        }
        pdf.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font_metrics() {
        // Every digit is as wide as every other, so right-aligned amounts line up.
        assert_eq!(width("0", Font::Regular, 10.0), width("8", Font::Regular, 10.0));
        assert_eq!(
            width("Rp 1.000", Font::Regular, 10.0),
            (722 + 556 + 278 + 556 + 278 + 3 * 556) as f32 / 100.0
        );
        assert!(width("W", Font::Bold, 10.0) > width("i", Font::Bold, 10.0));
    }

    #[test]
    fn text_too_wide_for_its_column_is_cut_with_an_ellipsis() {
        let long = "Indomie Goreng Rasa Rendang Jumbo Spesial Edisi Terbatas 129 g";
        let cut = fit(long, Font::Regular, BODY, 120.0);
        assert!(cut.ends_with('…') && cut.len() < long.len(), "{cut}");
        assert!(width(&cut, Font::Regular, BODY) <= 120.0);
        assert_eq!(fit("Aqua", Font::Regular, BODY, 120.0), "Aqua");
    }
}
