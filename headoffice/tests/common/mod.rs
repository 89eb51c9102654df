//! Shared set-up for head office tests: a fresh storage of either kind, and ledger chains
//! sealed by kasir-core exactly as a terminal seals them.
#![allow(dead_code)]

pub mod browser;
pub mod serve;

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, FixedOffset};
use kasir_core::Quantity;
use kasir_core::TenderKind;
use kasir_core::chain::{ChainTip, Origin, seal};
use kasir_core::document::{Body, SaleBody, SaleLine, TenderLine, VoidBody};
use kasir_core::tax::TaxMode;
use kasir_core::wire::PushedDocument;
use kasir_headoffice::storage::Incoming;
use kasir_headoffice::{Database, Storage};

pub const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A database of its own for one test, dropped when the test ends.
pub struct TestDb {
    pub storage: Arc<dyn Storage>,
    pub database: Database,
    _dir: Option<tempfile::TempDir>,
    _pg: Option<PgDatabase>,
}

/// Having a `Drop` of its own makes a test body that uses only `storage` keep the whole
/// `TestDb` (a closure cannot capture part of such a value), so the database and its folder
/// live until the test ends.
impl Drop for TestDb {
    fn drop(&mut self) {}
}

/// A PostgreSQL database made for one test; dropped with it, even when the test fails
/// before its storage opens.
struct PgDatabase {
    name: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop runs inside the test's runtime: use a thread with its own.
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async move {
                if let Ok((client, conn)) = tokio_postgres::connect(PG_ADMIN, tokio_postgres::NoTls).await {
                    tokio::spawn(conn);
                    let _ =
                        client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                }
            });
        })
        .join()
        .ok();
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Sqlite,
    Postgres,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub async fn fresh(kind: Kind) -> TestDb {
    match kind {
        Kind::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let database = Database::Sqlite(dir.path().join("headoffice.db"));
            let storage = database.open().await.unwrap();
            TestDb { storage, database, _dir: Some(dir), _pg: None }
        }
        Kind::Postgres => {
            let name = format!(
                "kasir_ho_{}_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::SeqCst),
                chrono::Utc::now().timestamp_subsec_nanos()
            );
            let (client, conn) = tokio_postgres::connect(PG_ADMIN, tokio_postgres::NoTls)
                .await
                .expect("PostgreSQL must answer on 127.0.0.1:5432 (.ci/run starts it)");
            tokio::spawn(conn);
            client.batch_execute(&format!("CREATE DATABASE {name}")).await.unwrap();
            let guard = PgDatabase { name: name.clone() };
            let database = Database::Postgres(format!("postgres://postgres@127.0.0.1:5432/{name}"));
            let storage = database.open().await.unwrap();
            TestDb { storage, database, _dir: None, _pg: Some(guard) }
        }
    }
}

/// Runs a test body against SQLite and against PostgreSQL.
#[macro_export]
macro_rules! both {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            fn run(kind: common::Kind) {
                let rt = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async move { $body(common::fresh(kind).await).await });
            }
            #[test]
            fn sqlite() {
                run(common::Kind::Sqlite)
            }
            #[test]
            fn postgres() {
                run(common::Kind::Postgres)
            }
        }
    };
}

pub fn origin(store: &str, terminal: &str) -> Origin {
    Origin { store: store.into(), terminal: terminal.into() }
}

pub fn at(t: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(t).unwrap()
}

/// A sale of whole units at a tax-free price: (sku, quantity, unit price).
pub fn sale(lines: &[(&str, i64, i64)]) -> Body {
    let lines: Vec<SaleLine> = lines
        .iter()
        .enumerate()
        .map(|(i, &(sku, q, price))| SaleLine {
            line_no: i as u32 + 1,
            sku: sku.into(),
            name: format!("Product {sku}"),
            category: "Umum".into(),
            unit: "pcs".into(),
            barcode: None,
            quantity: Quantity::units(q),
            list_price: price,
            unit_price: price,
            extended: price * q,
            line_discount: 0,
            order_discount: 0,
            net: price * q,
            tax: 0,
            gross: price * q,
            tax_class: "BEBAS".into(),
            tax_rate_bp: 0,
            price_includes_tax: true,
            dpp_base: Default::default(),
            dpp: None,
        })
        .collect();
    let total: i64 = lines.iter().map(|l| l.gross).sum();
    Body::Sale(SaleBody {
        currency: kasir_core::Currency::IDR,
        tax_mode: TaxMode::PerLine,
        items: Quantity::units(lines.iter().map(|l| l.quantity.milli() / 1000).sum()),
        lines,
        // The one rate's summary, as the cart writes it: head office checks it.
        taxes: vec![kasir_core::document::TaxLine {
            tax_class: "BEBAS".into(),
            rate_bp: 0,
            price_includes_tax: true,
            net: total,
            tax: 0,
            gross: total,
            dpp_base: Default::default(),
            dpp: None,
        }],
        subtotal: total,
        line_discounts: 0,
        order_discount: 0,
        net: total,
        tax: 0,
        total,
        rounding: 0,
        tenders: vec![TenderLine { kind: TenderKind::Cash, amount: total, reference: None }],
        change: 0,
        approvals: vec![],
        request_id: None,
    })
}

pub fn void(seq: u64, receipt: &str, total: i64) -> Body {
    Body::Void(VoidBody {
        voided_seq: seq,
        voided_receipt: receipt.into(),
        total,
        reason: "wrong item".into(),
        approver: "M01".into(),
    })
}

/// A terminal's chain being written.
pub struct Chain {
    pub origin: Origin,
    pub tip: ChainTip,
    pub docs: Vec<Incoming>,
    pub time: DateTime<FixedOffset>,
}

impl Chain {
    pub fn new(store: &str, terminal: &str) -> Chain {
        Chain {
            origin: origin(store, terminal),
            tip: ChainTip::genesis(),
            docs: vec![],
            time: at("2026-11-22T09:00:00+07:00"),
        }
    }

    pub fn add(&mut self, body: Body) -> &Incoming {
        self.time += chrono::Duration::minutes(1);
        let s = seal(&self.tip, &self.origin, self.time, "K01", body);
        self.tip = ChainTip {
            seq: s.document.header.seq,
            hash: s.hash.clone(),
            grand_total: s.document.header.grand_total,
        };
        self.docs.push(Incoming {
            pushed: PushedDocument {
                seq: s.document.header.seq,
                hash: s.hash,
                canonical: String::from_utf8(s.canonical).unwrap(),
            },
            document: s.document,
        });
        self.docs.last().unwrap()
    }

    pub fn range(&self, from: u64, to: u64) -> Vec<Incoming> {
        self.docs[(from - 1) as usize..to as usize].to_vec()
    }
}

pub async fn register(storage: &dyn Storage, store: &str, terminal: &str) -> String {
    let _ = storage.add_store(store, &format!("Toko {store}")).await;
    let token = kasir_headoffice::auth::new_token(&origin(store, terminal));
    storage.add_terminal(store, terminal, &kasir_headoffice::auth::hash_token(&token)).await.unwrap();
    token
}

/// A return of `quantity` units of one line of a sale made anywhere in the store.
pub fn return_of(seq: u64, receipt: &str, line_no: u32, sku: &str, quantity: i64, unit_price: i64) -> Body {
    use kasir_core::returns::{OriginalSale, ReturnBody, ReturnLine};
    let gross = quantity * unit_price;
    Body::Return(ReturnBody {
        currency: kasir_core::Currency::IDR,
        original: Some(OriginalSale { seq, receipt: receipt.into(), hash: None }),
        lines: vec![ReturnLine {
            line_no: 1,
            original_line_no: Some(line_no),
            sku: sku.into(),
            name: format!("Product {sku}"),
            category: "Umum".into(),
            quantity: Quantity::units(quantity),
            net: gross,
            tax: 0,
            gross,
            tax_class: "BEBAS".into(),
            tax_rate_bp: 0,
            price_includes_tax: true,
            dpp_base: Default::default(),
            dpp: None,
        }],
        taxes: vec![kasir_core::document::TaxLine {
            tax_class: "BEBAS".into(),
            rate_bp: 0,
            price_includes_tax: true,
            net: gross,
            tax: 0,
            gross,
            dpp_base: Default::default(),
            dpp: None,
        }],
        net: gross,
        tax: 0,
        total: gross,
        rounding: 0,
        refunds: vec![TenderLine { kind: TenderKind::Cash, amount: gross, reference: None }],
        reason: "rusak".into(),
        approver: Some("M01".into()),
        request_id: None,
    })
}
