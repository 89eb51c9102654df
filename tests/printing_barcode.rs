//! The receipt barcode as a scanner would read it back: the receipt is printed to a network
//! printer on loopback, the printer's bytes are rendered the way a thermal print head lays
//! them down (GS h / GS w / GS k: bars of the module width in a row of dots, centred, clipped
//! at the paper's printable width as a real printer clips), and CODE128 is decoded from the
//! row's run lengths. On 58 mm and 80 mm paper, with 4-character store and terminal codes.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use common::{Shop, now};
use kasir::app::config::Config;
use kasir::devices::printing;
use kasir_drivers::printer::PrinterAddress;
use kasir_drivers::simulated::PlayedEpson;

/// A network receipt printer on 127.0.0.1 that keeps what it is sent.
fn network_printer() -> (PrinterAddress, Arc<Mutex<Vec<u8>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = PrinterAddress::Tcp(listener.local_addr().unwrap().to_string());
    let received = Arc::new(Mutex::new(Vec::new()));
    let keep = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut printer = PlayedEpson::default();
            let mut buf = [0u8; 4096];
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let played = printer.hear(&buf[..n]);
                keep.lock().unwrap().extend_from_slice(&played.data);
                stream.write_all(&played.answer).unwrap();
            }
        }
    });
    (address, received)
}

/// CODE128's bar and space widths in modules, by symbol value (ISO/IEC 15417, table 1);
/// 106 is the stop pattern.
const PATTERNS: [&str; 107] = [
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
    "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
    "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
    "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
    "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
    "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
    "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
    "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
];

/// A barcode as the print head laid it down.
struct Printed {
    /// One row of dots across the printable width: true where a bar is.
    row: Vec<bool>,
    /// The bars ran past the printable width and were cut off.
    clipped: bool,
    module: usize,
}

/// Renders every CODE128 barcode in an ESC/POS stream, as a printer `dots` wide would.
fn render_barcodes(bytes: &[u8], dots: usize) -> Vec<Printed> {
    let (mut module, mut centred, mut out, mut i) = (3usize, false, Vec::new(), 0);
    while i < bytes.len() {
        match bytes[i..] {
            [0x1B, b'@', ..] => (module, centred, i) = (3, false, i + 2),
            [0x1B, b'a', n, ..] => (centred, i) = (n == 1, i + 3),
            [0x1B, b't' | b'E' | b'd', _, ..] => i += 3,
            [0x1B, b'p', ..] => i += 5,
            [0x1D, b'w', n, ..] => (module, i) = (usize::from(n), i + 3),
            [0x1D, b'h' | b'H' | b'!', _, ..] => i += 3,
            [0x1D, b'V', 66, _, ..] => i += 4,
            [0x1D, b'(', b'k', lo, hi, ..] => i += 5 + usize::from(lo) + 256 * usize::from(hi),
            [0x1D, b'k', 73, n, ..] => {
                let data = &bytes[i + 4..i + 4 + usize::from(n)];
                let mut modules = Vec::new();
                for value in symbols(data) {
                    for (k, w) in PATTERNS[value].bytes().enumerate() {
                        modules.extend(std::iter::repeat_n(k % 2 == 0, usize::from(w - b'0')));
                    }
                }
                let bars: Vec<bool> = modules.iter().flat_map(|&m| std::iter::repeat_n(m, module)).collect();
                let left = if centred { dots.saturating_sub(bars.len()) / 2 } else { 0 };
                let mut row = vec![false; dots];
                for (x, &bar) in bars.iter().enumerate() {
                    if let Some(dot) = row.get_mut(left + x) {
                        *dot = bar;
                    }
                }
                out.push(Printed { row, clipped: left + bars.len() > dots, module });
                i += 4 + usize::from(n);
            }
            _ => i += 1,
        }
    }
    out
}

/// The symbol values a printer draws for GS k 73 data: start, data (with `{A`/`{B`/`{C`
/// code set changes and `{{` for a brace), the check symbol it adds, and stop.
fn symbols(data: &[u8]) -> Vec<usize> {
    let (mut set, mut i) = (data[1], 2);
    let mut values = vec![match set {
        b'A' => 103,
        b'B' => 104,
        _ => 105,
    }];
    while i < data.len() {
        match (set, data[i], data.get(i + 1)) {
            (_, b'{', Some(&b'{')) => (values, i) = ([values, vec![usize::from(b'{' - 32)]].concat(), i + 2),
            (_, b'{', Some(&next)) => {
                values.push(match (set, next) {
                    (b'C', b'B') => 100,
                    (b'B', b'C') | (b'A', b'C') => 99,
                    (_, b'A') => 101,
                    _ => 100,
                });
                (set, i) = (next, i + 2);
            }
            (b'C', v, _) => (values, i) = ([values, vec![usize::from(v)]].concat(), i + 1),
            (_, c, _) => (values, i) = ([values, vec![usize::from(c - 32)]].concat(), i + 1),
        }
    }
    let check = values.iter().enumerate().map(|(k, v)| k.max(1) * v).sum::<usize>() % 103;
    values.extend([check, 106]);
    values
}

/// Reads CODE128 back from a row of dots, as a scanner does from its run lengths: the
/// narrowest run is one module, each six runs one symbol; the check symbol must agree.
fn decode(row: &[bool]) -> Result<String, String> {
    let first = row.iter().position(|&d| d).ok_or("no bars")?;
    let last = row.iter().rposition(|&d| d).ok_or("no bars")?;
    let mut runs = Vec::new();
    let mut x = first;
    while x <= last {
        let len = row[x..=last].iter().take_while(|&&d| d == row[x]).count();
        runs.push(len);
        x += len;
    }
    let module = *runs.iter().min().unwrap();
    let widths: Vec<usize> = runs.iter().map(|r| (r + module / 2) / module).collect();
    let pattern = |w: &[usize]| w.iter().map(|n| n.to_string()).collect::<String>();
    let (body, stop) = widths.split_at(widths.len().checked_sub(7).ok_or("too short")?);
    if pattern(stop) != PATTERNS[106] {
        return Err(format!("no stop pattern at the end (clipped?): {}", pattern(stop)));
    }
    let values: Vec<usize> = body
        .chunks(6)
        .map(|c| {
            PATTERNS.iter().position(|p| *p == pattern(c)).ok_or(format!("unknown symbol {}", pattern(c)))
        })
        .collect::<Result<_, _>>()?;
    let (check, values) = values.split_last().ok_or("empty")?;
    let sum = values.iter().enumerate().map(|(k, v)| k.max(1) * v).sum::<usize>() % 103;
    if sum != *check {
        return Err(format!("check symbol {check}, computed {sum}"));
    }
    let mut set = match values[0] {
        103 => 'A',
        104 => 'B',
        105 => 'C',
        other => return Err(format!("no start symbol: {other}")),
    };
    let mut text = String::new();
    for &v in &values[1..] {
        match (set, v) {
            ('C', 0..=99) => text.push_str(&format!("{v:02}")),
            ('C', 100) | ('A', 100) => set = 'B',
            ('B', 99) | ('A', 99) => set = 'C',
            (_, 101) => set = 'A',
            (_, v) => text.push(char::from(v as u8 + 32)),
        }
    }
    Ok(text)
}

/// A shop whose store and terminal codes are 4 characters, on the given paper.
fn shop(store: &str, terminal: &str, profile: &str) -> Shop {
    let toml = format!(
        "[store]\ncode = \"{store}\"\n[terminal]\ncode = \"{terminal}\"\n[printer]\nprofile = \"{profile}\"\n"
    );
    Shop::with_config(Config::parse(&toml, "kasir.toml").unwrap())
}

fn printed_barcode(shop: &Shop) -> (String, Printed) {
    let receipt = shop.sell(
        r#"{"cashier":"K01","items":[{"sku":"MIE-001","quantity":2}],"tenders":[{"kind":"cash","amount":"10000"}]}"#,
    );
    let (address, received) = network_printer();
    printing::print_receipt(&shop.ledger(), &shop.config, &address, &receipt, now()).unwrap();
    let dots = shop.config.printer.profile.dots as usize;
    let mut barcodes = render_barcodes(&received.lock().unwrap(), dots);
    assert_eq!(barcodes.len(), 1, "one barcode on the receipt");
    (receipt, barcodes.remove(0))
}

#[test]
fn the_patterns_are_whole() {
    for (v, p) in PATTERNS.iter().enumerate() {
        let modules: u32 = p.bytes().map(|b| u32::from(b - b'0')).sum();
        assert_eq!(modules, if v == 106 { 13 } else { 11 }, "symbol {v}");
    }
    let mut sorted = PATTERNS.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 107);
}

#[test]
fn on_58_mm_a_receipt_with_4_character_codes_scans_back_whole() {
    for (store, terminal) in [("TOKO", "KSR1"), ("ABCD", "T001")] {
        let shop = shop(store, terminal, "generic-58");
        assert_eq!(shop.config.printer.profile.dots, 384);
        let (receipt, barcode) = printed_barcode(&shop);
        assert_eq!(receipt, format!("{store}-{terminal}-000002"));
        assert!(!barcode.clipped, "{receipt}: the bars ran past the 384 printable dots");
        assert!(barcode.module >= 2, "a module a scanner resolves");
        assert_eq!(decode(&barcode.row), Ok(receipt));
    }
}

#[test]
fn on_80_mm_the_barcode_fits_with_wider_bars() {
    for (store, terminal) in [("TOKO", "KSR1"), ("ABCD", "T001"), ("S01", "T01")] {
        let shop = shop(store, terminal, "epson-80");
        let (receipt, barcode) = printed_barcode(&shop);
        assert!(!barcode.clipped, "{receipt}");
        assert_eq!(barcode.module, 3, "{receipt}: wider bars where the paper has room");
        assert_eq!(decode(&barcode.row), Ok(receipt));
    }
}

/// The renderer and decoder themselves catch a clipped barcode: the old fixed module width
/// of 2 in code set B on 58 mm runs past the paper and does not read back.
#[test]
fn a_barcode_wider_than_the_paper_is_clipped_and_does_not_read() {
    let mut old = vec![0x1B, b'a', 1, 0x1D, b'w', 2, 0x1D, b'k', 73, 18, b'{', b'B'];
    old.extend(b"TOKO-KSR1-000123");
    let barcode = render_barcodes(&old, 384).remove(0);
    assert!(barcode.clipped);
    assert!(decode(&barcode.row).is_err());
    let whole = render_barcodes(&old, 576).remove(0);
    assert_eq!(decode(&whole.row), Ok("TOKO-KSR1-000123".to_owned()));
}
