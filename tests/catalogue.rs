//! Catalogue import, lookup and search on a real SQLite file.

mod common;

use common::{Shop, count};
use kasir::store::catalogue::{self, LookupError, import::ImportError};
use kasir_core::Quantity;

fn import(shop: &Shop, csv: &str) -> Result<catalogue::import::ImportSummary, ImportError> {
    let ledger = shop.ledger();
    ledger.import_catalogue(csv.as_bytes(), &shop.config.barcode.variable_measure)
}

#[test]
fn every_bad_row_is_reported_with_its_line_and_nothing_is_imported() {
    let shop = Shop::new();
    let before = count(&shop.ledger(), "products");
    let csv = "\
sku,barcodes,name,price,tax_class
NEW-1,8991234567891,Good Row,1000,PPN
NEW-2,8991234567890,Bad Check Digit,1000,PPN
NEW-3,,Bad Price,12a00,PPN
NEW-4,,Unknown Tax,1000,VAT
NEW-1,,Same SKU Again,1000,PPN
NEW-5,8991002101234,Barcode Of Another Product,1000,PPN
NEW-6,,Half Rupiah,1000.5,PPN
NEW-7,2100999,Weight Key On Pieces,1000,PPN
NEW-8,8991234567891,Duplicate In File,1000,PPN
";
    let err = import(&shop, csv).unwrap_err();
    let ImportError::BadRows(rows) = &err else { panic!("{err}") };
    let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![3, 4, 5, 6, 7, 8, 9, 10]);
    let text = err.to_string();
    for want in [
        "line 3: barcode '8991234567890' has check digit 0, expected 1",
        "line 4: price '12a00' is not a number",
        "line 5: unknown tax class 'VAT' (known: BEBAS, PPN, PPN12, PPN12D)",
        "line 6: SKU NEW-1 also on line 2",
        "line 7: duplicate barcode 8991002101234: already belongs to SKU MIE-001 in the catalogue",
        "line 8: price '1000.5' has more decimals than IDR allows (0)",
        "line 9: barcode 2100999 is a weight key, but the product is not sold by weight",
        "line 10: duplicate barcode 8991234567891: also on line 2 (SKU NEW-1)",
        "nothing was imported",
    ] {
        assert!(text.contains(want), "missing «{want}» in:\n{text}");
    }
    assert_eq!(count(&shop.ledger(), "products"), before, "a bad file leaves the catalogue untouched");
}

#[test]
fn a_nul_or_control_character_in_a_name_is_refused_and_nothing_is_imported() {
    let shop = Shop::new();
    let before = count(&shop.ledger(), "products");
    let csv = "sku,name,unit,price,tax_class\nCTL-1,Kopi Susu,pcs,1000,PPN\nCTL-2,\"Teh\u{0}Manis\",pcs,1000,PPN\n\
               CTL-3,Gula,\"kg\u{1b}\",1000,PPN\n";
    let err = import(&shop, csv).unwrap_err();
    let text = err.to_string();
    assert!(text.contains(r#"line 3: name "Teh\0Manis" holds a control character"#), "{text}");
    assert!(text.contains(r#"line 4: unit "kg\u{1b}" holds a control character"#), "{text}");
    assert_eq!(count(&shop.ledger(), "products"), before, "not even the good row is imported");
}

#[test]
fn bad_headers_are_refused() {
    let shop = Shop::new();
    let err = import(&shop, "sku,name,prijs,tax_class\nA,B,1,PPN\n").unwrap_err().to_string();
    assert!(err.contains("line 1: unknown column 'prijs'"), "{err}");
    assert!(err.contains("line 1: required column 'price' is missing"), "{err}");
    assert!(matches!(import(&shop, "sku,name,price,tax_class\n"), Err(ImportError::Empty)));
}

#[test]
fn a_good_file_adds_and_updates_in_one_go() {
    let shop = Shop::new();
    let csv = "\
sku,barcodes,name,price,tax_class,category
MIE-001,8991002101234,Indomie Mi Goreng Original 85 g,3700,PPN,Makanan Instan
NEW-1,8991234567891|96385074,Kopi Kapal Api Special Mix 10 x 24 g,15500,PPN,Minuman
";
    let s = import(&shop, csv).unwrap();
    assert_eq!((s.added, s.updated, s.barcodes), (1, 1, 3));
    let ledger = shop.ledger();
    let mut reader = ledger.catalogue().unwrap();
    let p = reader.by_barcode("96385074").unwrap().unwrap();
    assert_eq!((p.sku.as_str(), p.unit_price.minor(), p.unit.as_str()), ("NEW-1", 15_500, "pcs"));
    let mie = reader.by_sku("MIE-001").unwrap().unwrap();
    assert_eq!(mie.unit_price.minor(), 3_700, "the price was updated");
}

#[test]
fn a_barcode_can_move_between_products_listed_in_the_same_file() {
    let shop = Shop::new();
    let csv = "\
sku,barcodes,name,price,tax_class
AIR-600,8992388101016,Aqua Air Mineral 600 ml,4000,PPN
AIR-PAK,8992388101023,Aqua Air Mineral 600 ml isi 6,23000,PPN
";
    import(&shop, csv).unwrap();
    let ledger = shop.ledger();
    let p = ledger.catalogue().unwrap().by_barcode("8992388101023").unwrap().unwrap();
    assert_eq!(p.sku, "AIR-PAK");
}

#[test]
fn scans_decode_weights_prices_and_refuse_what_cannot_be_sold() {
    let shop = Shop::new();
    let ledger = shop.ledger();
    let rules = &shop.config.barcode.variable_measure;
    let mut reader = ledger.catalogue().unwrap();
    let hit = reader.scan("2100123012503", rules).unwrap();
    assert_eq!((hit.product.sku.as_str(), hit.quantity), ("BRS-KG", Quantity::from_milli(1250)));
    let hit = reader.scan("2500045125006", rules).unwrap();
    assert_eq!((hit.product.sku.as_str(), hit.price.map(|p| p.minor())), ("KEJU-PR", Some(12_500)));
    let hit = reader.scan(" 8992388101016\n", rules).unwrap();
    assert_eq!(hit.product.sku, "AIR-600");

    let e = reader.scan("8991002101235", rules).unwrap_err();
    assert!(matches!(e, LookupError::BadBarcode(_)), "{e}");
    let e = reader.scan("8991111111117", rules).unwrap_err();
    assert_eq!(e.to_string(), "no product has barcode 8991111111117");
    let e = reader.scan("8990000000013", rules).unwrap_err();
    assert_eq!(e.to_string(), "Permen Lama (OLD-001) is no longer sold");
}

#[test]
fn name_search_finds_parts_of_words_in_any_case() {
    let shop = Shop::new();
    let ledger = shop.ledger();
    let mut reader = ledger.catalogue().unwrap();
    let mut names =
        |q: &str| -> Vec<String> { reader.search(q, 10).unwrap().into_iter().map(|p| p.sku).collect() };
    let mut goreng = names("GORENG");
    goreng.sort();
    assert_eq!(goreng, vec!["DUS-40", "MIE-001"]);
    assert_eq!(names("indo 85"), vec!["MIE-001"]);
    assert_eq!(names("mineral aqua"), vec!["AIR-600"]);
    assert_eq!(names("ul"), vec!["SUS-1L"], "short queries match the start of the name");
    assert!(names("permen").is_empty(), "inactive products are not offered");
    assert!(names("xyzzy").is_empty());
    assert!(names("\"; DROP TABLE products; --").is_empty(), "query text is data, not syntax");
}

#[test]
fn a_bulk_import_is_searchable_and_later_edits_stay_in_the_search_index() {
    let shop = Shop::new();
    let mut csv = String::from("sku,barcodes,name,price,tax_class\n");
    for i in 0..2_500 {
        csv.push_str(&format!("B{i:05},,Kopi Bubuk Nomor {i},1000,PPN\n"));
    }
    import(&shop, &csv).unwrap();
    let ledger = shop.ledger();
    let mut reader = ledger.catalogue().unwrap();
    assert_eq!(reader.search("bubuk nomor 2499", 5).unwrap()[0].sku, "B02499");
    // The search-index triggers are back: a small import's rename is found at once.
    import(&shop, "sku,name,price,tax_class\nB00007,Teh Tarik Istimewa,1000,PPN\n").unwrap();
    let found: Vec<String> = reader.search("istimewa", 5).unwrap().into_iter().map(|p| p.sku).collect();
    assert_eq!(found, vec!["B00007"]);
    assert!(reader.search("bubuk nomor 7", 50).unwrap().iter().all(|p| p.sku != "B00007"));
}

/// The demo store as `kasir init --demo` makes it: its catalogue, users and an open shift.
fn demo_shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let paths = kasir::app::setup::Paths { data_dir: dir.path().to_owned() };
    let config = kasir::app::config::Config::embedded();
    kasir::app::setup::init(&paths, &config, true).unwrap();
    Shop { dir, paths, config }
}

fn sku_named(shop: &Shop, name: &str) -> String {
    let mut reader = shop.ledger().catalogue().unwrap();
    let hits = reader.search(name, 50).unwrap();
    hits.into_iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no {name}")).sku
}

/// Sells `quantity` of `sku` as `kasir sell` does, paid by card.
fn sell_sku(shop: &Shop, sku: &str, quantity: u32) {
    shop.sell(&format!(
        r#"{{"cashier": "K01", "items": [{{"sku": "{sku}", "quantity": {quantity}}}],
            "tenders": [{{"kind": "cash", "amount": "600000000"}}]}}"#
    ));
}

fn names(shop: &Shop, query: &str, limit: usize) -> Vec<String> {
    let mut reader = shop.ledger().catalogue().unwrap();
    reader.search(query, limit).unwrap().into_iter().map(|p| p.name).collect()
}

#[test]
fn among_equal_matches_what_this_store_sells_most_comes_first() {
    let shop = demo_shop();
    let single = "Teh Botol Sosro Original Kaca 220 ml";
    let carton = "Teh Botol Sosro Original Dus 24 x 250 ml";
    let (single_sku, carton_sku) = (sku_named(&shop, single), sku_named(&shop, carton));
    sell_sku(&shop, &single_sku, 6);
    sell_sku(&shop, &carton_sku, 1);
    assert_eq!(names(&shop, "teh bot", 20)[0], single, "Enter on 'teh bot' takes the bottle the store sells");
    // The order follows the sales, not the alphabet: once cartons sell more, they lead.
    sell_sku(&shop, &carton_sku, 10);
    let found = names(&shop, "teh bot", 20);
    assert_eq!(found[0], carton);
    assert_eq!(found[1], single);
    assert_eq!(shop.ledger().sold_here(&carton_sku).unwrap(), Quantity::units(11));
}

#[test]
fn the_everyday_indomie_pack_comes_to_the_top_once_sold() {
    let shop = demo_shop();
    let everyday = "Indomie Mi Goreng Original 85 g";
    let place = |shop: &Shop| names(shop, "indomie", 20).iter().position(|n| n == everyday);
    // Unsold, the demo catalogue's dozens of Indomie rows bury it (it was 35th).
    assert_ne!(place(&shop), Some(0));
    let sku = sku_named(&shop, everyday);
    for _ in 0..3 {
        sell_sku(&shop, &sku, 5);
    }
    assert_eq!(place(&shop), Some(0), "{:?}", names(&shop, "indomie", 20));
    // A name that begins with the words typed comes before a better seller that has them
    // further in.
    let chitato = sku_named(&shop, "Chitato Indomie Goreng 68 g");
    sell_sku(&shop, &chitato, 40);
    let found = names(&shop, "indomie goreng", 20);
    assert_eq!(found[0], everyday, "{found:?}");
    assert!(found.iter().take(10).all(|n| n.starts_with("Indomie ")), "{found:?}");
    let found = names(&shop, "chitato indomie", 5);
    assert_eq!(found[0], "Chitato Indomie Goreng 68 g", "{found:?}");
}

#[test]
fn a_best_seller_far_down_the_alphabet_is_found_by_a_word_of_its_name() {
    let shop = demo_shop();
    // "mi" alone matches hundreds of names; the 20 shown once came alphabetically.
    let everyday = "Indomie Mi Goreng Original 85 g";
    assert!(!names(&shop, "mi", 20).iter().any(|n| n == everyday));
    sell_sku(&shop, &sku_named(&shop, everyday), 2);
    assert!(names(&shop, "mi", 20).iter().any(|n| n == everyday), "{:?}", names(&shop, "mi", 20));
}
