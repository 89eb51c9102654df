//! Head office's web app, served by `kasir-headoffice serve` beside the API: server-rendered
//! pages (maud), one stylesheet and one small script served by the binary itself, nothing
//! fetched from elsewhere, so it works on a shop's LAN with no internet.
//!
//! Every handler takes a [`session::Signed`] user and asks [`session::Signed::may`] and
//! [`session::Signed::store`] (kasir-core's office policy) before it reads or writes: a
//! manager of S01 gets 403 for S02 by any URL, and S02 never appears in their lists, totals
//! or exports, because the storage is only ever asked for the stores they may see.

pub mod assets;
pub mod catalogue;
pub mod catalogue_import;
pub mod catalogue_setup;
pub mod chart;
pub mod dashboard;
pub mod live;
pub mod page;
pub mod period;
pub mod receipt;
pub mod reports;
pub mod session;
pub mod stock;
pub mod terminals;
pub mod words;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

use crate::storage::Storage;

/// What every page handler gets.
#[derive(Clone)]
pub struct WebState {
    pub storage: Arc<dyn Storage>,
    pub live: live::Live,
    /// Password checks (argon2id) running at once: a flood of logins queues here instead of
    /// taking every core from the terminals' pushes.
    pub logins: Arc<tokio::sync::Semaphore>,
    /// Cookies marked `Secure`: set when head office is served over TLS (behind a proxy that
    /// terminates it), so that a session cookie never travels in clear.
    pub secure_cookies: bool,
}

impl WebState {
    pub fn new(storage: Arc<dyn Storage>, live: live::Live, secure_cookies: bool) -> WebState {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        WebState {
            storage,
            live,
            logins: Arc::new(tokio::sync::Semaphore::new(cores.div_ceil(2))),
            secure_cookies,
        }
    }
}

/// The web app's routes (merged into the API's router, which answers everything else).
pub fn router(state: WebState) -> Router {
    Router::new()
        .route("/", get(dashboard::page))
        .route("/dashboard/panel", get(dashboard::panel))
        .route("/events", get(live::events))
        .route("/login", get(session::login_page).post(session::login))
        .route("/logout", post(session::logout))
        .route("/lang", get(session::language))
        .route("/reports", get(reports::page))
        .route("/reports/export.csv", get(reports::export))
        .route("/terminals", get(terminals::page))
        .route("/terminals/enrol", post(terminals::enrol))
        .route("/terminals/{store}/{terminal}", get(terminals::terminal))
        .route("/terminals/{store}/{terminal}/revoke", post(terminals::revoke))
        .route("/terminals/{store}/{terminal}/rotate", post(terminals::rotate))
        .route("/terminals/{store}/{terminal}/days/{day}", get(receipt::day))
        .route("/receipts/{store}/{terminal}/{seq}", get(receipt::page))
        .route("/security", get(terminals::security))
        .route("/stock", get(stock::page))
        .route("/stock/low", get(stock::low))
        .route("/stock/transfers", get(stock::transfers))
        .route("/stock/receive", post(stock::receive))
        .route("/stock/adjust", post(stock::adjust))
        .route("/stock/reorder", post(stock::reorder))
        .route("/stock/transfer", post(stock::send))
        .route("/stock/transfers/{id}/receive", post(stock::receive_transfer))
        .route("/catalogue", get(catalogue::list))
        .route("/catalogue/products/new", get(catalogue::new_product).post(catalogue::create))
        .route("/catalogue/products/{sku}", get(catalogue::product).post(catalogue::update))
        .route("/catalogue/tax", get(catalogue_setup::tax_page).post(catalogue_setup::set_tax))
        .route("/catalogue/quick-keys", get(catalogue_setup::keys_page).post(catalogue_setup::set_keys))
        .route("/catalogue/import", catalogue_import::route())
        .route("/assets/{file}", get(assets::serve))
        .with_state(state)
}
