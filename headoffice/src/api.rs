//! The HTTP API under `/api/v1`, described by `openapi.json`. Every answer that is not a
//! success is an [`ApiError`] with a status in the 4xx range for the caller's mistakes.

use std::sync::Arc;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
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

use crate::auth::{AuthError, TokenCache};
use crate::storage::{Incoming, Storage, StorageError};

/// Largest request body: a full batch of big sales fits several times over.
pub const MAX_BODY: usize = 8 * 1024 * 1024;
/// Most documents in one push.
pub const MAX_BATCH: usize = 1000;

pub const OPENAPI: &str = include_str!("../openapi.json");

#[derive(Clone)]
pub struct AppState {
    pub storage: Arc<dyn Storage>,
    pub tokens: Arc<TokenCache>,
}

pub fn router(storage: Arc<dyn Storage>) -> Router {
    let state = AppState { storage, tokens: Arc::new(TokenCache::default()) };
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/health", get(health))
        .route("/api/v1/documents", post(push))
        .route("/api/v1/security-events", post(security_events))
        .route("/api/v1/sales/{receipt}", get(sale))
        .route("/api/v1/changes", get(changes))
        .route("/api/v1/enrol", post(enrol))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// An error answer.
#[derive(Debug)]
pub struct Failure {
    status: StatusCode,
    body: ApiError,
}

impl Failure {
    fn new(status: StatusCode, code: &str, error: impl Into<String>) -> Failure {
        Failure { status, body: ApiError { code: code.to_owned(), error: error.into(), acknowledged: None } }
    }

    fn bad(error: impl Into<String>) -> Failure {
        Failure::new(StatusCode::UNPROCESSABLE_ENTITY, "bad_request", error)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
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
            other => Failure::new(StatusCode::UNAUTHORIZED, "unauthorized", other.to_string()),
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

/// The authenticated terminal.
pub struct Terminal(pub Origin);

impl FromRequestParts<AppState> for Terminal {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Terminal, Failure> {
        let header = parts.headers.get(axum::http::header::AUTHORIZATION).ok_or(AuthError::Missing)?;
        let token =
            header.to_str().ok().and_then(|h| h.strip_prefix("Bearer ")).ok_or(AuthError::Missing)?.trim();
        let origin = state.tokens.authenticate(state.storage.as_ref(), token).await?;
        Ok(Terminal(origin))
    }
}

async fn openapi() -> impl IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], OPENAPI)
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

async fn not_found() -> Failure {
    Failure::new(StatusCode::NOT_FOUND, "not_found", "no such endpoint: see /api/v1/openapi.json")
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
    let mut previous = 0;
    let mut out = Vec::with_capacity(batch.documents.len());
    for (i, pushed) in batch.documents.into_iter().enumerate() {
        let at = format!("documents[{i}] (seq {})", pushed.seq);
        if pushed.seq <= previous {
            return Err(Failure::bad(format!("{at}: sequences must rise through the batch")));
        }
        previous = pushed.seq;
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
    Terminal(origin): Terminal,
    body: Result<Json<PushBatch>, JsonRejection>,
) -> Result<Json<PushAck>, Failure> {
    let Json(batch) = body.map_err(json_rejection)?;
    let ledger_seq = batch.ledger_seq;
    let incoming = check_batch(&origin, batch)?;
    let outcome = state.storage.ingest(&origin, incoming, ledger_seq).await?;
    if let Some(r) = outcome.refusal {
        tracing::warn!(store = %origin.store, terminal = %origin.terminal, seq = r.seq, reason = %r.reason, "document refused");
        let mut f = Failure::new(StatusCode::CONFLICT, r.kind.code(), r.reason);
        // What head office holds *of these documents*: past the refused one it holds another
        // terminal's, which must not count as this one's delivered.
        f.body.acknowledged = Some(outcome.acknowledged.min(r.seq - 1));
        return Err(f);
    }
    tracing::debug!(store = %origin.store, terminal = %origin.terminal, stored = outcome.stored, ack = outcome.acknowledged, "push");
    Ok(Json(PushAck {
        acknowledged: outcome.acknowledged,
        stored: outcome.stored,
        already_stored: outcome.already_stored,
    }))
}

/// A terminal's wrong PINs and lockouts: all kept, each once by its id, or none when one of
/// them is not what a terminal writes.
async fn security_events(
    State(state): State<AppState>,
    Terminal(origin): Terminal,
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
    Terminal(origin): Terminal,
    query: Result<Query<ChangesQuery>, QueryRejection>,
) -> Result<Json<ChangePage>, Failure> {
    let Query(q) = query.map_err(|r| Failure::new(StatusCode::BAD_REQUEST, "bad_request", r.body_text()))?;
    let limit = q.limit.unwrap_or(crate::feed::MAX_PAGE);
    Ok(Json(state.storage.changes(&origin.store, q.since, limit).await?))
}

async fn sale(
    State(state): State<AppState>,
    Terminal(origin): Terminal,
    Path(receipt): Path<String>,
) -> Result<Json<SaleLookup>, Failure> {
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
    // Checked before the (deliberately slow) token hash is made, then again as it is spent.
    let origin = state.storage.enrolment_terminal(&code_hash).await?;
    let token = auth::new_token(&origin);
    let token_hash = {
        let token = token.clone();
        tokio::task::spawn_blocking(move || auth::hash_token(&token))
            .await
            .map_err(|e| StorageError::Database(format!("hashing the new token failed: {e}")))?
    };
    let store = state.storage.enrol(&code_hash, &origin, &token_hash).await?;
    state.tokens.forget(&origin);
    tracing::info!(store = %origin.store, terminal = %origin.terminal, "terminal enrolled");
    Ok(Json(Enrolment { store, terminal: origin.terminal, token }))
}
