//! The whole catalogue from a CSV file in the browser, read and checked by the same code as
//! `kasir-headoffice catalog import` (kasir-core's `catalogue_csv`): every row is checked
//! first, then all rows are set in one transaction, or none when any line is wrong, and each
//! wrong line is named with its number.
//!
//! The form is multipart (a file), which [`super::session::Posted`] does not read: the CSRF
//! token is the form's first field and is checked here before anything else is read.

use std::collections::HashSet;

use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use kasir_core::catalogue_csv::{self, CsvError};
use kasir_core::office::OfficeAction;
use maud::{Markup, html};

use super::WebState;
use super::catalogue::{Tab, tabs};
use super::page::{self, Menu, Refusal};
use super::session::{Signed, same};
use super::words::W;

/// Largest CSV taken: a chain's whole catalogue is a few MB.
const MAX_CSV: usize = 20 * 1024 * 1024;
/// The form around the file: its token, field names and boundaries.
const FORM_ROOM: usize = 64 * 1024;

/// `/catalogue/import`, with a body limit of its own (the rest of the app takes small forms).
pub fn route() -> MethodRouter<WebState> {
    get(page).post(import).layer(DefaultBodyLimit::max(MAX_CSV + FORM_ROOM))
}

async fn page(user: Signed) -> Result<Response, Refusal> {
    user.may(OfficeAction::EditCatalogue)?;
    Ok(render(&user, None, StatusCode::OK))
}

fn render(user: &Signed, message: Option<Markup>, status: StatusCode) -> Response {
    let lang = user.lang;
    let title = W::ImportCsv.in_(lang);
    let body = html! {
        h1 { (title) }
        (tabs(user, Tab::Import))
        @if let Some(m) = message { (m) }
        p.muted { (W::ImportHelp.in_(lang)) }
        form.stack #import method="post" action="/catalogue/import" enctype="multipart/form-data" {
            // First: the token is checked before the file is read.
            input type="hidden" name="csrf" value=(user.csrf);
            label { (W::CsvFile.in_(lang)) input type="file" name="file" accept=".csv,text/csv"; }
            label { (W::CsvText.in_(lang)) textarea name="text" rows="8" placeholder="sku,name,price,tax_class" {} }
            p { button type="submit" { (W::ImportCsv.in_(lang)) } }
        }
    };
    (status, page::shell(user, title, Menu::Catalogue, body)).into_response()
}

fn refused(user: &Signed, lines: Markup, status: StatusCode) -> Response {
    render(user, Some(html! { div.refusal role="alert" #problems { (lines) } }), status)
}

fn too_large(user: &Signed) -> Response {
    refused(user, html! { p { (W::ImportTooLarge.in_(user.lang)) } }, StatusCode::PAYLOAD_TOO_LARGE)
}

async fn import(State(state): State<WebState>, user: Signed, request: Request) -> Result<Response, Refusal> {
    let lang = user.lang;
    user.may(OfficeAction::EditCatalogue)?;
    let declared =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_CSV + FORM_ROOM) {
        return Ok(too_large(&user));
    }
    // Not multipart: no token to check, so refused as a form from elsewhere.
    let mut form = Multipart::from_request(request, &state).await.map_err(|_| Refusal::BadForm(lang))?;
    let token = match form.next_field().await {
        Ok(Some(f)) if f.name() == Some("csrf") => f.text().await.unwrap_or_default(),
        _ => String::new(),
    };
    if !same(&token, &user.csrf) {
        tracing::warn!(user = %user.user.code, "catalogue import refused: CSRF token missing or wrong");
        return Err(Refusal::BadForm(lang));
    }
    let mut data = Vec::new();
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Ok(too_large(&user)),
            Err(e) => {
                return Err(Refusal::Invalid(
                    lang,
                    format!("{}: {}", W::ImportUnreadable.in_(lang), e.body_text()),
                ));
            }
        };
        let name = field.name().unwrap_or("").to_owned();
        let bytes = match field.bytes().await {
            Ok(b) => b,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Ok(too_large(&user)),
            Err(e) => {
                return Err(Refusal::Invalid(
                    lang,
                    format!("{}: {}", W::ImportUnreadable.in_(lang), e.body_text()),
                ));
            }
        };
        // The file if one was chosen, else the pasted text.
        if (name == "file" || (name == "text" && data.is_empty()))
            && !bytes.iter().all(u8::is_ascii_whitespace)
        {
            data = bytes.to_vec();
        }
    }
    if data.len() > MAX_CSV {
        return Ok(too_large(&user));
    }
    if data.is_empty() {
        return Ok(refused(
            &user,
            html! { p { (W::ImportNothing.in_(lang)) } },
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    let classes: HashSet<String> = state
        .storage
        .tax_classes()
        .await
        .map_err(Refusal::storage(lang))?
        .into_iter()
        .map(|c| c.code)
        .collect();
    if classes.is_empty() {
        return Ok(refused(
            &user,
            html! { p { (W::NoTaxClasses.in_(lang)) } },
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    let rules = kasir_core::barcode::default_variable_measure_rules();
    let parsed = catalogue_csv::parse_products(&data, kasir_core::Currency::IDR, &rules, &classes)
        .and_then(|parsed| parsed.finish(Vec::new()));
    let products = match parsed {
        Ok(products) => products,
        Err(CsvError::BadRows(rows)) => {
            let lines = html! {
                p { (W::ImportRefused.in_(lang)) }
                ul #bad-lines { @for r in &rows { li data-line=(r.line) { (W::Line.in_(lang)) " " (r.line) ": " (r.reason) } } }
            };
            return Ok(refused(&user, lines, StatusCode::UNPROCESSABLE_ENTITY));
        }
        Err(e) => {
            let lines = html! { p { (W::ImportUnreadable.in_(lang)) ": " (e) } };
            return Ok(refused(&user, lines, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    state.storage.put_products(&products).await.map_err(Refusal::storage(lang))?;
    tracing::info!(by = %user.user.code, products = products.len(), "catalogue imported from the web app");
    let notice = html! { p.notice role="status" #saved { (products.len()) " " (W::Imported.in_(lang)) } };
    Ok(render(&user, Some(notice), StatusCode::OK))
}
