//! The HTTP API under `/api/v1`, described by `openapi.json`. Every answer that is not a
//! success is an [`ApiError`] with a status in the 4xx range for the caller's mistakes.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use kasir_core::chain::Origin;
use kasir_core::document::Document;
use kasir_core::wire::{
    ApiError, ChangePage, EnrolRequest, Enrolment, PushAck, PushBatch, SaleLookup, SecurityEventAck,
    SecurityEventBatch,
};
use serde::Deserialize;

use crate::auth::{AuthError, Authenticator};
use crate::feed::MAX_PAGE;
use crate::storage::{Incoming, SeenTip, Storage, StorageError};

/// Largest request body: a full batch of big sales fits several times over.
pub const MAX_BODY: usize = 8 * 1024 * 1024;
/// Most documents in one push.
pub const MAX_BATCH: usize = 1000;
/// The largest sequence, id or cursor head office takes: both storages keep them as signed
/// 64-bit integers, and no terminal comes near it.
pub const MAX_NUMBER: u64 = i64::MAX as u64;

pub const OPENAPI: &str = include_str!("../openapi.json");

#[derive(Clone)]
pub struct AppState {
    pub storage: Arc<dyn Storage>,
    pub auth: Arc<Authenticator>,
    /// Tells open dashboards of this process that a push stored sales.
    pub live: crate::web::live::Live,
}

/// The header that hands a terminal its new token while a rotation is under way (on every
/// successful answer to a request made with the old token).
pub const NEW_TOKEN_HEADER: &str = "kasir-new-token";

/// The API and the web app, as `serve` runs them, with dashboards of their own.
pub fn router(storage: Arc<dyn Storage>) -> Router {
    router_with(storage, crate::web::live::Live::new(), false)
}

/// The API and the web app: `live` carries this process's news to open dashboards;
/// `secure_cookies` when served over TLS.
pub fn router_with(storage: Arc<dyn Storage>, live: crate::web::live::Live, secure_cookies: bool) -> Router {
    let web = crate::web::router(crate::web::WebState::new(storage.clone(), live.clone(), secure_cookies));
    let state = AppState { auth: Arc::new(Authenticator::new(storage.clone())), storage, live };
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/health", get(health))
        .route("/api/v1/documents", post(push))
        .route("/api/v1/security-events", post(security_events))
        .route("/api/v1/sales/{receipt}", get(sale))
        .route("/api/v1/changes", get(changes))
        .route("/api/v1/enrol", post(enrol))
        .with_state(state.clone())
        .merge(web)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(state, deliver_new_token))
}

/// An error answer.
#[derive(Debug)]
pub struct Failure {
    status: StatusCode,
    body: ApiError,
    /// Seconds for a `Retry-After` header (a `busy` answer).
    retry_after: Option<u64>,
}

impl Failure {
    fn new(status: StatusCode, code: &str, error: impl Into<String>) -> Failure {
        Failure {
            status,
            body: ApiError { code: code.to_owned(), error: error.into(), acknowledged: None },
            retry_after: None,
        }
    }

    fn bad(error: impl Into<String>) -> Failure {
        Failure::new(StatusCode::UNPROCESSABLE_ENTITY, "bad_request", error)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

impl From<StorageError> for Failure {
    fn from(e: StorageError) -> Failure {
        match e {
            StorageError::Database(_) | StorageError::Unreadable(_) => {
                tracing::error!(error = %e, "storage failed");
                Failure::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    format!("head office storage: {e}"),
                )
            }
            StorageError::Enrolment(r) => Failure::new(StatusCode::FORBIDDEN, r.code(), r.to_string()),
            other => Failure::bad(other.to_string()),
        }
    }
}

impl From<AuthError> for Failure {
    fn from(e: AuthError) -> Failure {
        match e {
            AuthError::Storage(s) => s.into(),
            AuthError::Busy => Failure {
                retry_after: Some(crate::auth::RETRY_AFTER_SECONDS),
                ..Failure::new(StatusCode::TOO_MANY_REQUESTS, e.code(), e.to_string())
            },
            other => Failure::new(StatusCode::UNAUTHORIZED, other.code(), other.to_string()),
        }
    }
}

fn json_rejection(r: JsonRejection) -> Failure {
    let status = r.status();
    let code = if status == StatusCode::PAYLOAD_TOO_LARGE { "too_large" } else { "bad_request" };
    let mut text = r.body_text();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        text = format!("the request body is over {} MiB: send fewer documents per batch", MAX_BODY >> 20);
    }
    Failure::new(status, code, text)
}

/// The authenticated terminal, with its chain tip as read with its token.
pub struct Terminal(pub Origin, pub SeenTip);

impl FromRequestParts<AppState> for Terminal {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Terminal, Failure> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|h| h.to_str().ok())
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim);
        // Absent when the router is served without connection info (some tests).
        let remote = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let t = state.auth.authenticate(token, remote).await?;
        if t.rotation_due
            && let Some(due) = parts.extensions.get::<RotationDue>()
        {
            *due.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(t.origin.clone());
        }
        Ok(Terminal(t.origin, t.seen))
    }
}

/// Left in a request by [`deliver_new_token`] for the [`Terminal`] extractor to fill: the
/// terminal that came with its old token while head office asks it to take a new one.
#[derive(Clone, Default)]
struct RotationDue(Arc<Mutex<Option<Origin>>>);

/// Hands a terminal its new token with a successful answer, while a rotation is under way: a
/// fresh one each time it comes back with the old token (an answer may have been lost), kept
/// only as its digest, until the terminal uses one of them.
async fn deliver_new_token(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let due = RotationDue::default();
    request.extensions_mut().insert(due.clone());
    let mut response = next.run(request).await;
    let origin = due.0.lock().unwrap_or_else(|p| p.into_inner()).take();
    let Some(origin) = origin.filter(|_| response.status().is_success()) else {
        return response;
    };
    match state.auth.hand_out_new_token(&origin).await {
        Ok(Some(token)) => {
            if let Ok(value) = HeaderValue::from_str(&token) {
                let headers = response.headers_mut();
                headers.insert(NEW_TOKEN_HEADER, value);
                headers.insert(axum::http::header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                tracing::info!(store = %origin.store, terminal = %origin.terminal, "new token handed to the terminal");
            }
        }
        Ok(None) => {}
        // The answer still stands; the terminal gets a new token with a later one.
        Err(e) => {
            tracing::error!(error = %e, store = %origin.store, terminal = %origin.terminal, "could not keep a new token")
        }
    }
    response
}

async fn openapi() -> impl IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], OPENAPI)
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

/// An address nobody serves: the API's error for its own paths, a page for a browser's.
async fn not_found(uri: axum::http::Uri, headers: axum::http::HeaderMap) -> Response {
    if uri.path().starts_with("/api/") {
        return Failure::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "no such endpoint: see /api/v1/openapi.json",
        )
        .into_response();
    }
    crate::web::page::Refusal::NotFound(crate::web::session::lang_of(&headers)).into_response()
}

async fn method_not_allowed() -> Failure {
    Failure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this endpoint does not take that method: see /api/v1/openapi.json",
    )
}

/// A number that must fit head office's storage, or a refusal naming the field.
fn within_range(field: &str, n: u64) -> Result<(), Failure> {
    if n > MAX_NUMBER {
        return Err(Failure::bad(format!("{field} {n} is over {MAX_NUMBER}, the largest head office takes")));
    }
    Ok(())
}

/// Whether `hash` is written as head office and terminals write a SHA-256: 64 lowercase hex digits.
fn is_hash(hash: &str) -> bool {
    hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Checks a batch and parses its documents; nothing is stored when this fails.
pub fn check_batch(origin: &Origin, batch: PushBatch) -> Result<Vec<Incoming>, Failure> {
    if batch.documents.len() > MAX_BATCH {
        return Err(Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("{} documents in one batch; at most {MAX_BATCH}", batch.documents.len()),
        ));
    }
    if let Some(n) = batch.ledger_seq {
        within_range("ledger_seq", n)?;
    }
    let mut previous = 0;
    let mut out = Vec::with_capacity(batch.documents.len());
    for (i, pushed) in batch.documents.into_iter().enumerate() {
        let at = format!("documents[{i}] (seq {})", pushed.seq);
        within_range(&format!("documents[{i}].seq"), pushed.seq)?;
        if pushed.seq <= previous {
            return Err(Failure::bad(format!("{at}: sequences must rise through the batch")));
        }
        previous = pushed.seq;
        if !is_hash(&pushed.hash) {
            return Err(Failure::bad(format!("{at}: hash must be 64 lowercase hex digits (SHA-256)")));
        }
        let document: Document = serde_json::from_str(&pushed.canonical)
            .map_err(|e| Failure::bad(format!("{at}: canonical is not a ledger document: {e}")))?;
        let h = &document.header;
        if h.seq != pushed.seq {
            return Err(Failure::bad(format!("{at}: the document inside says seq {}", h.seq)));
        }
        if h.store != origin.store || h.terminal != origin.terminal {
            return Err(Failure::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                format!(
                    "{at} belongs to terminal {}-{}, but this token is terminal {}-{}: a terminal sends \
                     only its own documents; nothing was stored",
                    h.store, h.terminal, origin.store, origin.terminal
                ),
            ));
        }
        out.push(Incoming { pushed, document });
    }
    Ok(out)
}

async fn push(
    State(state): State<AppState>,
    Terminal(origin, seen): Terminal,
    body: Result<Json<PushBatch>, JsonRejection>,
) -> Result<Json<PushAck>, Failure> {
    let Json(batch) = body.map_err(json_rejection)?;
    let ledger_seq = batch.ledger_seq;
    let incoming = check_batch(&origin, batch)?;
    let outcome = state.storage.ingest_from(&origin, incoming, ledger_seq, Some(seen)).await?;
    if outcome.stored > 0 {
        state.live.notify(&origin.store);
    }
    if let Some(r) = outcome.refusal {
        tracing::warn!(store = %origin.store, terminal = %origin.terminal, seq = r.seq, reason = %r.reason, "document refused");
        let mut f = Failure::new(StatusCode::CONFLICT, r.kind.code(), r.reason);
        // What head office holds *of these documents*: past the refused one it holds another
        // terminal's, which must not count as this one's delivered.
        f.body.acknowledged = Some(outcome.acknowledged.min(r.seq - 1));
        return Err(f);
    }
    for s in &outcome.set_aside {
        tracing::warn!(store = %origin.store, terminal = %origin.terminal, seq = s.seq, reason = %s.reason, "document set aside");
    }
    tracing::debug!(store = %origin.store, terminal = %origin.terminal, stored = outcome.stored, ack = outcome.acknowledged, "push");
    Ok(Json(PushAck {
        acknowledged: outcome.acknowledged,
        stored: outcome.stored,
        already_stored: outcome.already_stored,
        set_aside: outcome.set_aside,
    }))
}

/// A terminal's wrong PINs and lockouts: all kept, each once by its id, or none when one of
/// them is not what a terminal writes.
async fn security_events(
    State(state): State<AppState>,
    Terminal(origin, _): Terminal,
    body: Result<Json<SecurityEventBatch>, JsonRejection>,
) -> Result<Json<SecurityEventAck>, Failure> {
    let Json(batch) = body.map_err(json_rejection)?;
    if batch.events.len() > MAX_BATCH {
        return Err(Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("{} security events in one batch; at most {MAX_BATCH}", batch.events.len()),
        ));
    }
    let events = crate::storage::check_security_events(&batch.events)?;
    let ack = state.storage.record_security_events(&origin, &events).await?;
    tracing::debug!(store = %origin.store, terminal = %origin.terminal, stored = ack.stored, ack = ack.acknowledged, "security events");
    Ok(Json(ack))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangesQuery {
    #[serde(default)]
    since: u64,
    limit: Option<u32>,
}

async fn changes(
    State(state): State<AppState>,
    Terminal(origin, _): Terminal,
    query: Result<Query<ChangesQuery>, QueryRejection>,
) -> Result<Json<ChangePage>, Failure> {
    let bad = |text: String| Failure::new(StatusCode::BAD_REQUEST, "bad_request", text);
    let Query(q) = query.map_err(|r| bad(r.body_text()))?;
    if q.since > MAX_NUMBER {
        return Err(bad(format!("since {} is over {MAX_NUMBER}, the largest change number", q.since)));
    }
    let limit = q.limit.unwrap_or(MAX_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(bad(format!("limit {limit}: a page holds 1 to {MAX_PAGE} changes")));
    }
    Ok(Json(state.storage.changes(&origin.store, q.since, limit).await?))
}

async fn sale(
    State(state): State<AppState>,
    Terminal(origin, _): Terminal,
    receipt: Result<Path<String>, PathRejection>,
) -> Result<Json<SaleLookup>, Failure> {
    let Path(receipt) = receipt.map_err(|r| {
        Failure::bad(format!(
            "the receipt in the path is not a receipt number like S01-T01-000123: {}",
            r.body_text()
        ))
    })?;
    // Only a receipt number as Kasir writes it is looked up: anything else (a NUL, a path
    // segment of any length) cannot name a sale, and is said so without asking the storage.
    let Some(number) = kasir_core::ReceiptNumber::parse(&receipt).filter(|n| n.seq <= MAX_NUMBER) else {
        return Err(Failure::bad(format!(
            "{:?} is not a receipt number like S01-T01-000123",
            receipt.chars().take(40).collect::<String>()
        )));
    };
    let receipt = number.to_string();
    match state.storage.sale_for_return(&origin.store, &receipt).await? {
        Some(d) => Ok(Json(d)),
        None => Err(Failure::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("sale {receipt} has not reached head office from any terminal of store {}", origin.store),
        )),
    }
}

/// A new terminal joins with its one-time enrolment code: the code is spent and the terminal
/// gets a new token (its old one stops working) with its store's identity. Neither the code
/// nor the token is logged.
async fn enrol(
    State(state): State<AppState>,
    body: Result<Json<EnrolRequest>, JsonRejection>,
) -> Result<Json<Enrolment>, Failure> {
    use crate::auth;
    use crate::storage::EnrolRefusal;
    let Json(request) = body.map_err(json_rejection)?;
    let plain = auth::normalise_enrolment_code(&request.code)
        .ok_or(StorageError::Enrolment(EnrolRefusal::Unknown))?;
    let code_hash = auth::hash_enrolment_code(&plain);
    // Checked before a token is made, then again as it is spent.
    let origin = state.storage.enrolment_terminal(&code_hash).await?;
    let token = auth::new_token(&origin);
    let store = state.storage.enrol(&code_hash, &origin, &auth::hash_token(&token)).await?;
    tracing::info!(store = %origin.store, terminal = %origin.terminal, "terminal enrolled");
    Ok(Json(Enrolment { store, terminal: origin.terminal, token }))
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    fn spec() -> Value {
        serde_json::from_str(OPENAPI).expect("openapi.json is JSON")
    }

    fn at<'a>(v: &'a Value, path: &str) -> &'a Value {
        v.pointer(path).unwrap_or_else(|| panic!("openapi.json has no {path}"))
    }

    #[test]
    fn openapi_states_the_limits_the_code_enforces() {
        let s = spec();
        let schemas = "/components/schemas";
        for (path, limit) in [
            (format!("{schemas}/PushBatch/properties/documents/maxItems"), MAX_BATCH as u64),
            (format!("{schemas}/SecurityEventBatch/properties/events/maxItems"), MAX_BATCH as u64),
            (format!("{schemas}/ChangePage/properties/changes/maxItems"), MAX_PAGE as u64),
            (format!("{schemas}/PushedDocument/properties/seq/maximum"), MAX_NUMBER),
            (format!("{schemas}/PushBatch/properties/ledger_seq/maximum"), MAX_NUMBER),
            (format!("{schemas}/SecurityEvent/properties/id/maximum"), MAX_NUMBER),
        ] {
            assert_eq!(at(&s, &path).as_u64(), Some(limit), "{path}");
        }
        let params = at(&s, "/paths/~1api~1v1~1changes/get/parameters").as_array().unwrap();
        let param = |name: &str| &params.iter().find(|p| p["name"] == name).unwrap()["schema"];
        assert_eq!(param("limit")["maximum"].as_u64(), Some(MAX_PAGE as u64));
        assert_eq!(param("limit")["minimum"].as_u64(), Some(1));
        assert_eq!(param("limit")["default"].as_u64(), Some(MAX_PAGE as u64));
        assert_eq!(param("since")["maximum"].as_u64(), Some(MAX_NUMBER));
    }

    #[test]
    fn the_hash_pattern_is_what_the_server_takes() {
        let s = spec();
        assert_eq!(at(&s, "/components/schemas/PushedDocument/properties/hash/pattern"), "^[0-9a-f]{64}$");
        assert!(is_hash(&"0123456789abcdef".repeat(4)));
        for bad in ["A".repeat(64), "a".repeat(63), "a".repeat(65), format!("{}g", "a".repeat(63))] {
            assert!(!is_hash(&bad), "{bad}");
        }
    }

    #[test]
    fn every_endpoint_behind_a_token_documents_its_refusals() {
        let s = spec();
        for (path, item) in at(&s, "/paths").as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let open = op.get("security").is_some_and(|v| v.as_array().is_some_and(Vec::is_empty));
                let responses = op["responses"].as_object().unwrap();
                let want: &[&str] = if open && path.ends_with("/enrol") {
                    &["200", "403", "422", "503"]
                } else if open {
                    &["200"]
                } else {
                    &["200", "401", "503"]
                };
                for status in want {
                    assert!(responses.contains_key(*status), "{method} {path} does not document {status}");
                }
            }
        }
    }

    #[test]
    fn a_receipt_path_outside_the_pattern_is_not_a_receipt_number() {
        // The pattern admits up to 19 digits; the server looks up those that fit (and that
        // Kasir writes), and refuses the rest in words rather than asking the storage.
        let s = spec();
        let pattern = at(&s, "/paths/~1api~1v1~1sales~1{receipt}/get/parameters/0/schema/pattern");
        assert_eq!(pattern, "^[A-Za-z0-9]{1,8}-[A-Za-z0-9]{1,8}-[0-9]{6,19}$");
        assert!(kasir_core::ReceiptNumber::parse("S01-T01-000123").is_some());
        assert!(kasir_core::ReceiptNumber::parse("S01-T01-\0").is_none());
    }
}
