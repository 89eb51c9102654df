//! A ledger file written by the release before the terminal was reshaped
//! (`tests/fixtures/ledger-v0.1.db`: every document kind, a parked cart, a print job, a copy
//! of another terminal's sale) still opens, verifies and keeps selling, and every document's
//! canonical JSON and hash come out byte for byte as that release wrote them.

mod common;

use common::at;
use kasir::app::config::Config;
use kasir::sale::checkout::{self, SaleScript};
use kasir::store::Ledger;
use kasir_core::chain::{canonical_bytes, hash_hex};
use kasir_core::document::Document;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ledger-v0.1.db");

/// Each document's kind and the hash the release before sealed it with, in order.
const SEALED: [(&str, &str); 18] = [
    ("shift_open", "2a0948fb307224868ec02e516c36d633bc21e22a252e80437996a7728c6d8743"),
    ("sale", "df65582a593de62b57068dd51dcdccf914d014b1345b38655860c2dbbb66a268"),
    ("sale", "7e70bd757c112b0ec0743a16cd0c80d27b2a2b5ea55a9e39883fd5e244c0aeba"),
    ("sale", "4b0ef4bcaac383ca86de9b6ee82d79492d216824a9db98ed39a2dabd1efc5fd0"),
    ("sale", "c704ee98895465e124282b1754477402ccc4452e82bbaa020958c5a23e415eee"),
    ("void", "d19f475f28d128b446c8097520e190bea1046ea2210eeff444f231ce7edc7146"),
    ("cancel", "0b674c77014e455cb2bea25dec60f1f99ea14aab8184781758d77bb9381ff16a"),
    ("return", "23db7b3b6ff34dc534faccb0cb8229781fdd0ca78ce80d6bec0714e10442bf5f"),
    ("return", "d0469d5e905898edeca1f2da931686eaa014f076b8b95b14cab1decbd1c0abc1"),
    ("return", "1f0e330213fb9d471c46b36d4381a899c93f01b24d3e7dab7714d3617fcb3304"),
    ("sale", "1b46c804f923bf21fe846130c90c4f48b6f24f022ef752bf3eaefffeaaec224b"),
    ("return", "838352460eccf800d4719ed2ca68cb0c6dba20925ca8c005e3148533c58a7781"),
    ("cash_in", "a3dac85a7dbec251288dda272dbc50d2bd7103ebb5f53b99dcbf8feeea345d66"),
    ("cash_out", "a1bc49c0b68e60dae5ceac45944ec543a52b71490dd12537310bf8bb2838740c"),
    ("no_sale", "09b5f4d01fb3163deb2a67d786beddc8ec507f063e30a7b3aa951866b234a1bb"),
    ("shift_close", "e4df2682901263a115c5b26ddc1e4f5f8ef2e792ce9bfa2ab5454cf6f5472821"),
    ("day_close", "d8c4e479642fd2f72fca79315c22c3f5550b60b364afec820f41895f096fcad0"),
    ("shift_open", "1904c87d3d00d4e606dd2746430af012ee8fc7f7e9868ba6bfb590951ca4a390"),
];

fn copy_of_fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.sqlite");
    std::fs::copy(FIXTURE, &path).unwrap();
    (dir, path)
}

/// Every stored body and hash, read with plain SQL from the file.
fn stored(path: &std::path::Path) -> Vec<(u64, String, String, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut st = conn.prepare("SELECT seq, kind, body, hash FROM documents ORDER BY seq").unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn every_document_encodes_and_hashes_as_the_release_before_wrote_it() {
    let (_dir, path) = copy_of_fixture();
    let docs = stored(&path);
    let sealed: Vec<(&str, &str)> = docs.iter().map(|(_, k, _, h)| (k.as_str(), h.as_str())).collect();
    assert_eq!(sealed, SEALED);
    for (seq, kind, body, hash) in &docs {
        let doc: Document = serde_json::from_str(body).unwrap();
        assert_eq!(doc.body.kind(), kind);
        let again = canonical_bytes(&doc);
        assert_eq!(String::from_utf8(again).unwrap(), *body, "document {seq} ({kind}) encodes differently");
        assert_eq!(hash_hex(body.as_bytes()), *hash, "document {seq} ({kind})");
    }
}

#[test]
fn the_old_ledger_opens_verifies_and_keeps_selling() {
    let (_dir, path) = copy_of_fixture();
    let mut ledger = Ledger::open(&path).unwrap();
    let report = ledger.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problem);
    assert_eq!(report.documents, 18);
    let before = report.tip.grand_total;

    let config = Config::embedded();
    let script: SaleScript = serde_json::from_str(
        r#"{"cashier":"K01","items":[{"sku":"MIE-001","quantity":2}],"tenders":[{"kind":"cash","amount":"10000"}]}"#,
    )
    .unwrap();
    let sale = checkout::sell(&mut ledger, &config, &script, at("2026-11-23T08:00:00+07:00")).unwrap();
    assert_eq!(sale.receipt_number, "S01-T01-000019");
    assert_eq!(sale.change.to_string(), "3000");
    // A return against a sale the old release made.
    let back: kasir::sale::returns::ReturnScript = serde_json::from_str(
        r#"{"cashier":"K01","receipt":"S01-T01-000002","lines":[{"line":1,"quantity":1}],
            "refund":"cash","reason":"rusak","approval":{"manager":"M01","pin":"1234"}}"#,
    )
    .unwrap();
    kasir::sale::returns::process(&mut ledger, &config, &back, at("2026-11-23T08:05:00+07:00")).unwrap();
    let report = ledger.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problem);
    assert_eq!(report.documents, 20);
    assert_eq!(report.tip.grand_total, before + 7_000 - 3_500);
}
