//! A stand-in head office for the terminal's rotation tests: it speaks the API's contract and
//! answers as the test scripts it (a new token with every success, busy, revoked, a document
//! set aside), which the real one cannot be made to do on demand.

use std::sync::{Arc, Mutex};

use kasir::sync::NEW_TOKEN_HEADER;
use kasir_core::wire::{
    ApiError, ChangePage, PushAck, PushBatch, SecurityEventAck, SecurityEventBatch, SetAside,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the stand-in does with the next requests, and what it saw.
#[derive(Default)]
pub struct Script {
    /// Sent as `Kasir-New-Token` with every 2xx answer.
    pub new_token: Option<String>,
    /// Every request is answered 429 `busy` with this `Retry-After`.
    pub busy: Option<u64>,
    /// Every request is answered 401 `revoked`.
    pub revoked: bool,
    /// Requests with these tokens are answered 401 `unauthorized`.
    pub refused: Vec<String>,
    /// Set aside with the next push answer.
    pub set_aside: Vec<SetAside>,
    /// The bearer token of each request, in order.
    pub tokens: Vec<String>,
    /// Documents held, in sequence.
    pub held: u64,
}

pub struct Standin {
    addr: std::net::SocketAddr,
    script: Arc<Mutex<Script>>,
}

impl Standin {
    pub async fn start() -> Standin {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let script = Arc::new(Mutex::new(Script::default()));
        let s = script.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { return };
                tokio::spawn(serve(stream, s.clone()));
            }
        });
        Standin { addr, script }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn script(&self) -> std::sync::MutexGuard<'_, Script> {
        self.script.lock().unwrap()
    }

    /// The tokens of the requests since the last call.
    pub fn tokens(&self) -> Vec<String> {
        std::mem::take(&mut self.script().tokens)
    }
}

/// One request on a connection of its own, answered by the script (`Connection: close`).
pub async fn serve(mut stream: TcpStream, script: Arc<Mutex<Script>>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        let Ok(n) = stream.read(&mut chunk).await else { return };
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let (method, target) =
        (first.next().unwrap_or_default().to_owned(), first.next().unwrap_or_default().to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let length: usize = header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    while buf.len() < head_end + length {
        let Ok(n) = stream.read(&mut chunk).await else { return };
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let token = header("authorization").and_then(|v| v.strip_prefix("Bearer ").map(str::to_owned));
    let (status, extra, body) =
        answer(&mut script.lock().unwrap(), &method, &target, token, &buf[head_end..head_end + length]);
    let mut response = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in extra {
        response += &format!("{k}: {v}\r\n");
    }
    response += "\r\n";
    response += &body;
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

pub fn answer(
    s: &mut Script,
    method: &str,
    target: &str,
    token: Option<String>,
    body: &[u8],
) -> (u16, Vec<(String, String)>, String) {
    let token = token.unwrap_or_default();
    s.tokens.push(token.clone());
    if s.refused.contains(&token) {
        let e = ApiError {
            code: "unauthorized".into(),
            error: "the token is not valid".into(),
            acknowledged: None,
        };
        return (401, vec![], serde_json::to_string(&e).unwrap());
    }
    if let Some(secs) = s.busy {
        let e = ApiError { code: "busy".into(), error: "busy checking tokens".into(), acknowledged: None };
        return (429, vec![("Retry-After".into(), secs.to_string())], serde_json::to_string(&e).unwrap());
    }
    if s.revoked {
        let e =
            ApiError { code: "revoked".into(), error: "the token was revoked".into(), acknowledged: None };
        return (401, vec![], serde_json::to_string(&e).unwrap());
    }
    let path = target.split('?').next().unwrap_or_default();
    let json = match (method, path) {
        ("POST", "/api/v1/documents") => {
            let batch: PushBatch = serde_json::from_slice(body).unwrap();
            let mut stored = 0;
            for d in &batch.documents {
                if d.seq == s.held + 1 {
                    s.held = d.seq;
                    stored += 1;
                }
            }
            let ack = PushAck {
                acknowledged: s.held,
                stored,
                already_stored: 0,
                set_aside: std::mem::take(&mut s.set_aside),
            };
            serde_json::to_string(&ack).unwrap()
        }
        ("POST", "/api/v1/security-events") => {
            let batch: SecurityEventBatch = serde_json::from_slice(body).unwrap();
            let ack = SecurityEventAck {
                acknowledged: batch.events.last().map_or(0, |e| e.id),
                stored: batch.events.len() as u32,
                already_stored: 0,
            };
            serde_json::to_string(&ack).unwrap()
        }
        ("GET", "/api/v1/changes") => {
            let since = target.split("since=").nth(1).and_then(|v| v.split('&').next()).unwrap_or("0");
            let page = ChangePage { changes: vec![], next: since.parse().unwrap(), more: false };
            serde_json::to_string(&page).unwrap()
        }
        _ => return (404, vec![], r#"{"code":"not_found","error":"no such path"}"#.into()),
    };
    let extra = s.new_token.iter().map(|t| (NEW_TOKEN_HEADER.to_owned(), t.clone())).collect();
    (200, extra, json)
}

pub fn token_of(terminal: &str, fill: char) -> String {
    format!("{terminal}.{}", fill.to_string().repeat(64))
}
