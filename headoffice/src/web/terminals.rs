//! Running the terminals from the browser: how far each one is, what it had refused or set
//! aside, revoking or rotating its token, and enrolling a new one; and the security page.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use kasir_core::chain::Origin;
use kasir_core::office::OfficeAction;
use maud::html;
use serde::Deserialize;

use super::WebState;
use super::dashboard::ago;
use super::page::{self, Menu, Refusal, money};
use super::session::{Posted, Signed};
use super::words::W;
use crate::auth;
use crate::storage::check_code;

/// How long an enrolment code made here works.
const ENROL_HOURS: i64 = 24;

pub async fn page(State(state): State<WebState>, user: Signed) -> Result<Response, Refusal> {
    render(&state, &user, None).await
}

async fn render(state: &WebState, user: &Signed, notice: Option<maud::Markup>) -> Result<Response, Refusal> {
    user.may(OfficeAction::ViewTerminals)?;
    let lang = user.lang;
    let fail = Refusal::storage(lang);
    let mine = |store: &str| user.store(store).is_ok();
    let terminals: Vec<_> =
        state.storage.terminals().await.map_err(fail)?.into_iter().filter(|t| mine(&t.store)).collect();
    let rejected: Vec<_> = state
        .storage
        .rejected()
        .await
        .map_err(Refusal::storage(lang))?
        .into_iter()
        .filter(|r| mine(&r.store))
        .collect();
    let stores: Vec<_> = state
        .storage
        .stores()
        .await
        .map_err(Refusal::storage(lang))?
        .into_iter()
        .filter(|s| mine(&s.code))
        .collect();
    let runs = user.may(OfficeAction::RunTerminals).is_ok();
    let now = Utc::now();
    let title = W::Terminals.in_(lang);
    let body = html! {
        h1 { (title) }
        @if let Some(n) = notice { (n) }
        div.table-wrap { table #terminals {
            thead { tr {
                th { (W::Terminal.in_(lang)) } th { (W::LastContact.in_(lang)) }
                th.n title=(W::WaitingNote.in_(lang)) { (W::Waiting.in_(lang)) } th.n { (W::LastSeq.in_(lang)) }
                th title=(W::LagNote.in_(lang)) { (W::NewestDocument.in_(lang)) }
                th.n { (W::Refused.in_(lang)) } th.n { (W::GrandTotal.in_(lang)) } th { (W::Token.in_(lang)) }
                @if runs { th {} }
            } }
            tbody {
                @for t in &terminals {
                    @let waiting = t.ledger_seq.map(|l| l.saturating_sub(t.last_seq));
                    tr data-terminal={ (t.store) "-" (t.terminal) } {
                        td { a href={ "/?store=" (t.store) "&terminal=" (t.terminal) } { (t.store) "-" (t.terminal) } }
                        td { @match t.last_contact { Some(c) => (ago(now - c, lang)), None => (W::NeverReported.in_(lang)) } }
                        td.n { (waiting.map_or("—".to_owned(), |w| w.to_string())) }
                        td.n { (t.last_seq) }
                        td { (newest(t.last_document_at.as_deref(), now, lang)) }
                        td.n { (t.rejected) }
                        td.n { (money(t.grand_total.into(), lang)) }
                        td class=[t.revoked.then_some("stale")] {
                            @if t.revoked { (W::Revoked.in_(lang)) }
                            @else if t.rotating { (W::Rotating.in_(lang)) }
                            @else { (W::TokenOk.in_(lang)) }
                        }
                        @if runs && t.revoked { td {} }
                        @if runs && !t.revoked { td {
                            form.inline method="post" action={ "/terminals/" (t.store) "/" (t.terminal) "/rotate" } {
                                input type="hidden" name="csrf" value=(user.csrf);
                                button.quiet type="submit" { (W::Rotate.in_(lang)) }
                            }
                            " "
                            form.inline method="post" action={ "/terminals/" (t.store) "/" (t.terminal) "/revoke" }
                                data-confirm=(W::ConfirmRevoke.in_(lang)) {
                                input type="hidden" name="csrf" value=(user.csrf);
                                button.danger type="submit" { (W::Revoke.in_(lang)) }
                            }
                        } }
                    }
                }
                @if terminals.is_empty() { tr { td colspan="9" { (W::NoneYet.in_(lang)) } } }
            }
        } }
        @if runs && !stores.is_empty() {
            h2 { (W::Enrol.in_(lang)) }
            form.filters #enrol method="post" action="/terminals/enrol" {
                input type="hidden" name="csrf" value=(user.csrf);
                label { (W::Store.in_(lang))
                    select name="store" { @for s in &stores { option value=(s.code) { (s.code) " " (s.name) } } }
                }
                label { (W::Terminal.in_(lang)) input name="terminal" required maxlength="8" pattern="[A-Za-z0-9]{1,8}" placeholder="T02"; }
                button type="submit" { (W::Enrol.in_(lang)) }
            }
        }
        h2 { (W::RefusedDocuments.in_(lang)) }
        div.table-wrap { table #rejected {
            thead { tr {
                th { (W::Terminal.in_(lang)) } th.n { "#" } th { (W::Kind.in_(lang)) } th { (W::Reason.in_(lang)) } th { (W::Received.in_(lang)) }
            } }
            tbody {
                @for r in &rejected { tr {
                    td { (r.store) "-" (r.terminal) } td.n { (r.seq) } td { (r.kind) } td { (r.reason) }
                    td { (ago(now - r.received_at, lang)) }
                } }
                @if rejected.is_empty() { tr { td colspan="5" { (W::NoneYet.in_(lang)) } } }
            }
        } }
    };
    Ok(page::shell(user, title, Menu::Terminals, body).into_response())
}

/// How long ago the newest stored document was made (its own time, as the terminal wrote it).
fn newest(at: Option<&str>, now: chrono::DateTime<Utc>, lang: super::words::Lang) -> String {
    match at.and_then(|a| chrono::DateTime::parse_from_rfc3339(a).ok()) {
        Some(t) => ago(now - t.with_timezone(&Utc), lang),
        None => "—".to_owned(),
    }
}

/// `GET /terminals/{store}/{terminal}`: the terminal's dashboard.
pub async fn terminal(
    user: Signed,
    Path((store, terminal)): Path<(String, String)>,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::ViewSales)?;
    user.store(&store)?;
    check_code("store", &store).map_err(Refusal::storage(user.lang))?;
    check_code("terminal", &terminal).map_err(Refusal::storage(user.lang))?;
    Ok(Redirect::to(&format!("/?store={store}&terminal={terminal}")).into_response())
}

#[derive(Deserialize)]
pub struct Nothing {}

async fn checked(user: &Signed, store: &str, terminal: &str) -> Result<(), Refusal> {
    user.may(OfficeAction::RunTerminals)?;
    user.store(store)?;
    check_code("store", store).map_err(Refusal::storage(user.lang))?;
    check_code("terminal", terminal).map_err(Refusal::storage(user.lang))
}

pub async fn revoke(
    State(state): State<WebState>,
    Path((store, terminal)): Path<(String, String)>,
    Posted(user, Nothing {}): Posted<Nothing>,
) -> Result<Response, Refusal> {
    checked(&user, &store, &terminal).await?;
    state.storage.revoke_terminal(&store, &terminal).await.map_err(Refusal::storage(user.lang))?;
    tracing::warn!(by = %user.user.code, %store, %terminal, "terminal revoked from the web app");
    let notice =
        html! { p.notice role="status" { (store) "-" (terminal) ": " (W::RevokedDone.in_(user.lang)) } };
    render(&state, &user, Some(notice)).await
}

pub async fn rotate(
    State(state): State<WebState>,
    Path((store, terminal)): Path<(String, String)>,
    Posted(user, Nothing {}): Posted<Nothing>,
) -> Result<Response, Refusal> {
    checked(&user, &store, &terminal).await?;
    state.storage.rotate_token(&store, &terminal).await.map_err(Refusal::storage(user.lang))?;
    tracing::info!(by = %user.user.code, %store, %terminal, "token rotation asked from the web app");
    let notice =
        html! { p.notice role="status" { (store) "-" (terminal) ": " (W::RotateDone.in_(user.lang)) } };
    render(&state, &user, Some(notice)).await
}

#[derive(Deserialize)]
pub struct EnrolForm {
    #[serde(default)]
    store: String,
    #[serde(default)]
    terminal: String,
}

/// Registers a terminal and shows its one-time enrolment code (head office keeps its hash).
pub async fn enrol(
    State(state): State<WebState>,
    Posted(user, form): Posted<EnrolForm>,
) -> Result<Response, Refusal> {
    let (store, terminal) = (form.store.trim().to_owned(), form.terminal.trim().to_ascii_uppercase());
    checked(&user, &store, &terminal).await?;
    let lang = user.lang;
    let origin = Origin { store: store.clone(), terminal: terminal.clone() };
    // Its token is never shown: the terminal gets its own when it joins with the code.
    let token = auth::new_token(&origin);
    state
        .storage
        .add_terminal(&store, &terminal, &auth::hash_token(&token))
        .await
        .map_err(Refusal::storage(lang))?;
    let code = auth::new_enrolment_code();
    let plain = auth::normalise_enrolment_code(&code)
        .ok_or_else(|| Refusal::Invalid(lang, "a new enrolment code did not read back".into()))?;
    let expires = Utc::now() + chrono::Duration::hours(ENROL_HOURS);
    state
        .storage
        .issue_enrolment_code(&store, &terminal, &auth::hash_enrolment_code(&plain), expires)
        .await
        .map_err(Refusal::storage(lang))?;
    tracing::info!(by = %user.user.code, %store, %terminal, "terminal enrolled from the web app");
    let notice = html! {
        div.notice role="status" #enrolment {
            p { (store) "-" (terminal) ": " (W::EnrolCode.in_(lang)) }
            p.code { (code) }
            p { (W::EnrolHow.in_(lang)) " HEAD-OFFICE-URL " (code) }
            p.muted { (W::EnrolExpires.in_(lang)) }
        }
    };
    render(&state, &user, Some(notice)).await
}

/// `GET /security`: failed web logins, failed terminal authentications and the terminals'
/// wrong PINs, for administrators.
pub async fn security(State(state): State<WebState>, user: Signed) -> Result<Response, Refusal> {
    user.may(OfficeAction::ManageUsers)?;
    let lang = user.lang;
    let since = Some(Utc::now() - chrono::Duration::days(30));
    let logins = state.storage.login_failures(since).await.map_err(Refusal::storage(lang))?;
    let tokens = state.storage.auth_failures(None, since).await.map_err(Refusal::storage(lang))?;
    let pins = state.storage.security_events(None, since).await.map_err(Refusal::storage(lang))?;
    let title = W::Security.in_(lang);
    let body = html! {
        h1 { (title) }
        h2 { (W::FailedLogins.in_(lang)) }
        div.table-wrap { table #failed-logins {
            thead { tr { th { (W::Time.in_(lang)) } th { (W::UserCode.in_(lang)) } th { (W::Reason.in_(lang)) } th { (W::Address.in_(lang)) } } }
            tbody {
                @for f in &logins { tr { td { (f.at.format("%Y-%m-%d %H:%M:%S UTC")) } td { (f.user_code) } td { (f.reason) } td { (f.remote) } } }
                @if logins.is_empty() { tr { td colspan="4" { (W::NoneYet.in_(lang)) } } }
            }
        } }
        h2 { (W::Terminals.in_(lang)) }
        div.table-wrap { table {
            thead { tr { th { (W::Time.in_(lang)) } th { (W::Terminal.in_(lang)) } th { (W::Reason.in_(lang)) } th.n { "×" } th { (W::Address.in_(lang)) } } }
            tbody {
                @for f in &tokens { tr {
                    td { (f.first_at.format("%Y-%m-%d %H:%M UTC")) } td { (f.claimed_store) "-" (f.claimed_terminal) }
                    td { (f.reason.code()) } td.n { (f.count) } td { (f.remote) }
                } }
                @for e in &pins { tr {
                    td { (e.at.format("%Y-%m-%d %H:%M UTC")) } td { (e.store) "-" (e.terminal) }
                    td { (e.event) " " (e.user_code) } td.n { "1" } td { (e.place) }
                } }
                @if tokens.is_empty() && pins.is_empty() { tr { td colspan="5" { (W::NoneYet.in_(lang)) } } }
            }
        } }
    };
    Ok(page::shell(&user, title, Menu::Security, body).into_response())
}
