//! The live dashboard: server-sent events telling open pages that sales arrived.
//!
//! A push stored by this process is announced at once (with its store). Pushes taken by
//! another server process on the same database are heard through [`watch`], which asks the
//! storage for its watermark once a second: so the dashboard shows a sale within about a
//! second of its being stored, whichever process took it.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use kasir_core::office::OfficeAction;
use tokio::sync::broadcast;

use super::WebState;
use super::page::Refusal;
use super::session::Signed;
use crate::storage::Storage;

/// What is announced: the store whose sales changed, or every store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum News {
    Store(String),
    Anything,
}

/// The announcements of one server process.
#[derive(Clone)]
pub struct Live {
    sender: broadcast::Sender<News>,
    /// Set when the server stops: open event streams end, so that a graceful shutdown does
    /// not wait for dashboards that would never close.
    closing: tokio::sync::watch::Sender<bool>,
}

impl Default for Live {
    fn default() -> Live {
        Live::new()
    }
}

impl Live {
    pub fn new() -> Live {
        // A slow page misses announcements past this many and is told to refresh anyway.
        Live { sender: broadcast::channel(256).0, closing: tokio::sync::watch::channel(false).0 }
    }

    /// Ends every open event stream (the server is stopping).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// A push of `store` stored documents.
    pub fn notify(&self, store: &str) {
        // No open page: nobody to tell, which is not a fault.
        let _ = self.sender.send(News::Store(store.to_owned()));
    }

    pub fn subscribe(&self) -> broadcast::Receiver<News> {
        self.sender.subscribe()
    }
}

/// Announces changes stored by other processes: polls the storage's watermark once a second
/// while anyone listens. Runs until the process ends.
pub async fn watch(storage: std::sync::Arc<dyn Storage>, live: Live) {
    let mut last: Option<String> = None;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if live.sender.receiver_count() == 0 {
            last = None;
            continue;
        }
        match storage.watermark().await {
            Ok(mark) => {
                if last.as_ref().is_some_and(|l| *l != mark) {
                    let _ = live.sender.send(News::Anything);
                }
                last = Some(mark);
            }
            Err(e) => tracing::warn!(error = %e, "live dashboard: watermark not read"),
        }
    }
}

/// The session an event stream was opened by.
struct Watched {
    storage: std::sync::Arc<dyn Storage>,
    session: String,
}

impl Watched {
    /// The stores the session's user may see now (`Some(None)`: all of them); `None` when the
    /// session has ended or cannot be read (the browser reconnects and logs in again).
    async fn visible(&self) -> Option<Option<Vec<String>>> {
        let session = self.storage.session(&self.session, chrono::Utc::now()).await.ok()??;
        if !kasir_core::office::permits(session.user.role, OfficeAction::ViewSales) {
            return None;
        }
        Some(kasir_core::office::visible_stores(session.user.role, &session.user.stores))
    }
}

/// `GET /events`: a `sales` event whenever sales of a store the user may see arrive.
pub async fn events(
    State(state): State<WebState>,
    user: Signed,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, Refusal> {
    user.may(OfficeAction::ViewSales)?;
    let receiver = state.live.subscribe();
    let closing = state.live.closing.subscribe();
    let watched = Watched { storage: state.storage.clone(), session: user.session.clone() };
    let stream = futures_util::stream::unfold(
        (receiver, watched, closing),
        |(mut rx, watched, mut closing)| async move {
            loop {
                if *closing.borrow() {
                    return None;
                }
                let news = tokio::select! {
                    news = rx.recv() => news,
                    _ = closing.changed() => return None,
                };
                let store = match news {
                    Ok(News::Store(s)) => Some(s),
                    Ok(News::Anything) | Err(broadcast::error::RecvError::Lagged(_)) => None,
                    Err(broadcast::error::RecvError::Closed) => return None,
                };
                // The session is read again: a logout, a deactivation or a store taken away
                // ends the stream or its news at once, not when the page is next loaded.
                let visible = watched.visible().await?;
                // Another store's news is not even hinted at to a manager of other stores.
                if let (Some(s), Some(mine)) = (&store, &visible)
                    && !mine.contains(s)
                {
                    continue;
                }
                // Never empty: a browser dispatches no event whose data is empty.
                let event = Event::default().event("sales").data(store.unwrap_or_else(|| "*".to_owned()));
                return Some((Ok(event), (rx, watched, closing)));
            }
        },
    );
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}
