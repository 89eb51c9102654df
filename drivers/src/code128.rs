//! CODE128 for ESC/POS (GS k 73): the fewest symbols for a text (code set B for text, code
//! set C for runs of digits, two digits a symbol), and the module width that keeps the whole
//! symbol on the paper with its quiet zones. A barcode wider than the print area is clipped
//! by the printer and cannot be scanned back, so the width is chosen, never assumed.

/// Printer dots per millimetre (203 dpi, every receipt printer Kasir has a profile for).
pub const DOTS_PER_MM: u32 = 8;

/// Module widths tried, widest first: wider bars scan more easily; Epson printers take
/// GS w 2–6.
const WIDTHS: [u8; 3] = [4, 3, 2];

/// Modules of blank space a scanner needs on each side of the bars.
const QUIET_MODULES: u32 = 10;

/// A text encoded for GS k 73: the data bytes (with their `{B`/`{C` code set selections)
/// and how many symbols they make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code128 {
    data: Vec<u8>,
    /// Data symbols, code set switches included (not the start, check or stop symbols).
    symbols: u32,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Set {
    B,
    C,
}

impl Code128 {
    /// `text` in the fewest symbols; `None` if it holds anything but printable ASCII or is
    /// too long for one GS k command (255 bytes of data).
    pub fn encode(text: &str) -> Option<Code128> {
        let t = text.as_bytes();
        if t.is_empty() || !t.iter().all(|b| (0x20..0x7F).contains(b)) {
            return None;
        }
        let plan = fewest_symbols(t);
        let mut data = Vec::with_capacity(t.len() + 8);
        let mut symbols = 0;
        let mut set = None;
        let mut i = 0;
        for step in plan {
            if set != Some(step) {
                data.extend(match step {
                    Set::B => b"{B",
                    Set::C => b"{C",
                });
                // The start symbol is counted apart; a switch later is a symbol of its own.
                if set.is_some() {
                    symbols += 1;
                }
                set = Some(step);
            }
            match step {
                Set::B => {
                    if t[i] == b'{' {
                        data.push(b'{');
                    }
                    data.push(t[i]);
                    i += 1;
                }
                Set::C => {
                    data.push((t[i] - b'0') * 10 + (t[i + 1] - b'0'));
                    i += 2;
                }
            }
            symbols += 1;
        }
        (data.len() <= 255).then_some(Code128 { data, symbols })
    }

    /// The data bytes of GS k 73 (its length byte comes before them).
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The symbol's width in modules: start, data, check digit (11 each) and stop (13).
    pub fn modules(&self) -> u32 {
        11 * (self.symbols + 2) + 13
    }

    /// The widest module width (dots) at which the symbol fits `printable` dots with its
    /// quiet zones, counting the blank paper (`margin` dots each side) beyond the print area.
    pub fn module_width(&self, printable: u32, margin: u32) -> Option<u8> {
        WIDTHS.into_iter().find(|&w| {
            let bars = self.modules() * u32::from(w);
            bars <= printable && margin + (printable - bars) / 2 >= QUIET_MODULES * u32::from(w)
        })
    }
}

/// The code set of each symbol, fewest symbols first: a shortest path over (position, set),
/// where set B takes one character, set C two digits, and a change of set costs a symbol.
fn fewest_symbols(t: &[u8]) -> Vec<Set> {
    let n = t.len();
    let digits = |i: usize| i + 1 < n && t[i].is_ascii_digit() && t[i + 1].is_ascii_digit();
    // cost[i][s]: fewest symbols to encode t[i..] when set s is current at i.
    let mut cost = vec![[u32::MAX; 2]; n + 1];
    cost[n] = [0, 0];
    for i in (0..n).rev() {
        let b = cost[i + 1][0].saturating_add(1);
        let c = if digits(i) { cost[i + 2][1].saturating_add(1) } else { u32::MAX };
        cost[i][0] = b.min(c.saturating_add(1));
        cost[i][1] = c.min(b.saturating_add(1));
    }
    let mut plan = Vec::new();
    let mut i = 0;
    let mut set = if cost[0][1] < cost[0][0] { Set::C } else { Set::B };
    while i < n {
        let here = if set == Set::B { 0 } else { 1 };
        let stay = match set {
            Set::B => cost[i + 1][0].saturating_add(1),
            Set::C if digits(i) => cost[i + 2][1].saturating_add(1),
            Set::C => u32::MAX,
        };
        if stay != cost[i][here] {
            set = if set == Set::B { Set::C } else { Set::B };
        }
        plan.push(set);
        i += if set == Set::C { 2 } else { 1 };
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs_go_in_code_set_c_where_that_is_shorter() {
        let c = Code128::encode("TOKO-KSR1-000123").unwrap();
        assert_eq!(c.data(), b"{BTOKO-KSR1-{C\x00\x01\x17");
        assert_eq!(c.symbols, 10 + 1 + 3);
        let all_digits = Code128::encode("000123").unwrap();
        assert_eq!(all_digits.data(), b"{C\x00\x01\x17");
        // An odd run: one digit in B, the rest in C; short runs stay in B.
        assert_eq!(Code128::encode("A12345").unwrap().data(), b"{BA1{C\x17\x2D");
        assert_eq!(Code128::encode("A12B").unwrap().data(), b"{BA12B");
        assert_eq!(Code128::encode("a{b").unwrap().data(), b"{Ba{{b");
        assert!(Code128::encode("é").is_none());
    }

    #[test]
    fn the_width_is_the_widest_that_fits_with_quiet_zones() {
        let c = Code128::encode("TOKO-KSR1-000123").unwrap();
        assert_eq!(c.modules(), 189);
        assert_eq!(c.module_width(384, 40), Some(2), "58 mm");
        assert_eq!(c.module_width(576, 32), Some(3), "80 mm");
        let long = Code128::encode("ABCDEFGH-ABCDEFGH-000001").unwrap();
        assert_eq!(long.module_width(384, 40), None);
    }
}
