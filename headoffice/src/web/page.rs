//! The page shell (header, menu, footer) and the answers every page may give instead of
//! itself: 403, 404, a refused form, head office busy.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use rust_decimal::Decimal;

use super::session::Signed;
use super::words::{Lang, W};
use crate::storage::StorageError;

/// Which menu entry a page belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    Dashboard,
    Reports,
    Terminals,
    Catalogue,
    Stock,
    Security,
    None,
}

/// A whole page for a signed-in user.
pub fn shell(user: &Signed, title: &str, menu: Menu, body: Markup) -> Html<String> {
    let lang = user.lang;
    let role = match user.user.role {
        kasir_core::office::OfficeRole::Admin => W::RoleAdmin,
        kasir_core::office::OfficeRole::Analyst => W::RoleAnalyst,
        kasir_core::office::OfficeRole::Manager => W::RoleManager,
    };
    let entry = |m: Menu, href: &str, w: W| {
        html! { a href=(href) class=[(m == menu).then_some("here")] { (w.in_(lang)) } }
    };
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head { (head(title)) }
            body {
                header.top {
                    a.brand href="/" { (W::Brand.in_(lang)) }
                    nav {
                        (entry(Menu::Dashboard, "/", W::Dashboard))
                        (entry(Menu::Reports, "/reports", W::Reports))
                        (entry(Menu::Terminals, "/terminals", W::Terminals))
                        (entry(Menu::Stock, "/stock", W::Stock))
                        @if user.may(kasir_core::office::OfficeAction::ViewSales).is_ok() { (entry(Menu::Catalogue, "/catalogue", W::Catalogue)) }
                        @if user.may(kasir_core::office::OfficeAction::ManageUsers).is_ok() {
                            (entry(Menu::Security, "/security", W::Security))
                        }
                    }
                    div.who {
                        span.user title=(W::SignedInAs.in_(lang)) { (user.user.name) " · " (role.in_(lang)) }
                        a.lang href={ "/lang?to=" (lang.other().code()) } { (W::LanguageName.in_(lang.other())) }
                        form.inline method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(user.csrf);
                            button type="submit" { (W::LogOut.in_(lang)) }
                        }
                    }
                }
                main { (body) }
            }
        }
    };
    Html(markup.into_string())
}

/// `<head>` of every page: the binary's own stylesheet and script, nothing from elsewhere.
pub fn head(title: &str) -> Markup {
    html! {
        meta charset="utf-8";
        meta name="viewport" content="width=device-width, initial-scale=1";
        title { (title) " · Kasir" }
        link rel="stylesheet" href=(super::assets::STYLESHEET_PATH);
        script src=(super::assets::SCRIPT_PATH) defer {}
    }
}

/// A page that is not shown, and why.
#[derive(Debug)]
pub enum Refusal {
    /// The user's role does not allow it.
    Forbidden(Lang),
    /// A store (or its terminal, receipt, figures) the user may not see.
    ForbiddenStore(Lang),
    NotFound(Lang),
    /// A form without this session's CSRF token.
    BadForm(Lang),
    /// A value in the address or a form that makes no sense, named.
    Invalid(Lang, String),
    /// Storage failed (logged): the user is told to retry, never shown a 500.
    Unavailable(Lang),
}

impl Refusal {
    pub fn storage(lang: Lang) -> impl FnOnce(StorageError) -> Refusal {
        move |e| match e {
            StorageError::Database(_) | StorageError::Unreadable(_) => {
                tracing::error!(error = %e, "web page: storage failed");
                Refusal::Unavailable(lang)
            }
            StorageError::UnknownStore(_)
            | StorageError::UnknownTerminal { .. }
            | StorageError::UnknownUser(_) => Refusal::NotFound(lang),
            other => Refusal::Invalid(lang, other.to_string()),
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let (status, lang, text) = match self {
            Refusal::Forbidden(l) => (StatusCode::FORBIDDEN, l, W::Forbidden.in_(l).to_owned()),
            Refusal::ForbiddenStore(l) => (StatusCode::FORBIDDEN, l, W::ForbiddenStore.in_(l).to_owned()),
            Refusal::NotFound(l) => (StatusCode::NOT_FOUND, l, W::NotFound.in_(l).to_owned()),
            Refusal::BadForm(l) => (StatusCode::FORBIDDEN, l, W::BadForm.in_(l).to_owned()),
            Refusal::Invalid(l, why) => (StatusCode::UNPROCESSABLE_ENTITY, l, why),
            Refusal::Unavailable(l) => (StatusCode::SERVICE_UNAVAILABLE, l, W::Busy.in_(l).to_owned()),
        };
        let markup = html! {
            (DOCTYPE)
            html lang=(lang.code()) {
                head { (head(&status.as_u16().to_string())) }
                body {
                    header.top { a.brand href="/" { (W::Brand.in_(lang)) } }
                    main { p.refusal role="alert" { (text) } p { a href="/" { (W::Back.in_(lang)) } } }
                }
            }
        };
        (status, Html(markup.into_string())).into_response()
    }
}

/// Rupiah as the stores write it (`Rp 1.234.500`, `-Rp 2.000`), in English too, as on the
/// receipt; a sum past what a `Decimal` holds in digits alone, exactly.
pub fn money(minor: i128, _lang: Lang) -> String {
    match Decimal::try_from_i128_with_scale(minor.abs(), 0) {
        Ok(amount) => {
            let sign = if minor < 0 { "-" } else { "" };
            format!("{sign}Rp {}", kasir_core::format::format_decimal(amount, 0, kasir_core::Locale::Id))
        }
        Err(_) => minor.to_string(),
    }
}

/// Thousandths as a quantity, `1.250` in Indonesian and `1.25` in English.
pub fn quantity(milli: i128, lang: Lang) -> String {
    match Decimal::try_from_i128_with_scale(milli, 3) {
        Ok(q) => {
            let q = q.normalize();
            kasir_core::format::format_decimal(q, q.scale(), lang.locale())
        }
        Err(_) => milli.to_string(),
    }
}

/// `part` of `whole` as a percentage with one decimal, or nothing when there is no whole.
pub fn percent(part: i128, whole: i128, lang: Lang) -> Option<String> {
    if whole == 0 {
        return None;
    }
    let p = Decimal::try_from_i128_with_scale(part, 0).ok()? * Decimal::ONE_HUNDRED
        / Decimal::try_from_i128_with_scale(whole, 0).ok()?;
    Some(format!("{} %", kasir_core::format::format_decimal(p.round_dp(1), 1, lang.locale())))
}

/// A change against an earlier figure: `+12,5 %`, `-3,0 %`, or nothing when there was none.
pub fn change(now: i128, then: i128, lang: Lang) -> Option<String> {
    if then == 0 {
        return None;
    }
    let p = percent(now - then, then.abs(), lang)?;
    Some(if now >= then { format!("+{p}") } else { p })
}

/// Marks text that is already HTML (the charts' SVG, built by escaping code in `chart`).
pub fn svg(markup: String) -> PreEscaped<String> {
    PreEscaped(markup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_changes_read_as_the_stores_write_them() {
        assert_eq!(money(1_234_500, Lang::Id), "Rp 1.234.500");
        assert_eq!(money(-2_000, Lang::Id), "-Rp 2.000");
        assert_eq!(money(i128::MAX, Lang::Id), i128::MAX.to_string());
        assert_eq!(change(1125, 1000, Lang::Id).as_deref(), Some("+12,5 %"));
        assert_eq!(change(970, 1000, Lang::En).as_deref(), Some("-3.0 %"));
        assert_eq!(change(5, 0, Lang::En), None);
        assert_eq!(quantity(1250, Lang::Id), "1,25");
    }
}
