//! Demo catalogue: a realistic Indonesian minimarket assortment in Kasir's catalogue-import
//! CSV format, generated in code so the demo needs no data file.
//!
//! Rows are built combinatorially from brand × variant × size tables (Indomie in a dozen
//! flavours and three pack sizes, shampoo from sachet to family bottle, fruit by the kilo), so
//! it looks like a real shop rather than random noise. Constant tables plus a fixed-seed
//! SplitMix64 make every call return the same string byte for byte, which keeps screenshots,
//! tests and benchmarks reproducible.
//!
//! What the demo deliberately exercises:
//! - EAN-13 codes under Indonesia's GS1 prefix `899`, all unique; a few products carry a second
//!   code (e.g. a promo or multipack wrapper that scans as the same item);
//! - weighed goods keyed by a 7-digit variable-measure key `21` + item reference, priced per kg;
//! - a few items with no barcode at all (carrier bags, ice), sold by quick key or search;
//! - tax classes `PPN12D` (standard goods: 12 % on a DPP of 11/12, the rule since 2025),
//!   `BEBAS` (exempt staples) and a few `PPN12` luxury rows (12 % on the full price);
//! - a handful of tax-exclusive wholesale cartons and a handful of inactive (discontinued) items.

use std::collections::HashMap;
use std::fmt::Write as _;

use tables::*;

/// The import format's header row, column order included.
const HEADER: &str =
    "sku,barcodes,name,category,unit,price,tax_class,price_includes_tax,sold_by_weight,active";

/// Deterministic demo catalogue in Kasir's catalogue-import CSV format (header row included).
pub fn demo_catalogue_csv() -> String {
    let mut b = Builder::new();
    for (tax, lines) in [(PPN, PACKAGED), (BEBAS, EXEMPT), (PPN12, LUXURY)] {
        for line in lines {
            b.packaged(line, tax);
        }
    }
    // Item references start at 00101 so keys never look like a zero-padded accident.
    let mut item_ref = 101;
    for &(cat, tax, goods) in WEIGHED {
        for &(name, price) in goods {
            let (key, name) = (format!("21{item_ref:05}"), format!("{name} (per kg)"));
            b.push(&Row { by_weight: true, ..Row::new(cat, &key, &name, "kg", price, tax) });
            item_ref += 1;
        }
    }
    for &(cat, name, unit, price) in NO_BARCODE {
        b.push(&Row::new(cat, "", name, unit, price, PPN));
    }
    b.out
}

/// One pack size: label appended to the name, shelf price in Rupiah (PPN included), unit.
type Size = (&'static str, u32, &'static str);
/// One product line: category, brand, product, variants (`""` = none) and pack sizes.
/// Every variant is offered in every size.
type Line = (usize, &'static str, &'static str, &'static [&'static str], &'static [Size]);
/// Weighed goods sharing a category and tax class: name (without "per kg") and price per kg.
type WeighedGroup = (usize, &'static str, &'static [(&'static str, u32)]);

/// The data. Kept out of rustfmt's reach so each product line stays one readable row.
#[rustfmt::skip]
mod tables {
    use super::{Line, Size, WeighedGroup};

    /// Tax classes: standard goods (12 % on DPP 11/12), exempt basic staples, and the 12 %
    /// luxury rate on the full price.
    pub const PPN: &str = "PPN12D"; pub const BEBAS: &str = "BEBAS"; pub const PPN12: &str = "PPN12";

    /// Category names (Bahasa Indonesia) and the SKU prefix of each; indexed by the consts below.
    pub const CATEGORIES: [(&str, &str); 16] = [
        ("Makanan Instan", "MKN"), ("Minuman", "MNM"), ("Susu & Olahan", "SSU"), ("Makanan Ringan", "SNK"),
        ("Roti & Kue", "RTI"), ("Bumbu Dapur", "BMB"), ("Sembako", "SBK"), ("Buah & Sayur", "BSY"),
        ("Daging & Ikan", "DGI"), ("Frozen Food", "FRZ"), ("Perawatan Tubuh", "PRT"), ("Kebersihan Rumah", "KBR"),
        ("Kebutuhan Bayi", "BYI"), ("Kesehatan", "KSH"), ("Alat Tulis", "ATK"), ("Lain-lain", "LLN"),
    ];
    pub const INSTAN: usize = 0; pub const MINUM: usize = 1; pub const SUSU: usize = 2; pub const SNACK: usize = 3;
    pub const ROTI: usize = 4; pub const BUMBU: usize = 5; pub const SEMBAKO: usize = 6; pub const SEGAR: usize = 7;
    pub const DAGING: usize = 8; pub const BEKU: usize = 9; pub const TUBUH: usize = 10; pub const RUMAH: usize = 11;
    pub const BAYI: usize = 12; pub const SEHAT: usize = 13; pub const ATK: usize = 14; pub const LAIN: usize = 15;

    // Pack-size families shared by competing brands (shops price competitors alike).
    const MIE_GORENG: &[Size] = &[("85 g", 3_500, "pcs"), ("5 x 85 g", 17_000, "pak"), ("Dus 40 x 85 g", 128_000, "dus")];
    const MIE_SEDAAP: &[Size] = &[("90 g", 3_500, "pcs"), ("5 x 90 g", 17_000, "pak"), ("Dus 40 x 90 g", 128_000, "dus")];
    const MIE_KUAH: &[Size] = &[("70 g", 3_200, "pcs"), ("5 x 70 g", 15_500, "pak"), ("Dus 40 x 70 g", 118_000, "dus")];
    const MIE_CUP: &[Size] = &[("75 g", 6_000, "pcs"), ("Dus 24 x 75 g", 138_000, "dus")];
    const SARDEN: &[Size] = &[("155 g", 11_500, "klg"), ("425 g", 26_500, "klg")];
    const SEREAL: &[Size] = &[("Sachet 30 g", 2_000, "sachet"), ("Renceng 10 x 30 g", 18_500, "pak")];
    const AIR: &[Size] = &[("Cup 220 ml", 1_000, "pcs"), ("330 ml", 3_000, "btl"), ("600 ml", 4_000, "btl"), ("1500 ml", 7_000, "btl"), ("Dus 48 x 220 ml", 36_000, "dus"), ("Dus 24 x 600 ml", 86_000, "dus"), ("Dus 12 x 1500 ml", 74_000, "dus")];
    const SODA: &[Size] = &[("Kaleng 330 ml", 7_500, "klg"), ("390 ml", 6_500, "btl"), ("1 L", 12_000, "btl"), ("1.5 L", 16_000, "btl"), ("Dus 24 x 330 ml", 165_000, "dus")];
    const TEH_BOTOL: &[Size] = &[("350 ml", 5_000, "btl"), ("500 ml", 6_500, "btl"), ("1 L", 11_000, "btl"), ("Dus 24 x 350 ml", 110_000, "dus")];
    const KOPI_SACHET: &[Size] = &[("Sachet 25 g", 2_000, "sachet"), ("Renceng 10 x 25 g", 18_500, "pak"), ("Bag 20 x 25 g", 36_000, "pak")];
    const SERBUK_BUAH: &[Size] = &[("Sachet 14 g", 1_500, "sachet"), ("Renceng 10 x 14 g", 14_000, "pak")];
    const TEH_CELUP: &[Size] = &[("25 x 2 g", 8_000, "pak"), ("50 x 2 g", 14_500, "pak"), ("100 x 2 g", 27_000, "pak")];
    const SIRUP: &[Size] = &[("460 ml", 22_000, "btl")];
    const UHT: &[Size] = &[("125 ml", 3_500, "pcs"), ("200 ml", 6_000, "pcs"), ("250 ml", 7_000, "pcs"), ("1 L", 20_000, "pcs"), ("Dus 24 x 200 ml", 138_000, "dus")];
    const SKM: &[Size] = &[("Sachet 37 g", 1_800, "sachet"), ("Kaleng 370 g", 13_500, "klg"), ("Pouch 545 g", 17_500, "pcs")];
    const YOGURT: &[Size] = &[("70 ml", 3_500, "btl"), ("250 ml", 10_500, "btl"), ("4 x 70 ml", 13_500, "pak")];
    const KERIPIK: &[Size] = &[("15 g", 2_500, "pcs"), ("35 g", 6_500, "pcs"), ("68 g", 11_500, "pcs"), ("120 g", 20_500, "pcs"), ("210 g", 33_500, "pcs")];
    const KERIPIK_SINGKONG: &[Size] = &[("20 g", 2_000, "pcs"), ("60 g", 6_500, "pcs"), ("180 g", 16_000, "pcs")];
    const COKLAT: &[Size] = &[("25 g", 7_500, "pcs"), ("58 g", 17_000, "pcs"), ("140 g", 38_000, "pcs")];
    const WAFER: &[Size] = &[("17 g", 1_000, "pcs"), ("50 g", 2_500, "pcs"), ("145 g", 9_000, "pcs"), ("Pak 10 x 17 g", 9_500, "pak"), ("Kaleng 300 g", 31_000, "klg")];
    const PERMEN: &[Size] = &[("Sachet 24 g", 2_000, "sachet"), ("Pouch 135 g", 12_500, "pcs")];
    const KACANG: &[Size] = &[("70 g", 6_000, "pcs"), ("140 g", 10_500, "pcs"), ("250 g", 21_000, "pcs")];
    const BISKUIT: &[Size] = &[("Sachet 28 g", 2_500, "pcs"), ("120 g", 9_500, "pcs"), ("266 g", 19_500, "pcs"), ("Pak 12 x 28 g", 28_000, "pak")];
    const ROTI_ISI: &[Size] = &[("72 g", 6_000, "pcs")];
    const KECAP: &[Size] = &[("Botol 135 ml", 8_500, "btl"), ("Pouch 220 ml", 11_000, "pcs"), ("Pouch 520 ml", 23_500, "pcs"), ("Botol 600 ml", 27_000, "btl")];
    const SAMBAL: &[Size] = &[("Sachet 9 g x 24", 6_500, "pak"), ("135 ml", 9_500, "btl"), ("335 ml", 18_000, "btl"), ("Pouch 1 kg", 32_000, "pcs")];
    const PENYEDAP: &[Size] = &[("Renceng 12 x 8 g", 6_000, "pak"), ("100 g", 5_500, "pcs"), ("230 g", 12_000, "pcs")];
    const BUMBU_SACHET: &[Size] = &[("Sachet", 3_000, "sachet")];
    const MINYAK: &[Size] = &[("Pouch 1 L", 21_500, "pcs"), ("Pouch 2 L", 42_000, "pcs"), ("Botol 1 L", 24_500, "btl"), ("Botol 2 L", 47_500, "btl"), ("Dus 12 x 1 L", 252_000, "dus")];
    const TEPUNG: &[Size] = &[("500 g", 8_000, "pcs"), ("1 kg", 14_500, "pcs")];
    const NUGGET: &[Size] = &[("250 g", 31_000, "pcs"), ("500 g", 58_000, "pcs"), ("1 kg", 110_000, "pcs")];
    const ES_KRIM_STIK: &[Size] = &[("Stik 60 ml", 5_500, "pcs"), ("Multipack 4 x 60 ml", 20_000, "pak")];
    const SABUN_BATANG: &[Size] = &[("75 g", 4_500, "pcs"), ("110 g", 6_000, "pcs"), ("4 x 75 g", 16_500, "pak")];
    const SABUN_CAIR: &[Size] = &[("Botol 250 ml", 24_500, "btl"), ("Refill 400 ml", 25_500, "pcs"), ("Botol 500 ml", 42_000, "btl"), ("Refill 825 ml", 42_500, "pcs")];
    const PASTA_GIGI: &[Size] = &[("75 g", 6_500, "pcs"), ("120 g", 10_500, "pcs"), ("190 g", 15_500, "pcs"), ("2 x 190 g", 29_000, "pak")];
    const SHAMPO: &[Size] = &[("Sachet 10 ml", 1_000, "sachet"), ("Renceng 12 x 10 ml", 11_000, "pak"), ("70 ml", 11_000, "btl"), ("170 ml", 28_000, "btl"), ("340 ml", 49_500, "btl"), ("680 ml", 89_000, "btl")];
    const KONDISIONER: &[Size] = &[("70 ml", 12_000, "btl"), ("160 ml", 27_000, "btl"), ("320 ml", 48_000, "btl")];
    const FACIAL_FOAM: &[Size] = &[("50 ml", 17_000, "pcs"), ("100 ml", 28_500, "pcs"), ("150 ml", 39_000, "pcs")];
    const LOTION: &[Size] = &[("100 ml", 13_500, "btl"), ("185 ml", 22_000, "btl"), ("380 ml", 39_500, "btl")];
    const PEMBALUT: &[Size] = &[("Isi 8", 9_500, "pak"), ("Isi 20", 22_000, "pak"), ("Isi 36", 36_500, "pak")];
    const DETERJEN: &[Size] = &[("Sachet 44 g", 1_500, "sachet"), ("770 g", 24_000, "pcs"), ("1.4 kg", 41_500, "pcs"), ("Pouch 1.8 kg", 52_000, "pcs")];
    const CAIRAN_POUCH: &[Size] = &[("Pouch 400 ml", 9_000, "pcs"), ("Pouch 800 ml", 16_500, "pcs"), ("Pouch 1.6 L", 30_000, "pcs")];
    const CUCI_PIRING: &[Size] = &[("Pouch 210 ml", 5_500, "pcs"), ("Botol 400 ml", 13_500, "btl"), ("Pouch 755 ml", 17_500, "pcs"), ("Pouch 1.6 L", 33_000, "pcs")];
    const POPOK: &[Size] = &[("S 40", 82_000, "pak"), ("M 34", 86_000, "pak"), ("L 30", 89_000, "pak"), ("XL 26", 92_000, "pak"), ("XXL 24", 99_000, "pak")];
    const SUSU_PERTUMBUHAN: &[Size] = &[("400 g", 48_000, "pcs"), ("800 g", 92_000, "pcs")];
    const STRIP_OBAT: &[Size] = &[("Strip 4 Tablet", 3_500, "pcs"), ("Dus 25 Strip", 82_000, "dus")];
    const JAMU_SACHET: &[Size] = &[("Sachet 15 ml", 4_500, "sachet"), ("Isi 5 x 15 ml", 21_500, "pak"), ("Isi 12 x 15 ml", 50_000, "pak")];
    const ALAT_TULIS: &[Size] = &[("Isi 1", 3_000, "pcs"), ("Isi 12", 33_000, "pak")];

    /// Packaged goods at the standard PPN rate.
    pub const PACKAGED: &[Line] = &[
        // Makanan Instan
        (INSTAN, "Indomie", "Mi Goreng", &["Original", "Rendang", "Ayam Geprek", "Aceh", "Cabe Ijo", "Iga Penyet", "Rica-Rica", "Sambal Matah", "Pedas Dower", "Sate", "Cakalang", "Ayam Pop"], MIE_GORENG),
        (INSTAN, "Indomie", "Mi Kuah", &["Ayam Bawang", "Soto Mie", "Kari Ayam", "Ayam Spesial", "Kaldu Udang", "Baso Sapi", "Empal Gentong", "Soto Lamongan", "Coto Makassar", "Mi Celor", "Soto Banjar Limau Kuit", "Mie Kocok Bandung"], MIE_KUAH),
        (INSTAN, "Indomie", "Goreng Jumbo", &["Original", "Ayam Panggang", "Rendang"], &[("129 g", 4_800, "pcs"), ("5 x 129 g", 23_500, "pak"), ("Dus 24 x 129 g", 112_000, "dus")]),
        (INSTAN, "Indomie", "Kuah Jumbo", &["Ayam Bawang", "Soto Mie"], &[("110 g", 4_500, "pcs"), ("5 x 110 g", 22_000, "pak"), ("Dus 24 x 110 g", 104_000, "dus")]),
        (INSTAN, "Mie Sedaap", "Goreng", &["Original", "Ayam Pedas", "Korean Spicy Chicken", "White Curry", "Sambal Goreng", "Rendang", "Salero Padang"], MIE_SEDAAP),
        (INSTAN, "Mie Sedaap", "Kuah", &["Soto", "Kari Spesial", "Ayam Bawang", "Baso Spesial", "Kaldu Ayam", "Korean Spicy Soup", "Ayam Jerit", "Soto Padang"], MIE_KUAH),
        (INSTAN, "Mie Sedaap", "Cup", &["Baso Spesial", "Ayam Bawang", "Kari Spesial", "Goreng", "Korean Spicy"], MIE_CUP),
        (INSTAN, "Mie Sedaap", "Selection", &["Korean Spicy Chicken", "Singapore Spicy Laksa", "Japanese Miso Ramen", "Black Pepper Beef"], &[("87 g", 5_000, "pcs"), ("5 x 87 g", 24_000, "pak"), ("Dus 24 x 87 g", 115_000, "dus")]),
        (INSTAN, "Sarimi", "Isi 2", &["Goreng Ayam Kecap", "Goreng Ayam Kremes", "Kuah Soto Koya Jeruk Nipis", "Kuah Ayam Bawang", "Kuah Kaldu Ayam"], &[("115 g", 4_200, "pcs"), ("5 x 115 g", 20_500, "pak"), ("Dus 24 x 115 g", 96_000, "dus")]),
        (INSTAN, "Sarimi", "Gelas", &["Ayam Bawang", "Baso Sapi", "Soto Ayam", "Kari Ayam"], &[("30 g", 2_000, "pcs"), ("Dus 48 x 30 g", 90_000, "dus")]),
        (INSTAN, "Supermi", "", &["Ayam Bawang", "Kari Ayam", "Soto Ayam", "Sayap Ayam Pedas"], MIE_KUAH),
        (INSTAN, "Gaga", "Mi 100", &["Goreng Extra Pedas", "Goreng Ayam Lada Hitam", "Kuah Soto"], MIE_GORENG),
        (INSTAN, "Pop Mie", "", &["Ayam Bawang", "Baso", "Kari Ayam", "Goreng Spesial", "Pedas Gledeek", "Soto Ayam", "Ayam Geprek"], MIE_CUP),
        (INSTAN, "Lemonilo", "Mie Instan", &["Goreng", "Kuah Ayam Bawang", "Goreng Pedas", "Kari"], &[("70 g", 6_500, "pcs"), ("5 x 70 g", 31_000, "pak")]),
        (INSTAN, "Samyang", "Buldak Hot Chicken Ramen", &["Original", "Carbonara", "2x Spicy", "Cheese", "Quattro Cheese"], &[("140 g", 22_500, "pcs"), ("5 x 140 g", 105_000, "pak")]),
        (INSTAN, "Nissin", "Cup Noodles", &["Seafood", "Chicken", "Curry", "Spicy Tom Yum"], &[("74 g", 10_500, "pcs")]),
        (INSTAN, "Fitmee", "Mie Shirataki", &["Goreng", "Soto", "Kari"], &[("77 g", 8_500, "pcs")]),
        (INSTAN, "Super Bubur", "", &["Ayam", "Ayam Bawang", "Ayam Spesial Kuning"], &[("45 g", 4_500, "pcs"), ("Dus 24 x 45 g", 102_000, "dus")]),
        (INSTAN, "ABC", "Sarden", &["Saus Tomat", "Saus Cabai", "Saus Ekstra Pedas"], SARDEN),
        (INSTAN, "Botan", "Sarden", &["Saus Tomat", "Saus Cabai"], SARDEN),
        (INSTAN, "Maya", "Sarden", &["Saus Tomat", "Saus Cabai"], SARDEN),
        (INSTAN, "Pronas", "Kornet Sapi", &["Original", "Cabe Rawit"], &[("198 g", 31_000, "klg"), ("340 g", 49_500, "klg")]),
        (INSTAN, "Energen", "Sereal", &["Coklat", "Vanila", "Kacang Hijau", "Jahe", "Jagung"], SEREAL),
        (INSTAN, "Quaker", "Oatmeal", &["Instant", "Quick Cooking"], &[("200 g", 16_500, "pcs"), ("800 g", 52_000, "pcs")]),
        (INSTAN, "Nestle", "Koko Krunch", &["Original", "Duo"], &[("170 g", 28_000, "pcs"), ("330 g", 48_500, "pcs")]),
        // Minuman
        (MINUM, "Aqua", "Air Mineral", &[""], &[("330 ml", 3_000, "btl"), ("600 ml", 4_000, "btl"), ("750 ml", 5_500, "btl"), ("1500 ml", 7_000, "btl"), ("Dus 24 x 600 ml", 86_000, "dus"), ("Dus 12 x 1500 ml", 74_000, "dus"), ("Galon 19 L Isi Ulang", 22_000, "gln")]),
        (MINUM, "Le Minerale", "Air Mineral", &[""], AIR),
        (MINUM, "Cleo", "Air Murni", &[""], AIR),
        (MINUM, "Nestle Pure Life", "Air Mineral", &[""], AIR),
        (MINUM, "Ades", "Air Mineral", &[""], AIR),
        (MINUM, "Club", "Air Mineral", &[""], AIR),
        (MINUM, "Vit", "Air Mineral", &[""], AIR),
        (MINUM, "Prima", "Air Mineral", &[""], AIR),
        (MINUM, "Crystalline", "Air Minum", &[""], AIR),
        (MINUM, "Pristine 8.6+", "Air Minum", &[""], AIR),
        (MINUM, "Teh Pucuk Harum", "", &["", "Less Sugar", "Lemon Tea"], &[("350 ml", 4_000, "btl"), ("500 ml", 5_500, "btl"), ("Dus 24 x 350 ml", 88_000, "dus")]),
        (MINUM, "Teh Botol Sosro", "", &["Original", "Less Sugar"], &[("Kotak 250 ml", 4_000, "pcs"), ("Kotak 6 x 250 ml", 22_500, "pak"), ("Kaca 220 ml", 4_000, "btl"), ("PET 450 ml", 6_500, "btl"), ("Dus 24 x 250 ml", 88_000, "dus")]),
        (MINUM, "Fruit Tea Sosro", "", &["Apel", "Blackcurrant", "Stroberi", "Jambu", "Markisa"], &[("Kotak 200 ml", 3_500, "pcs"), ("PET 350 ml", 5_500, "btl"), ("Dus 24 x 200 ml", 78_000, "dus")]),
        (MINUM, "Frestea", "", &["Melati", "Apel", "Green Honey", "Markisa"], TEH_BOTOL),
        (MINUM, "Ichi Ocha", "", &["Original", "Honey", "Less Sugar", "Jasmine"], TEH_BOTOL),
        (MINUM, "Nu", "Green Tea", &["Original", "Honey", "Less Sugar", "Yuzu"], TEH_BOTOL),
        (MINUM, "Teh Javana", "", &["Melati", "Gula Batu"], TEH_BOTOL),
        (MINUM, "S-Tee", "", &["Teh Melati"], TEH_BOTOL),
        (MINUM, "Teh Kotak", "", &["Jasmine", "Less Sugar", "Lemon"], &[("200 ml", 3_500, "pcs"), ("300 ml", 5_000, "pcs"), ("Dus 24 x 200 ml", 78_000, "dus")]),
        (MINUM, "Coca-Cola", "", &["Original", "Zero Sugar"], SODA),
        (MINUM, "Fanta", "", &["Stroberi", "Jeruk", "Anggur", "Melon Soda"], SODA),
        (MINUM, "Sprite", "", &["Lemon-Lime", "Zero Sugar"], SODA),
        (MINUM, "Big Cola", "", &["", "Orange", "Strawberry"], &[("535 ml", 5_000, "btl"), ("1.5 L", 11_000, "btl"), ("3.1 L", 18_000, "btl")]),
        (MINUM, "A&W", "Root Beer", &["Original", "Sarsaparilla"], &[("Kaleng 330 ml", 8_000, "klg")]),
        (MINUM, "Bintang", "Zero 0.0%", &["Original", "Lemon"], &[("Kaleng 330 ml", 9_500, "klg")]),
        (MINUM, "Pocari Sweat", "", &[""], &[("350 ml", 7_500, "btl"), ("500 ml", 9_000, "btl"), ("900 ml", 13_500, "btl"), ("Kaleng 330 ml", 8_000, "klg"), ("Bubuk 13 g", 3_000, "sachet"), ("Dus 24 x 500 ml", 205_000, "dus")]),
        (MINUM, "Mizone", "", &["Lychee Lemon", "Orange Lime", "Apple Guava", "Passion Fruit", "Cranberry", "Starfruit Lemon"], &[("500 ml", 6_500, "btl"), ("Dus 24 x 500 ml", 148_000, "dus")]),
        (MINUM, "Isoplus", "", &["Original", "Jeruk"], &[("350 ml", 5_500, "btl"), ("500 ml", 7_000, "btl")]),
        (MINUM, "Hydro Coco", "Air Kelapa", &["Original", "Jeruk Nipis"], &[("250 ml", 7_500, "pcs"), ("500 ml", 12_500, "btl")]),
        (MINUM, "Floridina", "", &["Orange", "Coco Orange", "Coco Mango"], &[("360 ml", 4_000, "btl"), ("Dus 12 x 360 ml", 45_000, "dus")]),
        (MINUM, "Buavita", "", &["Jambu", "Jeruk", "Apel", "Mangga", "Leci", "Anggur"], &[("250 ml", 7_500, "pcs"), ("1 L", 24_000, "pcs")]),
        (MINUM, "Minute Maid", "Pulpy", &["Orange", "Mango"], &[("300 ml", 7_000, "btl"), ("1 L", 17_500, "btl")]),
        (MINUM, "Mogu Mogu", "", &["Lychee", "Grape", "Strawberry", "Mango", "Coconut"], &[("320 ml", 10_000, "btl")]),
        (MINUM, "Kratingdaeng", "", &[""], &[("150 ml", 7_000, "btl")]),
        (MINUM, "M-150", "", &[""], &[("150 ml", 6_500, "btl")]),
        (MINUM, "Extra Joss", "", &["Original", "Active", "Blend"], &[("Sachet 4 g", 1_500, "sachet"), ("6 x 4 g", 8_500, "pak")]),
        (MINUM, "Kuku Bima", "Ener-G", &["Anggur", "Jeruk", "Susu Soda"], &[("Sachet 6 g", 1_500, "sachet"), ("6 x 6 g", 8_500, "pak")]),
        (MINUM, "Good Day", "Kopi Instan", &["Cappuccino", "Mocacinno", "Vanilla Latte", "Coolin", "Avocado Delight", "Carrebian Nut", "Chococinno"], KOPI_SACHET),
        (MINUM, "Good Day", "Kopi Botol", &["Funtastic Mocacinno", "Cappuccino", "Coffee Latte"], &[("250 ml", 7_000, "btl")]),
        (MINUM, "Kapal Api", "Kopi Bubuk Special", &[""], &[("65 g", 7_500, "pcs"), ("165 g", 17_500, "pcs"), ("380 g", 37_000, "pcs")]),
        (MINUM, "Kapal Api", "Special Mix", &[""], KOPI_SACHET),
        (MINUM, "ABC", "Kopi Susu", &["Original", "Mocca", "Gula Aren"], KOPI_SACHET),
        (MINUM, "Luwak", "White Koffie", &["Original", "Less Sugar", "Java Latte", "Kopi Susu Gula Aren"], KOPI_SACHET),
        (MINUM, "Torabika", "", &["Cappuccino", "Creamy Latte", "Duo Susu", "Jahe Susu", "Moka"], KOPI_SACHET),
        (MINUM, "Kopiko", "", &["White Coffee", "Brown Coffee", "Cappuccino"], KOPI_SACHET),
        (MINUM, "Top Coffee", "", &["Kopi Gula", "Cappuccino", "White Coffee"], KOPI_SACHET),
        (MINUM, "Indocafe", "Coffeemix", &[""], KOPI_SACHET),
        (MINUM, "Chocolatos", "Drink", &["Coklat", "Matcha Latte"], KOPI_SACHET),
        (MINUM, "Nescafe", "Classic", &[""], &[("Sachet 2 g", 1_000, "sachet"), ("Toples 50 g", 24_000, "pcs"), ("Toples 100 g", 45_000, "pcs")]),
        (MINUM, "Nescafe", "Kopi Kaleng", &["Original", "Latte", "Mocha"], &[("Kaleng 220 ml", 8_500, "klg")]),
        (MINUM, "Golda", "Coffee", &["Dolce Latte", "Cappuccino", "Caramel"], &[("200 ml", 4_000, "btl")]),
        (MINUM, "Kopi Kenangan", "Siap Minum", &["Kopi Susu Mantan", "Kopi Aren", "Oat Latte"], &[("225 ml", 10_500, "btl")]),
        (MINUM, "Sariwangi", "Teh Celup", &["Asli", "Melati"], TEH_CELUP),
        (MINUM, "Sosro", "Teh Celup", &["Melati", "Hijau"], TEH_CELUP),
        (MINUM, "Tong Tji", "Teh Celup", &["Original", "Melati", "Lemon"], TEH_CELUP),
        (MINUM, "Lipton", "Teh Celup", &["Yellow Label", "Green Tea"], TEH_CELUP),
        (MINUM, "Nutrisari", "", &["Jeruk Peras", "Jeruk Nipis", "Mangga", "Leci", "Sweet Orange", "Jambu", "Florida Orange"], SERBUK_BUAH),
        (MINUM, "Marimas", "", &["Jeruk", "Anggur", "Melon", "Jambu", "Mangga"], &[("Sachet 8 g", 500, "sachet"), ("Renceng 10 x 8 g", 4_500, "pak")]),
        (MINUM, "Marjan", "Sirup", &["Cocopandan", "Melon", "Stroberi", "Leci", "Jeruk"], SIRUP),
        (MINUM, "ABC", "Squash Delight", &["Jeruk", "Mangga", "Lemon"], SIRUP),
        (MINUM, "Teh Gelas", "", &["Original"], &[("Cup 180 ml", 1_500, "pcs"), ("Dus 24 x 180 ml", 32_000, "dus")]),
        (MINUM, "Ale-Ale", "", &["Jeruk", "Anggur", "Stroberi"], &[("Cup 200 ml", 1_500, "pcs"), ("Dus 24 x 200 ml", 32_000, "dus")]),
        (MINUM, "Cap Kaki Tiga", "Larutan Penyegar", &["Original", "Jambu", "Leci", "Anggur", "Jeruk"], &[("Kaleng 320 ml", 7_500, "klg"), ("PET 500 ml", 8_500, "btl"), ("Dus 24 x 320 ml", 165_000, "dus")]),
        (MINUM, "Adem Sari", "Ching Ku", &["Original", "Sparkling"], &[("320 ml", 7_500, "btl")]),
        // Susu & Olahan
        (SUSU, "Ultra Milk", "", &["Full Cream", "Coklat", "Stroberi", "Moka", "Taro", "Low Fat Plain", "Low Fat Coklat", "Karamel"], UHT),
        (SUSU, "Ultra Mimi", "", &["Full Cream", "Coklat", "Stroberi", "Vanila"], &[("125 ml", 3_500, "pcs"), ("4 x 125 ml", 13_500, "pak")]),
        (SUSU, "Indomilk", "UHT", &["Full Cream", "Coklat", "Stroberi", "Kids Vanila"], &[("190 ml", 5_500, "pcs"), ("1 L", 18_500, "pcs")]),
        (SUSU, "Indomilk", "Kental Manis", &["Putih", "Coklat"], SKM),
        (SUSU, "Frisian Flag", "Kental Manis", &["Putih", "Coklat", "Gold"], SKM),
        (SUSU, "Frisian Flag", "Purefarm UHT", &["Full Cream", "Coklat", "Stroberi", "Low Fat"], &[("225 ml", 6_000, "pcs"), ("900 ml", 19_500, "pcs")]),
        (SUSU, "Milku", "", &["Coklat", "Stroberi", "Caramel"], &[("200 ml", 3_500, "pcs")]),
        (SUSU, "Bear Brand", "", &["Original", "Gold White Malt", "Gold White Tea"], &[("Kaleng 189 ml", 10_500, "klg"), ("Dus 30 x 189 ml", 300_000, "dus")]),
        (SUSU, "Dancow", "Fortigro", &["Full Cream", "Coklat", "Instant"], &[("Sachet 27 g", 2_800, "sachet"), ("400 g", 52_000, "pcs"), ("800 g", 99_000, "pcs")]),
        (SUSU, "Milo", "Activ-Go", &[""], &[("Sachet 22 g", 2_000, "sachet"), ("300 g", 43_500, "pcs"), ("UHT 180 ml", 6_500, "pcs")]),
        (SUSU, "Hilo", "Teen", &["Coklat", "Vanila Caramel"], &[("Sachet 35 g", 4_000, "sachet"), ("250 g", 38_000, "pcs")]),
        (SUSU, "Anlene", "Gold", &["Vanila", "Coklat"], &[("250 g", 52_000, "pcs"), ("600 g", 118_000, "pcs")]),
        (SUSU, "Yakult", "", &["Original", "Light"], &[("5 x 65 ml", 11_500, "pak")]),
        (SUSU, "Cimory", "Yogurt Drink", &["Blueberry", "Strawberry", "Mango", "Plain", "Lychee", "Original"], YOGURT),
        (SUSU, "Biokul", "Yogurt Drink", &["Strawberry", "Blueberry", "Plain"], YOGURT),
        (SUSU, "Cimory", "Susu UHT", &["Fresh Milk", "Chocolate", "Almond", "Cashew", "Macadamia"], &[("250 ml", 8_500, "pcs")]),
        (SUSU, "Greenfields", "UHT", &["Full Cream", "Choco Malt", "Strawberry", "Low Fat"], &[("200 ml", 7_000, "pcs"), ("1 L", 24_500, "pcs")]),
        (SUSU, "Oatside", "", &["Barista Blend", "Chocolate"], &[("200 ml", 9_500, "pcs"), ("1 L", 35_000, "pcs")]),
        (SUSU, "Heavenly Blush", "Yoghurt", &["Strawberry", "Peach", "Blueberry", "Plain"], &[("Greek 100 g", 9_500, "pcs"), ("Drink 200 ml", 12_000, "btl")]),
        (SUSU, "Kraft", "Keju Cheddar", &[""], &[("165 g", 23_000, "pcs"), ("Singles 10 x 17 g", 27_500, "pak")]),
        (SUSU, "Prochiz", "Keju", &["Gold", "Spready", "Slice"], &[("160 g", 18_500, "pcs")]),
        // Makanan Ringan
        (SNACK, "Chitato", "", &["Sapi Panggang", "Ayam Bumbu", "Keju Supreme", "Rumput Laut", "Sapi Bumbu Bakar", "Indomie Goreng", "Sapi Lada Hitam", "Ayam Geprek"], KERIPIK),
        (SNACK, "Chitato Lite", "", &["Salmon Teriyaki", "Sour Cream", "Seaweed"], &[("68 g", 11_500, "pcs")]),
        (SNACK, "Lay's", "", &["Classic", "Rumput Laut Nori", "Honey Butter", "Sour Cream"], KERIPIK),
        (SNACK, "Potabee", "", &["Grilled Seaweed", "BBQ Beef", "Ayam Geprek"], KERIPIK),
        (SNACK, "Piattos", "", &["Sapi Panggang", "Keju", "Rumput Laut"], KERIPIK),
        (SNACK, "Maxicorn", "", &["Jagung Bakar", "Keju", "Roasted Corn", "Sapi Panggang"], KERIPIK),
        (SNACK, "Happytos", "Tortilla Chips", &["Merah", "Hijau"], KERIPIK),
        (SNACK, "Qtela", "Keripik Singkong", &["Original", "Balado", "Barbeque", "Pedas Manis"], KERIPIK_SINGKONG),
        (SNACK, "Qtela", "Keripik Tempe", &["Original", "Cabe Rawit"], &[("55 g", 6_500, "pcs")]),
        (SNACK, "Kusuka", "Keripik Singkong", &["Balado", "Barbeque", "Original", "Ayam Bawang", "Keju", "Rumput Laut"], KERIPIK_SINGKONG),
        (SNACK, "Taro", "Net", &["Seaweed", "Barbeque", "Potato BBQ", "Spicy Chicken"], &[("36 g", 5_000, "pcs"), ("70 g", 9_500, "pcs"), ("160 g", 19_500, "pcs")]),
        (SNACK, "Cheetos", "", &["Jagung Bakar", "Keju", "Ayam Goreng"], &[("30 g", 5_500, "pcs"), ("68 g", 10_500, "pcs")]),
        (SNACK, "Chiki Balls", "", &["Keju", "Coklat", "Ayam"], &[("16 g", 2_000, "pcs"), ("55 g", 7_000, "pcs")]),
        (SNACK, "Momogi", "", &["Jagung Bakar", "Coklat", "Keju"], &[("10 g", 1_000, "pcs"), ("Pak 20 x 10 g", 18_000, "pak")]),
        (SNACK, "Twistko", "", &["Jagung Bakar", "Keju"], &[("70 g", 8_000, "pcs")]),
        (SNACK, "Pringles", "", &["Original", "Sour Cream & Onion", "Cheesy Cheese", "Hot & Spicy"], &[("42 g", 12_500, "pcs"), ("107 g", 25_500, "pcs")]),
        (SNACK, "Garuda", "Kacang", &["Kulit", "Atom", "Rosta", "Telur"], KACANG),
        (SNACK, "Dua Kelinci", "", &["Kacang Sukro Original", "Kacang Koro", "Kacang Atom Pedas", "Tic Tac Sapi Panggang"], KACANG),
        (SNACK, "Beng-Beng", "", &["Original", "Max"], &[("20 g", 2_500, "pcs"), ("10 x 20 g", 23_500, "pak")]),
        (SNACK, "SilverQueen", "", &["Cashew", "Almond", "Fruit & Nut", "Dark Chocolate", "Green Tea"], COKLAT),
        (SNACK, "Cadbury", "Dairy Milk", &["Original", "Fruit & Nut", "Roast Almond", "Hazelnut"], COKLAT),
        (SNACK, "Delfi", "Top", &["Coklat", "Strawberry", "Triple Choco"], &[("Wafer 16 g", 2_000, "pcs"), ("10 x 16 g", 18_500, "pak")]),
        (SNACK, "Choki-Choki", "", &["Coklat", "Coklat Kacang"], &[("11 g", 1_000, "pcs"), ("Pak 10 x 11 g", 9_500, "pak")]),
        (SNACK, "Pocky", "", &["Chocolate", "Strawberry", "Cookies & Cream", "Matcha"], &[("22 g", 5_000, "pcs"), ("47 g", 10_500, "pcs")]),
        (SNACK, "Tango", "Wafer", &["Coklat", "Vanilla Milk", "Keju", "Strawberry", "Tiramisu", "Choco Hazelnut"], WAFER),
        (SNACK, "Nabati", "Wafer", &["Keju", "Coklat", "Strawberry", "Vanila", "Richoco"], WAFER),
        (SNACK, "Richeese", "Ahh", &["Keju", "Keju Jagung"], &[("16 g", 2_000, "pcs"), ("55 g", 8_000, "pcs")]),
        (SNACK, "Richeese", "Siip", &["Keju", "Jagung Bakar", "Ayam Bawang"], &[("50 g", 5_000, "pcs")]),
        (SNACK, "Nextar", "", &["Brownies", "Nanas", "Stroberi"], &[("42 g", 2_500, "pcs"), ("8 x 42 g", 19_000, "pak")]),
        (SNACK, "Kopiko", "Permen Kopi", &["Original", "Cappuccino"], PERMEN),
        (SNACK, "Relaxa", "Permen", &["Mint", "Lemon", "Barley Mint"], PERMEN),
        (SNACK, "Mentos", "", &["Mint", "Fruit", "Grape", "Strawberry"], &[("Roll 37 g", 4_000, "pcs"), ("Pouch 135 g", 18_000, "pcs")]),
        (SNACK, "Yupi", "Gummy", &["Bears", "Strawberry Kiss", "Burger", "Sour Worms"], &[("45 g", 6_000, "pcs"), ("120 g", 14_000, "pcs")]),
        (SNACK, "Fox's", "Crystal Clear", &["Fruits", "Mint", "Berries"], &[("Pouch 125 g", 13_500, "pcs"), ("Kaleng 180 g", 28_000, "klg")]),
        (SNACK, "Milkita", "Permen Susu", &["Melon", "Stroberi", "Coklat"], &[("Isi 30", 11_000, "pak")]),
        (SNACK, "Alpenliebe", "Lollipop", &["Karamel", "Stroberi"], &[("Pak 10 pcs", 9_500, "pak")]),
        (SNACK, "Hexos", "Permen", &["Mint", "Lemon"], &[("Roll 20 g", 3_000, "pcs")]),
        (SNACK, "Kinder", "Joy", &["Boy", "Girl"], &[("20 g", 15_000, "pcs")]),
        // Roti & Kue
        (ROTI, "Sari Roti", "Roti Tawar", &["Spesial", "Kupas", "Gandum", "Jumbo"], &[("200 g", 10_500, "pcs"), ("370 g", 18_000, "pcs")]),
        (ROTI, "Sari Roti", "Sandwich", &["Coklat", "Blueberry", "Srikaya", "Keju", "Kacang"], &[("54 g", 6_000, "pcs")]),
        (ROTI, "Sari Roti", "Roti Sobek", &["Coklat", "Coklat Keju", "Srikaya", "Kacang"], &[("210 g", 17_500, "pcs")]),
        (ROTI, "Sari Roti", "Roti Isi", &["Coklat", "Keju", "Srikaya", "Coklat Kacang", "Krim Keju"], ROTI_ISI),
        (ROTI, "Sari Roti", "Dorayaki", &["Coklat", "Kacang Merah", "Keju"], ROTI_ISI),
        (ROTI, "Aoka", "Roti", &["Coklat", "Keju", "Pandan", "Durian", "Stroberi", "Blueberry"], &[("60 g", 2_500, "pcs"), ("Pak 5 x 60 g", 12_000, "pak")]),
        (ROTI, "Roma", "Malkist", &["Crackers", "Abon", "Coklat", "Keju"], &[("105 g", 7_000, "pcs"), ("250 g", 15_000, "pcs")]),
        (ROTI, "Roma", "Biskuit Kelapa", &[""], &[("300 g", 11_500, "pcs")]),
        (ROTI, "Roma", "Sari Gandum", &["Susu Coklat", "Coklat", "Kacang"], &[("115 g", 8_000, "pcs")]),
        (ROTI, "Regal", "Marie", &[""], &[("120 g", 9_500, "pcs"), ("230 g", 17_000, "pcs")]),
        (ROTI, "Oreo", "", &["Original", "Chocolate Cream", "Strawberry Cream", "Blackforest", "Red Velvet", "Ice Cream Blueberry"], BISKUIT),
        (ROTI, "Better", "Biskuit Sandwich", &["Original", "Coklat"], &[("100 g", 8_500, "pcs"), ("10 x 36 g", 24_000, "pak")]),
        (ROTI, "Biskuat", "", &["Original", "Coklat", "Bolu Pisang"], BISKUIT),
        (ROTI, "Good Time", "Cookies", &["Chocochips", "Double Choc", "Rainbow Chocochips", "Coffee"], &[("Sachet 16 g", 2_000, "pcs"), ("72 g", 8_500, "pcs")]),
        (ROTI, "Nissin", "Wafers", &["Coklat", "Lemon", "Strawberry"], &[("100 g", 8_000, "pcs")]),
        (ROTI, "Khong Guan", "Biskuit", &["Assorted Red", "Assorted Fancy"], &[("Kaleng 650 g", 46_000, "klg"), ("Kaleng 1600 g", 98_000, "klg")]),
        (ROTI, "Monde", "Butter Cookies", &[""], &[("Kaleng 454 g", 78_000, "klg")]),
        (ROTI, "Nutella", "Selai Hazelnut", &[""], &[("200 g", 45_000, "pcs"), ("350 g", 72_000, "pcs")]),
        (ROTI, "Morin", "Selai", &["Stroberi", "Nanas", "Srikaya", "Blueberry"], &[("Sachet 20 g", 3_000, "sachet"), ("170 g", 24_000, "pcs")]),
        (ROTI, "Ceres", "Meses", &["Classic Coklat", "Hagelslag Milk", "Rainbow"], &[("90 g", 10_500, "pcs"), ("225 g", 21_500, "pcs")]),
        // Bumbu Dapur
        (BUMBU, "ABC", "Kecap Manis", &[""], KECAP),
        (BUMBU, "Bango", "Kecap Manis", &["Original", "Pedas"], KECAP),
        (BUMBU, "Sedaap", "Kecap Manis", &[""], KECAP),
        (BUMBU, "Indofood", "Kecap Manis", &[""], KECAP),
        (BUMBU, "ABC", "Kecap Asin", &[""], &[("Botol 133 ml", 7_500, "btl")]),
        (BUMBU, "ABC", "Sambal", &["Asli", "Extra Pedas", "Terasi"], SAMBAL),
        (BUMBU, "Indofood", "Sambal", &["Pedas", "Ekstra Pedas", "Bawang"], SAMBAL),
        (BUMBU, "Del Monte", "", &["Saus Tomat", "Saus Sambal Extra Hot"], SAMBAL),
        (BUMBU, "Saori", "Saus", &["Tiram", "Teriyaki", "Lada Hitam", "Asam Manis"], &[("Sachet 23 ml", 2_500, "sachet"), ("133 ml", 12_000, "btl")]),
        (BUMBU, "Kewpie", "Mayonnaise", &["Original", "Pedas"], &[("100 g", 11_000, "pcs"), ("300 g", 28_500, "pcs")]),
        (BUMBU, "Sasa", "MSG", &[""], &[("Sachet 10 g", 1_000, "sachet"), ("100 g", 5_000, "pcs"), ("250 g", 11_500, "pcs")]),
        (BUMBU, "Ajinomoto", "", &[""], &[("Sachet 10 g", 1_000, "sachet"), ("100 g", 5_500, "pcs"), ("250 g", 12_500, "pcs")]),
        (BUMBU, "Royco", "Bumbu Pelezat", &["Ayam", "Sapi"], PENYEDAP),
        (BUMBU, "Masako", "", &["Ayam", "Sapi"], PENYEDAP),
        (BUMBU, "Totole", "Kaldu Jamur", &[""], &[("100 g", 14_000, "pcs")]),
        (BUMBU, "Indofood", "Bumbu Racik", &["Nasi Goreng", "Ayam Goreng", "Tempe Goreng", "Ikan Goreng", "Sayur Sop", "Sayur Asem", "Soto Ayam"], &[("Sachet 20 g", 2_500, "sachet")]),
        (BUMBU, "Bamboe", "Bumbu Instan", &["Rendang", "Opor", "Soto", "Kari", "Rawon", "Gulai", "Nasi Kuning"], &[("Sachet 36 g", 6_500, "sachet")]),
        (BUMBU, "Kara", "Santan", &[""], &[("65 ml", 4_000, "pcs"), ("200 ml", 10_500, "pcs")]),
        (BUMBU, "Sasa", "Santan", &[""], &[("65 ml", 3_800, "pcs"), ("200 ml", 10_000, "pcs")]),
        (BUMBU, "Ladaku", "Merica Bubuk", &[""], &[("Sachet 4 g", 1_000, "sachet"), ("Botol 40 g", 8_500, "btl")]),
        (BUMBU, "Desaku", "", &["Kunyit Bubuk", "Ketumbar Bubuk", "Jahe Bubuk"], &[("Sachet 8 g", 1_500, "sachet")]),
        (BUMBU, "Bimoli", "Minyak Goreng", &["Klasik", "Spesial"], MINYAK),
        (BUMBU, "Sania", "Minyak Goreng", &[""], MINYAK),
        (BUMBU, "Filma", "Minyak Goreng", &[""], MINYAK),
        (BUMBU, "Tropical", "Minyak Goreng", &[""], MINYAK),
        (BUMBU, "Fortune", "Minyak Goreng", &[""], MINYAK),
        (BUMBU, "Sunco", "Minyak Goreng", &[""], MINYAK),
        (BUMBU, "Kunci Mas", "Minyak Goreng", &[""], MINYAK),
        (BUMBU, "MinyaKita", "Minyak Goreng", &[""], &[("Pouch 1 L", 15_700, "pcs")]),
        (BUMBU, "Blue Band", "Margarin", &["Serbaguna", "Cake & Cookie"], &[("Sachet 200 g", 9_500, "sachet"), ("Kaleng 1 kg", 58_000, "klg")]),
        (BUMBU, "Sajiku", "Tepung Bumbu", &["Serbaguna", "Ekstra Pedas", "Ayam Goreng"], &[("80 g", 3_500, "pcs"), ("220 g", 8_500, "pcs")]),
        (BUMBU, "Kobe", "Tepung", &["Bumbu Serbaguna", "Kentucky Super Crispy", "Tempe Goreng"], &[("75 g", 3_500, "pcs"), ("210 g", 8_500, "pcs")]),
        (BUMBU, "Indofood", "Bumbu Spesial", &["Nasi Goreng Pedas", "Rendang", "Opor Ayam", "Gulai"], BUMBU_SACHET),
        // Sembako (processed staples carry normal PPN; exempt staples are in EXEMPT)
        (SEMBAKO, "Segitiga Biru", "Tepung Terigu", &[""], TEPUNG),
        (SEMBAKO, "Cakra Kembar", "Tepung Terigu", &[""], TEPUNG),
        (SEMBAKO, "Kunci Biru", "Tepung Terigu", &[""], TEPUNG),
        (SEMBAKO, "Rose Brand", "Tepung", &["Beras", "Ketan Putih", "Tapioka"], &[("500 g", 9_500, "pcs")]),
        (SEMBAKO, "Maizenaku", "Tepung Maizena", &[""], &[("150 g", 6_000, "pcs"), ("300 g", 11_000, "pcs")]),
        (SEMBAKO, "Cap 3 Ayam", "Mie Telor", &[""], &[("200 g", 7_500, "pcs")]),
        (SEMBAKO, "Bihunku", "Bihun Jagung", &[""], &[("175 g", 6_500, "pcs")]),
        (SEMBAKO, "La Fonte", "", &["Spaghetti", "Fettuccine", "Makaroni"], &[("225 g", 9_000, "pcs"), ("450 g", 17_000, "pcs")]),
        // Frozen Food
        (BEKU, "Fiesta", "Chicken Nugget", &["Original", "Spicy", "Stikie", "Cheese"], NUGGET),
        (BEKU, "Fiesta", "", &["Chicken Karaage", "Spicy Wing", "Crispy Chicken Strips", "Chicken Popcorn"], &[("500 g", 62_000, "pcs")]),
        (BEKU, "So Good", "Chicken Nugget", &["Original", "Dino", "Alphabet", "Spicy", "Crispy"], NUGGET),
        (BEKU, "So Good", "Sosis Ayam", &["Original", "Bakar"], &[("375 g", 34_000, "pcs")]),
        (BEKU, "Champ", "", &["Chicken Nugget", "Sosis Ayam", "Chicken Stick", "Bakso Ayam"], NUGGET),
        (BEKU, "Kanzler", "Sosis", &["Frankfurter", "Cocktail", "Bratwurst", "Cheese"], &[("360 g", 46_000, "pcs")]),
        (BEKU, "Kanzler", "Singles", &["Original", "Hot", "Cheese", "Beef Bites"], &[("65 g", 10_500, "pcs")]),
        (BEKU, "Kimbo", "", &["Sosis Sapi Bakar", "Sosis Ayam", "Bakso Sapi"], &[("500 g", 38_000, "pcs")]),
        (BEKU, "Belfoods", "Bakso Sapi", &["Favorite", "Uenaak"], &[("250 g", 24_500, "pcs"), ("500 g", 46_000, "pcs")]),
        (BEKU, "Cedea", "", &["Chikuwa", "Fish Dumpling Keju", "Crab Stick", "Salmon Ball"], &[("250 g", 26_000, "pcs")]),
        (BEKU, "Golden Farm", "Kentang Goreng", &["Shoestring", "Crinkle Cut"], &[("500 g", 28_000, "pcs"), ("1 kg", 52_000, "pcs")]),
        (BEKU, "Wall's", "Magnum", &["Classic", "Almond", "Truffle", "Red Velvet"], &[("80 ml", 17_500, "pcs")]),
        (BEKU, "Wall's", "Cornetto", &["Classic Vanilla", "Black Forest", "Oreo"], &[("110 ml", 11_000, "pcs")]),
        (BEKU, "Wall's", "Paddle Pop", &["Rainbow Shots", "Choco Magma", "Trico"], ES_KRIM_STIK),
        (BEKU, "Wall's", "Es Krim", &["Neapolitana", "Vanila", "Coklat"], &[("Kotak 700 ml", 42_000, "pcs"), ("Kotak 1.5 L", 75_000, "pcs")]),
        (BEKU, "Aice", "", &["Mochi Vanilla", "Semangka", "Milk Melon", "Sundae Cone", "Chocolate Crispy"], ES_KRIM_STIK),
        (BEKU, "Campina", "Es Krim", &["Vanila", "Coklat", "Stroberi"], &[("Cup 100 ml", 8_000, "pcs"), ("Kotak 700 ml", 38_000, "pcs")]),
        // Perawatan Tubuh
        (TUBUH, "Lifebuoy", "Sabun Batang", &["Total 10", "Lemon Fresh", "Mild Care", "Cool Fresh"], SABUN_BATANG),
        (TUBUH, "Lux", "Sabun Batang", &["Soft Rose", "Magical Orchid", "Velvet Jasmine"], SABUN_BATANG),
        (TUBUH, "Giv", "Sabun Batang", &["Bengkoang", "Pepaya", "Susu Kambing"], SABUN_BATANG),
        (TUBUH, "Nuvo", "Sabun Batang", &["Merah", "Hijau", "Biru"], SABUN_BATANG),
        (TUBUH, "Dettol", "Sabun Batang", &["Original", "Cool", "Sensitive"], SABUN_BATANG),
        (TUBUH, "Shinzui", "Sabun Batang", &["Matsu", "Kirei", "Hana"], SABUN_BATANG),
        (TUBUH, "Lifebuoy", "Body Wash", &["Total 10", "Mild Care", "Lemon Fresh", "Cool Fresh", "Matcha & Aloe Vera"], SABUN_CAIR),
        (TUBUH, "Lux", "Body Wash", &["Soft Rose", "Magical Orchid", "Velvet Jasmine"], SABUN_CAIR),
        (TUBUH, "Biore", "Body Foam", &["Pure Mild", "Bright", "Lively Refresh", "Guard", "Relaxing Aromatic"], SABUN_CAIR),
        (TUBUH, "Dettol", "Body Wash", &["Original", "Cool", "Sensitive"], SABUN_CAIR),
        (TUBUH, "Biore", "Men's Facial Foam", &["Cool Oil Clear", "Double Scrub", "Acne Fighter"], FACIAL_FOAM),
        (TUBUH, "Wardah", "Facial Wash", &["Perfect Bright", "Acnederm", "Nature Daily Seaweed", "Hydra Rose"], FACIAL_FOAM),
        (TUBUH, "Pond's", "Facial Foam", &["Bright Beauty", "Age Miracle", "Pure Bright"], FACIAL_FOAM),
        (TUBUH, "Garnier", "Facial Foam", &["Sakura Glow", "Light Complete"], FACIAL_FOAM),
        (TUBUH, "Nivea", "Men Facial Foam", &["Acne Oil Clear", "Extra White"], FACIAL_FOAM),
        (TUBUH, "Pepsodent", "Pasta Gigi", &["Pencegah Gigi Berlubang", "Herbal", "Whitening", "Action 123", "Sensitive Expert"], PASTA_GIGI),
        (TUBUH, "Ciptadent", "Pasta Gigi", &["Fresh Mint", "Cool Mint", "Herbal"], PASTA_GIGI),
        (TUBUH, "Close Up", "Pasta Gigi", &["Red Hot", "Menthol Fresh", "White Attraction"], PASTA_GIGI),
        (TUBUH, "Formula", "Pasta Gigi", &["Anti Plak", "Strong Teeth"], PASTA_GIGI),
        (TUBUH, "Kodomo", "Pasta Gigi Anak", &["Stroberi", "Jeruk", "Anggur"], &[("45 g", 9_500, "pcs")]),
        (TUBUH, "Formula", "Sikat Gigi", &["Soft", "Medium"], &[("Isi 1", 6_500, "pcs"), ("Isi 3", 16_000, "pak")]),
        (TUBUH, "Pepsodent", "Sikat Gigi", &["Soft", "Medium", "Anak"], &[("Isi 1", 7_000, "pcs"), ("Isi 3", 17_500, "pak")]),
        (TUBUH, "Listerine", "Obat Kumur", &["Cool Mint", "Total Care", "Green Tea"], &[("80 ml", 10_500, "btl"), ("250 ml", 27_500, "btl"), ("500 ml", 49_000, "btl")]),
        (TUBUH, "Sunsilk", "Shampo", &["Black Shine", "Soft & Smooth", "Hijab Refresh", "Anti Ketombe", "Hair Fall Solution", "Clean & Fresh"], SHAMPO),
        (TUBUH, "Clear", "Shampo", &["Ice Cool Menthol", "Complete Soft Care", "Men Cool Sport", "Anti Hair Fall", "Men Super Fresh Apple"], SHAMPO),
        (TUBUH, "Pantene", "Shampo", &["Total Damage Care", "Anti Lepek", "Hair Fall Control", "Anti Ketombe", "Micellar Detox"], SHAMPO),
        (TUBUH, "Dove", "Shampo", &["Nourishing Oil Care", "Hair Fall Rescue", "Anti Dandruff", "Daily Shine"], SHAMPO),
        (TUBUH, "Head & Shoulders", "Shampo", &["Cool Menthol", "Smooth & Silky", "Lemon Fresh", "Anti Hair Fall"], SHAMPO),
        (TUBUH, "Lifebuoy", "Shampo", &["Kuat & Berkilau", "Anti Ketombe", "Hijab Fresh"], SHAMPO),
        (TUBUH, "Emeron", "Shampo", &["Black & Shine", "Lovely Long", "Anti Dandruff"], SHAMPO),
        (TUBUH, "Zinc", "Shampo", &["Black Shine", "Clean & Cool", "Hijab Series"], SHAMPO),
        (TUBUH, "Rejoice", "Shampo", &["Rich Soft Smooth", "Anti Frizz", "3 in 1"], SHAMPO),
        (TUBUH, "Sunsilk", "Conditioner", &["Black Shine", "Soft & Smooth", "Hair Fall Solution"], KONDISIONER),
        (TUBUH, "Pantene", "Conditioner", &["Total Damage Care", "Hair Fall Control"], KONDISIONER),
        (TUBUH, "Dove", "Conditioner", &["Nourishing Oil Care", "Hair Fall Rescue"], KONDISIONER),
        (TUBUH, "Rexona", "Deodoran Roll On", &["Men Ice Cool", "Women Free Spirit", "Women Shower Clean"], &[("45 ml", 18_500, "btl")]),
        (TUBUH, "Marina", "Hand Body Lotion", &["UV White", "Natural", "Smooth & Glow"], LOTION),
        (TUBUH, "Citra", "Hand Body Lotion", &["Sakura Fair", "Pearly White", "Bengkoang"], LOTION),
        (TUBUH, "Vaseline", "Lotion", &["Healthy Bright", "Aloe Soothe"], LOTION),
        (TUBUH, "Gatsby", "", &["Styling Pomade", "Water Gloss Hard", "Hair Gel"], &[("30 g", 9_500, "pcs"), ("75 g", 19_000, "pcs")]),
        (TUBUH, "Softex", "Pembalut", &["Daun Sirih 29 cm", "Comfort Slim 23 cm", "Maxi Wing 23 cm", "Night Wing 35 cm"], PEMBALUT),
        (TUBUH, "Charm", "Pembalut", &["Extra Maxi Wing 23 cm", "Safe Night Wing 29 cm", "Body Fit Wing 23 cm"], PEMBALUT),
        (TUBUH, "Laurier", "Pembalut", &["Active Day 22 cm", "Relax Night 30 cm"], PEMBALUT),
        (TUBUH, "Gillette", "Pisau Cukur", &["Goal II", "Blue 3"], &[("Isi 1", 6_000, "pcs"), ("Isi 4", 21_500, "pak")]),
        // Kebersihan Rumah
        (RUMAH, "Rinso", "Deterjen Bubuk", &["Anti Noda", "Molto Rose Fresh", "Molto Purple Blossom", "Matic Front Load"], DETERJEN),
        (RUMAH, "So Klin", "Deterjen Bubuk", &["Softergent", "Biomatic", "Rapika", "Sakura"], DETERJEN),
        (RUMAH, "Attack", "Deterjen Bubuk", &["Jaz1", "Easy", "Color"], DETERJEN),
        (RUMAH, "Daia", "Deterjen Bubuk", &["Putih Bersih", "Bunga", "Lemon"], DETERJEN),
        (RUMAH, "Boom", "Deterjen Bubuk", &["Jeruk Nipis", "Bunga"], DETERJEN),
        (RUMAH, "Rinso", "Deterjen Cair", &["Anti Noda", "Molto"], CAIRAN_POUCH),
        (RUMAH, "So Klin", "Liquid", &["Anti Bakteri", "Softergent"], CAIRAN_POUCH),
        (RUMAH, "So Klin", "Pewangi", &["Royal Gold", "Lavender", "Sakura"], CAIRAN_POUCH),
        (RUMAH, "Molto", "Pewangi", &["Ultra Sekali Bilas Pink", "Ultra Sekali Bilas Biru", "Floral Bliss", "Royal Gold"], CAIRAN_POUCH),
        (RUMAH, "Downy", "Pewangi", &["Sunrise Fresh", "Mystique", "Antibacterial"], CAIRAN_POUCH),
        (RUMAH, "Kispray", "Pelicin Pakaian", &["Amoris", "Glamour", "Violet"], CAIRAN_POUCH),
        (RUMAH, "So Klin", "Pembersih Lantai", &["Sereh", "Jeruk Lemon", "Apel"], CAIRAN_POUCH),
        (RUMAH, "Super Pell", "Pembersih Lantai", &["Lemon Ginger", "Fresh Apple", "Cherry Berry", "Lavender", "Orange Lime"], CAIRAN_POUCH),
        (RUMAH, "Wipol", "Karbol", &["Cemara", "Lemon", "Lavender"], CAIRAN_POUCH),
        (RUMAH, "Sunlight", "Sabun Cuci Piring", &["Jeruk Nipis", "Lime Hygiene", "Extra Pewangi", "Anti Bau"], CUCI_PIRING),
        (RUMAH, "Mama Lemon", "Sabun Cuci Piring", &["Jeruk Nipis", "Anti Bau Amis"], CUCI_PIRING),
        (RUMAH, "Cling", "Pembersih Kaca", &["Biru"], &[("Pouch 425 ml", 9_500, "pcs"), ("Spray 440 ml", 17_500, "btl")]),
        (RUMAH, "Vixal", "Pembersih Porselen", &["Merah", "Biru"], &[("470 ml", 14_500, "btl"), ("780 ml", 21_000, "btl")]),
        (RUMAH, "Harpic", "Pembersih Kloset", &["Fresh Pine", "Lemon"], &[("450 ml", 19_500, "btl")]),
        (RUMAH, "Bayclin", "Pemutih", &["Reguler", "Lemon"], &[("200 ml", 5_000, "btl"), ("1 L", 17_500, "btl")]),
        (RUMAH, "Baygon", "Aerosol", &["Fresh Blossom", "Citrus", "Lavender"], &[("200 ml", 27_000, "klg"), ("600 ml", 52_000, "klg")]),
        (RUMAH, "Baygon", "Obat Nyamuk Bakar", &["Lavender", "Jeruk"], &[("Isi 10", 7_000, "pak")]),
        (RUMAH, "HIT", "Aerosol", &["Jeruk", "Apel"], &[("200 ml", 21_000, "klg"), ("600 ml", 42_000, "klg")]),
        (RUMAH, "Vape", "Mat Elektrik", &["Fresh", "Lavender"], &[("Isi 30", 15_000, "pak")]),
        (RUMAH, "Stella", "Pengharum Ruangan", &["Lemon", "Jasmine", "Apple", "Orange"], &[("Aerosol 400 ml", 28_000, "klg"), ("Matic Refill 225 ml", 32_000, "pcs"), ("Gel 70 g", 10_000, "pcs")]),
        (RUMAH, "Scotch-Brite", "Spons Cuci Piring", &["Hijau Kuning", "Anti Gores"], &[("Isi 1", 5_000, "pcs"), ("Isi 3", 13_500, "pak")]),
        (RUMAH, "Paseo", "Tisu Wajah", &["Smart", "Elegance"], &[("Isi 50 Lembar", 5_500, "pak"), ("Isi 250 Lembar", 17_500, "pak")]),
        (RUMAH, "Paseo", "Tisu Toilet", &[""], &[("4 Rol", 22_000, "pak"), ("10 Rol", 50_000, "pak")]),
        (RUMAH, "Nice", "Tisu Wajah", &["Reguler", "Soft"], &[("Isi 180 Lembar", 11_500, "pak"), ("2 x 180 Lembar", 21_000, "pak")]),
        (RUMAH, "Tessa", "Tisu Toilet", &[""], &[("4 Rol", 18_500, "pak")]),
        // Kebutuhan Bayi
        (BAYI, "Mamy Poko", "Pants", &["Extra Dry", "Royal Soft", "Standar"], POPOK),
        (BAYI, "Sweety", "Pants", &["Silver", "Gold", "Bronze"], POPOK),
        (BAYI, "Merries", "Pants", &["Good Skin"], POPOK),
        (BAYI, "Goon", "Smile Pants", &[""], POPOK),
        (BAYI, "SGM", "Eksplor 1+", &["Madu", "Vanila", "Original"], SUSU_PERTUMBUHAN),
        (BAYI, "Bebelac", "3", &["Madu", "Vanila"], SUSU_PERTUMBUHAN),
        (BAYI, "Dancow", "1+", &["Madu", "Vanila", "Coklat"], SUSU_PERTUMBUHAN),
        (BAYI, "Lactogrow", "3", &["Madu", "Vanila"], SUSU_PERTUMBUHAN),
        (BAYI, "Zwitsal", "Baby", &["Bath Milk & Honey", "Shampoo Aloe Vera", "Hair Lotion"], &[("100 ml", 14_000, "btl"), ("300 ml", 33_000, "btl")]),
        (BAYI, "Zwitsal", "Baby Powder", &["Classic", "Fresh Floral"], &[("100 g", 10_500, "pcs"), ("300 g", 27_000, "pcs")]),
        (BAYI, "My Baby", "Minyak Telon Plus", &[""], &[("60 ml", 19_500, "btl"), ("90 ml", 26_500, "btl"), ("150 ml", 41_000, "btl")]),
        (BAYI, "Cussons Baby", "", &["Shampoo Mild & Gentle", "Bath Soft & Smooth"], &[("100 ml", 12_500, "btl"), ("200 ml", 22_000, "btl")]),
        (BAYI, "SUN", "Bubur Bayi", &["Beras Merah", "Kacang Hijau", "Pisang", "Ayam Bawang"], &[("Sachet 20 g", 2_500, "sachet"), ("120 g", 10_500, "pcs")]),
        (BAYI, "Cerelac", "Bubur Bayi", &["Beras Merah", "Pisang", "Kacang Hijau"], &[("120 g", 20_500, "pcs")]),
        (BAYI, "Sweety", "Tisu Basah", &["Fresh", "Non Parfum"], &[("Isi 50", 12_500, "pak")]),
        (BAYI, "Mitu", "Tisu Basah", &["Pink", "Biru"], &[("Isi 50", 11_500, "pak")]),
        // Kesehatan
        (SEHAT, "Bodrex", "", &["Tablet", "Extra", "Flu & Batuk"], STRIP_OBAT),
        (SEHAT, "Paramex", "", &["Sakit Kepala", "Flu & Batuk"], STRIP_OBAT),
        (SEHAT, "Mixagrip", "", &["Flu", "Flu & Batuk"], STRIP_OBAT),
        (SEHAT, "Neozep", "Forte", &[""], STRIP_OBAT),
        (SEHAT, "Decolgen", "", &["Tablet"], STRIP_OBAT),
        (SEHAT, "Panadol", "", &["Biru", "Extra", "Cold & Flu"], &[("Strip 10 Kaplet", 13_000, "pcs")]),
        (SEHAT, "Promag", "", &["Tablet"], &[("Strip 12 Tablet", 9_500, "pcs")]),
        (SEHAT, "Tolak Angin", "Cair", &["Original", "Flu", "Anak"], JAMU_SACHET),
        (SEHAT, "Antangin", "JRG", &["Original", "Mint"], JAMU_SACHET),
        (SEHAT, "Komix", "Herbal", &["Jahe", "Jeruk Nipis"], &[("Sachet 7 ml", 2_000, "sachet"), ("Isi 6 x 7 ml", 11_500, "pak")]),
        (SEHAT, "OBH Combi", "Batuk", &["Plus", "Anak Madu"], &[("60 ml", 16_500, "btl"), ("100 ml", 23_000, "btl")]),
        (SEHAT, "Cap Lang", "Minyak Kayu Putih", &[""], &[("30 ml", 14_500, "btl"), ("60 ml", 26_000, "btl"), ("120 ml", 48_000, "btl")]),
        (SEHAT, "Freshcare", "Minyak Angin", &["Original", "Hot", "Lavender", "Citrus"], &[("10 ml", 14_000, "pcs")]),
        (SEHAT, "Counterpain", "", &["Original", "Cool"], &[("15 g", 29_000, "pcs"), ("30 g", 52_000, "pcs")]),
        (SEHAT, "Insto", "Tetes Mata", &["Regular", "Dry Eyes"], &[("7.5 ml", 16_000, "btl")]),
        (SEHAT, "Hansaplast", "Plester", &["Kain Elastis", "Transparan"], &[("Isi 10", 5_500, "pak"), ("Isi 100", 38_000, "pak")]),
        (SEHAT, "Betadine", "Antiseptik", &[""], &[("15 ml", 16_000, "btl"), ("30 ml", 27_500, "btl")]),
        (SEHAT, "Enervon-C", "Multivitamin", &[""], &[("Strip 4 Tablet", 7_000, "pcs"), ("Botol 30 Tablet", 45_000, "btl")]),
        (SEHAT, "Imboost", "", &["Force", "Kids Sirup"], &[("Strip 4 Tablet", 17_500, "pcs")]),
        (SEHAT, "Sensi", "Masker Earloop", &["Hijau", "Hitam"], &[("Isi 5", 6_500, "pak"), ("Isi 50", 32_000, "pak")]),
        (SEHAT, "Autan", "Lotion Anti Nyamuk", &["Lavender", "Jeruk"], &[("Sachet 7 ml", 1_500, "sachet"), ("50 ml", 12_500, "btl")]),
        // Alat Tulis
        (ATK, "Standard", "Pulpen AE7", &["Hitam", "Biru", "Merah"], ALAT_TULIS),
        (ATK, "Joyko", "Gel Pen", &["Hitam", "Biru"], &[("Isi 1", 4_000, "pcs"), ("Isi 12", 45_000, "pak")]),
        (ATK, "Faber-Castell", "Pensil", &["2B", "HB"], &[("Isi 1", 4_500, "pcs"), ("Isi 12", 48_000, "pak")]),
        (ATK, "Sinar Dunia", "Buku Tulis", &["38 Lembar", "58 Lembar"], &[("Isi 1", 4_500, "pcs"), ("Pak Isi 10", 42_000, "pak")]),
        (ATK, "Sinar Dunia", "Kertas HVS A4 70 g", &[""], &[("Rim 500 Lembar", 58_000, "pak")]),
        (ATK, "Snowman", "Spidol Permanen", &["Hitam", "Biru", "Merah"], &[("Isi 1", 8_500, "pcs")]),
        (ATK, "Stabilo", "Boss Highlighter", &["Kuning", "Hijau", "Pink", "Oranye"], &[("Isi 1", 12_500, "pcs")]),
        (ATK, "Kenko", "", &["Correction Tape", "Penghapus", "Rautan"], &[("Isi 1", 5_000, "pcs")]),
        (ATK, "UHU", "Lem Stick", &[""], &[("8 g", 9_500, "pcs"), ("21 g", 19_500, "pcs")]),
        // Lain-lain
        (LAIN, "ABC", "Baterai Alkaline", &["AA", "AAA"], &[("Isi 2", 12_500, "pak"), ("Isi 4", 23_500, "pak")]),
        (LAIN, "Energizer", "Baterai", &["AA", "AAA"], &[("Isi 2", 26_500, "pak"), ("Isi 4", 49_000, "pak")]),
        (LAIN, "Tokai", "Korek Api Gas", &[""], &[("Isi 1", 4_000, "pcs")]),
        (LAIN, "Philips", "Lampu LED", &["5 W", "9 W", "13 W"], &[("Putih", 25_000, "pcs")]),
        (LAIN, "Swallow", "Sandal Jepit", &["Hijau", "Biru", "Hitam"], &[("Ukuran 9.5", 12_500, "pcs"), ("Ukuran 10.5", 13_500, "pcs")]),
    ];

    /// Packaged basic staples exempt from PPN (rice, sugar, salt, eggs, soybeans, fresh milk).
    pub const EXEMPT: &[Line] = &[
        (SEMBAKO, "Beras Sania", "Premium", &[""], &[("2.5 kg", 40_000, "pak"), ("5 kg", 78_000, "pak")]),
        (SEMBAKO, "Beras Maknyuss", "Premium", &[""], &[("2.5 kg", 41_000, "pak"), ("5 kg", 80_000, "pak")]),
        (SEMBAKO, "Beras Topi Koki", "", &["Pulen Wangi", "Setra Ramos"], &[("5 kg", 76_000, "pak"), ("10 kg", 150_000, "pak")]),
        (SEMBAKO, "Beras Anak Raja", "", &["Pandan Wangi"], &[("5 kg", 82_000, "pak")]),
        (SEMBAKO, "Gulaku", "Gula Pasir", &["Premium Putih", "Tebu Kuning"], &[("500 g", 9_500, "pcs"), ("1 kg", 18_500, "pcs")]),
        (SEMBAKO, "Rose Brand", "Gula Pasir", &[""], &[("1 kg", 18_000, "pcs")]),
        (SEMBAKO, "Refina", "Garam Meja", &[""], &[("250 g", 4_000, "pcs"), ("500 g", 7_000, "pcs")]),
        (SEMBAKO, "Cap Kapal", "Garam Beryodium", &[""], &[("250 g", 2_500, "pcs"), ("500 g", 4_500, "pcs")]),
        (SEMBAKO, "Telur Ayam Negeri", "", &[""], &[("Isi 6", 12_500, "pak"), ("Isi 10", 20_500, "pak"), ("Tray Isi 30", 58_000, "pak")]),
        (SEMBAKO, "Telur Ayam Kampung", "", &[""], &[("Isi 6", 19_500, "pak")]),
        (SEMBAKO, "Kedelai", "Kuning", &[""], &[("500 g", 8_000, "pcs"), ("1 kg", 15_000, "pcs")]),
        (SUSU, "Greenfields", "Susu Segar", &["Full Cream", "Low Fat"], &[("950 ml", 28_500, "btl")]),
        (SUSU, "Diamond", "Susu Segar", &["Full Cream"], &[("946 ml", 26_500, "btl")]),
        (SUSU, "Cimory", "Susu Segar", &["Full Cream"], &[("950 ml", 27_500, "btl")]),
    ];

    /// A few luxury items at the 12% rate, kept small on purpose.
    pub const LUXURY: &[Line] = &[
        (SNACK, "Lindt", "Excellence", &["70% Cocoa", "85% Cocoa", "Sea Salt"], &[("100 g", 62_000, "pcs")]),
        (SNACK, "Ferrero Rocher", "", &[""], &[("T3 37.5 g", 22_000, "pcs"), ("T16 200 g", 105_000, "pcs")]),
        (SNACK, "Toblerone", "", &["Milk", "Dark"], &[("100 g", 38_500, "pcs")]),
    ];

    /// Weighed goods; 7-digit keys are assigned in table order.
    pub const WEIGHED: &[WeighedGroup] = &[
        (SEGAR, BEBAS, &[
            ("Apel Fuji", 45_000), ("Apel Malang", 28_000), ("Apel Royal Gala", 52_000), ("Jeruk Medan", 32_000),
            ("Jeruk Mandarin", 38_000), ("Jeruk Sunkist", 48_000), ("Pir Xiang Lie", 32_000), ("Anggur Red Globe", 65_000),
            ("Pisang Cavendish", 24_000), ("Mangga Harum Manis", 30_000), ("Semangka Merah", 9_000), ("Melon Hijau", 14_000),
            ("Pepaya California", 12_000), ("Salak Pondoh", 18_000), ("Buah Naga Merah", 30_000), ("Alpukat Mentega", 35_000),
            ("Kelengkeng", 42_000), ("Jambu Kristal", 22_000), ("Tomat Merah", 16_000), ("Kentang Dieng", 18_000),
            ("Wortel Brastagi", 16_000), ("Bawang Merah", 45_000), ("Bawang Putih Kating", 42_000), ("Bawang Bombay", 28_000),
            ("Cabai Merah Keriting", 55_000), ("Cabai Rawit Merah", 70_000), ("Kol Putih", 10_000), ("Brokoli", 45_000),
            ("Buncis", 18_000), ("Timun", 12_000), ("Terong Ungu", 14_000), ("Jahe Merah", 30_000), ("Sawi Putih", 14_000),
        ]),
        (SEGAR, PPN, &[("Salad Buah", 60_000)]), // prepared food, not a fresh staple
        (SEMBAKO, BEBAS, &[
            ("Beras Pandan Wangi", 16_000), ("Beras Setra Ramos", 15_000), ("Beras Merah", 22_000),
            ("Gula Pasir Curah", 17_500), ("Telur Ayam Negeri", 31_000), ("Kedelai Curah", 14_000),
        ]),
        (DAGING, BEBAS, &[
            ("Daging Sapi Has Dalam", 165_000), ("Daging Sapi Sengkel", 140_000), ("Daging Sapi Giling", 135_000),
            ("Ayam Broiler Utuh", 40_000), ("Dada Ayam Fillet", 62_000), ("Paha Ayam", 45_000), ("Sayap Ayam", 42_000),
            ("Ikan Bandeng", 38_000), ("Ikan Kembung", 48_000), ("Ikan Tongkol", 40_000), ("Ikan Nila", 38_000),
            ("Udang Vaname", 95_000), ("Cumi-Cumi", 85_000),
        ]),
        (DAGING, PPN12, &[("Daging Wagyu Sirloin MB5", 850_000), ("Daging Wagyu Ribeye MB5", 950_000)]),
        (DAGING, PPN, &[("Smoked Beef Iris", 220_000)]), // processed deli meat
        (SUSU, PPN, &[("Keju Cheddar Potong", 180_000)]),
        (SNACK, PPN, &[("Kurma Sukari Curah", 95_000), ("Kacang Mete Curah", 180_000)]),
    ];

    /// Items without any barcode, rung up by quick key or search: category, name, unit, price.
    pub const NO_BARCODE: &[(usize, &str, &str, u32)] = &[
        (LAIN, "Kantong Plastik Kecil", "pcs", 200), (LAIN, "Kantong Plastik Besar", "pcs", 500),
        (LAIN, "Kardus Bekas", "pcs", 1_000), (LAIN, "Es Batu Kristal 1 kg", "pcs", 5_000),
    ];
}

// ---- Generation -----------------------------------------------------------------------------

/// One output row, before it gets its SKU.
struct Row<'a> {
    cat: usize,
    barcodes: &'a str,
    name: &'a str,
    unit: &'a str,
    price: u32,
    tax: &'a str,
    includes_tax: bool,
    by_weight: bool,
    active: bool,
}

impl<'a> Row<'a> {
    /// An ordinary row: active, sold by the piece or pack, shelf price including tax.
    fn new(cat: usize, barcodes: &'a str, name: &'a str, unit: &'a str, price: u32, tax: &'a str) -> Self {
        Row { cat, barcodes, name, unit, price, tax, includes_tax: true, by_weight: false, active: true }
    }
}

/// One packaged row in this many is marked discontinued (a handful in total).
const DISCONTINUE_EVERY: u32 = 600;
/// One carton (`dus`) row in this many is quoted before PPN, up to `MAX_TAX_EXCLUSIVE`.
const TAX_EXCLUSIVE_EVERY: u32 = 24;
const MAX_TAX_EXCLUSIVE: u32 = 8;
/// Roughly one non-carton row in this many gets a second barcode.
const SECOND_BARCODE_ONE_IN: u64 = 60;

struct Builder {
    out: String,
    rng: SplitMix64,
    sku_seq: [u32; CATEGORIES.len()],
    /// Next item reference per GS1 company number. Codes are unique by construction: each
    /// company hands out increasing item references, and distinct companies differ in prefix.
    company_next: HashMap<u32, u32>,
    packaged_rows: u32,
    cartons: u32,
}

impl Builder {
    fn new() -> Self {
        let mut out = String::with_capacity(512 * 1024);
        out.push_str(HEADER);
        out.push('\n');
        Builder {
            out,
            rng: SplitMix64(0x4B41_5349_5220_4944), // "KASIR ID"
            sku_seq: [0; CATEGORIES.len()],
            company_next: HashMap::new(),
            packaged_rows: 0,
            cartons: 0,
        }
    }

    /// Emits every variant × size of one product line.
    fn packaged(&mut self, &(cat, brand, product, variants, sizes): &Line, tax: &'static str) {
        for (vi, variant) in variants.iter().enumerate() {
            // The first variant keeps the table price; others may carry a small premium,
            // the same across all pack sizes, as real flavour ranges do.
            let premium = if vi == 0 { 0 } else { [0, 0, 0, 3, 5, 8][self.rng.below(6) as usize] };
            for &(size, base, unit) in sizes {
                let name = join_words(&[brand, product, variant, size]);
                let mut price = shop_round(base * (100 + premium) / 100);
                let mut includes_tax = true;
                if unit == "dus" {
                    self.cartons += 1;
                    // Some wholesale cartons are quoted before PPN, as distributors do.
                    let nth = self.cartons / TAX_EXCLUSIVE_EVERY;
                    if self.cartons % TAX_EXCLUSIVE_EVERY == 1 && nth < MAX_TAX_EXCLUSIVE {
                        includes_tax = false;
                        price = shop_round(price * 100 / 111);
                    }
                }
                let mut codes = self.new_gtin(brand);
                if unit != "dus" && self.rng.below(SECOND_BARCODE_ONE_IN) == 0 {
                    codes.push('|');
                    codes.push_str(&self.new_gtin(brand));
                }
                self.packaged_rows += 1;
                let active = self.packaged_rows % DISCONTINUE_EVERY != DISCONTINUE_EVERY / 2;
                self.push(&Row { includes_tax, active, ..Row::new(cat, &codes, &name, unit, price, tax) });
            }
        }
    }

    /// A fresh EAN-13 under `899`, with a company number derived from the brand so one brand's
    /// codes share a prefix, like real GS1 company prefixes.
    fn new_gtin(&mut self, brand: &str) -> String {
        let h = fnv1a(brand);
        let company = 1_000 + (h % 9_000) as u32;
        let next = self.company_next.entry(company).or_insert(1 + ((h >> 32) % 40_000) as u32);
        let item = *next;
        *next += 1;
        assert!(item < 100_000, "company {company} ran out of item references");
        ean13(&format!("899{company:04}{item:05}"))
    }

    fn push(&mut self, row: &Row) {
        let (category, prefix) = CATEGORIES[row.cat];
        self.sku_seq[row.cat] += 1;
        let o = &mut self.out;
        let _ = write!(o, "{prefix}-{:05},{},", self.sku_seq[row.cat], row.barcodes);
        push_field(o, row.name);
        let (price, tax) = (row.price, row.tax);
        let _ = writeln!(
            o,
            ",{category},{},{price},{tax},{},{},{}",
            row.unit, row.includes_tax, row.by_weight, row.active
        );
    }
}

/// Writes a CSV field, quoting it per RFC 4180 only when it needs it.
fn push_field(out: &mut String, field: &str) {
    if field.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Joins the non-empty parts with single spaces.
fn join_words(parts: &[&str]) -> String {
    let mut joined = String::with_capacity(64);
    for part in parts.iter().filter(|p| !p.is_empty()) {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(part);
    }
    joined
}

/// Rounds to what a shelf label shows: Rp100 steps, Rp500 steps from Rp20.000 up.
fn shop_round(price: u32) -> u32 {
    let step = if price >= 20_000 { 500 } else { 100 };
    ((price + step / 2) / step).max(1) * step
}

/// Appends the GS1 check digit to a 12-digit body: weights 3,1,3,1… from the right.
fn ean13(body12: &str) -> String {
    debug_assert!(body12.len() == 12 && body12.bytes().all(|b| b.is_ascii_digit()));
    let mut sum = 0;
    for (i, digit) in body12.bytes().rev().map(|b| u32::from(b - b'0')).enumerate() {
        sum += if i % 2 == 0 { 3 * digit } else { digit };
    }
    let mut code = String::with_capacity(13);
    code.push_str(body12);
    code.push(char::from(b'0' + ((10 - sum % 10) % 10) as u8));
    code
}

/// FNV-1a: a stable string hash (std's `DefaultHasher` is not guaranteed stable across releases).
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// SplitMix64: tiny, fast and good enough for picking demo variety.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `0..n` (modulo bias is irrelevant at these sizes).
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Splits one CSV record per RFC 4180 (quoted fields, doubled quotes inside them).
    /// Records never span lines here, so the caller splits on newlines first.
    fn split_record(line: &str) -> Vec<String> {
        let mut fields = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            let field = fields.last_mut().unwrap();
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(String::new()),
                _ => field.push(c),
            }
        }
        assert!(!quoted, "unterminated quote in {line:?}");
        fields
    }

    /// The data rows as fields, after checking the header and the field count of every row.
    fn records() -> Vec<Vec<String>> {
        let csv = demo_catalogue_csv();
        assert!(csv.ends_with('\n') && !csv.contains('\r'));
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some(HEADER));
        lines
            .map(|line| {
                let fields = split_record(line);
                assert_eq!(fields.len(), 10, "wrong field count: {line}");
                fields
            })
            .collect()
    }

    fn count(rows: &[Vec<String>], pred: impl Fn(&[String]) -> bool) -> usize {
        rows.iter().filter(|r| pred(r)).count()
    }

    #[test]
    fn header_is_exact_and_output_deterministic() {
        let header =
            "sku,barcodes,name,category,unit,price,tax_class,price_includes_tax,sold_by_weight,active";
        assert!(demo_catalogue_csv().starts_with(&format!("{header}\n")));
        assert_eq!(demo_catalogue_csv(), demo_catalogue_csv());
    }

    #[test]
    fn split_record_handles_quotes() {
        assert_eq!(split_record(r#"a,"b, ""c""",d"#), ["a", r#"b, "c""#, "d"]);
        let mut quoted = String::new();
        push_field(&mut quoted, r#"Kue "Enak", 1 kg"#);
        assert_eq!(split_record(&quoted), [r#"Kue "Enak", 1 kg"#]);
    }

    #[test]
    fn row_count_and_mix_are_realistic() {
        let rows = records();
        assert!((2_500..=4_000).contains(&rows.len()), "{} rows", rows.len());
        let weighed = count(&rows, |r| r[8] == "true");
        assert!((40..=80).contains(&weighed), "{weighed} weighed rows");
        let categories: HashSet<&str> = rows.iter().map(|r| r[3].as_str()).collect();
        assert!(categories.len() >= 12, "{categories:?}");
        // "A handful" of each special case: present, but not drowning the ordinary rows.
        let handful = |n: usize| (1..=10).contains(&n);
        assert!(handful(count(&rows, |r| r[9] == "false")), "inactive");
        assert!(handful(count(&rows, |r| r[7] == "false")), "tax-exclusive");
        assert!(handful(count(&rows, |r| r[1].is_empty())), "no barcode");
        assert!((3..=12).contains(&count(&rows, |r| r[6] == "PPN12")), "PPN12");
        assert!(count(&rows, |r| r[6] == "BEBAS") >= 40, "BEBAS");
        assert!(count(&rows, |r| r[1].contains('|')) >= 3, "second barcodes");
    }

    #[test]
    fn skus_are_unique_ascii_and_names_clean() {
        let rows = records();
        let mut skus = HashSet::new();
        for r in &rows {
            assert!(
                !r[0].is_empty() && r[0].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
                "{r:?}"
            );
            assert!(skus.insert(r[0].clone()), "duplicate SKU {}", r[0]);
            assert!(!r[2].is_empty() && r[2].trim() == r[2] && !r[2].contains("  "), "name {:?}", r[2]);
        }
    }

    #[test]
    fn barcodes_are_unique_and_valid() {
        let rows = records();
        let mut seen = HashSet::new();
        for r in &rows {
            for code in r[1].split('|').filter(|c| !c.is_empty()) {
                assert!(seen.insert(code.to_owned()), "duplicate barcode {code}");
                assert!(code.bytes().all(|b| b.is_ascii_digit()), "{code}");
                match code.len() {
                    13 => {
                        assert!(code.starts_with("899"), "not under GS1 Indonesia: {code}");
                        assert_eq!(ean13(&code[..12]), code, "bad check digit");
                    }
                    7 => assert_eq!(r[8], "true", "variable-measure key on a packaged item: {r:?}"),
                    _ => panic!("unexpected barcode length: {code}"),
                }
            }
        }
    }

    #[test]
    fn weighed_rows_use_variable_measure_keys() {
        for r in records().iter().filter(|r| r[8] == "true") {
            assert!(r[1].len() == 7 && r[1].starts_with("21"), "{r:?}");
            assert_eq!(r[4], "kg", "{r:?}");
        }
    }

    #[test]
    fn tax_classes_flags_and_prices_are_well_formed() {
        for r in &records() {
            assert!(["PPN12D", "BEBAS", "PPN12"].contains(&r[6].as_str()), "{r:?}");
            for flag in &r[7..10] {
                assert!(flag == "true" || flag == "false", "{r:?}");
            }
            assert!(r[5].bytes().all(|b| b.is_ascii_digit()), "price {:?}", r[5]);
            assert!(r[5].parse::<u32>().unwrap() > 0, "{r:?}");
        }
    }

    #[test]
    fn ean13_matches_known_codes() {
        assert_eq!(ean13("400638133393"), "4006381333931");
        assert_eq!(ean13("888600810105"), "8886008101053"); // a real Aqua 600 ml code
        assert_eq!(ean13("899100000000"), "8991000000003");
    }
}
