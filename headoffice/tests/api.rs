//! The HTTP API over loopback: bad requests get a 4xx with a clear message and change nothing.

mod common;

use std::net::SocketAddr;

use common::{Chain, Kind, register, sale};
use kasir_core::wire::{ApiError, PushAck, PushBatch};
use kasir_headoffice::Storage;
use reqwest::StatusCode;
use serde_json::json;

async fn serve(storage: std::sync::Arc<dyn Storage>) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(kasir_headoffice::serve(listener, storage, std::future::pending()));
    addr
}

fn batch(c: &Chain, from: u64, to: u64) -> PushBatch {
    PushBatch { documents: c.range(from, to).into_iter().map(|i| i.pushed).collect(), ledger_seq: Some(to) }
}

/// What head office holds, to show a refused request changed nothing.
async fn snapshot(s: &dyn Storage) -> String {
    let t: Vec<_> = s
        .terminals()
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.store, t.terminal, t.last_seq, t.grand_total))
        .collect();
    format!("{t:?} {:?} {:?}", s.stock("S01").await.unwrap(), s.rejected().await.unwrap().len())
}

async fn refused(resp: reqwest::Response, status: StatusCode, words: &str) {
    assert_eq!(resp.status(), status);
    let e: ApiError = resp.json().await.unwrap();
    assert!(e.error.contains(words), "{} does not say {words:?}", e.error);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_a_4xx_in_words_and_change_nothing() {
    let db = common::fresh(Kind::Sqlite).await;
    let s = db.storage.as_ref();
    let token = register(s, "S01", "T01").await;
    let other = register(s, "S01", "T02").await;
    let addr = serve(db.storage.clone()).await;
    let url = format!("http://{addr}/api/v1/documents");
    let http = reqwest::Client::new();
    let mut c = Chain::new("S01", "T01");
    for _ in 0..3 {
        c.add(sale(&[("A", 1, 1000)]));
    }
    let ok: PushAck = http
        .post(&url)
        .bearer_auth(&token)
        .json(&batch(&c, 1, 2))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!((ok.acknowledged, ok.stored), (2, 2));
    let before = snapshot(s).await;

    let post = |body: reqwest::Body, token: Option<&str>| {
        let mut r = http.post(&url).header("content-type", "application/json").body(body);
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    // No token, a malformed one, a wrong one.
    refused(post("{}".into(), None).await.unwrap(), StatusCode::UNAUTHORIZED, "no token").await;
    refused(post("{}".into(), Some("hello")).await.unwrap(), StatusCode::UNAUTHORIZED, "not in the form")
        .await;
    let wrong = format!("S01-T01.{}", "0".repeat(64));
    refused(
        post("{}".into(), Some(&wrong)).await.unwrap(),
        StatusCode::UNAUTHORIZED,
        "not valid for terminal S01-T01",
    )
    .await;
    // Malformed JSON and wrong types.
    refused(post("{\"documents\": [".into(), Some(&token)).await.unwrap(), StatusCode::BAD_REQUEST, "EOF")
        .await;
    let wrong_type = json!({ "documents": [{ "seq": "one", "hash": "x", "canonical": "{}" }] }).to_string();
    refused(post(wrong_type.into(), Some(&token)).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY, "seq")
        .await;
    let not_a_document =
        json!({ "documents": [{ "seq": 3, "hash": "x", "canonical": "{\"hello\":1}" }] }).to_string();
    refused(
        post(not_a_document.into(), Some(&token)).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "documents[0] (seq 3)",
    )
    .await;
    // Out of order.
    let mut b = batch(&c, 2, 3);
    b.documents.reverse();
    refused(
        http.post(&url).bearer_auth(&token).json(&b).send().await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "sequences must rise",
    )
    .await;
    // A huge body. The server answers 413 and closes that connection without reading the
    // rest, so it goes on a connection of its own: a pooled one would be reused after it.
    let huge = format!("{{\"documents\":[],\"pad\":\"{}\"}}", "x".repeat(9 * 1024 * 1024));
    let alone = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
    let answer = alone
        .post(&url)
        .header("content-type", "application/json")
        .header("connection", "close")
        .bearer_auth(&token)
        .body(huge)
        .send()
        .await
        .unwrap();
    refused(answer, StatusCode::PAYLOAD_TOO_LARGE, "over 8 MiB").await;
    // Another terminal's documents, even with a valid token of the same store.
    refused(
        http.post(&url).bearer_auth(&other).json(&batch(&c, 3, 3)).send().await.unwrap(),
        StatusCode::FORBIDDEN,
        "this token is terminal S01-T02",
    )
    .await;
    assert_eq!(snapshot(s).await, before, "nothing changed");

    // A replayed batch is acknowledged (the terminal needs the answer it lost) and changes nothing.
    let replay: PushAck = http
        .post(&url)
        .bearer_auth(&token)
        .json(&batch(&c, 1, 2))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!((replay.acknowledged, replay.stored, replay.already_stored), (2, 0, 2));
    assert_eq!(snapshot(s).await.split(' ').next(), before.split(' ').next());
    // A replay with a document changed is a conflict, kept aside.
    let mut forged = batch(&c, 2, 2);
    forged.documents[0].canonical = forged.documents[0].canonical.replace("\"gross\":1000", "\"gross\":1");
    let resp = http.post(&url).bearer_auth(&token).json(&forged).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    let e: ApiError = resp.json().await.unwrap();
    assert_eq!((e.code.as_str(), e.acknowledged), ("conflict", Some(1)));

    // The feed: a bad cursor is a 400 naming it.
    let feed = format!("http://{addr}/api/v1/changes?since=minus");
    refused(http.get(&feed).bearer_auth(&token).send().await.unwrap(), StatusCode::BAD_REQUEST, "since")
        .await;
    refused(
        http.get(format!("http://{addr}/api/v1/nowhere")).send().await.unwrap(),
        StatusCode::NOT_FOUND,
        "openapi.json",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_every_endpoint() {
    let db = common::fresh(Kind::Sqlite).await;
    let addr = serve(db.storage.clone()).await;
    let doc: serde_json::Value =
        reqwest::get(format!("http://{addr}/api/v1/openapi.json")).await.unwrap().json().await.unwrap();
    assert_eq!(doc["openapi"], "3.0.3");
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/v1/documents",
        "/api/v1/sales/{receipt}",
        "/api/v1/changes",
        "/api/v1/health",
        "/api/v1/openapi.json",
        "/api/v1/enrol",
        "/api/v1/security-events",
    ] {
        assert!(paths.contains_key(p), "{p} missing");
    }
    // Every schema reference resolves.
    let text = doc.to_string();
    for r in text.split("\"$ref\":\"#/components/").skip(1) {
        let path: Vec<&str> = r.split('"').next().unwrap().split('/').collect();
        assert!(doc["components"][path[0]][path[1]].is_object(), "{path:?}");
    }
    let health: serde_json::Value =
        reqwest::get(format!("http://{addr}/api/v1/health")).await.unwrap().json().await.unwrap();
    assert_eq!(health["status"], "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_return_at_another_terminal_finds_the_sale_through_head_office() {
    let db = common::fresh(Kind::Postgres).await;
    let s = db.storage.as_ref();
    let t1 = register(s, "S01", "T01").await;
    let t2 = register(s, "S01", "T02").await;
    let t9 = register(s, "S02", "T01").await;
    let addr = serve(db.storage.clone()).await;
    let http = reqwest::Client::new();
    let mut c = Chain::new("S01", "T01");
    c.add(sale(&[("A", 2, 1000)]));
    http.post(format!("http://{addr}/api/v1/documents"))
        .bearer_auth(&t1)
        .json(&batch(&c, 1, 1))
        .send()
        .await
        .unwrap();
    let receipt = &c.docs[0].document.header.receipt_number;
    let url = format!("http://{addr}/api/v1/sales/{receipt}");
    let found: kasir_core::wire::SaleLookup =
        http.get(&url).bearer_auth(&t2).send().await.unwrap().json().await.unwrap();
    assert_eq!(found.document, c.docs[0].pushed);
    assert!(!found.voided && found.returned.is_empty());
    // Another store's terminal does not see it.
    refused(http.get(&url).bearer_auth(&t9).send().await.unwrap(), StatusCode::NOT_FOUND, "store S02").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminal_enrols_once_with_its_code_and_its_old_token_stops_working() {
    use kasir_core::wire::{EnrolRequest, Enrolment};
    use kasir_headoffice::auth::{hash_enrolment_code, new_enrolment_code, normalise_enrolment_code};
    use kasir_headoffice::storage::StoreChange;

    let db = common::fresh(Kind::Postgres).await;
    let s = db.storage.as_ref();
    let old = register(s, "S01", "T02").await;
    let change = StoreChange {
        address: Some("Jl. Merdeka 1".into()),
        npwp: Some("01.234.567.8-901.000".into()),
        ..Default::default()
    };
    s.set_store("S01", &change).await.unwrap();
    let code = new_enrolment_code();
    let hash = hash_enrolment_code(&normalise_enrolment_code(&code).unwrap());
    s.issue_enrolment_code("S01", "T02", &hash, chrono::Utc::now() + chrono::Duration::hours(1))
        .await
        .unwrap();
    let addr = serve(db.storage.clone()).await;
    let http = reqwest::Client::new();
    let feed = format!("http://{addr}/api/v1/changes");
    // The old token works (and is remembered by the server) before the enrolment.
    assert!(http.get(&feed).bearer_auth(&old).send().await.unwrap().status().is_success());

    let enrol =
        |code: String| http.post(format!("http://{addr}/api/v1/enrol")).json(&EnrolRequest { code }).send();
    let before = snapshot(s).await;
    refused(enrol("AAAA-BBBB-CC".into()).await.unwrap(), StatusCode::FORBIDDEN, "not an enrolment code")
        .await;
    refused(enrol("hello".into()).await.unwrap(), StatusCode::FORBIDDEN, "not an enrolment code").await;
    let bad = http
        .post(format!("http://{addr}/api/v1/enrol"))
        .header("content-type", "application/json")
        .body(r#"{"kode":"x"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(snapshot(s).await, before);
    assert!(http.get(&feed).bearer_auth(&old).send().await.unwrap().status().is_success());

    let answer = enrol(code.to_lowercase()).await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    let e: Enrolment = answer.json().await.unwrap();
    assert_eq!(
        (e.store.code.as_str(), e.store.name.as_str(), e.terminal.as_str()),
        ("S01", "Toko S01", "T02")
    );
    assert_eq!((e.store.address.as_str(), e.store.npwp.as_str()), ("Jl. Merdeka 1", "01.234.567.8-901.000"));
    assert_eq!((e.store.utc_offset.as_str(), e.store.currency.as_str()), ("+07:00", "IDR"));
    assert!(e.token.starts_with("S01-T02.") && e.token != old);
    assert!(http.get(&feed).bearer_auth(&e.token).send().await.unwrap().status().is_success());
    refused(http.get(&feed).bearer_auth(&old).send().await.unwrap(), StatusCode::UNAUTHORIZED, "not valid")
        .await;

    // The code is spent: a second terminal cannot take T02's identity with it.
    let again = enrol(code.clone()).await.unwrap();
    assert_eq!(again.status(), StatusCode::FORBIDDEN);
    let err: ApiError = again.json().await.unwrap();
    assert_eq!(err.code, "code_used");
    assert!(err.error.contains("already been used"), "{}", err.error);
    assert!(http.get(&feed).bearer_auth(&e.token).send().await.unwrap().status().is_success());
}
