//! The report PDF uses the page: a Z of a real day and a month's sales by product are written
//! as PDF and read back from the file's own drawing instructions: every text with its position
//! and font, every filled rectangle with its colour. A table's columns must spread across the
//! page with amounts right-aligned, the charts must be bars in proportion to their figures, and
//! a long report must run onto more pages with its headings repeated and nothing off the paper.

mod common;

use common::{Shop, at};
use kasir::reports::{self, ReportKind, render::Heading};
use kasir::sale::checkout::{self, SaleScript};
use kasir::sale::shift;
use kasir_core::Locale;
use kasir_core::document::Body;
use kasir_core::shift::DenominationCount;

/// A text drawn on a page: where, in which font (`F1` Helvetica, `F2` bold), at what size.
#[derive(Debug, Clone)]
struct Shown {
    x: f32,
    y: f32,
    font: String,
    size: f32,
    text: String,
}

/// A filled rectangle and its colour.
#[derive(Debug, Clone, Copy)]
struct Bar {
    x: f32,
    y: f32,
    w: f32,
    rgb: (f32, f32, f32),
}

#[derive(Debug, Default)]
struct Page {
    texts: Vec<Shown>,
    bars: Vec<Bar>,
}

impl Page {
    fn find(&self, text: &str) -> Option<&Shown> {
        self.texts.iter().find(|t| t.text == text)
    }
}

/// WinAnsi bytes as text (the few bytes above ASCII a report uses).
fn decode(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x85 => '…',
            0x96 => '–',
            0x97 => '—',
            b => char::from(b),
        })
        .collect()
}

/// The pages of a PDF whose content streams are not compressed (as Kasir writes them), in
/// page order.
fn pages(pdf: &[u8]) -> Vec<Page> {
    let mut out = Vec::new();
    let mut rest = pdf;
    while let Some(start) = find(rest, b"stream\n") {
        let body = &rest[start + 7..];
        let end = find(body, b"\nendstream").expect("a stream ends");
        out.push(page(&body[..end]));
        rest = &body[end + b"\nendstream".len()..];
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads one content stream: operands are numbers, names and strings; operators act on them.
fn page(stream: &[u8]) -> Page {
    let mut page = Page::default();
    let (mut numbers, mut name, mut string) = (Vec::<f32>::new(), String::new(), Vec::<u8>::new());
    let (mut font, mut size, mut at, mut fill) = (String::new(), 0.0, (0.0, 0.0), (0.0, 0.0, 0.0));
    let mut i = 0;
    while i < stream.len() {
        let c = stream[i];
        match c {
            b'(' => {
                string.clear();
                let mut depth = 1;
                i += 1;
                while depth > 0 {
                    match stream[i] {
                        b'\\' => {
                            i += 1;
                            match stream[i] {
                                b'n' => string.push(b'\n'),
                                d @ b'0'..=b'7' => {
                                    let octal: String = stream[i..]
                                        .iter()
                                        .take_while(|b| b.is_ascii_digit())
                                        .take(3)
                                        .map(|&b| b as char)
                                        .collect();
                                    i += octal.len() - 1;
                                    string.push(u8::from_str_radix(&octal, 8).unwrap_or(d));
                                }
                                other => string.push(other),
                            }
                        }
                        b'(' => {
                            depth += 1;
                            string.push(b'(');
                        }
                        b')' => {
                            depth -= 1;
                            if depth > 0 {
                                string.push(b')');
                            }
                        }
                        other => string.push(other),
                    }
                    i += 1;
                }
            }
            b'<' => {
                let end = i + stream[i..].iter().position(|&b| b == b'>').unwrap();
                let hex: Vec<u8> =
                    stream[i + 1..end].iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
                string = hex
                    .chunks(2)
                    .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
                    .collect();
                i = end + 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let end = i + stream[i..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || b"()<>[]/".contains(b) && *b != c)
                    .unwrap_or(stream.len() - i);
                let end = end.max(i + 1);
                let word = std::str::from_utf8(&stream[i..end]).unwrap();
                i = end;
                if let Some(n) = word.strip_prefix('/') {
                    name = n.to_owned();
                } else if let Ok(n) = word.parse::<f32>() {
                    numbers.push(n);
                } else {
                    let n = numbers.len();
                    match word {
                        "Tf" => (font, size) = (name.clone(), numbers[n - 1]),
                        "Tm" => at = (numbers[n - 2], numbers[n - 1]),
                        "rg" => fill = (numbers[n - 3], numbers[n - 2], numbers[n - 1]),
                        "Tj" => page.texts.push(Shown {
                            x: at.0,
                            y: at.1,
                            font: font.clone(),
                            size,
                            text: decode(&string),
                        }),
                        "re" => page.bars.push(Bar {
                            x: numbers[n - 4],
                            y: numbers[n - 3],
                            w: numbers[n - 2],
                            rgb: fill,
                        }),
                        _ => {}
                    }
                    numbers.clear();
                }
            }
        }
    }
    page
}

/// Helvetica's widths (Adobe's metrics) of what an amount is written with, to find where a
/// right-aligned amount ends.
fn amount_width(text: &str, size: f32) -> f32 {
    let units: u32 = text
        .chars()
        .map(|c| match c {
            '0'..='9' => 556,
            'R' => 722,
            'p' => 556,
            ' ' | '.' | ',' => 278,
            '-' => 333,
            other => panic!("{other:?} is not in an amount"),
        })
        .sum();
    units as f32 * size / 1000.0
}

const BLUE: (f32, f32, f32) = (0.16, 0.38, 0.67);
const RED: (f32, f32, f32) = (0.78, 0.18, 0.18);

fn sell(ledger: &mut kasir::store::Ledger, shop: &Shop, json: &str, time: &str) {
    let script: SaleScript = serde_json::from_str(json).unwrap();
    checkout::sell(ledger, &shop.config, &script, at(time)).unwrap();
}

/// A day: sales at 09 and 10 o'clock in cash, card and QRIS, a return at 13 o'clock, the
/// shift closed and the Z taken. Its PDF, and the report.
fn z_of_a_day() -> (Vec<u8>, kasir_core::report::Report) {
    let shop = Shop::new();
    let mut ledger = shop.ledger();
    // 09:10 3 × Indomie 10.500 in cash; 10:05 2 × milk 40.000 by card; 10:40 a box of 40 by
    // QRIS (111.000); 13:00 one milk back to the card (20.000).
    sell(
        &mut ledger,
        &shop,
        r#"{"cashier":"K01","items":[{"sku":"MIE-001","quantity":3}],"tenders":[{"kind":"cash","amount":"20000"}]}"#,
        "2026-11-22T09:10:00+07:00",
    );
    sell(
        &mut ledger,
        &shop,
        r#"{"cashier":"K02","items":[{"sku":"SUS-1L","quantity":2}],"tenders":[{"kind":"card","amount":"40000"}]}"#,
        "2026-11-22T10:05:00+07:00",
    );
    sell(
        &mut ledger,
        &shop,
        r#"{"cashier":"K01","items":[{"sku":"DUS-40"}],"tenders":[{"kind":"qris","amount":"111000"}]}"#,
        "2026-11-22T10:40:00+07:00",
    );
    let back = r#"{"cashier":"K01","receipt":"S01-T01-000003","lines":[{"line":1,"quantity":1}],
        "refund":"card","reason":"rusak","approval":{"manager":"M01","pin":"1234"}}"#;
    let script: kasir::sale::returns::ReturnScript = serde_json::from_str(back).unwrap();
    kasir::sale::returns::process(&mut ledger, &shop.config, &script, at("2026-11-22T13:00:00+07:00"))
        .unwrap();
    let k01 = ledger.user("K01").unwrap();
    // The drawer holds 500.000 + 20.000 − 9.500 change = 510.500: counted in Rp 500 coins to
    // keep the test short.
    let (_, flows) = shift::reading(&ledger).unwrap();
    assert_eq!(flows.expected(), 510_500);
    let count = vec![DenominationCount { value: 500, count: 1021 }];
    shift::close(&mut ledger, &k01, count, at("2026-11-22T21:00:00+07:00")).unwrap();
    let m01 = ledger.user("M01").unwrap();
    let now = at("2026-11-22T21:30:00+07:00");
    let z = reports::close_day(&mut ledger, &shop.config.permissions, &m01, now).unwrap();
    let receipt = z.receipt_number().to_owned();
    let Body::DayClose(day) = z.document.body else { panic!("a Z") };
    let kind =
        ReportKind::Z { number: day.z_number, business_date: day.business_date.parse().unwrap(), receipt };
    let heading = Heading::new(kind, &shop.config, &day.report, now, Locale::Id);
    (reports::pdf::pdf(&heading, &day.report, Locale::Id), day.report)
}

/// The bars drawn under the title `title` and above the next text set as large as a title.
fn chart_bars(page: &Page, title: &str) -> Vec<Bar> {
    let top = page.find(title).unwrap_or_else(|| panic!("no chart {title}")).y;
    let next = page
        .texts
        .iter()
        .filter(|t| t.y < top && t.font == "F2" && t.size > 10.0)
        .map(|t| t.y)
        .fold(f32::MIN, f32::max);
    page.bars.iter().copied().filter(|b| b.y < top && b.y > next && (b.rgb == BLUE || b.rgb == RED)).collect()
}

#[test]
fn the_z_is_a_table_across_the_page_with_amounts_right_aligned() {
    let (pdf, report) = z_of_a_day();
    let pages = pages(&pdf);
    let first = &pages[0];
    assert!(first.find("Z 1 — 2026-11-22 (S01-T01-000007)").is_some_and(|t| t.font == "F2" && t.size > 15.0));
    assert!(first.find(&format!("Halaman 1 dari {}", pages.len())).is_some());

    // The summary's headings stand over three columns spread across the page.
    let (figure, count, amount) =
        (first.find("Uraian").unwrap(), first.find("Jumlah").unwrap(), first.find("Nilai").unwrap());
    assert!(figure.x < 60.0 && figure.x < count.x && count.x < amount.x, "{figure:?} {count:?} {amount:?}");
    assert!(amount.x > 480.0, "the amount column sits at the right of A4: {amount:?}");

    // Every amount of the summary (regular type) ends at the same x, near the right margin:
    // they are right-aligned, whatever their length.
    let heading_y = figure.y;
    let section_end = first.find("Penjualan per jam").unwrap().y;
    let amounts: Vec<&Shown> = first
        .texts
        .iter()
        .filter(|t| t.y < heading_y && t.y > section_end && t.font == "F1" && t.text.contains("Rp"))
        .collect();
    assert!(amounts.len() >= 8, "{amounts:?}");
    assert!(amounts.iter().any(|t| t.text == "Rp 161.500"), "gross sales: {amounts:?}");
    let ends: Vec<f32> = amounts.iter().map(|t| t.x + amount_width(&t.text, t.size)).collect();
    for (t, end) in amounts.iter().zip(&ends) {
        assert!((end - ends[0]).abs() < 0.05, "{t:?} ends at {end}, not {}", ends[0]);
    }
    assert!(ends[0] > 530.0 && ends[0] <= 547.0, "{}", ends[0]);
    // Net sales: the day's figure, in bold, in that same column.
    let net = first.find("PENJUALAN BERSIH").unwrap();
    let net_amount = first.texts.iter().find(|t| t.y == net.y && t.text.starts_with("Rp")).unwrap();
    // 10.500 + 40.000 + 111.000 − 20.000 returned.
    assert_eq!(net_amount.text, "Rp 141.500");
    assert_eq!(net_amount.font, "F2");
    assert_eq!(report.net_sales, 141_500);

    // The tenders' table: five columns across the width.
    let page = pages.iter().find(|p| p.find("Diterima").is_some()).expect("the tenders' table");
    let xs: Vec<f32> = ["Pembayaran", "Diterima", "Kembalian", "Refund", "Bersih"]
        .iter()
        .map(|h| page.find(h).unwrap().x)
        .collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
    assert!(xs[0] < 60.0 && xs[4] > 480.0, "{xs:?}");
    // Nothing is drawn off the paper or into the margins.
    for p in &pages {
        for t in &p.texts {
            assert!(t.x >= 48.0 && t.y >= 30.0 && t.y <= 794.0, "{t:?}");
        }
    }
}

#[test]
fn the_charts_are_bars_in_proportion_to_their_figures() {
    let (pdf, _) = z_of_a_day();
    let pages = pages(&pdf);
    let page = pages.iter().find(|p| p.find("Penjualan per jam").is_some()).unwrap();

    // By hour: 09 10.500, 10 151.000 (the longest), 13 −20.000 in red.
    let hours = chart_bars(page, "Penjualan per jam");
    assert_eq!(hours.len(), 3, "{hours:?}");
    let longest = hours.iter().map(|b| b.w).fold(0.0, f32::max);
    let ratio = |b: &Bar| b.w / longest;
    assert!((ratio(&hours[0]) - 10_500.0 / 151_000.0).abs() < 0.001, "{hours:?}");
    assert!((ratio(&hours[1]) - 1.0).abs() < 0.001, "{hours:?}");
    assert_eq!(hours[2].rgb, RED, "a return hour is a red bar");
    assert!((ratio(&hours[2]) - 20_000.0 / 151_000.0).abs() < 0.001, "{hours:?}");
    // Bars start at one axis, beside their labels, and each label is on its bar's line.
    assert!(hours.iter().all(|b| b.x == hours[0].x && b.x > 100.0));
    for (label, bar) in ["09:00", "10:00", "13:00"].iter().zip(&hours) {
        let t = page.find(label).unwrap_or_else(|| panic!("{label}"));
        assert!((t.y - bar.y).abs() < 5.0, "{label} {t:?} {bar:?}");
    }

    // By tender: cash 10.500, card 40.000 − 20.000 refunded, QRIS 111.000 the longest.
    let page = pages.iter().find(|p| p.find("Per pembayaran").is_some()).unwrap();
    let tenders = chart_bars(page, "Per pembayaran");
    assert_eq!(tenders.len(), 3, "{tenders:?}");
    let longest = tenders.iter().map(|b| b.w).fold(0.0, f32::max);
    let widths: Vec<f32> = tenders.iter().map(|b| b.w / longest).collect();
    let mut widths = widths;
    widths.sort_by(f32::total_cmp);
    let want = [10_500.0 / 111_000.0, 20_000.0 / 111_000.0, 1.0];
    assert!(widths.iter().zip(want).all(|(w, want)| (w - want).abs() < 0.001), "{widths:?}");
    assert!(tenders.iter().all(|b| b.rgb == BLUE));
    // And by category.
    let page = pages.iter().find(|p| p.find("Penjualan per kategori").is_some()).unwrap();
    assert!(!chart_bars(page, "Penjualan per kategori").is_empty());
}

#[test]
fn a_long_report_runs_onto_more_pages_with_its_headings_repeated() {
    let shop = Shop::new();
    let mut ledger = shop.ledger();
    // 150 products, each sold once: a month's sales by product is three pages of table.
    let mut csv = String::from(
        "sku,barcodes,name,category,unit,price,tax_class,price_includes_tax,sold_by_weight,active\n",
    );
    for i in 0..150 {
        csv.push_str(&format!("P-{i:03},,Produk Nomor {i:03} dengan Nama Panjang Sekali untuk Kolom,Lain,pcs,{},PPN,true,false,true\n", 1_000 + i * 10));
    }
    ledger.import_catalogue(csv.as_bytes(), &shop.config.barcode.variable_measure).unwrap();
    let items: Vec<String> = (0..150).map(|i| format!(r#"{{"sku":"P-{i:03}"}}"#)).collect();
    let script = format!(
        r#"{{"cashier":"K01","items":[{}],"tenders":[{{"kind":"card","amount":"{}"}}]}}"#,
        items.join(","),
        (0..150).map(|i| 1_000 + i * 10).sum::<i64>()
    );
    sell(&mut ledger, &shop, &script, "2026-11-22T09:00:00+07:00");
    let (from, to) = ("2026-11-01".parse().unwrap(), "2026-11-30".parse().unwrap());
    let report = reports::sales_report(&ledger, from, to).unwrap();
    assert_eq!(report.products.len(), 150);
    let heading = Heading::new(
        ReportKind::Sales { from, to },
        &shop.config,
        &report,
        at("2026-12-01T08:00:00+07:00"),
        Locale::En,
    );
    let pages = pages(&reports::pdf::pdf(&heading, &report, Locale::En));

    assert!(pages.len() >= 3, "{} pages", pages.len());
    let with_products: Vec<&Page> =
        pages.iter().filter(|p| p.texts.iter().any(|t| t.text.starts_with("P-"))).collect();
    assert!(with_products.len() >= 3);
    for (i, p) in with_products.iter().enumerate() {
        // Every page of the table has its column headings, and the later ones say so.
        for heading in ["Code", "Product", "Quantity", "Amount"] {
            assert!(p.find(heading).is_some(), "page {i}: no {heading}");
        }
        if i > 0 {
            assert!(p.find("TOP PRODUCTS (continued)").is_some(), "page {i}");
            assert!(
                p.texts.iter().any(|t| t.text.starts_with("Sales 2026-11-01 – 2026-11-30") && t.size < 9.0),
                "running head"
            );
        }
    }
    // Each product once, in order, none lost at a page break; long names cut to their column.
    let skus: Vec<&str> = pages
        .iter()
        .flat_map(|p| &p.texts)
        .filter(|t| t.text.starts_with("P-"))
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(skus.len(), 150);
    let names: Vec<&Shown> =
        pages.iter().flat_map(|p| &p.texts).filter(|t| t.text.starts_with("Produk Nomor")).collect();
    assert_eq!(names.len(), 150);
    assert!(names.iter().all(|t| t.text.ends_with('…')), "{:?}", names[0]);
    let count = pages.len();
    for (i, p) in pages.iter().enumerate() {
        assert!(p.find(&format!("Page {} of {count}", i + 1)).is_some(), "page {i}");
        for t in &p.texts {
            assert!(t.y >= 30.0 && t.y <= 794.0, "{t:?}");
        }
        // Table rows keep above the bottom margin; only the page number sits below it.
        assert!(p.texts.iter().filter(|t| t.y < 56.0).all(|t| t.text.starts_with("Page ")));
    }
}
