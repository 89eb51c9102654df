//! Reports as PDF: the same 48-column text as on the screen and the receipt printer, set in
//! Courier on A4 pages. Courier is one of the PDF standard fonts, so nothing is embedded and
//! every reader shows it alike. pdf-writer writes the file structure (objects, streams,
//! cross-reference table); this module only lays the lines out.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

const PAGE: (f32, f32) = (595.0, 842.0); // A4 in points
const MARGIN: f32 = 56.0;
const SIZE: f32 = 10.0;
const LEADING: f32 = 12.5;

/// A character in the WinAnsi encoding the font is declared with; what it lacks becomes `?`.
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

/// `text` (lines separated by `\n`) as a PDF document, as many pages as it takes.
pub fn pdf(text: &str) -> Vec<u8> {
    let lines: Vec<Vec<u8>> = text.lines().map(|l| l.chars().map(win_ansi).collect()).collect();
    let per_page = ((PAGE.1 - 2.0 * MARGIN) / LEADING) as usize;
    let pages: Vec<&[Vec<u8>]> = if lines.is_empty() { vec![&[]] } else { lines.chunks(per_page).collect() };

    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let font = Ref::new(3);
    let font_name = Name(b"F1");
    // Page i is object 4 + 2i, its content 5 + 2i.
    let page_ref = |i: usize| Ref::new(4 + 2 * i as i32);
    let content_ref = |i: usize| Ref::new(5 + 2 * i as i32);
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids((0..pages.len()).map(page_ref)).count(pages.len() as i32);
    pdf.type1_font(font).base_font(Name(b"Courier")).encoding_predefined(Name(b"WinAnsiEncoding"));
    for (i, chunk) in pages.iter().enumerate() {
        let mut page = pdf.page(page_ref(i));
        page.media_box(Rect::new(0.0, 0.0, PAGE.0, PAGE.1));
        page.parent(tree);
        page.contents(content_ref(i));
        page.resources().fonts().pair(font_name, font);
        page.finish();
        let mut content = Content::new();
        content.begin_text();
        content.set_font(font_name, SIZE);
        content.set_leading(LEADING);
        content.next_line(MARGIN, PAGE.1 - MARGIN);
        for line in chunk.iter() {
            content.show(Str(line));
            content.next_line_show(Str(b""));
        }
        content.end_text();
        pdf.stream(content_ref(i), &content.finish());
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_in_the_file_and_long_reports_take_more_pages() {
        let mut text: String = (1..=130).map(|i| format!("Baris {i}: Rp 1.000 (x)\n")).collect();
        text.push_str("Z 1 — 2026-11-22\n");
        let bytes = pdf(&text);
        let s = String::from_utf8_lossy(&bytes);
        assert!(s.starts_with("%PDF-") && s.trim_end().ends_with("%%EOF"));
        assert!(s.contains("/Count 3"), "131 lines at 58 a page");
        assert!(s.contains("(Baris 130: Rp 1.000 (x))"));
        // A line with the em dash is written as hex in WinAnsi: 0x97 for the dash.
        let hex: String = "Z 1 ".bytes().map(|b| format!("{b:02X}")).collect::<String>() + "97";
        assert!(s.to_uppercase().contains(&hex), "{hex}");
    }
}
