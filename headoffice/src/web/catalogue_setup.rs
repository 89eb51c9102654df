//! Tax classes and quick keys in the browser, with the command line's checks
//! (`kasir-headoffice tax set`, `kasir-headoffice quick-keys`). Viewing is for everyone who
//! may see sales; setting is an administrator's (`OfficeAction::EditCatalogue`).

use std::str::FromStr;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kasir_core::office::OfficeAction;
use kasir_core::tax::DppBase;
use kasir_core::wire::TaxClassRecord;
use maud::{Markup, html};
use rust_decimal::Decimal;
use serde::Deserialize;

use super::WebState;
use super::catalogue::{Tab, tabs};
use super::page::{self, Menu, Refusal};
use super::session::{Posted, Signed};
use super::words::W;
use crate::storage::{check_text, quick_key};

#[derive(Deserialize, Default)]
pub struct TaxForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    percent: String,
    #[serde(default)]
    dpp: String,
}

/// `GET /catalogue/tax`.
pub async fn tax_page(State(state): State<WebState>, user: Signed) -> Result<Response, Refusal> {
    tax_render(&state, &user, &TaxForm::default(), None, StatusCode::OK).await
}

/// `POST /catalogue/tax`: sets one class's rate and DPP base, as `tax set CODE PERCENT --dpp`.
pub async fn set_tax(
    State(state): State<WebState>,
    Posted(user, form): Posted<TaxForm>,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::EditCatalogue)?;
    let lang = user.lang;
    let code = form.code.trim();
    let dpp = if form.dpp.trim().is_empty() { "1/1" } else { form.dpp.trim() };
    // Percent as typed in either language: `11`, `11.5` or `11,5`.
    let percent = form.percent.trim().replace(',', ".");
    let checked = (|| {
        if code.is_empty() {
            return Err(format!("{} {}", W::Code.in_(lang), W::Required.in_(lang)));
        }
        check_text("tax class", code).map_err(|e| format!("{}: {e}", W::Code.in_(lang)))?;
        let p = Decimal::from_str(&percent).map_err(|_| {
            format!("{}: {:?} {}", W::RatePercent.in_(lang), form.percent, W::NotANumber.in_(lang))
        })?;
        let rate =
            kasir_core::TaxRate::from_percent(p).map_err(|e| format!("{}: {e}", W::RatePercent.in_(lang)))?;
        let dpp = DppBase::from_str(dpp).map_err(|e| format!("{}: {e}", W::DppFraction.in_(lang)))?;
        Ok(TaxClassRecord { code: code.to_owned(), rate_bp: rate.basis_points(), dpp })
    })();
    match checked {
        Err(why) => {
            let shown = html! { div.refusal role="alert" #problems { p { (W::NothingSaved.in_(lang)) } p { (why) } } };
            tax_render(&state, &user, &form, Some(shown), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Ok(class) => {
            state.storage.put_tax_class(&class).await.map_err(Refusal::storage(lang))?;
            tracing::info!(by = %user.user.code, class = %class.code, rate_bp = class.rate_bp, "tax class set from the web app");
            let shown =
                html! { p.notice role="status" #saved { (class.code) ": " (W::TaxClassSaved.in_(lang)) } };
            tax_render(&state, &user, &TaxForm::default(), Some(shown), StatusCode::OK).await
        }
    }
}

async fn tax_render(
    state: &WebState,
    user: &Signed,
    form: &TaxForm,
    message: Option<Markup>,
    status: StatusCode,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::ViewSales)?;
    let lang = user.lang;
    let classes = state.storage.tax_classes().await.map_err(Refusal::storage(lang))?;
    let edits = user.may(OfficeAction::EditCatalogue).is_ok();
    let title = W::TaxClasses.in_(lang);
    let body = html! {
        h1 { (title) }
        (tabs(user, Tab::Tax))
        @if let Some(m) = message { (m) }
        div.table-wrap { table #tax-classes {
            thead { tr { th { (W::Code.in_(lang)) } th.n { (W::RatePercent.in_(lang)) } th { (W::Dpp.in_(lang)) } } }
            tbody {
                @for c in &classes { tr data-code=(c.code) {
                    @let percent = Decimal::new(i64::from(c.rate_bp), 2).normalize();
                    td { (c.code) }
                    td.n { (kasir_core::format::format_decimal(percent, percent.scale(), lang.locale())) }
                    td { (c.dpp) }
                } }
                @if classes.is_empty() { tr { td colspan="3" { (W::NoneYet.in_(lang)) } } }
            }
        } }
        @if edits {
            h2 { (W::SetTaxClass.in_(lang)) }
            form.filters #set-tax method="post" action="/catalogue/tax" {
                input type="hidden" name="csrf" value=(user.csrf);
                label { (W::Code.in_(lang)) input name="code" value=(form.code) required maxlength="16" placeholder="PPN"; }
                label { (W::RatePercent.in_(lang)) input name="percent" value=(form.percent) required inputmode="decimal" placeholder="11"; }
                label { (W::DppFraction.in_(lang)) input name="dpp" value=(form.dpp) placeholder="1/1"; }
                button type="submit" { (W::SetTaxClass.in_(lang)) }
            }
        } @else {
            p.muted { (W::ViewOnly.in_(lang)) }
        }
    };
    Ok((status, page::shell(user, title, Menu::Catalogue, body)).into_response())
}

#[derive(Deserialize, Default)]
pub struct KeysForm {
    #[serde(default)]
    keys: String,
}

/// `GET /catalogue/quick-keys`.
pub async fn keys_page(State(state): State<WebState>, user: Signed) -> Result<Response, Refusal> {
    user.may(OfficeAction::ViewSales)?;
    let keys = state.storage.quick_keys().await.map_err(Refusal::storage(user.lang))?;
    let typed: Vec<String> = keys.iter().map(|k| format!("{}={}", k.sku, k.label)).collect();
    keys_render(&user, &typed.join("\n"), None, StatusCode::OK)
}

/// `POST /catalogue/quick-keys`: replaces every quick key, or none if a line is wrong.
pub async fn set_keys(
    State(state): State<WebState>,
    Posted(user, form): Posted<KeysForm>,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::EditCatalogue)?;
    let lang = user.lang;
    let mut keys = Vec::new();
    let mut wrong = Vec::new();
    for (n, line) in form.keys.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match quick_key(line) {
            Ok(k) => keys.push(k),
            Err(e) => wrong.push(format!("{} {}: {e}", W::Line.in_(lang), n + 1)),
        }
    }
    if !wrong.is_empty() {
        let shown = html! {
            div.refusal role="alert" #problems { p { (W::NothingSaved.in_(lang)) } ul { @for w in &wrong { li { (w) } } } }
        };
        return keys_render(&user, &form.keys, Some(shown), StatusCode::UNPROCESSABLE_ENTITY);
    }
    state.storage.put_quick_keys(&keys).await.map_err(Refusal::storage(lang))?;
    tracing::info!(by = %user.user.code, keys = keys.len(), "quick keys set from the web app");
    let shown = html! { p.notice role="status" #saved { (W::QuickKeysSaved.in_(lang)) } };
    let typed: Vec<String> = keys.iter().map(|k| format!("{}={}", k.sku, k.label)).collect();
    keys_render(&user, &typed.join("\n"), Some(shown), StatusCode::OK)
}

fn keys_render(
    user: &Signed,
    typed: &str,
    message: Option<Markup>,
    status: StatusCode,
) -> Result<Response, Refusal> {
    let lang = user.lang;
    let edits = user.may(OfficeAction::EditCatalogue).is_ok();
    let title = W::QuickKeys.in_(lang);
    let body = html! {
        h1 { (title) }
        (tabs(user, Tab::QuickKeys))
        @if let Some(m) = message { (m) }
        @if edits {
            form.stack #quick-keys method="post" action="/catalogue/quick-keys" {
                input type="hidden" name="csrf" value=(user.csrf);
                label { (W::QuickKeysHelp.in_(lang)) textarea name="keys" rows="12" { (typed) } }
                p { button type="submit" { (W::Save.in_(lang)) } }
            }
        } @else {
            pre #quick-keys { (typed) }
            p.muted { (W::ViewOnly.in_(lang)) }
        }
    };
    Ok((status, page::shell(user, title, Menu::Catalogue, body)).into_response())
}
