//! ESC/POS print jobs, written from Epson's command reference rather than with the `escpos`
//! crate: 0.20 sends the drawer kick without its two pulse-time bytes (the printer then eats
//! the next two bytes of the receipt), sends real-time status as four bytes where the printer
//! expects three, has no CODE128, defaults QR codes to model 1 and text to UTF-8. What a
//! receipt needs is a few dozen bytes of commands, so they are here, each with its reference.
//!
//! A job keeps the bytes for the printer and a readable rendering of the same job (for the
//! file printer, the screen and tests).

use crate::code128::{Code128, DOTS_PER_MM};
pub use crate::codepage::CodePage;

/// The paper a job is laid out for: characters per line in font A, and the dots the print
/// head reaches across (with the blank paper beyond them on each side).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paper {
    pub columns: usize,
    /// Printable dots across.
    pub dots: u32,
    /// Blank paper beyond the printable dots, on each side (in dots).
    pub margin: u32,
}

impl Paper {
    /// Paper `paper_mm` wide whose printer reaches `dots` across in `columns` characters.
    pub fn new(paper_mm: u32, columns: usize, dots: u32) -> Paper {
        Paper { columns: columns.max(1), dots, margin: (paper_mm * DOTS_PER_MM).saturating_sub(dots) / 2 }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// One print job: bytes for the printer, and the same job as text. The two agree line for
/// line: a line break inside a text is a new line in both, and a line wider than the paper
/// is wrapped here (between words where it can be), not left for the printer to break where
/// the readable copy does not.
#[derive(Clone, Debug)]
pub struct Job {
    bytes: Vec<u8>,
    text: String,
    code_page: CodePage,
    paper: Paper,
    /// Double width is on (GS !): half as many characters fit a line.
    double: bool,
}

impl Job {
    /// ESC @ (initialise), then ESC t n (the code page).
    pub fn new(code_page: CodePage, paper: Paper) -> Job {
        let mut bytes = vec![0x1B, b'@', 0x1B, b't', code_page.select()];
        bytes.reserve(2048);
        Job { bytes, text: String::new(), code_page, paper, double: false }
    }

    /// Text, encoded for the code page, each line ended by LF: a line break in `text` starts
    /// a new line (CR LF and CR too), a tab is a space, and a line wider than the paper is
    /// wrapped to it.
    pub fn line(&mut self, text: &str) -> &mut Job {
        let width = if self.double { self.paper.columns / 2 } else { self.paper.columns }.max(1);
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        for line in text.split('\n') {
            let line: String = line.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            for part in wrap(&line, width) {
                self.bytes.extend(part.chars().map(|c| self.code_page.encode(c)));
                self.bytes.push(b'\n');
                self.text.push_str(&part);
                self.text.push('\n');
            }
        }
        self
    }

    /// ESC E n: emphasised (bold) on or off.
    pub fn bold(&mut self, on: bool) -> &mut Job {
        self.bytes.extend([0x1B, b'E', u8::from(on)]);
        self
    }

    /// ESC a n: justification.
    pub fn align(&mut self, align: Align) -> &mut Job {
        let n = match align {
            Align::Left => 0,
            Align::Center => 1,
            Align::Right => 2,
        };
        self.bytes.extend([0x1B, b'a', n]);
        self
    }

    /// GS ! n: double width and height (0x11) or normal (0x00).
    pub fn double(&mut self, on: bool) -> &mut Job {
        self.bytes.extend([0x1D, b'!', if on { 0x11 } else { 0x00 }]);
        self.double = on;
        self
    }

    /// A CODE128 barcode of `data` (printable ASCII), its text printed below, sized to the
    /// paper: code set C for runs of digits where that is shorter, and the widest module that
    /// keeps the whole symbol and its quiet zones on the paper. GS h 80 (height), GS w n
    /// (module width), GS H 2 (text below), GS k 73 len data. Where even the narrowest module
    /// would not fit, the same text prints as a QR code instead, which always fits (a clipped
    /// barcode cannot be scanned back).
    pub fn code128(&mut self, data: &str) -> &mut Job {
        let fitting = Code128::encode(data)
            .and_then(|c| c.module_width(self.paper.dots, self.paper.margin).map(|w| (c, w)));
        let Some((code, module)) = fitting else {
            return self.qr(data).line(data);
        };
        self.bytes.extend([0x1D, b'h', 80, 0x1D, b'w', module, 0x1D, b'H', 2]);
        self.bytes.extend([0x1D, b'k', 73, code.data().len() as u8]);
        self.bytes.extend(code.data());
        self.text.push_str(&format!("[CODE128 {data}]\n"));
        self
    }

    /// A QR code (model 2, module size 6, error correction M): GS ( k functions 165, 167,
    /// 169, 180 (store) and 181 (print).
    pub fn qr(&mut self, data: &str) -> &mut Job {
        let d = data.as_bytes();
        let store_len = d.len() + 3;
        self.bytes.extend([0x1D, b'(', b'k', 4, 0, 49, 65, 50, 0]);
        self.bytes.extend([0x1D, b'(', b'k', 3, 0, 49, 67, 6]);
        self.bytes.extend([0x1D, b'(', b'k', 3, 0, 49, 69, 49]);
        self.bytes.extend([0x1D, b'(', b'k', (store_len % 256) as u8, (store_len / 256) as u8, 49, 80, 48]);
        self.bytes.extend(d);
        self.bytes.extend([0x1D, b'(', b'k', 3, 0, 49, 81, 48]);
        self.text.push_str(&format!("[QR {data}]\n"));
        self
    }

    /// GS V 66 n: feed n lines and cut (partial).
    pub fn cut(&mut self) -> &mut Job {
        self.bytes.extend([0x1D, b'V', 66, 3]);
        self.text.push_str("--- cut ---\n");
        self
    }

    /// ESC d n: feed n lines (to tear off by hand on a printer without a cutter).
    pub fn feed(&mut self, lines: u8) -> &mut Job {
        self.bytes.extend([0x1B, b'd', lines]);
        self.text.push_str("--- tear here ---\n");
        self
    }

    /// ESC p m t1 t2: a pulse on drawer pin m (0 = pin 2, 1 = pin 5), on for t1 × 2 ms and off
    /// for t2 × 2 ms. All five bytes: a printer given three waits for two more.
    pub fn kick_drawer(&mut self, pin: u8) -> &mut Job {
        self.bytes.extend([0x1B, b'p', pin.min(1), 25, 250]);
        self.text.push_str("[drawer]\n");
        self
    }

    /// The paper this job is laid out for.
    pub fn paper(&self) -> Paper {
        self.paper
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

/// `line` in pieces of at most `width` characters: broken at the last space that fits, or
/// cut where a word is wider than the paper. Leading spaces (indents, centring) are kept.
fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut rest: Vec<char> = line.trim_end().chars().collect();
    let mut parts = Vec::new();
    while rest.len() > width {
        let indent = rest.iter().take_while(|c| **c == ' ').count();
        let cut = match rest[..=width].iter().rposition(|c| *c == ' ') {
            Some(space) if space > indent => space,
            _ => width,
        };
        let part: String = rest[..cut].iter().collect();
        parts.push(part.trim_end().to_owned());
        let next = rest[cut..].iter().position(|c| *c != ' ').map_or(rest.len(), |p| cut + p);
        rest.drain(..next);
    }
    parts.push(rest.into_iter().collect());
    parts
}

/// DLE DC4 1 m t: a drawer pulse in real time on pin m (0 = pin 2, 1 = pin 5), on for
/// t × 100 ms. Unlike ESC p it is carried out at once even while the printer is offline
/// (paper out, cover open), so a cash drawer opens although the receipt cannot print.
pub fn realtime_pulse(pin: u8) -> [u8; 5] {
    [0x10, 0x14, 1, pin.min(1), 1]
}

/// DLE EOT n: transmit real-time status. n = 1 printer, 2 offline cause, 4 paper sensor.
/// Exactly three bytes.
pub fn status_query(n: u8) -> [u8; 3] {
    [0x10, 0x04, n]
}

#[cfg(test)]
mod tests {
    use super::*;

    const P80: Paper = Paper { columns: 48, dots: 576, margin: 32 };
    const P58: Paper = Paper { columns: 32, dots: 384, margin: 40 };

    #[test]
    fn the_drawer_kick_has_its_pulse_times_and_status_is_three_bytes() {
        let mut job = Job::new(CodePage::Wpc1252, P80);
        job.kick_drawer(0);
        assert!(job.bytes().ends_with(&[0x1B, 0x70, 0, 25, 250]));
        assert_eq!(status_query(4), [0x10, 0x04, 4]);
        assert_eq!(realtime_pulse(1), [0x10, 0x14, 1, 1, 1]);
    }

    #[test]
    fn text_is_encoded_for_the_code_page_never_garbled() {
        let mut job = Job::new(CodePage::Wpc1252, P80);
        job.line("Café — Rp 5.000 · 日本");
        let line = &job.bytes()[5..];
        assert_eq!(line, b"Caf\xE9 \x97 Rp 5.000 \xB7 ??\n");
        let mut dos = Job::new(CodePage::Pc437, P80);
        dos.line("Café — naïve Ü É Ñ");
        assert_eq!(&dos.bytes()[5..], b"Caf\x82 - na\x8Bve \x9A \x90 \xA5\n");
        assert_eq!(job.text(), "Café — Rp 5.000 · 日本\n");
    }

    #[test]
    fn a_line_break_is_a_new_line_and_a_long_line_wraps_as_the_readable_copy_shows() {
        let mut job = Job::new(CodePage::Pc437, P58);
        job.line("Indomie Goreng Rendang Jumbo 120 gram\n           Rp 1.234.567");
        job.line("a\tb\r\nc");
        let printed = String::from_utf8(job.bytes()[5..].to_vec()).unwrap();
        assert!(!printed.contains('?'), "{printed}");
        assert_eq!(printed, job.text(), "bytes and readable copy agree");
        assert_eq!(
            job.text().lines().collect::<Vec<_>>(),
            ["Indomie Goreng Rendang Jumbo 120", "gram", "           Rp 1.234.567", "a b", "c"]
        );
        let mut cut = Job::new(CodePage::Pc437, P58);
        cut.line(&"x".repeat(40));
        assert_eq!(cut.text(), format!("{}\n{}\n", "x".repeat(32), "x".repeat(8)));
        let mut double = Job::new(CodePage::Pc437, P58);
        double.double(true).line("TOTAL Rp 1.234.567");
        assert_eq!(double.text(), "TOTAL Rp\n1.234.567\n", "16 double-width columns");
    }

    #[test]
    fn code128_is_sized_to_the_paper() {
        let mut job = Job::new(CodePage::Pc437, P58);
        job.code128("S01-T01-000002");
        let b = job.bytes();
        let w = b.windows(2).position(|w| w == [0x1D, b'w']).unwrap();
        assert_eq!(b[w + 2], 2, "module width 2 on 58 mm");
        let k = b.windows(3).position(|w| w == [0x1D, b'k', 73]).unwrap();
        assert_eq!(&b[k + 4..], b"{BS01-T01-{C\x00\x00\x02");
        assert_eq!(b[k + 3] as usize, b.len() - k - 4);
        assert_eq!(job.text(), "[CODE128 S01-T01-000002]\n");
        // Too long for 58 mm even at the narrowest module: a QR code, and the text.
        let mut long = Job::new(CodePage::Pc437, P58);
        long.code128("ABCDEFGH-ABCDEFGH-000001");
        assert!(!long.bytes().windows(2).any(|w| w == [0x1D, b'k']));
        assert_eq!(long.text(), "[QR ABCDEFGH-ABCDEFGH-000001]\nABCDEFGH-ABCDEFGH-000001\n");
    }

    #[test]
    fn qr_is_model_2_with_the_stored_length() {
        let mut job = Job::new(CodePage::Pc437, P80);
        job.qr("S01-T01-000002");
        let b = job.bytes();
        assert!(b.windows(9).any(|w| w == [0x1D, b'(', b'k', 4, 0, 49, 65, 50, 0]), "model 2");
        let n = "S01-T01-000002".len() + 3;
        assert!(b.windows(8).any(|w| w == [0x1D, b'(', b'k', n as u8, 0, 49, 80, 48]));
    }
}
