//! Logging in and out, the session cookie, and the CSRF token every form carries.
//!
//! - The cookie holds 256 random bits; head office keeps only their SHA-256 (a stolen
//!   database opens no session), reads the session row on every request (so a logout, a
//!   deactivation or a new password ends it at once), and marks the cookie HttpOnly and
//!   SameSite=Strict (and Secure under TLS).
//! - Every form carries the session's CSRF token, compared in constant time before anything
//!   is read from the form ([`Posted`]); the login form carries one of its own, tied to a
//!   short-lived cookie, so that no other site can log a browser in as someone else.
//! - Passwords are argon2id, checked on a bounded number of blocking threads; an unknown
//!   code costs the same check. From the fifth wrong password in a row the login is locked
//!   (kasir-core's `login_lockout`), and every failed login is kept with its address.

use std::net::SocketAddr;
use std::sync::OnceLock;

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use kasir_core::office::{self, OfficeAction};
use maud::{DOCTYPE, html};
use serde::Deserialize;
use subtle::ConstantTimeEq;

use super::WebState;
use super::page::{Refusal, head};
use super::words::{Lang, W};
use crate::accounts::{LoginFailure, OfficeUser};

pub const SESSION_COOKIE: &str = "kasir_session";
const LOGIN_COOKIE: &str = "kasir_login";
const LANG_COOKIE: &str = "kasir_lang";
/// How long a session lasts from its login.
const SESSION_HOURS: i64 = 12;
/// Largest form body: the catalogue's forms are small.
const MAX_FORM: usize = 64 * 1024;

/// A signed-in user, read from the session cookie on every request.
#[derive(Clone, Debug)]
pub struct Signed {
    pub user: OfficeUser,
    pub csrf: String,
    pub lang: Lang,
    /// The SHA-256 of the session cookie: a long-lived answer (the live dashboard's event
    /// stream) reads the session again by it, so a logout or deactivation ends it too.
    pub session: String,
}

impl Signed {
    /// Whether the user's role allows `action` at all.
    pub fn may(&self, action: OfficeAction) -> Result<(), Refusal> {
        if office::permits(self.user.role, action) { Ok(()) } else { Err(Refusal::Forbidden(self.lang)) }
    }

    /// Whether the user may see `store` (and so its terminals, receipts and figures).
    pub fn store(&self, store: &str) -> Result<(), Refusal> {
        if office::may_see_store(self.user.role, &self.user.stores, store) {
            Ok(())
        } else {
            Err(Refusal::ForbiddenStore(self.lang))
        }
    }

    /// The stores the user may see: `None` for all.
    pub fn visible(&self) -> Option<Vec<String>> {
        office::visible_stores(self.user.role, &self.user.stores)
    }
}

/// Not signed in: to the login page, coming back here afterwards.
pub struct SignInFirst(String);

impl IntoResponse for SignInFirst {
    fn into_response(self) -> Response {
        let next = query_value(&self.0);
        Redirect::to(&format!("/login?next={next}")).into_response()
    }
}

/// `s` encoded as one value of a query string.
fn query_value(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).map(|q| q[1..].to_owned()).unwrap_or_default()
}

pub enum NotSigned {
    SignIn(SignInFirst),
    Refused(Refusal),
}

impl IntoResponse for NotSigned {
    fn into_response(self) -> Response {
        match self {
            NotSigned::SignIn(s) => s.into_response(),
            NotSigned::Refused(r) => r.into_response(),
        }
    }
}

/// The `name` cookie's value.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The page's language: the cookie, else the browser's preference.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE).and_then(Lang::from_code).unwrap_or_else(|| {
        Lang::from_accept(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or(""))
    })
}

impl FromRequestParts<WebState> for Signed {
    type Rejection = NotSigned;

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Signed, NotSigned> {
        let lang = lang_of(&parts.headers);
        let back = parts.uri.path_and_query().map_or("/".to_owned(), |p| p.as_str().to_owned());
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(NotSigned::SignIn(SignInFirst(back)));
        };
        let hash = crate::auth::hash_token(token);
        let session = state
            .storage
            .session(&hash, Utc::now())
            .await
            .map_err(|e| NotSigned::Refused(Refusal::storage(lang)(e)))?;
        match session {
            Some(s) => Ok(Signed { user: s.user, csrf: s.csrf, lang, session: hash }),
            None => Err(NotSigned::SignIn(SignInFirst(back))),
        }
    }
}

/// A form posted by a signed-in user, its CSRF token checked before the form is read.
pub struct Posted<T>(pub Signed, pub T);

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<T: serde::de::DeserializeOwned + Send> FromRequest<WebState> for Posted<T> {
    type Rejection = NotSigned;

    async fn from_request(request: Request, state: &WebState) -> Result<Posted<T>, NotSigned> {
        let (mut parts, body) = request.into_parts();
        let signed = Signed::from_request_parts(&mut parts, state).await?;
        let lang = signed.lang;
        let bytes = axum::body::to_bytes(body, MAX_FORM)
            .await
            .map_err(|_| NotSigned::Refused(Refusal::Invalid(lang, "the form is too large".into())))?;
        let sent: CsrfField =
            serde_urlencoded::from_bytes(&bytes).unwrap_or(CsrfField { csrf: String::new() });
        if !same(&sent.csrf, &signed.csrf) {
            tracing::warn!(user = %signed.user.code, path = %parts.uri.path(), "form refused: CSRF token missing or wrong");
            return Err(NotSigned::Refused(Refusal::BadForm(lang)));
        }
        let form = serde_urlencoded::from_bytes(&bytes).map_err(|e| {
            NotSigned::Refused(Refusal::Invalid(lang, format!("the form makes no sense: {e}")))
        })?;
        Ok(Posted(signed, form))
    }
}

/// Equal, in time that does not depend on where they differ.
pub(crate) fn same(a: &str, b: &str) -> bool {
    !a.is_empty() && a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// 256 random bits in hex.
fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system gives random bytes");
    hex::encode(bytes)
}

fn set_cookie(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let age = max_age.map_or(String::new(), |s| format!("; Max-Age={s}"));
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict{age}{secure}"))
        .expect("cookie of hex and words")
}

#[derive(Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    next: Option<String>,
}

/// Only a path on this site: `//evil.example` or `https://…` would send the user away.
fn safe_next(next: Option<&str>) -> String {
    match next {
        // A browser drops tabs and line breaks from an address, so `/\t/evil.example` would
        // become `//evil.example`; and a header cannot hold them at all.
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(|c| c.is_control() || c.is_whitespace()) =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

pub async fn login_page(
    State(state): State<WebState>,
    headers: HeaderMap,
    Query(q): Query<LoginQuery>,
) -> Response {
    login_form(&state, lang_of(&headers), q.next.as_deref(), None, StatusCode::OK)
}

fn login_form(
    state: &WebState,
    lang: Lang,
    next: Option<&str>,
    error: Option<W>,
    status: StatusCode,
) -> Response {
    let token = random_hex();
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head { (head(W::LogIn.in_(lang))) }
            body.login {
                main {
                    h1 { (W::Brand.in_(lang)) }
                    @if let Some(e) = error { p.refusal role="alert" { (e.in_(lang)) } }
                    form method="post" action="/login" {
                        input type="hidden" name="csrf" value=(token);
                        input type="hidden" name="next" value=(safe_next(next));
                        label { (W::UserCode.in_(lang)) input name="code" autocomplete="username" required autofocus; }
                        label { (W::Password.in_(lang)) input name="password" type="password" autocomplete="current-password" required; }
                        button type="submit" { (W::LogIn.in_(lang)) }
                    }
                    p { a href={ "/lang?to=" (lang.other().code()) "&next=/login" } { (W::LanguageName.in_(lang.other())) } }
                }
            }
        }
    };
    let mut response = (status, Html(markup.into_string())).into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(LOGIN_COOKIE, &token, Some(1800), state.secure_cookies));
    response
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    password: String,
}

/// The peer's address, as recorded with a failed login.
fn remote(request_parts: &axum::http::Extensions) -> String {
    request_parts.get::<ConnectInfo<SocketAddr>>().map_or("unknown".to_owned(), |c| c.0.ip().to_string())
}

/// A hash no password matches, checked for an unknown code so that it costs what a known one
/// does (the answer's time does not tell which codes exist).
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        crate::accounts::hash_password(&random_hex()).expect("argon2 hashes a fresh password")
    })
}

pub async fn login(State(state): State<WebState>, request: Request) -> Response {
    let lang = lang_of(request.headers());
    let address = remote(request.extensions());
    let login_cookie = cookie(request.headers(), LOGIN_COOKIE).map(str::to_owned);
    let Ok(bytes) = axum::body::to_bytes(request.into_body(), MAX_FORM).await else {
        return Refusal::Invalid(lang, "the form is too large".into()).into_response();
    };
    let form: LoginForm = match serde_urlencoded::from_bytes::<LoginForm>(&bytes) {
        Ok(f) => f,
        Err(e) => return Refusal::Invalid(lang, format!("the form makes no sense: {e}")).into_response(),
    };
    if !login_cookie.is_some_and(|c| same(&c, &form.csrf)) {
        return login_form(&state, lang, Some(&form.next), Some(W::LoginExpired), StatusCode::FORBIDDEN);
    }
    match check_login(&state, &form, &address).await {
        Ok(Ok(user)) => {
            start_session(&state, &user, &form.next).await.unwrap_or_else(|r| r(lang).into_response())
        }
        Ok(Err(word)) => login_form(&state, lang, Some(&form.next), Some(word), StatusCode::UNAUTHORIZED),
        Err(r) => r(lang).into_response(),
    }
}

type Failed = Box<dyn FnOnce(Lang) -> Refusal + Send>;

fn storage_failed(e: crate::storage::StorageError) -> Failed {
    Box::new(move |lang| Refusal::storage(lang)(e))
}

/// The user if the password is right; else the words to show. Every failure is recorded.
async fn check_login(
    state: &WebState,
    form: &LoginForm,
    address: &str,
) -> Result<Result<OfficeUser, W>, Failed> {
    // One turn at the password checks, taken before the user's record (and its lock) is read
    // and held until the count is written: a burst of guesses for one code cannot all pass
    // the lock check before the first of them has locked it.
    let _turn = state
        .logins
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| -> Failed { Box::new(Refusal::Unavailable) })?;
    let now = Utc::now();
    let code = form.code.trim();
    let record = if crate::storage::check_user_code(code).is_ok() {
        state.storage.login_record(code).await.map_err(storage_failed)?
    } else {
        None
    };
    let fail = |reason: &str| LoginFailure {
        at: now,
        user_code: code.chars().take(32).filter(|c| !c.is_control()).collect(),
        reason: reason.to_owned(),
        remote: address.to_owned(),
    };
    let (hash, refusal) = match &record {
        None => (dummy_hash().to_owned(), Some("unknown_user")),
        Some(r) if r.locked_until.is_some_and(|t| t > now) => {
            state.storage.record_login_failure(&fail("locked")).await.map_err(storage_failed)?;
            return Ok(Err(W::LockedLogin));
        }
        Some(r) if !r.active => (dummy_hash().to_owned(), Some("inactive")),
        Some(r) => match &r.password_hash {
            Some(h) => (h.clone(), None),
            None => (dummy_hash().to_owned(), Some("no_password")),
        },
    };
    let password = form.password.clone();
    let right = tokio::task::spawn_blocking(move || crate::accounts::verify_password(&hash, &password))
        .await
        .unwrap_or(false);
    if let Some(reason) = refusal {
        state.storage.record_login_failure(&fail(reason)).await.map_err(storage_failed)?;
        return Ok(Err(W::WrongLogin));
    }
    let record = record.expect("a refusal was given for no record");
    if !right {
        state.storage.record_login_failure(&fail("wrong_password")).await.map_err(storage_failed)?;
        let failures = state.storage.count_login_failure(code, now).await.map_err(storage_failed)?;
        let word = if office::login_lockout(failures).is_some() { W::LockedLogin } else { W::WrongLogin };
        return Ok(Err(word));
    }
    state.storage.clear_login_failures(code).await.map_err(storage_failed)?;
    Ok(Ok(record.user))
}

async fn start_session(state: &WebState, user: &OfficeUser, next: &str) -> Result<Response, Failed> {
    let token = random_hex();
    let expires = Utc::now() + chrono::Duration::hours(SESSION_HOURS);
    state
        .storage
        .create_session(&crate::auth::hash_token(&token), &user.code, &random_hex(), expires)
        .await
        .map_err(storage_failed)?;
    tracing::info!(user = %user.code, "web login");
    let mut response = Redirect::to(&safe_next(Some(next))).into_response();
    let h = response.headers_mut();
    h.append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, &token, Some(SESSION_HOURS * 3600), state.secure_cookies),
    );
    h.append(header::SET_COOKIE, set_cookie(LOGIN_COOKIE, "", Some(0), state.secure_cookies));
    Ok(response)
}

#[derive(Deserialize)]
pub struct Nothing {}

pub async fn logout(
    State(state): State<WebState>,
    headers: HeaderMap,
    Posted(user, Nothing {}): Posted<Nothing>,
) -> Response {
    if let Some(token) = cookie(&headers, SESSION_COOKIE)
        && let Err(e) = state.storage.end_session(&crate::auth::hash_token(token)).await
    {
        return Refusal::storage(user.lang)(e).into_response();
    }
    let mut response = Redirect::to("/login").into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", Some(0), state.secure_cookies));
    response
}

#[derive(Deserialize)]
pub struct LanguageQuery {
    to: String,
    #[serde(default)]
    next: Option<String>,
}

/// Switches the language (a preference, not a change to anything kept: a plain link).
pub async fn language(
    State(state): State<WebState>,
    headers: HeaderMap,
    Query(q): Query<LanguageQuery>,
) -> Response {
    let lang = Lang::from_code(&q.to).unwrap_or_else(|| lang_of(&headers));
    let back = q.next.or_else(|| {
        headers.get(header::REFERER).and_then(|r| r.to_str().ok()).and_then(|r| {
            let after_scheme = r.split_once("://").map_or(r, |(_, rest)| rest);
            after_scheme.find('/').map(|i| after_scheme[i..].to_owned())
        })
    });
    let mut response = Redirect::to(&safe_next(back.as_deref())).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(LANG_COOKIE, lang.code(), Some(365 * 24 * 3600), state.secure_cookies),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_site_are_followed_after_login() {
        assert_eq!(safe_next(Some("/reports?by=day")), "/reports?by=day");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/");
        assert_eq!(safe_next(Some("/\n/evil.example")), "/");
        assert_eq!(safe_next(Some("/a b")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn cookies_are_read_by_name() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("a=1; kasir_session=abc; b=2"));
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("", ""));
        assert!(!same("ab", "abc"));
    }
}
