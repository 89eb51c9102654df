//! The product catalogue as a CSV file, read and checked row by row: the same columns and
//! the same rules at the terminal (`kasir catalog import`) and at head office
//! (`kasir-headoffice catalog import`). Every bad row is reported with its line number and
//! reason; what to do with good rows is the caller's.
//!
//! Columns (header row required, any order; `sku`, `name`, `price` and `tax_class` are
//! required, the others optional with the default shown):
//!
//! | column | meaning | default |
//! | --- | --- | --- |
//! | `sku` | unique product code | — |
//! | `barcodes` | EAN-13 / UPC-A / EAN-8 codes, or a weighed product's 7-digit variable-measure key, separated by `\|` | none |
//! | `name` | product name | — |
//! | `category` | category name | `Umum` |
//! | `unit` | selling unit (`pcs`, `kg`, …) | `pcs` |
//! | `price` | price per unit in major currency units (`12500`, `1.99`) | — |
//! | `tax_class` | a tax class code (`PPN`, `BEBAS`, …) | — |
//! | `price_includes_tax` | `true`/`false` | `true` |
//! | `sold_by_weight` | `true`/`false` | `false` |
//! | `active` | `true`/`false` | `true` |
//!
//! No text column may hold a control character (a NUL, a tab, a line break, ESC): it would
//! print as printer commands, and PostgreSQL at head office cannot store a NUL at all.

use std::collections::{HashMap, HashSet};

use thiserror::Error;

use crate::barcode::{self, MeasureKind, VariableMeasureRule};
use crate::wire::ProductRecord;
use crate::{Currency, Money};

pub const COLUMNS: [&str; 10] = [
    "sku",
    "barcodes",
    "name",
    "category",
    "unit",
    "price",
    "tax_class",
    "price_includes_tax",
    "sold_by_weight",
    "active",
];
const REQUIRED: [&str; 4] = ["sku", "name", "price", "tax_class"];

/// One bad row (or the header, line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub reason: RowProblem,
}

/// Why a row (or the header) is bad: typed, so the terminal's message catalogue can say it
/// in the shop's language; `Display` is English, for head office and logs.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RowProblem {
    #[error("unknown column '{0}' (known: {known})", known = COLUMNS.join(", "))]
    UnknownColumn(String),
    #[error("column '{0}' appears twice")]
    RepeatedColumn(String),
    #[error("required column '{0}' is missing")]
    MissingColumn(&'static str),
    #[error("sku is empty")]
    EmptySku,
    /// A NUL, tab, line break or other control character in a text column (shown escaped).
    #[error("{column} {value:?} holds a control character; type it without")]
    ControlCharacter { column: &'static str, value: String },
    #[error("sku '{0}' must be at most 64 characters without '|'")]
    BadSku(String),
    #[error("name is empty")]
    EmptyName,
    #[error("price '{0}' is negative")]
    NegativePrice(String),
    #[error("price {0}")]
    BadPrice(crate::money::MoneyError),
    #[error("unknown tax class '{class}' (known: {})", known.join(", "))]
    UnknownTaxClass { class: String, known: Vec<String> },
    #[error("{column} '{value}' is not true or false")]
    NotAFlag { column: &'static str, value: String },
    #[error("barcode {0} is a weight key, but the product is not sold by weight")]
    WeightKeyNotByWeight(String),
    #[error("{0}")]
    Barcode(crate::barcode::BarcodeError),
    #[error("barcode {code} starts with a variable-measure prefix; list its 7-digit key {key} instead")]
    VariableMeasurePrefix { code: String, key: String },
    #[error("SKU {sku} also on line {first}")]
    SkuTwice { sku: String, first: u64 },
    #[error("duplicate barcode {code}: also on line {first} (SKU {other})")]
    BarcodeTwice { code: String, first: u64, other: String },
    /// The terminal's own check: the code is another product's in its catalogue.
    #[error("duplicate barcode {code}: already belongs to SKU {owner} in the catalogue")]
    BarcodeTaken { code: String, owner: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CsvError {
    #[error("{} bad row(s); nothing was imported:\n{}", .0.len(), format_rows(.0))]
    BadRows(Vec<RowError>),
    #[error("the file has no product rows")]
    Empty,
    #[error("cannot read the CSV: {0}")]
    Csv(String),
}

pub fn format_rows(rows: &[RowError]) -> String {
    const SHOWN: usize = 50;
    let mut text: Vec<String> =
        rows.iter().take(SHOWN).map(|r| format!("  line {}: {}", r.line, r.reason)).collect();
    if rows.len() > SHOWN {
        text.push(format!("  … and {} more", rows.len() - SHOWN));
    }
    text.join("\n")
}

/// A file read: its good rows, each with its line number, and its bad ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub products: Vec<ProductRecord>,
    pub lines: Vec<u64>,
    pub errors: Vec<RowError>,
}

impl Parsed {
    /// The products, if no row is bad, counting the caller's own findings (`more`, such as a
    /// barcode that belongs to another product already); otherwise every bad row, in order.
    pub fn finish(mut self, more: Vec<RowError>) -> Result<Vec<ProductRecord>, CsvError> {
        self.errors.extend(more);
        if !self.errors.is_empty() {
            self.errors.sort_by_key(|e| e.line);
            return Err(CsvError::BadRows(self.errors));
        }
        if self.products.is_empty() {
            return Err(CsvError::Empty);
        }
        Ok(self.products)
    }
}

fn lf_line_ends(data: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !data.windows(2).any(|w| w == b"\r\n") {
        return std::borrow::Cow::Borrowed(data);
    }
    let mut out = Vec::with_capacity(data.len());
    for (i, &b) in data.iter().enumerate() {
        if !(b == b'\r' && data.get(i + 1) == Some(&b'\n')) {
            out.push(b);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Reads and checks every row (against the known tax classes and the variable-measure
/// rules, and for SKUs and barcodes repeated within the file). A header that is wrong, or a
/// file that is not CSV, fails at once; bad rows are collected in [`Parsed::errors`].
pub fn parse_products(
    data: &[u8],
    currency: Currency,
    rules: &[VariableMeasureRule],
    tax_classes: &HashSet<String>,
) -> Result<Parsed, CsvError> {
    let csv_error = |e: csv::Error| CsvError::Csv(e.to_string());
    // The CSV reader numbers the records of a CRLF file (a spreadsheet's export, text pasted
    // in a browser) one line short: read it with LF line ends, so that a bad row is named by
    // the line an editor shows. A CR inside a field is refused as a control character either
    // way, so nothing a row may hold changes.
    let data = lf_line_ends(data);
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(&data[..]);
    let headers = reader.headers().map_err(csv_error)?.clone();
    let mut errors = Vec::new();
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        if !COLUMNS.contains(&h) {
            errors.push(RowError { line: 1, reason: RowProblem::UnknownColumn(h.to_owned()) });
        } else if index.insert(COLUMNS.iter().find(|c| **c == h).expect("known"), i).is_some() {
            errors.push(RowError { line: 1, reason: RowProblem::RepeatedColumn(h.to_owned()) });
        }
    }
    for r in REQUIRED {
        if !index.contains_key(r) {
            errors.push(RowError { line: 1, reason: RowProblem::MissingColumn(r) });
        }
    }
    if !errors.is_empty() {
        return Err(CsvError::BadRows(errors));
    }
    let mut parsed = Parsed { products: Vec::new(), lines: Vec::new(), errors: Vec::new() };
    let mut skus: HashMap<String, u64> = HashMap::new();
    let mut codes: HashMap<String, (u64, String)> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, |p| p.line());
        let fields = Fields { index: &index, record: &record };
        match check_row(&fields, currency, rules, tax_classes) {
            Ok(row) => {
                if let Some(first) = skus.insert(row.sku.clone(), line) {
                    errors.push(RowError {
                        line,
                        reason: RowProblem::SkuTwice { sku: row.sku.clone(), first },
                    });
                }
                for code in &row.barcodes {
                    if let Some((first, other)) = codes.insert(code.clone(), (line, row.sku.clone())) {
                        errors.push(RowError {
                            line,
                            reason: RowProblem::BarcodeTwice { code: code.clone(), first, other },
                        });
                    }
                }
                parsed.products.push(row);
                parsed.lines.push(line);
            }
            Err(reasons) => errors.extend(reasons.into_iter().map(|reason| RowError { line, reason })),
        }
    }
    parsed.errors = errors;
    Ok(parsed)
}

/// One CSV record's fields by column name; a missing column reads as empty.
struct Fields<'a> {
    index: &'a HashMap<&'static str, usize>,
    record: &'a csv::StringRecord,
}

impl Fields<'_> {
    fn get(&self, name: &str) -> &str {
        self.index.get(name).and_then(|&i| self.record.get(i)).unwrap_or("")
    }
}

/// Checks one row's fields; returns every reason it is bad.
fn check_row(
    fields: &Fields,
    currency: Currency,
    rules: &[VariableMeasureRule],
    tax_classes: &HashSet<String>,
) -> Result<ProductRecord, Vec<RowProblem>> {
    let mut why = Vec::new();
    let sku = fields.get("sku").to_owned();
    if sku.is_empty() {
        why.push(RowProblem::EmptySku);
    } else if sku.contains('|') || sku.len() > 64 {
        why.push(RowProblem::BadSku(sku.clone()));
    }
    let name = fields.get("name").to_owned();
    if name.is_empty() {
        why.push(RowProblem::EmptyName);
    }
    let price_minor = match Money::parse(fields.get("price"), currency) {
        Ok(p) if p.is_negative() => {
            why.push(RowProblem::NegativePrice(fields.get("price").to_owned()));
            0
        }
        Ok(p) => p.minor(),
        Err(e) => {
            why.push(RowProblem::BadPrice(e));
            0
        }
    };
    let tax_class = fields.get("tax_class").to_owned();
    if !tax_classes.contains(&tax_class) {
        let mut known: Vec<String> = tax_classes.iter().cloned().collect();
        known.sort();
        why.push(RowProblem::UnknownTaxClass { class: tax_class.clone(), known });
    }
    let mut flag = |name: &'static str, default: bool| match fields.get(name).to_ascii_lowercase().as_str() {
        "" => default,
        "true" | "1" | "yes" | "ya" => true,
        "false" | "0" | "no" | "tidak" => false,
        other => {
            why.push(RowProblem::NotAFlag { column: name, value: other.to_owned() });
            default
        }
    };
    let price_includes_tax = flag("price_includes_tax", true);
    let sold_by_weight = flag("sold_by_weight", false);
    let active = flag("active", true);
    let mut barcodes = Vec::new();
    for code in fields.get("barcodes").split('|').map(str::trim).filter(|c| !c.is_empty()) {
        if barcode::is_variable_measure_key(code, rules) {
            let weight_key = rules
                .iter()
                .any(|r| code.starts_with(r.prefix.as_str()) && r.kind == MeasureKind::WeightGrams);
            if weight_key && !sold_by_weight {
                why.push(RowProblem::WeightKeyNotByWeight(code.to_owned()));
            }
        } else if let Err(e) = barcode::validate_gtin(code) {
            why.push(RowProblem::Barcode(e));
            continue;
        } else if code.len() == 13 && rules.iter().any(|r| code.starts_with(r.prefix.as_str())) {
            why.push(RowProblem::VariableMeasurePrefix { code: code.to_owned(), key: code[..7].to_owned() });
            continue;
        }
        barcodes.push(code.to_owned());
    }
    let unit = match fields.get("unit") {
        "" if sold_by_weight => "kg",
        "" => "pcs",
        u => u,
    }
    .to_owned();
    let category = match fields.get("category") {
        "" => "Umum",
        c => c,
    }
    .to_owned();
    let product = ProductRecord {
        sku,
        barcodes,
        name,
        category,
        unit,
        price: price_minor,
        tax_class,
        price_includes_tax,
        sold_by_weight,
        active,
    };
    if let Some((column, value)) = product.control_character() {
        why.push(RowProblem::ControlCharacter { column, value: value.to_owned() });
    }
    if why.is_empty() { Ok(product) } else { Err(why) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(csv: &str) -> Parsed {
        let classes: HashSet<String> = ["PPN".to_owned()].into();
        parse_products(csv.as_bytes(), Currency::IDR, &barcode::default_variable_measure_rules(), &classes)
            .unwrap()
    }

    #[test]
    fn a_control_character_in_a_text_column_is_refused_naming_row_and_column() {
        let parsed = parse(
            "sku,name,category,unit,price,tax_class\n\
             A1,Teh,Minuman,pcs,3500,PPN\n\
             A2,\"Kopi\u{0}Susu\",Minuman,pcs,4500,PPN\n\
             A3,Gula,\"Bahan\u{1b}[2J\",pcs,4500,PPN\n\
             A\u{7}4,Garam,Bahan,pcs,1500,PPN\n",
        );
        let found: Vec<(u64, &str)> = parsed
            .errors
            .iter()
            .map(|e| match &e.reason {
                RowProblem::ControlCharacter { column, .. } => (e.line, *column),
                other => panic!("line {}: {other}", e.line),
            })
            .collect();
        assert_eq!(found, vec![(3, "name"), (4, "category"), (5, "sku")]);
        let said = CsvError::BadRows(parsed.errors.clone()).to_string();
        assert!(said.contains(r#"line 3: name "Kopi\0Susu" holds a control character"#), "{said}");
        assert!(parsed.finish(Vec::new()).is_err(), "nothing is imported from a file with such a row");
    }

    #[test]
    fn bad_lines_of_a_crlf_file_are_numbered_as_an_editor_shows_them() {
        let crlf = b"sku,name,price,tax_class\r\nA,Teh,1,PPN\r\nB,Kopi,abc,PPN\r\n";
        let classes: HashSet<String> = ["PPN".to_owned()].into();
        let rules = crate::barcode::default_variable_measure_rules();
        let parsed = parse_products(crlf, Currency::IDR, &rules, &classes).unwrap();
        assert_eq!(parsed.errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![3]);
        assert_eq!(parsed.lines, vec![2]);
    }
}
