//! The printer's character tables for text (ESC t n): PC437 and WPC1252, each written out in
//! full from the standard tables, so every letter a page has prints as that letter. What a
//! page lacks is spelled without its accent where that stays readable ("Ã" → "A" on PC437),
//! and only a character with no readable stand-in prints as `?`. One character always makes
//! one byte, so columns stay where the receipt's text put them.

use unicode_normalization::UnicodeNormalization;

/// The printer's character table for text (ESC t n).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodePage {
    /// PC437 (USA, standard Europe): n = 0.
    Pc437,
    /// WPC1252 (Windows Latin-1): n = 16.
    Wpc1252,
}

/// Bytes 0x80–0xFF of PC437, in order (IBM's table, as Unicode maps it).
const PC437_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»\
░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";

/// Bytes 0x80–0x9F of WPC1252 (0xA0–0xFF are Latin-1 itself). NUL marks the five bytes
/// the page leaves undefined.
const WPC1252_C1: &str = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";

impl CodePage {
    /// `wpc1252` or `pc437`, as printer profiles name them.
    pub fn parse(name: &str) -> Option<CodePage> {
        match name.to_ascii_lowercase().as_str() {
            "wpc1252" => Some(CodePage::Wpc1252),
            "pc437" => Some(CodePage::Pc437),
            _ => None,
        }
    }

    /// n of ESC t n.
    pub fn select(self) -> u8 {
        match self {
            CodePage::Pc437 => 0,
            CodePage::Wpc1252 => 16,
        }
    }

    /// The byte for `c` if this page has `c` itself (printable ASCII included).
    pub fn exact(self, c: char) -> Option<u8> {
        if c.is_ascii() {
            return (!c.is_ascii_control()).then_some(c as u8);
        }
        let high = |table: &str| table.chars().position(|t| t == c && t != '\0').map(|i| 0x80 + i as u8);
        match self {
            CodePage::Pc437 => high(PC437_HIGH),
            CodePage::Wpc1252 => match c {
                '\u{a0}'..='\u{ff}' => Some(c as u32 as u8),
                _ => high(WPC1252_C1),
            },
        }
    }

    /// The character at byte `b` in this page, if the page defines one (for tests and for
    /// reading a job back).
    pub fn decode(self, b: u8) -> Option<char> {
        match (self, b) {
            (_, 0x20..=0x7E) => Some(b as char),
            (CodePage::Pc437, 0x80..) => PC437_HIGH.chars().nth(usize::from(b - 0x80)),
            (CodePage::Wpc1252, 0xA0..) => Some(char::from(b)),
            (CodePage::Wpc1252, 0x80..=0x9F) => {
                WPC1252_C1.chars().nth(usize::from(b - 0x80)).filter(|&c| c != '\0')
            }
            _ => None,
        }
    }

    /// One character in this page: itself where the page has it, else a readable stand-in
    /// that the page has (the letter without its accent, a look-alike), else `?`.
    pub fn encode(self, c: char) -> u8 {
        self.exact(c).or_else(|| stand_in(c).and_then(|s| self.exact(s))).unwrap_or(b'?')
    }
}

/// What prints in place of a character a page lacks: the base letter of an accented one
/// (by Unicode compatibility decomposition: "Ã" → "A", "ą" → "a"), or a look-alike.
fn stand_in(c: char) -> Option<char> {
    let look_alike = match c {
        'ł' => 'l',
        'Ł' => 'L',
        'ø' => 'o',
        'Ø' => 'O',
        'đ' | 'ð' => 'd',
        'Đ' | 'Ð' => 'D',
        'ı' => 'i',
        'œ' => 'o',
        'Œ' => 'O',
        'æ' => 'a',
        'Æ' => 'A',
        'þ' => 'p',
        'Þ' => 'P',
        'Ħ' => 'H',
        'ħ' => 'h',
        'Ŧ' => 'T',
        'ŧ' => 't',
        'Ŋ' => 'N',
        'ŋ' | 'ŉ' => 'n',
        'ĸ' => 'k',
        'ſ' | 'ß' => 's',
        '–' | '—' | '−' | '‐' => '-',
        '‘' | '’' | '‚' | '´' | '`' => '\'',
        '“' | '”' | '„' => '"',
        '•' | '·' | '∙' => '.',
        '×' => 'x',
        '…' => '.',
        '\u{a0}' | '\u{2007}' | '\u{202f}' => ' ',
        _ => {
            // Compatibility decomposition: "Ŀ" → "L·", "ĳ" → "ij"; the first is the base.
            let base = c.nfkd().next()?;
            return (base != c).then_some(base);
        }
    };
    Some(look_alike)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_whole() {
        assert_eq!(PC437_HIGH.chars().count(), 128);
        assert_eq!(WPC1252_C1.chars().count(), 32);
    }

    #[test]
    fn what_a_page_lacks_loses_its_accent_then_becomes_a_question_mark() {
        assert_eq!(CodePage::Pc437.encode('Ã'), b'A');
        assert_eq!(CodePage::Pc437.encode('õ'), b'o');
        assert_eq!(CodePage::Wpc1252.encode('ą'), b'a');
        assert_eq!(CodePage::Wpc1252.encode('Ł'), b'L');
        assert_eq!(CodePage::Pc437.encode('·'), 0xFA, "PC437 has the middle dot");
        assert_eq!(CodePage::Pc437.encode('—'), b'-');
        assert_eq!(CodePage::Wpc1252.encode('日'), b'?');
    }
}
