//! ESC/POS print jobs, written from Epson's command reference rather than with the `escpos`
//! crate: 0.20 sends the drawer kick without its two pulse-time bytes (the printer then eats
//! the next two bytes of the receipt), sends real-time status as four bytes where the printer
//! expects three, has no CODE128, defaults QR codes to model 1 and text to UTF-8. What a
//! receipt needs is a few dozen bytes of commands, so they are here, each with its reference.
//!
//! A job keeps the bytes for the printer and a readable rendering of the same job (for the
//! file printer, the screen and tests).

/// The printer's character table for text (ESC t n).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodePage {
    /// PC437 (USA, standard Europe): n = 0.
    Pc437,
    /// WPC1252 (Windows Latin-1): n = 16.
    Wpc1252,
}

impl CodePage {
    /// `wpc1252` or `pc437`, as printer profiles name them.
    pub fn parse(name: &str) -> Option<CodePage> {
        match name.to_ascii_lowercase().as_str() {
            "wpc1252" => Some(CodePage::Wpc1252),
            "pc437" => Some(CodePage::Pc437),
            _ => None,
        }
    }

    fn select(self) -> u8 {
        match self {
            CodePage::Pc437 => 0,
            CodePage::Wpc1252 => 16,
        }
    }

    /// One character in this code page. What it cannot encode is spelled without its accent
    /// where that is readable ("é" → "e") and printed as `?` otherwise, never as stray bytes.
    pub fn encode(self, c: char) -> u8 {
        if c.is_ascii() && !c.is_ascii_control() {
            return c as u8;
        }
        let latin1 = match c {
            '\u{a0}'..='\u{ff}' => Some(c as u32 as u8),
            _ => None,
        };
        match (self, c) {
            (CodePage::Wpc1252, '€') => 0x80,
            (CodePage::Wpc1252, '–') => 0x96,
            (CodePage::Wpc1252, '—') => 0x97,
            (CodePage::Wpc1252, '‘') => 0x91,
            (CodePage::Wpc1252, '’') => 0x92,
            (CodePage::Wpc1252, '“') => 0x93,
            (CodePage::Wpc1252, '”') => 0x94,
            (CodePage::Wpc1252, '…') => 0x85,
            (CodePage::Wpc1252, _) if latin1.is_some() => latin1.expect("checked"),
            (CodePage::Pc437, 'é') => 0x82,
            (CodePage::Pc437, 'è') => 0x8A,
            (CodePage::Pc437, 'ü') => 0x81,
            (CodePage::Pc437, 'ö') => 0x94,
            (CodePage::Pc437, 'ä') => 0x84,
            (CodePage::Pc437, 'ñ') => 0xA4,
            (CodePage::Pc437, '·') => 0xFA,
            _ => plain(c),
        }
    }
}

/// The letter without its accent, or a look-alike, or `?`.
fn plain(c: char) -> u8 {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => b'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => b'A',
        'è' | 'é' | 'ê' | 'ë' => b'e',
        'È' | 'É' | 'Ê' | 'Ë' => b'E',
        'ì' | 'í' | 'î' | 'ï' => b'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => b'o',
        'ù' | 'ú' | 'û' | 'ü' => b'u',
        'ç' => b'c',
        'ñ' => b'n',
        '–' | '—' | '−' => b'-',
        '‘' | '’' => b'\'',
        '“' | '”' => b'"',
        '·' | '•' => b'.',
        '×' => b'x',
        _ => b'?',
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// One print job: bytes for the printer, and the same job as text.
#[derive(Clone, Debug)]
pub struct Job {
    bytes: Vec<u8>,
    text: String,
    code_page: CodePage,
}

impl Job {
    /// ESC @ (initialise), then ESC t n (the code page).
    pub fn new(code_page: CodePage) -> Job {
        let mut bytes = vec![0x1B, b'@', 0x1B, b't', code_page.select()];
        bytes.reserve(2048);
        Job { bytes, text: String::new(), code_page }
    }

    /// A line of text, encoded for the code page, then LF.
    pub fn line(&mut self, text: &str) -> &mut Job {
        self.bytes.extend(text.chars().map(|c| self.code_page.encode(c)));
        self.bytes.push(b'\n');
        self.text.push_str(text);
        self.text.push('\n');
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
        self
    }

    /// A CODE128 barcode of `data` (printable ASCII), code set B, its text printed below:
    /// GS h 80 (height), GS w 2 (module width), GS H 2 (HRI below), GS k 73 n "{B" data.
    pub fn code128(&mut self, data: &str) -> &mut Job {
        let data: Vec<u8> = data.bytes().filter(|b| (0x20..0x7F).contains(b)).take(253).collect();
        self.bytes.extend([0x1D, b'h', 80, 0x1D, b'w', 2, 0x1D, b'H', 2]);
        self.bytes.extend([0x1D, b'k', 73, (data.len() + 2) as u8, b'{', b'B']);
        self.bytes.extend(&data);
        self.text.push_str(&format!("[CODE128 {}]\n", String::from_utf8_lossy(&data)));
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

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

/// DLE EOT n: transmit real-time status. n = 1 printer, 2 offline cause, 4 paper sensor.
/// Exactly three bytes.
pub fn status_query(n: u8) -> [u8; 3] {
    [0x10, 0x04, n]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drawer_kick_has_its_pulse_times_and_status_is_three_bytes() {
        let mut job = Job::new(CodePage::Wpc1252);
        job.kick_drawer(0);
        assert!(job.bytes().ends_with(&[0x1B, 0x70, 0, 25, 250]));
        assert_eq!(status_query(4), [0x10, 0x04, 4]);
    }

    #[test]
    fn text_is_encoded_for_the_code_page_never_garbled() {
        let mut job = Job::new(CodePage::Wpc1252);
        job.line("Café — Rp 5.000 · 日本");
        let line = &job.bytes()[5..];
        assert_eq!(line, b"Caf\xE9 \x97 Rp 5.000 \xB7 ??\n");
        let mut dos = Job::new(CodePage::Pc437);
        dos.line("Café — naïve");
        assert_eq!(&dos.bytes()[5..], b"Caf\x82 - naive\n");
        assert_eq!(job.text(), "Café — Rp 5.000 · 日本\n");
    }

    #[test]
    fn code128_uses_code_set_b_with_its_length() {
        let mut job = Job::new(CodePage::Pc437);
        job.code128("S01-T01-000002");
        let b = job.bytes();
        let k = b.windows(3).position(|w| w == [0x1D, b'k', 73]).unwrap();
        assert_eq!(b[k + 3] as usize, "S01-T01-000002".len() + 2);
        assert_eq!(&b[k + 4..k + 6], b"{B");
        assert_eq!(&b[k + 6..], b"S01-T01-000002");
    }

    #[test]
    fn qr_is_model_2_with_the_stored_length() {
        let mut job = Job::new(CodePage::Pc437);
        job.qr("S01-T01-000002");
        let b = job.bytes();
        assert!(b.windows(9).any(|w| w == [0x1D, b'(', b'k', 4, 0, 49, 65, 50, 0]), "model 2");
        let n = "S01-T01-000002".len() + 3;
        assert!(b.windows(8).any(|w| w == [0x1D, b'(', b'k', n as u8, 0, 49, 80, 48]));
    }
}
