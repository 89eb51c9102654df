//! A real headless Chromium, driven over WebDriver through chromedriver, for tests that assert
//! what a user of head office's web app sees: figures on a page, a refused page, a cookie, a
//! screenshot at a phone's width.
//!
//! Debian's `chromium` and `chromium-driver` must be installed (`.ci/run` installs them).
//! Without them a browser test fails and says what to install: it never passes unrun.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::cookies::Cookie;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The page size a browser starts with: a desktop's.
pub const WINDOW: (u32, u32) = (1280, 800);

/// One Chromium with a fresh profile, and the chromedriver that runs it; both end when this
/// is dropped (or [`Browser::close`]d).
pub struct Browser {
    client: Client,
    driver: Child,
    port: u16,
    session: Option<String>,
    /// The profile and chromedriver's log; removed after Chromium has gone.
    dir: tempfile::TempDir,
}

impl Browser {
    pub async fn start() -> Browser {
        for (path, package) in [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")] {
            if !Path::new(path).exists() {
                let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
                panic!(
                    "{path} is missing: browser tests need Debian's chromium and chromium-driver \
                     (apt-get install chromium chromium-driver; {package} provides {path}){}",
                    if ci { ". CI must install them (.ci/run does)" } else { "" }
                );
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = std::fs::File::create(dir.path().join("chromedriver.log")).unwrap();
        let mut driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("{CHROMEDRIVER} did not start: {e}"));
        let webdriver = format!("http://127.0.0.1:{port}");
        wait_until_ready(&mut driver, &webdriver, dir.path()).await;

        let profile = dir.path().join("profile");
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--no-first-run",
                    "--disable-dev-shm-usage",
                    // One CSS pixel is one screenshot pixel, whatever the machine's display.
                    "--force-device-scale-factor=1",
                    format!("--user-data-dir={}", profile.display()),
                    format!("--window-size={},{}", WINDOW.0, WINDOW.1),
                ],
            },
        });
        let serde_json::Value::Object(capabilities) = capabilities else { unreachable!("an object literal") };
        let connected =
            ClientBuilder::new(HttpConnector::new()).capabilities(capabilities).connect(&webdriver).await;
        let client = match connected {
            Ok(client) => client,
            Err(e) => {
                let _ = driver.kill();
                let _ = driver.wait();
                panic!("Chromium did not start under chromedriver: {e}\n{}", driver_log(dir.path()));
            }
        };
        let session = client.session_id().await.ok().flatten();
        Browser { client, driver, port, session, dir }
    }

    /// Chromium's profile folder, fresh for this browser: every process of it names it.
    pub fn profile(&self) -> String {
        self.dir.path().join("profile").display().to_string()
    }

    /// What chromedriver has logged so far, for a failing test's message.
    pub fn driver_log(&self) -> String {
        driver_log(self.dir.path())
    }

    /// The fantoccini client, for what the helpers here do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap_or_else(|e| panic!("opening {url}: {e}"));
    }

    pub async fn url(&self) -> String {
        self.client.current_url().await.unwrap().to_string()
    }

    /// The text the user sees in the first element matching `css`.
    pub async fn text_of(&self, css: &str) -> String {
        let element = self.find(css).await;
        element.text().await.unwrap_or_else(|e| panic!("text of {css}: {e}"))
    }

    /// Waits until the first element matching `css` shows `text` (as part of its text); fails
    /// with what it showed last after `timeout`.
    pub async fn wait_for_text(&self, css: &str, text: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let seen = match self.client.find(Locator::Css(css)).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(e) if e.is_no_such_element() => String::from("(no such element)"),
                Err(e) => panic!("looking for {css}: {e}"),
            };
            if seen.contains(text) {
                return;
            }
            if Instant::now() >= deadline {
                panic!("{css} did not show {text:?} within {timeout:?}; it showed {seen:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Replaces what the field matching `css` holds with `value`, typed as a user types.
    pub async fn fill(&self, css: &str, value: &str) {
        let field = self.find(css).await;
        field.clear().await.unwrap_or_else(|e| panic!("clearing {css}: {e}"));
        field.send_keys(value).await.unwrap_or_else(|e| panic!("typing into {css}: {e}"));
    }

    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// Makes the page itself (the viewport, what a screenshot holds) `width` × `height` CSS
    /// pixels: the window is resized, then corrected by whatever its frame takes.
    pub async fn set_window(&self, width: u32, height: u32) {
        let (mut outer_w, mut outer_h) = (width, height);
        for _ in 0..3 {
            self.client.set_window_size(outer_w, outer_h).await.unwrap();
            // A busy machine may apply the new size a moment after the call returns: wait for
            // the page to settle before judging what the frame takes.
            let mut settled = None;
            for _ in 0..20 {
                let inner = self.execute("return [window.innerWidth, window.innerHeight];").await;
                let size = (inner[0].as_u64().unwrap() as u32, inner[1].as_u64().unwrap() as u32);
                if size == (width, height) {
                    return;
                }
                if settled == Some(size) {
                    break;
                }
                settled = Some(size);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let (w, h) = settled.expect("the page size was read");
            outer_w = (outer_w + width).saturating_sub(w);
            outer_h = (outer_h + height).saturating_sub(h);
        }
        panic!("Chromium would not make its page {width}×{height}");
    }

    /// A PNG of what the page shows, written to `path` (its folders made as needed).
    pub async fn screenshot(&self, path: &Path) -> PathBuf {
        let png = self.client.screenshot().await.unwrap_or_else(|e| panic!("screenshot: {e}"));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, png).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        path.to_owned()
    }

    /// The cookie `name` the browser holds for the current page, with its flags (HttpOnly,
    /// SameSite, Secure) as the browser recorded them.
    pub async fn cookie(&self, name: &str) -> Option<Cookie<'static>> {
        let cookies = self.client.get_all_cookies().await.unwrap_or_else(|e| panic!("cookies: {e}"));
        cookies.into_iter().find(|c| c.name() == name)
    }

    /// Runs `js` as a function body in the page; what it `return`s.
    pub async fn execute(&self, js: &str) -> serde_json::Value {
        self.client.execute(js, vec![]).await.unwrap_or_else(|e| panic!("running {js:?}: {e}"))
    }

    /// Ends the session (Chromium quits), then chromedriver.
    pub async fn close(mut self) {
        if self.session.take().is_some() {
            self.client.clone().close().await.unwrap_or_else(|e| panic!("closing the browser: {e}"));
        }
    }

    async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("finding {css}: {e}"))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Asked by chromedriver, Chromium quits with all its helper processes; killing
        // chromedriver alone would leave them behind. Plain blocking HTTP: a test that
        // panicked may be unwinding where no runtime can run fantoccini's request.
        if let Some(session) = self.session.take() {
            delete_session(self.port, &session);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn delete_session(port: u16, session: &str) {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = format!(
        "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return;
    }
    // The answer comes once Chromium has gone. chromedriver keeps the connection open after
    // it, so read just the answer: its head, then as much body as it announces.
    let mut answer = Vec::new();
    let mut chunk = [0u8; 4096];
    while let Ok(n @ 1..) = stream.read(&mut chunk) {
        answer.extend_from_slice(&chunk[..n]);
        if answer_complete(&answer) {
            return;
        }
    }
}

fn answer_complete(answer: &[u8]) -> bool {
    let Some(head_end) = answer.windows(4).position(|w| w == b"\r\n\r\n") else { return false };
    let head = String::from_utf8_lossy(&answer[..head_end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    answer.len() >= head_end + 4 + length
}

/// Polls chromedriver's `/status` until it says it is ready.
async fn wait_until_ready(driver: &mut Child, webdriver: &str, dir: &Path) {
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = driver.try_wait() {
            panic!("{CHROMEDRIVER} exited ({status}) before answering:\n{}", driver_log(dir));
        }
        if let Ok(response) = http.get(format!("{webdriver}/status")).send().await
            && let Ok(body) = response.json::<serde_json::Value>().await
            && body["value"]["ready"] == true
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = driver.kill();
    let _ = driver.wait();
    panic!("{CHROMEDRIVER} did not answer on {webdriver} within 20 s:\n{}", driver_log(dir));
}

fn driver_log(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("chromedriver.log")).unwrap_or_default()
}

/// Width and height from a PNG's header (its IHDR chunk), or `None` if `bytes` is no PNG.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() < 24 || &bytes[..8] != SIGNATURE || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let be = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    Some((be(16), be(20)))
}
