//! The browser harness itself (tests/common/browser.rs): a real Chromium opens a real
//! `kasir-headoffice serve`, reads what it answers, types, clicks, keeps a cookie, takes a
//! screenshot of the size asked for, and leaves no browser process behind.

mod common;

use std::time::Duration;

use common::browser::{Browser, png_size};
use common::serve::{ServeProcess, runtime};

#[test]
fn chromium_reads_head_office_and_screenshots_at_the_size_set() {
    runtime().block_on(async {
        let db = common::fresh(common::Kind::Sqlite).await;
        let server = ServeProcess::start(&db.database).await;
        let browser = Browser::start().await;

        browser.goto(&server.url("health")).await;
        browser.wait_for_text("body", r#"{"status":"ok"}"#, Duration::from_secs(10)).await;
        assert_eq!(browser.text_of("pre").await, r#"{"status":"ok"}"#);
        assert_eq!(browser.url().await, server.url("health"));

        // A phone's page: the screenshot is exactly that many pixels.
        browser.set_window(390, 844).await;
        assert_eq!(browser.execute("return [innerWidth, innerHeight];").await, serde_json::json!([390, 844]));
        let shots = tempfile::tempdir().unwrap();
        let path = browser.screenshot(&shots.path().join("phone/health.png")).await;
        let png = std::fs::read(&path).unwrap();
        assert_eq!(png_size(&png), Some((390, 844)), "{} is not a 390×844 PNG", path.display());

        // Cookies are read back with what the browser recorded about them.
        assert!(browser.cookie("kasir_lang").await.is_none());
        browser.execute("document.cookie = 'kasir_lang=id; SameSite=Strict; path=/';").await;
        let cookie = browser.cookie("kasir_lang").await.expect("the cookie just set");
        assert_eq!(cookie.value(), "id");
        assert_eq!(cookie.same_site().map(|s| s.to_string()).as_deref(), Some("Strict"));

        browser.close().await;
    });
}

#[test]
fn typing_clicking_and_waiting_for_what_the_page_shows() {
    runtime().block_on(async {
        let browser = Browser::start().await;
        // The answer appears a moment after the click, as a page updated by a request would.
        let page = "<input id=name value=old><button id=go onclick=\"setTimeout(() => \
                    document.getElementById('out').textContent = 'Halo, ' + \
                    document.getElementById('name').value, 300)\">Go</button><p id=out></p>";
        browser.goto(&format!("data:text/html,{}", page.replace('%', "%25").replace('#', "%23"))).await;
        browser.fill("#name", "Toko <Maju> & Jaya").await;
        browser.click("#go").await;
        browser.wait_for_text("#out", "Halo, Toko <Maju> & Jaya", Duration::from_secs(5)).await;
        assert_eq!(browser.text_of("#out").await, "Halo, Toko <Maju> & Jaya");

        // A wait that is never met fails, saying what was there instead.
        let missed = tokio::spawn(async move {
            browser.wait_for_text("#out", "Selamat tinggal", Duration::from_millis(300)).await;
        })
        .await;
        let message = missed.expect_err("waiting for text that never comes must fail").into_panic();
        let message = message.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(message.contains("Halo, Toko <Maju> & Jaya"), "{message}");
    });
}

#[test]
fn a_dropped_browser_leaves_no_chromium_running() {
    runtime().block_on(async {
        let browser = Browser::start().await;
        let profile = browser.profile();
        browser.goto("about:blank").await;
        assert!(!processes_using(&profile).is_empty(), "Chromium runs with its profile {profile}");
        drop(browser);
        // Chromium's last helpers may take a moment to exit after it has answered.
        for _ in 0..50 {
            if processes_using(&profile).is_empty() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("left running after the drop: {:?}", processes_using(&profile));
    });
}

/// Command lines of the processes that name `needle` in theirs.
fn processes_using(needle: &str) -> Vec<String> {
    let mut found = vec![];
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let is_pid = entry.file_name().to_str().is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else { continue };
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if is_pid && cmdline.contains(needle) {
            found.push(cmdline);
        }
    }
    found
}
