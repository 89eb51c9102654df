//! What the head-office benchmarks share: sealed chains of sales as terminals make them,
//! terminals registered with their tokens, a server on loopback, fresh PostgreSQL databases.

use std::sync::Arc;

use kasir_core::Quantity;
use kasir_core::TenderKind;
use kasir_core::chain::{ChainTip, Origin, seal};
use kasir_core::document::{Body, SaleBody, SaleLine, TenderLine};
use kasir_core::tax::TaxMode;
use kasir_core::wire::PushedDocument;
use kasir_headoffice::Storage;

pub const PG: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub struct Terminal {
    pub origin: Origin,
    pub docs: Vec<PushedDocument>,
}

/// Sale `i` of `lines` lines, cash-free (card), as the terminal's cart writes it.
pub fn sale(i: usize, lines: usize) -> Body {
    let lines: Vec<SaleLine> = (0..lines)
        .map(|l| {
            let price = 1000 + 500 * ((i + l) % 17) as i64;
            SaleLine {
                line_no: l as u32 + 1,
                sku: format!("SKU-{:05}", (i * 7 + l * 13) % 2000),
                name: format!("Produk {}", (i * 7 + l * 13) % 2000),
                category: "Umum".into(),
                unit: "pcs".into(),
                barcode: None,
                quantity: Quantity::units(1 + (l % 3) as i64),
                list_price: price,
                unit_price: price,
                extended: price * (1 + (l % 3) as i64),
                line_discount: 0,
                order_discount: 0,
                net: price * (1 + (l % 3) as i64),
                tax: 0,
                gross: price * (1 + (l % 3) as i64),
                tax_class: "BEBAS".into(),
                tax_rate_bp: 0,
                price_includes_tax: true,
                dpp_base: Default::default(),
                dpp: None,
            }
        })
        .collect();
    let total: i64 = lines.iter().map(|l| l.gross).sum();
    let items = lines.iter().map(|l| l.quantity.milli()).sum();
    Body::Sale(SaleBody {
        currency: kasir_core::Currency::IDR,
        tax_mode: TaxMode::PerLine,
        items: Quantity::from_milli(items),
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
        tenders: vec![TenderLine { kind: TenderKind::Card, amount: total, reference: None }],
        change: 0,
        approvals: vec![],
        request_id: None,
    })
}

/// `count` terminals, `per_store` to a store, each with a chain of `sales` sales of `lines`
/// lines made 30 s apart.
pub fn terminals(count: usize, per_store: usize, sales: usize, lines: usize) -> Vec<Terminal> {
    let t0 = chrono::DateTime::parse_from_rfc3339("2026-11-22T08:00:00+07:00").unwrap();
    (0..count)
        .map(|t| {
            let origin = Origin {
                store: format!("S{:02}", t / per_store + 1),
                terminal: format!("T{:02}", t % per_store + 1),
            };
            let mut tip = ChainTip::genesis();
            let docs = (0..sales)
                .map(|i| {
                    let at = t0 + chrono::Duration::seconds(i as i64 * 30);
                    let s = seal(&tip, &origin, at, "K01", sale(i + t, lines));
                    tip = ChainTip {
                        seq: s.document.header.seq,
                        hash: s.hash.clone(),
                        grand_total: s.document.header.grand_total,
                    };
                    PushedDocument {
                        seq: s.document.header.seq,
                        hash: s.hash,
                        canonical: String::from_utf8(s.canonical).unwrap(),
                    }
                })
                .collect();
            Terminal { origin, docs }
        })
        .collect()
}

/// Registers every terminal (and its store) and returns their tokens, in order.
pub async fn register(storage: &dyn Storage, terms: &[Terminal]) -> Vec<String> {
    let mut tokens = Vec::new();
    for t in terms {
        let _ = storage.add_store(&t.origin.store, "Toko").await;
        let token = kasir_headoffice::auth::new_token(&t.origin);
        storage
            .add_terminal(&t.origin.store, &t.origin.terminal, &kasir_headoffice::auth::hash_token(&token))
            .await
            .unwrap();
        tokens.push(token);
    }
    tokens
}

/// Serves `storage` on a loopback port; the documents endpoint's URL.
pub async fn serve(storage: Arc<dyn Storage>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/v1/documents", listener.local_addr().unwrap());
    tokio::spawn(kasir_headoffice::serve(listener, storage, std::future::pending()));
    url
}

pub async fn fresh_pg(name: &str) -> String {
    let (client, conn) =
        tokio_postgres::connect(PG, tokio_postgres::NoTls).await.expect("PostgreSQL on 127.0.0.1:5432");
    tokio::spawn(conn);
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.unwrap();
    client.batch_execute(&format!("CREATE DATABASE {name}")).await.unwrap();
    format!("postgres://postgres@127.0.0.1:5432/{name}")
}

pub async fn drop_pg(name: &str) {
    let (client, conn) = tokio_postgres::connect(PG, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(conn);
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.unwrap();
}
