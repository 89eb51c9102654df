//! A real head office on loopback for the terminal's sync tests, and a TCP proxy between the
//! two that injects faults: a connection cut mid-request, an answer lost after the server
//! committed, a slow server.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::time::Duration;

use kasir_core::chain::Origin;
use kasir_headoffice::{Database, Storage};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A head office server on a loopback port, over a SQLite file that outlives restarts.
pub struct HeadOffice {
    pub database: Database,
    pub storage: Arc<dyn Storage>,
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
    _dir: Option<tempfile::TempDir>,
}

impl HeadOffice {
    pub async fn start() -> HeadOffice {
        let dir = tempfile::tempdir().unwrap();
        let database = Database::Sqlite(dir.path().join("headoffice.db"));
        let mut ho = HeadOffice::on(database, "127.0.0.1:0".parse().unwrap()).await;
        ho._dir = Some(dir);
        ho
    }

    /// A server on an existing database (a restored backup, say), on a new port.
    pub async fn open(database: Database) -> HeadOffice {
        HeadOffice::on(database, "127.0.0.1:0".parse().unwrap()).await
    }

    async fn on(database: Database, addr: SocketAddr) -> HeadOffice {
        let storage = database.open().await.unwrap();
        let listener = TcpListener::bind(addr).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn({
            let storage = storage.clone();
            async move {
                kasir_headoffice::serve(listener, storage, async move {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
            }
        });
        HeadOffice { database, storage, addr, stop: Some(stop), task: Some(task), _dir: None }
    }

    /// Stops the server (connections in flight are dropped), then starts it again on the same
    /// port and database after `down`.
    pub async fn restart(&mut self, down: Duration) {
        self.stop.take().unwrap().send(()).ok();
        let task = self.task.take().unwrap();
        // Graceful shutdown waits for open keep-alive connections; don't wait for them.
        task.abort();
        let _ = task.await;
        tokio::time::sleep(down).await;
        let dir = self._dir.take();
        let mut again = loop {
            // The port may take a moment to be free again.
            match TcpListener::bind(self.addr).await {
                Ok(l) => {
                    drop(l);
                    break HeadOffice::on(self.database.clone(), self.addr).await;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        };
        again._dir = dir;
        *self = again;
    }

    /// Registers a terminal (and its store); its token.
    pub async fn terminal(&self, store: &str, terminal: &str) -> String {
        let _ = self.storage.add_store(store, &format!("Toko {store}")).await;
        let token =
            kasir_headoffice::auth::new_token(&Origin { store: store.into(), terminal: terminal.into() });
        self.storage
            .add_terminal(store, terminal, &kasir_headoffice::auth::hash_token(&token))
            .await
            .unwrap();
        token
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

pub const PASS: u8 = 0;
/// Forward half of the next request chunk, then cut both sides.
pub const CUT_REQUEST: u8 = 1;
/// Let the request reach the server; when its answer comes, cut both sides instead.
pub const LOSE_ANSWER: u8 = 2;

/// A TCP proxy whose next fault is set by the test.
pub struct FaultProxy {
    pub addr: SocketAddr,
    pub fault: Arc<AtomicU8>,
    /// Delay before each chunk of the server's answer is passed on, in milliseconds.
    pub delay_ms: Arc<AtomicU64>,
    pub faults_done: Arc<AtomicU64>,
}

impl FaultProxy {
    pub async fn start(upstream: SocketAddr) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let fault = Arc::new(AtomicU8::new(PASS));
        let delay_ms = Arc::new(AtomicU64::new(0));
        let faults_done = Arc::new(AtomicU64::new(0));
        let (f, d, n) = (fault.clone(), delay_ms.clone(), faults_done.clone());
        tokio::spawn(async move {
            loop {
                let Ok((client, _)) = listener.accept().await else { return };
                let (f, d, n) = (f.clone(), d.clone(), n.clone());
                tokio::spawn(async move {
                    let Ok(server) = TcpStream::connect(upstream).await else { return };
                    pump(client, server, f, d, n).await;
                });
            }
        });
        FaultProxy { addr, fault, delay_ms, faults_done }
    }

    pub fn set(&self, fault: u8) {
        self.fault.store(fault, Ordering::SeqCst);
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

async fn pump(
    client: TcpStream,
    server: TcpStream,
    fault: Arc<AtomicU8>,
    delay: Arc<AtomicU64>,
    done: Arc<AtomicU64>,
) {
    let (mut cr, mut cw) = client.into_split();
    let (mut sr, mut sw) = server.into_split();
    let up = {
        let fault = fault.clone();
        let done = done.clone();
        async move {
            let mut buf = vec![0u8; 16 * 1024];
            loop {
                let n = match cr.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                if fault.compare_exchange(CUT_REQUEST, PASS, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
                    let _ = sw.write_all(&buf[..n / 2]).await;
                    done.fetch_add(1, Ordering::SeqCst);
                    return;
                }
                if sw.write_all(&buf[..n]).await.is_err() {
                    return;
                }
            }
        }
    };
    let down = async move {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let n = match sr.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            if fault.compare_exchange(LOSE_ANSWER, PASS, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
                done.fetch_add(1, Ordering::SeqCst);
                return;
            }
            let ms = delay.load(Ordering::SeqCst);
            if ms > 0 {
                tokio::time::sleep(Duration::from_millis(ms)).await;
            }
            if cw.write_all(&buf[..n]).await.is_err() {
                return;
            }
        }
    };
    // Whichever side ends first ends the connection: both halves are dropped together.
    tokio::select! {
        _ = up => {}
        _ = down => {}
    }
}

/// Sync settings for a test terminal.
pub fn settings(url: &str, token: &str, timeout: Duration) -> kasir::sync::SyncSettings {
    kasir::sync::SyncSettings {
        url: url.to_owned(),
        token: token.to_owned(),
        interval: Duration::from_millis(50),
        timeout,
        ca_file: None,
    }
}

/// An https front for a head office: TLS ends here with a certificate for `localhost` signed
/// by a certificate authority made for the test, as a chain's own authority would sign it.
pub struct TlsFront {
    pub addr: SocketAddr,
    /// The authority's certificate, PEM: what a terminal puts in `headoffice.ca_file`.
    pub ca_pem: String,
}

impl TlsFront {
    pub async fn start(upstream: SocketAddr) -> TlsFront {
        use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
        use tokio_rustls::rustls;

        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = ca_params.self_signed(&ca_key).unwrap();
        let leaf_key = KeyPair::generate().unwrap();
        let leaf = CertificateParams::new(vec!["localhost".to_owned()])
            .unwrap()
            .signed_by(&leaf_key, &ca, &ca_key)
            .unwrap();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![leaf.der().clone()],
                rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into()),
            )
            .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            loop {
                let Ok((client, _)) = listener.accept().await else { return };
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    // A handshake the client refuses simply ends here.
                    let Ok(mut tls) = acceptor.accept(client).await else { return };
                    let Ok(mut server) = TcpStream::connect(upstream).await else { return };
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut server).await;
                });
            }
        });
        TlsFront { addr, ca_pem: ca.pem() }
    }

    pub fn url(&self) -> String {
        format!("https://localhost:{}", self.addr.port())
    }
}

/// Per product: quantity and gross, from the terminal's own ledger.
pub fn terminal_figures(shop: &super::Shop) -> std::collections::BTreeMap<String, (i128, i128)> {
    let conn = super::sql(&shop.ledger());
    let mut st =
        conn.prepare("SELECT sku, SUM(quantity_milli), SUM(gross) FROM sale_lines GROUP BY sku").unwrap();
    st.query_map([], |r| Ok((r.get(0)?, (i128::from(r.get::<_, i64>(1)?), i128::from(r.get::<_, i64>(2)?)))))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Per product: quantity and gross, as head office's sales report for `store` says.
pub async fn headoffice_figures(
    ho: &HeadOffice,
    store: &str,
) -> std::collections::BTreeMap<String, (i128, i128)> {
    use kasir_headoffice::storage::{ReportBy, ReportQuery};
    let q = ReportQuery {
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        by: ReportBy::Product,
        store: Some(store.into()),
    };
    ho.storage
        .sales_report(&q)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.key.split(' ').next().unwrap().to_owned(), (r.quantity_milli, r.gross)))
        .collect()
}

/// The terminal's newest sequence and grand total.
pub fn ledger_tip(shop: &super::Shop) -> (u64, i64) {
    super::sql(&shop.ledger())
        .query_row("SELECT seq, grand_total FROM documents ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
}

/// Asserts head office holds every document of `shop`'s ledger (terminal `terminal`): the same
/// newest sequence and grand total. That sequence.
pub async fn holds_the_whole_ledger(ho: &HeadOffice, shop: &super::Shop, terminal: &str) -> u64 {
    let (seq, grand_total) = ledger_tip(shop);
    let terminals = ho.storage.terminals().await.unwrap();
    let t = terminals.iter().find(|t| t.terminal == terminal).expect("the terminal at head office");
    assert_eq!((t.last_seq, t.grand_total), (seq, grand_total), "head office holds the whole ledger");
    seq
}
