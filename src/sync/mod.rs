//! Sync with head office: pushes the ledger's documents in batches and pulls the change feed.
//!
//! Delivery is at-least-once from here and exactly-once at head office, which recognises a
//! re-sent document by its sequence and hash. A document counts as delivered only when head
//! office acknowledges it; until then it is sent again, after any fault, however long the
//! terminal was offline. Each page of the change feed is applied in one transaction together
//! with the cursor, so a page is applied wholly or not at all, and never twice.
//!
//! Wrong PINs and lockouts (the ledger file's security events) follow the documents the same
//! way: pushed in batches by id, counted as delivered only when head office acknowledges
//! them, and kept once at head office by their id.
//!
//! Head office may answer any request with a new token for this terminal (a rotation, see
//! `token.rs`), refuse a revoked token, or be too busy to check tokens; and it may take a
//! document into the chain but set it aside from its figures because its content makes no
//! sense. Each is kept in the sync state and said in words; none of them stops selling.

use std::path::Path;
use std::time::Duration;

use kasir_core::wire::{
    ChangePage, PushAck, PushBatch, PushedDocument, SecurityEventAck, SecurityEventBatch, SetAside,
};
use serde::Serialize;
use thiserror::Error;

use crate::app::config::Config;
use crate::messages::Explain;
use crate::store::LedgerError;
use crate::store::side::{SideStore, Waiting, WaitingEvents};
use kasir_core::Locale;

mod link;
mod token;

pub use crate::store::side::{SetAsideNote, SyncStatus};
pub use link::{LinkFailure, http_client, http_failure};
pub use token::{NEW_TOKEN_HEADER, is_token_of_same_terminal};

/// Documents per push: a 20-line sale is about 10 kB, so a batch stays near 2 MB.
pub const BATCH: usize = 200;
/// Bytes of documents per push: half of what head office takes in one request, so that a run
/// of very long sales still goes (in smaller batches) instead of being refused as too large.
pub const BATCH_BYTES: usize = 4 * 1024 * 1024;
/// Security events per push (a few hundred bytes each).
pub const EVENT_BATCH: usize = 500;
/// Changes per page of the feed.
pub const PAGE: u32 = 500;
const MAX_BACKOFF: Duration = Duration::from_secs(300);
/// How often the ledger is looked at for new documents between rounds.
const WATCH: Duration = Duration::from_secs(1);

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SyncSettings {
    /// Without a trailing slash.
    pub url: String,
    /// The configured token; a token head office rotated may stand in for it
    /// (`store::rotation`).
    pub token: String,
    pub interval: Duration,
    pub timeout: Duration,
    /// A private certificate authority to trust besides the public ones.
    pub ca_file: Option<std::path::PathBuf>,
}

/// Everything but the token, which is never printed.
impl std::fmt::Debug for SyncSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncSettings")
            .field("url", &self.url)
            .field("token", &"…")
            .field("interval", &self.interval)
            .field("timeout", &self.timeout)
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

impl SyncSettings {
    /// The configured head office; `None` when this terminal works alone.
    pub fn from_config(config: &Config) -> Result<Option<SyncSettings>, SyncError> {
        let Some(ho) = &config.headoffice else { return Ok(None) };
        if config.demo {
            return Err(SyncError::Demo);
        }
        let token = ho.token.clone().ok_or(SyncError::NoToken)?;
        Ok(Some(SyncSettings {
            url: ho.url.clone(),
            token,
            interval: ho.interval,
            timeout: ho.timeout,
            ca_file: ho.ca_file.clone(),
        }))
    }
}

#[derive(Debug, Error)]
pub enum SyncError {
    #[error("no head office token: set [headoffice] token in kasir.toml, or KASIR_HEADOFFICE_TOKEN")]
    NoToken,
    #[error(
        "this terminal runs the demo store: its sales are never sent to head office (set up your own shop with `kasir init` or `kasir join`)"
    )]
    Demo,
    #[error("head office at {url} cannot be reached: {detail}")]
    Unreachable { url: String, detail: LinkFailure },
    #[error("head office refused this terminal's token: {0}")]
    Unauthorized(String),
    /// `kasir-headoffice terminal revoke`: no request goes through until the terminal has a
    /// new token.
    #[error(
        "head office has revoked this terminal's access: selling goes on and the sales are kept here, but none is sent until this terminal has a new token; ask head office for a new token for this terminal (kasir-headoffice terminal new-token) and put it in kasir.toml under [headoffice] token"
    )]
    Revoked,
    /// Head office has too many tokens to check at once; nothing is wrong with this terminal.
    #[error("head office is busy checking tokens: the sales wait here and go at a later round")]
    Busy { retry_after_secs: Option<u64> },
    #[error("head office refused a document: {0}")]
    Refused(String),
    #[error("head office answered {status}: {message}")]
    Answer { status: u16, message: String },
    #[error("headoffice.ca_file {path}: {message}")]
    CaFile { path: String, message: String },
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

/// What one round did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// Documents head office stored in this round.
    pub stored: u64,
    /// Every document up to here is at head office.
    pub delivered_seq: u64,
    pub changes_applied: u64,
    pub waiting: u64,
    /// Security events (wrong PINs, lockouts) head office stored in this round.
    pub security_events: u64,
    /// Documents head office took into the chain in this round but set aside from its figures.
    pub set_aside: Vec<SetAside>,
}

/// What pushing the waiting documents did.
struct Pushed {
    stored: u64,
    set_aside: Vec<SetAside>,
}

/// Talks to head office for one terminal's ledger file.
pub struct Syncer {
    settings: SyncSettings,
    http: reqwest::Client,
    /// The store on a connection of its own.
    store: SideStore,
}

impl Syncer {
    pub fn new(settings: SyncSettings, ledger: &Path) -> Result<Syncer, SyncError> {
        let store = SideStore::open(ledger)?;
        let http = http_client(&settings.url, settings.timeout, settings.ca_file.as_deref())?;
        Ok(Syncer { settings, http, store })
    }

    pub fn status(&self) -> Result<SyncStatus, SyncError> {
        Ok(self.store.status()?)
    }

    /// One round: push every document waiting, then every security event, then pull every
    /// change. The outcome is recorded for the status bar.
    pub async fn once(&self) -> Result<SyncReport, SyncError> {
        let pushed = self.push_documents().await;
        // Events and prices still go when a push is refused; not when head office is
        // unreachable, refuses the token or is too busy to check it. A failure of the events
        // stops neither documents nor the feed.
        let offline = matches!(
            &pushed,
            Err(SyncError::Unreachable { .. }
                | SyncError::Unauthorized(_)
                | SyncError::Revoked
                | SyncError::Busy { .. })
        );
        let events = if offline { Ok(0) } else { self.push_security_events().await };
        let pulled = if offline { Ok(0) } else { self.pull().await };
        let result = match (pushed, events, pulled) {
            (Ok(Pushed { stored, set_aside }), Ok(security_events), Ok(changes)) => {
                let s = self.status()?;
                Ok(SyncReport {
                    stored,
                    delivered_seq: s.delivered_seq,
                    changes_applied: changes,
                    waiting: s.waiting,
                    security_events,
                    set_aside,
                })
            }
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => Err(e),
        };
        let error = result.as_ref().err().map(|e| (e.explain(Locale::En), e.explain(Locale::Id)));
        self.store.record_round(error.as_ref().map(|(en, id)| (en.as_str(), id.as_str())))?;
        result
    }

    /// Runs rounds for ever: every `interval` while all is well, backing off with jitter
    /// after a failure. A document committed meanwhile starts the next round at once while
    /// all is well (a sale reaches head office within a second or so). `report` hears the
    /// status after each round, and whenever the number waiting changes.
    pub async fn run(&self, mut report: impl FnMut(SyncStatus)) {
        let mut failures = 0u32;
        loop {
            let wait = match self.once().await {
                Ok(_) => {
                    failures = 0;
                    self.settings.interval
                }
                // A busy head office says when to come back; a little more, at random, so that
                // a chain's terminals do not all come back at once.
                Err(SyncError::Busy { retry_after_secs: Some(secs) }) => {
                    failures = failures.saturating_add(1);
                    tracing::info!(
                        retry_after_secs = secs,
                        "head office is busy checking tokens; trying later"
                    );
                    Duration::from_secs(secs).clamp(WATCH, MAX_BACKOFF).mul_f64(1.0 + fastrand::f64() / 4.0)
                }
                Err(e) => {
                    failures = failures.saturating_add(1);
                    tracing::warn!(error = %e, "sync failed");
                    backoff(failures)
                }
            };
            let mut last = self.status().ok();
            if let Some(s) = &last {
                report(s.clone());
            }
            // Reading the newest sequence is a few microseconds on a local file.
            let deadline = tokio::time::Instant::now() + wait;
            while tokio::time::Instant::now() < deadline {
                tokio::time::sleep(WATCH.min(deadline - tokio::time::Instant::now())).await;
                let Ok(now) = self.status() else { continue };
                if last.as_ref().map(|l| l.waiting) != Some(now.waiting) {
                    report(now.clone());
                    let more = last.as_ref().is_some_and(|l| now.waiting > l.waiting);
                    last = Some(now);
                    if more && failures == 0 {
                        break;
                    }
                }
            }
        }
    }

    fn unreachable(&self, e: reqwest::Error) -> SyncError {
        SyncError::Unreachable {
            url: self.settings.url.clone(),
            detail: http_failure(&e, self.settings.timeout),
        }
    }

    /// Pushes every waiting document; returns how many head office stored now. With nothing
    /// waiting it still asks (an empty batch), so that it learns what head office holds: a
    /// head office restored from an older backup gets the missing documents again.
    pub async fn push(&self) -> Result<u64, SyncError> {
        Ok(self.push_documents().await?.stored)
    }

    /// [`Syncer::push`], and the documents head office set aside on the way (the latest one
    /// is kept for the status).
    async fn push_documents(&self) -> Result<Pushed, SyncError> {
        let mut stored = 0;
        let mut set_aside = Vec::new();
        loop {
            let Waiting { documents, delivered, newest } = self.store.waiting(BATCH)?;
            let documents = fit_batch(documents, BATCH_BYTES);
            let first = documents.first().map(|d| d.seq);
            let batch = PushBatch { documents, ledger_seq: Some(newest) };
            let response = self
                .send(self.http.post(format!("{}/api/v1/documents", self.settings.url)).json(&batch))
                .await?;
            let status = response.status();
            if !status.is_success() {
                let (error, acknowledged) = link::refusal(response).await;
                if let Some(ack) = acknowledged {
                    self.store.delivered(delivered, ack.min(newest))?;
                }
                return Err(error);
            }
            let ack: PushAck = response.json().await.map_err(|e| self.unreachable(e))?;
            if ack.acknowledged > newest {
                // Never mark documents delivered that head office has not seen: they would
                // never be sent.
                self.store.delivered(delivered, newest)?;
                return Err(SyncError::Refused(format!(
                    "head office holds documents up to {} but this ledger ends at {newest}: was this \
                     terminal restored from an old backup or replaced? Its next documents would \
                     reuse numbers head office already holds",
                    ack.acknowledged
                )));
            }
            self.store.delivered(delivered, ack.acknowledged)?;
            stored += ack.stored as u64;
            if let Some(latest) = ack.set_aside.iter().max_by_key(|s| s.seq) {
                self.store.record_set_aside(latest.seq, &latest.receipt, &latest.reason)?;
            }
            for s in &ack.set_aside {
                tracing::warn!(seq = s.seq, receipt = %s.receipt, reason = %s.reason, "head office set a document aside");
            }
            set_aside.extend(ack.set_aside);
            match first {
                // Caught up, unless head office holds less than it had acknowledged.
                None if ack.acknowledged >= delivered => return Ok(Pushed { stored, set_aside }),
                None => continue,
                Some(first) if ack.acknowledged < first && ack.acknowledged >= delivered => {
                    return Err(SyncError::Answer {
                        status: status.as_u16(),
                        message: format!(
                            "head office holds documents up to {} and took none from {first}",
                            ack.acknowledged
                        ),
                    });
                }
                Some(_) => continue,
            }
        }
    }

    /// Pushes every security event not yet acknowledged, in batches by id; returns how many
    /// head office stored now. An event counts as delivered only once head office's answer
    /// says it holds it; an answer lost on the way means the batch goes again, and head
    /// office, which knows each event by its id, keeps it once.
    pub async fn push_security_events(&self) -> Result<u64, SyncError> {
        let mut stored = 0;
        loop {
            let WaitingEvents { events, .. } = self.store.waiting_security_events(EVENT_BATCH)?;
            let Some(last) = events.last().map(|e| e.id) else { return Ok(stored) };
            let response = self
                .send(
                    self.http
                        .post(format!("{}/api/v1/security-events", self.settings.url))
                        .json(&SecurityEventBatch { events }),
                )
                .await?;
            let status = response.status();
            if !status.is_success() {
                return Err(match link::refusal(response).await.0 {
                    SyncError::Refused(message) => SyncError::Answer { status: status.as_u16(), message },
                    other => other,
                });
            }
            let ack: SecurityEventAck = response.json().await.map_err(|e| self.unreachable(e))?;
            if ack.acknowledged < last {
                return Err(SyncError::Answer {
                    status: status.as_u16(),
                    message: format!(
                        "head office holds security events up to {} but was sent events up to {last}",
                        ack.acknowledged
                    ),
                });
            }
            // Never further than what was sent: an event head office has not seen would
            // never be sent.
            self.store.security_events_delivered(last)?;
            stored += u64::from(ack.stored);
        }
    }

    /// Pulls and applies the change feed page by page; returns the changes applied.
    pub async fn pull(&self) -> Result<u64, SyncError> {
        let mut applied = 0;
        loop {
            let since = self.store.feed_cursor()?;
            let page: ChangePage = self.get(&format!("changes?since={since}&limit={PAGE}")).await?;
            applied += self.store.apply_feed_page(since, &page)?;
            if !page.more {
                return Ok(applied);
            }
        }
    }
}

impl Syncer {
    /// An authenticated GET of `/api/v1/{path}`, its answer read as JSON; a refusal in words.
    async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T, SyncError> {
        let response = self.send(self.http.get(format!("{}/api/v1/{path}", self.settings.url))).await?;
        let status = response.status();
        if !status.is_success() {
            return Err(link::refusal(response).await.0);
        }
        response.json().await.map_err(|e| self.unreachable(e))
    }

    /// Asks head office for a sale of this store and what came back from it at every
    /// terminal, and keeps a checked copy for a return here.
    pub async fn fetch_sale(&self, receipt: &str) -> Result<(), SyncError> {
        let lookup: kasir_core::wire::SaleLookup = self.get(&format!("sales/{}", receipt.trim())).await?;
        self.store.keep_sale_copy(receipt, &lookup)?;
        Ok(())
    }
}

/// Before a return against `receipt`: refreshes what head office knows of that sale (another
/// terminal's sale, or returns of this terminal's own made elsewhere). Without head office
/// this does nothing. When head office cannot be reached, this terminal's own sales are
/// returned as its ledger knows them, and another terminal's from the copy fetched before if
/// the store allows it (`[returns] other_terminals_offline`); otherwise the error is returned.
pub fn refresh_sale(config: &Config, ledger: &Path, receipt: &str) -> Result<(), SyncError> {
    let Some(settings) = SyncSettings::from_config(config)? else { return Ok(()) };
    let syncer = Syncer::new(settings, ledger)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| {
        SyncError::Unreachable { url: syncer.settings.url.clone(), detail: LinkFailure::Other(e.to_string()) }
    })?;
    match runtime.block_on(syncer.fetch_sale(receipt)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let known = syncer.store.has_sale_copy(receipt)?;
            let own = !syncer.store.is_foreign(receipt)?;
            if own || (known && config.returns.other_terminals_offline) {
                tracing::warn!(error = %e, receipt, "head office not asked about the sale; using what is known here");
                Ok(())
            } else {
                Err(e)
            }
        }
    }
}

/// Runs sync on a thread of its own for as long as the receiver lives, reporting the status
/// after each round (the checkout screen's status bar).
pub fn spawn(
    settings: SyncSettings,
    ledger: std::path::PathBuf,
) -> tokio::sync::mpsc::UnboundedReceiver<SyncStatus> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let spawned = std::thread::Builder::new().name("kasir-sync".into()).spawn(move || {
        let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
            Ok(r) => r,
            Err(e) => {
                let words = |l| crate::messages::sync::cannot_start(l, &e);
                let _ = tx.send(SyncStatus {
                    last_error: Some(words(Locale::En)),
                    last_error_id: Some(words(Locale::Id)),
                    ..SyncStatus::default()
                });
                return;
            }
        };
        let syncer = match Syncer::new(settings, &ledger) {
            Ok(s) => s,
            Err(e) => {
                let _ = tx.send(SyncStatus {
                    last_error: Some(e.explain(Locale::En)),
                    last_error_id: Some(e.explain(Locale::Id)),
                    ..SyncStatus::default()
                });
                return;
            }
        };
        if let Ok(s) = syncer.status() {
            let _ = tx.send(s);
        }
        runtime.block_on(async {
            tokio::select! {
                _ = syncer.run(|s| { let _ = tx.send(s); }) => {}
                _ = tx.closed() => {}
            }
        });
    });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "sync thread did not start");
    }
    rx
}

/// The longest run of documents from the start whose canonical text fits in `max_bytes`;
/// always at least one, so a single document larger than that is still sent (and head
/// office's answer about it shown).
pub fn fit_batch(mut docs: Vec<PushedDocument>, max_bytes: usize) -> Vec<PushedDocument> {
    let mut total = 0;
    let keep = docs
        .iter()
        .position(|d| {
            total += d.canonical.len();
            total > max_bytes
        })
        .map_or(docs.len(), |i| i.max(1));
    docs.truncate(keep);
    docs
}

/// The wait after `failures` failures in a row: 2 s doubling to 5 minutes, then a random
/// part of it, so a store's terminals coming back together do not all knock at once.
pub fn backoff(failures: u32) -> Duration {
    let full =
        Duration::from_secs(2).saturating_mul(1 << failures.saturating_sub(1).min(16)).min(MAX_BACKOFF);
    full.mul_f64(0.5 + fastrand::f64() / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(seq: u64, bytes: usize) -> PushedDocument {
        PushedDocument { seq, hash: String::new(), canonical: "x".repeat(bytes) }
    }

    #[test]
    fn a_batch_stops_before_it_grows_too_large_but_never_sends_nothing() {
        let seqs = |v: Vec<PushedDocument>| v.iter().map(|d| d.seq).collect::<Vec<_>>();
        assert_eq!(seqs(fit_batch(vec![doc(1, 40), doc(2, 40), doc(3, 40)], 100)), [1, 2]);
        assert_eq!(seqs(fit_batch(vec![doc(1, 40), doc(2, 60), doc(3, 1)], 100)), [1, 2]);
        assert_eq!(seqs(fit_batch(vec![doc(1, 500), doc(2, 1)], 100)), [1], "one oversized document alone");
        assert_eq!(seqs(fit_batch(vec![doc(1, 10), doc(2, 10)], 100)), [1, 2]);
        assert!(fit_batch(vec![], 100).is_empty());
    }

    #[test]
    fn backoff_doubles_to_five_minutes_with_jitter() {
        for _ in 0..50 {
            let first = backoff(1);
            assert!(first >= Duration::from_secs(1) && first <= Duration::from_secs(2), "{first:?}");
            let fourth = backoff(4);
            assert!(fourth >= Duration::from_secs(8) && fourth <= Duration::from_secs(16), "{fourth:?}");
            let late = backoff(40);
            assert!(late >= Duration::from_secs(150) && late <= MAX_BACKOFF, "{late:?}");
        }
    }
}
