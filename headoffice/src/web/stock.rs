//! Stock from the browser: a store's levels with reorder levels and a low-stock marker, the
//! low-stock list across the stores the user may see, goods received, adjustments (always
//! with a reason), reorder levels, and transfers between stores with their "received" button.
//!
//! Every page and every form asks the policy first: recording stock is for administrators
//! and managers (a manager only in their own stores: never out of or into another store),
//! analysts only look. Storage is only ever asked for stores the user may see.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kasir_core::Quantity;
use kasir_core::office::OfficeAction;
use maud::{Markup, html};
use serde::Deserialize;

use super::WebState;
use super::page::{self, Menu, Refusal, quantity};
use super::session::{Posted, Signed};
use super::words::{Lang, W};
use crate::analytics::StoreSummary;
use crate::storage::{StockEntry, StockKind, StockRow, TransferReceipt, TransferState};

#[derive(Deserialize)]
pub struct StockQuery {
    #[serde(default)]
    store: Option<String>,
    /// What the form before did ([`Done`]), for the notice.
    #[serde(default)]
    done: Option<String>,
}

/// What a form did, said on the page it leads back to (the address keeps no form's data, so a
/// reload never sends it again).
#[derive(Clone, Copy)]
enum Done {
    Received,
    Adjusted,
    Reorder,
    Sent,
    TransferReceived,
    AlreadyReceived,
}

impl Done {
    const ALL: [Done; 6] = [
        Done::Received,
        Done::Adjusted,
        Done::Reorder,
        Done::Sent,
        Done::TransferReceived,
        Done::AlreadyReceived,
    ];

    fn code(self) -> &'static str {
        match self {
            Done::Received => "received",
            Done::Adjusted => "adjusted",
            Done::Reorder => "reorder",
            Done::Sent => "sent",
            Done::TransferReceived => "transfer_received",
            Done::AlreadyReceived => "already_received",
        }
    }

    fn word(self) -> W {
        match self {
            Done::Received => W::DoneGoodsReceived,
            Done::Adjusted => W::DoneAdjusted,
            Done::Reorder => W::DoneReorder,
            Done::Sent => W::DoneSent,
            Done::TransferReceived => W::DoneTransferReceived,
            Done::AlreadyReceived => W::AlreadyReceived,
        }
    }

    fn notice(code: Option<&str>, lang: Lang) -> Option<Markup> {
        let done = Done::ALL.into_iter().find(|d| Some(d.code()) == code)?;
        Some(html! { p.notice role="status" { (done.word().in_(lang)) } })
    }
}

/// The stores the user may see, by code.
async fn my_stores(state: &WebState, user: &Signed) -> Result<Vec<StoreSummary>, Refusal> {
    let stores = state.storage.stores().await.map_err(Refusal::storage(user.lang))?;
    Ok(stores.into_iter().filter(|s| user.store(&s.code).is_ok()).collect())
}

/// `GET /stock?store=S01`: a store's levels and the forms that change them.
pub async fn page(
    State(state): State<WebState>,
    user: Signed,
    Query(q): Query<StockQuery>,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::ViewSales)?;
    let lang = user.lang;
    if let Some(s) = &q.store {
        user.store(s)?;
    }
    let stores = my_stores(&state, &user).await?;
    let all_stores = state.storage.stores().await.map_err(Refusal::storage(lang))?;
    let store = match &q.store {
        Some(s) => stores.iter().find(|x| &x.code == s).ok_or(Refusal::NotFound(lang))?,
        None => match stores.first() {
            Some(s) => s,
            None => {
                return Ok(page::shell(
                    &user,
                    W::Stock.in_(lang),
                    Menu::Stock,
                    html! { h1 { (W::Stock.in_(lang)) } p { (W::NoneYet.in_(lang)) } },
                )
                .into_response());
            }
        },
    };
    let rows = state.storage.stock_overview(&store.code).await.map_err(Refusal::storage(lang))?;
    let writes = user.may(OfficeAction::RecordStock).is_ok();
    let title = format!("{} · {}", W::Stock.in_(lang), store.code);
    let csrf = &user.csrf;
    let body = html! {
        h1 { (W::Stock.in_(lang)) " " (store.code) " " span.muted { (store.name) } }
        @if let Some(n) = Done::notice(q.done.as_deref(), lang) { (n) }
        form.filters method="get" action="/stock" {
            label { (W::Store.in_(lang))
                select name="store" { @for s in &stores { option value=(s.code) selected[s.code == store.code] { (s.code) " " (s.name) } } }
            }
            button type="submit" { (W::Show.in_(lang)) }
            " " a href="/stock/low" { (W::LowStock.in_(lang)) }
            " " a href={ "/stock/transfers?store=" (store.code) } { (W::Transfers.in_(lang)) }
        }
        (levels(&rows, lang))
        @if writes {
            h2 { (W::ReceiveGoods.in_(lang)) }
            form.filters #receive method="post" action="/stock/receive" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="store" value=(store.code);
                label { (W::Sku.in_(lang)) input name="sku" required; }
                label { (W::Quantity.in_(lang)) input name="quantity" required inputmode="decimal"; }
                label { (W::Note.in_(lang)) input name="note"; }
                button type="submit" { (W::ReceiveGoods.in_(lang)) }
            }
            h2 { (W::Adjust.in_(lang)) }
            form.filters #adjust method="post" action="/stock/adjust" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="store" value=(store.code);
                label { (W::Sku.in_(lang)) input name="sku" required; }
                label title=(W::AdjustHint.in_(lang)) { (W::Quantity.in_(lang)) input name="quantity" required placeholder="-2"; }
                label { (W::Reason.in_(lang)) input name="reason" required; }
                button type="submit" { (W::Adjust.in_(lang)) }
            }
            h2 { (W::SetReorder.in_(lang)) }
            form.filters #reorder method="post" action="/stock/reorder" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="store" value=(store.code);
                label { (W::Sku.in_(lang)) input name="sku" required; }
                label { (W::ReorderAt.in_(lang)) input name="level" required inputmode="decimal"; }
                button type="submit" { (W::SetReorder.in_(lang)) }
            }
            h2 { (W::SendTransfer.in_(lang)) }
            form #transfer method="post" action="/stock/transfer" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="from" value=(store.code);
                label { (W::To.in_(lang))
                    select name="to" { @for s in all_stores.iter().filter(|s| s.code != store.code) { option value=(s.code) { (s.code) " " (s.name) } } }
                }
                label { (W::TransferLines.in_(lang)) textarea name="lines" rows="4" required placeholder="MIE-001 12" {} }
                label { (W::Note.in_(lang)) input name="note"; }
                button type="submit" { (W::SendTransfer.in_(lang)) }
            }
        }
    };
    Ok(page::shell(&user, &title, Menu::Stock, body).into_response())
}

fn levels(rows: &[StockRow], lang: Lang) -> Markup {
    html! {
        div.table-wrap { table #stock {
            thead { tr {
                th { (W::Sku.in_(lang)) } th { (W::Product.in_(lang)) } th.n { (W::OnHand.in_(lang)) }
                th.n { (W::ReorderAt.in_(lang)) } th.n { (W::InTransit.in_(lang)) } th {}
            } }
            tbody {
                @for r in rows {
                    tr data-sku=(r.sku) class=[r.low().then_some("low")] {
                        td { (r.sku) } td { (r.name) }
                        td.n.on-hand { (quantity(r.quantity_milli.into(), lang)) }
                        td.n { (r.reorder_milli.map_or("—".to_owned(), |l| quantity(l.into(), lang))) }
                        td.n.in-transit { (quantity(r.in_transit_in_milli.into(), lang)) }
                        td { @if r.low() { strong.low-marker { (W::Low.in_(lang)) } } }
                    }
                }
                @if rows.is_empty() { tr { td colspan="6" { (W::NoneYet.in_(lang)) } } }
            }
        } }
    }
}

/// `GET /stock/low`: products at or under their reorder level in the stores the user sees.
pub async fn low(State(state): State<WebState>, user: Signed) -> Result<Response, Refusal> {
    user.may(OfficeAction::ViewSales)?;
    let lang = user.lang;
    let visible = user.visible();
    let rows = state.storage.low_stock(visible.as_deref()).await.map_err(Refusal::storage(lang))?;
    let title = W::LowStock.in_(lang);
    let body = html! {
        h1 { (title) }
        div.table-wrap { table #low {
            thead { tr {
                th { (W::Store.in_(lang)) } th { (W::Sku.in_(lang)) } th { (W::Product.in_(lang)) }
                th.n { (W::OnHand.in_(lang)) } th.n { (W::ReorderAt.in_(lang)) } th.n { (W::InTransit.in_(lang)) }
            } }
            tbody {
                @for r in &rows {
                    tr data-store=(r.store) data-sku=(r.sku) {
                        td { a href={ "/stock?store=" (r.store) } { (r.store) } } td { (r.sku) } td { (r.name) }
                        td.n { (quantity(r.quantity_milli.into(), lang)) }
                        td.n { (r.reorder_milli.map_or("—".to_owned(), |l| quantity(l.into(), lang))) }
                        td.n { (quantity(r.in_transit_in_milli.into(), lang)) }
                    }
                }
                @if rows.is_empty() { tr { td colspan="6" { (W::NothingLow.in_(lang)) } } }
            }
        } }
    };
    Ok(page::shell(&user, title, Menu::Stock, body).into_response())
}

/// `GET /stock/transfers?store=S01`: transfers from or to the store (or all the user sees).
pub async fn transfers(
    State(state): State<WebState>,
    user: Signed,
    Query(q): Query<StockQuery>,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::ViewSales)?;
    let lang = user.lang;
    let stores = match &q.store {
        Some(s) => {
            user.store(s)?;
            Some(vec![s.clone()])
        }
        None => user.visible(),
    };
    let list = state.storage.transfers(stores.as_deref()).await.map_err(Refusal::storage(lang))?;
    let writes = user.may(OfficeAction::RecordStock).is_ok();
    let title = W::Transfers.in_(lang);
    let body = html! {
        h1 { (title) @if let Some(s) = &q.store { " " (s) } }
        @if let Some(n) = Done::notice(q.done.as_deref(), lang) { (n) }
        div.table-wrap { table #transfers {
            thead { tr {
                th.n { "#" } th { (W::From.in_(lang)) } th { (W::To.in_(lang)) } th { (W::State.in_(lang)) }
                th { (W::Products.in_(lang)) } th { (W::Note.in_(lang)) } th { (W::Sent.in_(lang)) } th { (W::Received.in_(lang)) } th {}
            } }
            tbody {
                @for t in &list {
                    tr data-transfer=(t.id) {
                        td.n { (t.id) } td { (t.from) } td { (t.to) }
                        td.state { @match t.state {
                            TransferState::InTransit => (W::InTransit.in_(lang)),
                            TransferState::Received => (W::Received.in_(lang)),
                        } }
                        td { @for (sku, q) in &t.lines { span.line { (sku) " " (quantity((*q).into(), lang)) } " " } }
                        td { (t.note) }
                        td { (t.sent_at.format("%Y-%m-%d %H:%M UTC")) " · " (t.sent_by) }
                        td { @if let (Some(at), Some(by)) = (t.received_at, &t.received_by) { (at.format("%Y-%m-%d %H:%M UTC")) " · " (by) } }
                        td { @if writes && t.state == TransferState::InTransit && user.store(&t.to).is_ok() {
                            form.inline method="post" action={ "/stock/transfers/" (t.id) "/receive" } {
                                input type="hidden" name="csrf" value=(user.csrf);
                                button type="submit" { (W::MarkReceived.in_(lang)) }
                            }
                        } }
                    }
                }
                @if list.is_empty() { tr { td colspan="9" { (W::NoneYet.in_(lang)) } } }
            }
        } }
    };
    Ok(page::shell(&user, title, Menu::Stock, body).into_response())
}

/// The user may record stock in `store`.
fn may_record(user: &Signed, store: &str) -> Result<(), Refusal> {
    user.may(OfficeAction::RecordStock)?;
    user.store(store)
}

/// A typed quantity in thousandths, or the page that says what is wrong with it.
fn typed_quantity(text: &str, lang: Lang) -> Result<i64, Refusal> {
    Quantity::parse(text.trim())
        .map(|q| q.milli())
        .map_err(|e| Refusal::Invalid(lang, format!("{} {text:?}: {e}", W::BadQuantity.in_(lang))))
}

fn back(store: &str, done: Done) -> Response {
    Redirect::to(&format!("/stock?store={store}&done={}", done.code())).into_response()
}

#[derive(Deserialize)]
pub struct MovementForm {
    #[serde(default)]
    store: String,
    #[serde(default)]
    sku: String,
    #[serde(default)]
    quantity: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    reason: String,
}

/// `POST /stock/receive`: goods received at a store.
pub async fn receive(
    State(state): State<WebState>,
    Posted(user, form): Posted<MovementForm>,
) -> Result<Response, Refusal> {
    may_record(&user, &form.store)?;
    let lang = user.lang;
    let q = typed_quantity(&form.quantity, lang)?;
    if q <= 0 {
        return Err(Refusal::Invalid(lang, W::ReceiveMoreThanZero.in_(lang).to_owned()));
    }
    let entry = StockEntry {
        store: form.store.clone(),
        sku: form.sku.trim().to_owned(),
        quantity_milli: q,
        kind: StockKind::Receive,
        note: form.note,
    };
    state.storage.record_stock(&entry).await.map_err(Refusal::storage(lang))?;
    tracing::info!(by = %user.user.code, store = %form.store, sku = %entry.sku, "goods received from the web app");
    Ok(back(&form.store, Done::Received))
}

/// `POST /stock/adjust`: a correction, with its reason.
pub async fn adjust(
    State(state): State<WebState>,
    Posted(user, form): Posted<MovementForm>,
) -> Result<Response, Refusal> {
    may_record(&user, &form.store)?;
    let lang = user.lang;
    let q = typed_quantity(&form.quantity, lang)?;
    let entry = StockEntry {
        store: form.store.clone(),
        sku: form.sku.trim().to_owned(),
        quantity_milli: q,
        kind: StockKind::Adjust,
        note: form.reason.trim().to_owned(),
    };
    state.storage.record_stock(&entry).await.map_err(Refusal::storage(lang))?;
    tracing::info!(by = %user.user.code, store = %form.store, sku = %entry.sku, "stock adjusted from the web app");
    Ok(back(&form.store, Done::Adjusted))
}

#[derive(Deserialize)]
pub struct ReorderForm {
    #[serde(default)]
    store: String,
    #[serde(default)]
    sku: String,
    #[serde(default)]
    level: String,
}

/// `POST /stock/reorder`: the level at or under which a product is low.
pub async fn reorder(
    State(state): State<WebState>,
    Posted(user, form): Posted<ReorderForm>,
) -> Result<Response, Refusal> {
    may_record(&user, &form.store)?;
    let lang = user.lang;
    let level = typed_quantity(&form.level, lang)?;
    state
        .storage
        .set_reorder_level(&form.store, form.sku.trim(), level)
        .await
        .map_err(Refusal::storage(lang))?;
    Ok(back(&form.store, Done::Reorder))
}

#[derive(Deserialize)]
pub struct TransferForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    /// One product a line: `SKU quantity`.
    #[serde(default)]
    lines: String,
    #[serde(default)]
    note: String,
}

/// `POST /stock/transfer`: goods sent out of one of the user's stores.
pub async fn send(
    State(state): State<WebState>,
    Posted(user, form): Posted<TransferForm>,
) -> Result<Response, Refusal> {
    may_record(&user, &form.from)?;
    let lang = user.lang;
    let mut lines = Vec::new();
    for line in form.lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let Some((sku, q)) = line.rsplit_once(char::is_whitespace) else {
            return Err(Refusal::Invalid(lang, format!("{} {line:?}", W::TransferLines.in_(lang))));
        };
        lines.push((sku.trim().to_owned(), typed_quantity(q, lang)?));
    }
    let id = state
        .storage
        .send_transfer(&form.from, form.to.trim(), &lines, form.note.trim(), &user.user.code)
        .await
        .map_err(Refusal::storage(lang))?;
    tracing::info!(by = %user.user.code, from = %form.from, to = %form.to, id, "transfer sent from the web app");
    Ok(back(&form.from, Done::Sent))
}

#[derive(Deserialize)]
pub struct Nothing {}

/// `POST /stock/transfers/{id}/receive`: a transfer's goods arrived at one of the user's
/// stores. Once: pressing it again changes nothing.
pub async fn receive_transfer(
    State(state): State<WebState>,
    Path(id): Path<i64>,
    Posted(user, Nothing {}): Posted<Nothing>,
) -> Result<Response, Refusal> {
    let lang = user.lang;
    user.may(OfficeAction::RecordStock)?;
    let transfer =
        state.storage.transfer(id).await.map_err(Refusal::storage(lang))?.ok_or(Refusal::NotFound(lang))?;
    user.store(&transfer.to)?;
    let done =
        match state.storage.receive_transfer(id, &user.user.code).await.map_err(Refusal::storage(lang))? {
            TransferReceipt::Received => Done::TransferReceived,
            TransferReceipt::AlreadyReceived { .. } => Done::AlreadyReceived,
        };
    tracing::info!(by = %user.user.code, id, to = %transfer.to, "transfer received from the web app");
    Ok(Redirect::to(&format!("/stock/transfers?store={}&done={}", transfer.to, done.code())).into_response())
}
