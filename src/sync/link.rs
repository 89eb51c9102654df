//! The link to head office: an HTTP client that trusts a chain's own certificate authority,
//! why a request got no answer, and head office's refusals in typed form (a wrong token, a
//! revoked one, a head office too busy to check tokens, a refused document).

use std::path::Path;
use std::time::Duration;

use kasir_core::wire::ApiError;
use thiserror::Error;

use super::SyncError;

/// An HTTP client for head office at `url`: answers within `timeout`, and certificates signed
/// by the authority in `ca_file` (PEM) trusted besides the public ones.
pub fn http_client(
    url: &str,
    timeout: Duration,
    ca_file: Option<&Path>,
) -> Result<reqwest::Client, SyncError> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5).min(timeout))
        .timeout(timeout)
        .user_agent(concat!("kasir/", env!("CARGO_PKG_VERSION")));
    if let Some(path) = ca_file {
        let fail = |message: String| SyncError::CaFile { path: path.display().to_string(), message };
        let pem = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
        let certificates = reqwest::Certificate::from_pem_bundle(&pem)
            .map_err(|e| fail(format!("not a PEM certificate: {e}")))?;
        if certificates.is_empty() {
            return Err(fail("no certificate in it (a PEM file starts -----BEGIN CERTIFICATE-----)".into()));
        }
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder.build().map_err(|e| SyncError::Unreachable {
        url: url.to_owned(),
        detail: LinkFailure::Other(e.to_string()),
    })
}

/// Why a request to head office got no answer: the common cases a person can act on, typed
/// (so the catalogue can say them in Bahasa Indonesia), anything else in the system's words.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LinkFailure {
    #[error("no answer within {secs} s")]
    NoAnswer { secs: u64 },
    #[error("connection refused")]
    Refused,
    #[error("connection reset by peer")]
    Reset,
    #[error("no route to head office's address")]
    NoRoute,
    #[error("{0}")]
    Other(String),
}

/// What stopped a request: its timeout, the operating system's error kind found among its
/// causes, or else the innermost cause's words ("invalid peer certificate: UnknownIssuer");
/// the layers above it only repeat the address.
pub fn http_failure(e: &reqwest::Error, timeout: Duration) -> LinkFailure {
    if e.is_timeout() {
        return LinkFailure::NoAnswer { secs: timeout.as_secs() };
    }
    let mut deepest = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::*;
            match io.kind() {
                ConnectionRefused => return LinkFailure::Refused,
                ConnectionReset | ConnectionAborted => return LinkFailure::Reset,
                NetworkUnreachable | HostUnreachable => return LinkFailure::NoRoute,
                _ => {}
            }
        }
        deepest = s.to_string();
        source = s.source();
    }
    let words = match deepest.find(" (os error") {
        Some(i) => deepest[..i].to_owned(),
        None => deepest,
    };
    let mut chars = words.chars();
    LinkFailure::Other(chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default())
}

/// Head office's refusal in words, and what it says it holds (for a refused push). A 401 is a
/// wrong token unless head office says `revoked`; a 429 means head office is busy checking
/// tokens, and its `Retry-After` (in seconds) says when to come back.
pub(super) async fn refusal(response: reqwest::Response) -> (SyncError, Option<u64>) {
    let status = response.status().as_u16();
    let retry_after_secs = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let text = response.text().await.unwrap_or_default();
    let (code, message, acknowledged) = match serde_json::from_str::<ApiError>(&text) {
        Ok(api) => (api.code, api.error, api.acknowledged),
        Err(_) => (String::new(), text, None),
    };
    let error = match (status, code.as_str()) {
        (401, "revoked") => SyncError::Revoked,
        (401, _) => SyncError::Unauthorized(message),
        (429, _) => SyncError::Busy { retry_after_secs },
        (409, _) => SyncError::Refused(message),
        (s, _) => SyncError::Answer { status: s, message },
    };
    (error, acknowledged)
}
