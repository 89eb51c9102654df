//! Shared set-up for the terminal's integration tests: a real ledger file in a temporary
//! directory with a small catalogue and users.
#![allow(dead_code)]

pub mod gui;
pub mod headoffice;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use kasir::app::config::Config;
use kasir::app::setup::{self, Paths};
use kasir::store::Ledger;
use tempfile::TempDir;

pub const CATALOGUE: &str = "\
sku,barcodes,name,category,unit,price,tax_class,price_includes_tax,sold_by_weight,active
MIE-001,8991002101234,Indomie Mi Goreng Original 85 g,Makanan Instan,pcs,3500,PPN,true,false,true
AIR-600,8992388101016|8992388101023,Aqua Air Mineral 600 ml,Minuman,btl,4000,PPN,true,false,true
SUS-1L,8993007000017,Ultra Milk Coklat 1 L,Susu,klg,20000,PPN,true,false,true
BRS-KG,2100123,Beras Pandan Wangi (per kg),Sembako,kg,15000,BEBAS,true,true,true
DUS-40,8991002199996,Indomie Goreng 1 Dus isi 40,Makanan Instan,dus,100000,PPN,false,false,true
OLD-001,8990000000013,Permen Lama,Makanan Ringan,pcs,500,PPN,true,false,false
KEJU-PR,2500045,Keju Potong,Susu,pcs,0,PPN,true,false,true
";

pub struct Shop {
    pub dir: TempDir,
    pub paths: Paths,
    pub config: Config,
}

impl Shop {
    /// A fresh terminal with the small catalogue above and the demo users.
    pub fn new() -> Shop {
        Shop::with_config(Config::embedded())
    }

    /// A fresh terminal as [`Shop::new`], with its own settings (another store, say).
    pub fn with_config(config: Config) -> Shop {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths { data_dir: dir.path().to_owned() };
        setup::init(&paths, &config, false).unwrap();
        let ledger = setup::open(&paths, &config).unwrap();
        ledger.import_catalogue(CATALOGUE.as_bytes(), &config.barcode.variable_measure).unwrap();
        for (code, name, role, pin) in setup::DEMO_USERS {
            ledger.add_user(code, name, role, pin).unwrap();
        }
        // Shift 1, Rp 500.000 float, is document 1: sales start at document 2.
        let mut ledger = ledger;
        let manager = ledger.user("M01").unwrap();
        let float = kasir_core::Money::from_minor(500_000, config.currency());
        kasir::sale::shift::open(&mut ledger, &manager, float, at("2026-11-22T07:00:00+07:00")).unwrap();
        Shop { dir, paths, config }
    }

    pub fn ledger(&self) -> Ledger {
        setup::open(&self.paths, &self.config).unwrap()
    }

    /// Commits a sale from a `kasir sell` script at [`now`]; its receipt number.
    pub fn sell(&self, script: &str) -> String {
        let script: kasir::sale::checkout::SaleScript = serde_json::from_str(script).unwrap();
        kasir::sale::checkout::sell(&mut self.ledger(), &self.config, &script, now()).unwrap().receipt_number
    }

    pub fn ledger_path(&self) -> PathBuf {
        self.paths.ledger()
    }
}

pub fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

pub fn now() -> DateTime<FixedOffset> {
    at("2026-11-22T10:00:00+07:00")
}

/// A connection of the test's own to the ledger file, to look at (or tamper with) its rows
/// with plain SQL, as anyone holding the file could: the terminal itself never lends its own.
pub fn sql(ledger: &Ledger) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(ledger.path()).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    conn
}

/// Number of rows in a table, read with plain SQL.
pub fn count(ledger: &Ledger, table: &str) -> i64 {
    sql(ledger).query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}
