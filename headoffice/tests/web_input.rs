//! What a stranger or a careless hand can send the web app over plain HTTP: no page answers
//! 5xx, nonsense is refused naming what is wrong, a login locks after repeated wrong
//! passwords (and every failure is kept), and deactivating a user ends their session at once.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::serve::{BIN, ServeProcess, database_url};
use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};

const PASSWORD: &str = "kata-sandi-yang-panjang";

fn cli_typed(database: &str, args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(BIN)
        .args(args)
        .env("KASIR_HEADOFFICE_DATABASE", database)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {said}");
    said
}

/// A client that follows no redirect, so that each answer is seen as sent.
fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

fn cookie_of(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.split(';').next()?.strip_prefix(&format!("{name}=")).map(str::to_owned))
}

/// Logs in as a browser does (the login form's token and its cookie): the session cookie, or
/// the answer's status and page when refused.
async fn log_in(base: &str, code: &str, password: &str) -> Result<String, (StatusCode, String)> {
    let http = client();
    let form = http.get(format!("{base}/login")).send().await.unwrap();
    let token = cookie_of(&form, "kasir_login").expect("the login form sets its token cookie");
    let answer = http
        .post(format!("{base}/login"))
        .header(COOKIE, format!("kasir_login={token}"))
        .form(&[("csrf", token.as_str()), ("next", "/"), ("code", code), ("password", password)])
        .send()
        .await
        .unwrap();
    match cookie_of(&answer, "kasir_session").filter(|c| !c.is_empty()) {
        Some(session) => Ok(session),
        None => Err((answer.status(), answer.text().await.unwrap())),
    }
}

async fn get(base: &str, session: Option<&str>, path: &str) -> reqwest::Response {
    let mut request = client().get(format!("{base}{path}"));
    if let Some(s) = session {
        request = request.header(COOKIE, format!("kasir_session={s}"));
    }
    request.send().await.unwrap()
}

both!(no_page_answers_5xx_and_nonsense_is_named, |db: common::TestDb| async move {
    let url = database_url(&db.database);
    common::register(db.storage.as_ref(), "S01", "T01").await;
    cli_typed(
        &url,
        &["user", "add", "--code", "A01", "--name", "Ana", "--role", "admin"],
        &format!("{PASSWORD}\n"),
    );
    let server = ServeProcess::start(&db.database).await;
    let base = server.base();

    // Without a session every page leads to the login, none answers anything else.
    for path in ["/", "/reports", "/terminals", "/security", "/stock", "/catalogue", "/receipts/S01/T01/1"] {
        let r = get(&base, None, path).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(r.headers()[LOCATION].to_str().unwrap().starts_with("/login?next="), "{path}");
    }
    // The way back after a language switch or a login stays on this site: a tab or a line
    // break (which a browser drops, making `//evil.example`) sends the user home instead.
    for next in ["/%09/evil.example", "/%0A/evil.example", "//evil.example", "https://evil.example/"] {
        let r = get(&base, None, &format!("/lang?to=id&next={next}")).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(r.headers()[LOCATION], "/", "{next}");
    }
    // A made-up session cookie opens nothing either.
    let r = get(&base, Some(&"0".repeat(64)), "/").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let session = log_in(&base, "A01", PASSWORD).await.expect("the administrator logs in");
    let named: [(&str, &str); 12] = [
        ("/?period=fortnight", "period"),
        ("/?period=dates&from=2026-13-01&to=2026-12-01", "from"),
        ("/?period=dates&from=2026-12-01&to=2026-11-01", "before"),
        ("/?period=dates&from=1900-01-01&to=1900-01-02", "1971"),
        ("/?period=dates&from=2000-01-01&to=2026-01-01", "ten years"),
        ("/?terminal=T01", "store"),
        ("/reports?by=weather", "not a report"),
        ("/reports?by=product&sort=colour", "sort"),
        ("/reports?by=product&dir=sideways", "asc or desc"),
        ("/terminals/S01/T01/days/yesterday", "not a date"),
        ("/receipts/S01/T01/-1", "not a document number"),
        ("/receipts/S01/T01/99999999999999999999999", "not a document number"),
    ];
    for (path, word) in named {
        let r = get(&base, Some(&session), path).await;
        let status = r.status();
        let page = r.text().await.unwrap();
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {page}");
        assert!(page.contains(word), "{path} should name {word:?}: {page}");
    }
    for path in ["/?store=S99", "/receipts/S01/T01/5", "/no/such/page", "/assets/../../etc/passwd"] {
        let r = get(&base, Some(&session), path).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }
    for path in ["/terminals/S01/T01%00/days/2026-11-22", "/receipts/S0%3C1/T01/1"] {
        let r = get(&base, Some(&session), path).await;
        assert!(r.status().is_client_error(), "{path}: {}", r.status());
    }
    // Forms with nonsense: refused in words, never a 5xx.
    let csrf_page = get(&base, Some(&session), "/terminals").await.text().await.unwrap();
    let csrf =
        csrf_page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    for (path, body) in [
        ("/terminals/enrol", format!("csrf={csrf}&store=S01&terminal=T%3Cscript")),
        ("/terminals/enrol", format!("csrf={csrf}&store=S99&terminal=T09")),
        ("/terminals/S01/T99/revoke", format!("csrf={csrf}")),
        ("/terminals/enrol", format!("csrf={csrf}&store=S01&terminal={}", "T".repeat(70_000))),
    ] {
        let r = client()
            .post(format!("{base}{path}"))
            .header(COOKIE, format!("kasir_session={session}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{path}: {}", r.status());
    }
    // The storage is untouched: no terminal was made by the refused forms.
    let terminals = db.storage.terminals().await.unwrap();
    assert_eq!(terminals.len(), 1, "{terminals:?}");
});

both!(a_login_locks_and_a_deactivation_ends_the_session, |db: common::TestDb| async move {
    let url = database_url(&db.database);
    common::register(db.storage.as_ref(), "S01", "T01").await;
    cli_typed(
        &url,
        &["user", "add", "--code", "A01", "--name", "Ana", "--role", "admin"],
        &format!("{PASSWORD}\n"),
    );
    cli_typed(
        &url,
        &[
            "user", "add", "--code", "M01", "--name", "Siti", "--role", "manager", "--store", "S01", "--pin",
            "1234",
        ],
        "",
    );
    cli_typed(&url, &["user", "password", "--code", "M01"], &format!("{PASSWORD}\n"));
    let server = ServeProcess::start(&db.database).await;
    let base = server.base();

    // A login form posted without its own token is refused before the password is looked at.
    let r = client()
        .post(format!("{base}/login"))
        .form(&[("csrf", "x"), ("code", "A01"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Five wrong passwords lock the login: then even the right one is refused for a while.
    for _ in 0..5 {
        let (status, _) = log_in(&base, "A01", "wrong-password!").await.unwrap_err();
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, page) = log_in(&base, "A01", PASSWORD).await.unwrap_err();
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("locked"), "{page}");
    // An unknown user is answered in the same words as a wrong password.
    let (_, page) = log_in(&base, "ZZ9", PASSWORD).await.unwrap_err();
    assert!(page.contains("Wrong user code or password"), "{page}");
    let events = cli_typed(&url, &["security-events"], "");
    assert!(events.matches("wrong_password").count() >= 5, "{events}");
    assert!(events.contains("locked") && events.contains("unknown_user"), "{events}");

    // The manager's session ends the moment head office deactivates them.
    let session = log_in(&base, "M01", PASSWORD).await.expect("the manager logs in");
    assert_eq!(get(&base, Some(&session), "/").await.status(), StatusCode::OK);
    cli_typed(&url, &["user", "deactivate", "M01"], "");
    let r = get(&base, Some(&session), "/").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "a deactivated user's session still opens pages");
    let (_, page) = log_in(&base, "M01", PASSWORD).await.unwrap_err();
    assert!(page.contains("Wrong user code or password"), "{page}");
});
