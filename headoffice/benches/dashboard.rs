//! The web dashboard at chain scale (issue 15): 50 stores × 2 terminals × one year of sales,
//! generated straight into the database ([`data`], [`load`]), then the dashboard panel for a
//! month of the whole chain and for a year of one store, each measured three ways:
//! - server-side: every storage call the panel makes, as `web::dashboard` makes them;
//! - through HTTP: `GET /dashboard/panel` of an in-process server on loopback, logged in as
//!   an administrator (reading, rendering and sending the panel);
//! - the baseline: the same figures from the raw sale lines with plain GROUP BYs.
//!
//! `cargo bench -p kasir-headoffice --bench dashboard [-- pg|sqlite]` (PostgreSQL at
//! 127.0.0.1:5432). PostgreSQL gets 20,000,000 sale lines and SQLite 2,000,000 unless
//! `KASIR_BENCH_LINES` says otherwise (a smoke run: `KASIR_BENCH_LINES=200000`);
//! `KASIR_BENCH_RUNS` measured runs after the warm-up (30); the baseline runs until 30 runs or
//! `KASIR_BENCH_BASELINE_SECS` (120) per case, whichever comes first. The PostgreSQL database
//! is dropped at the end unless `KASIR_BENCH_KEEP=1`. A full run took 45 minutes on two cores:
//! 15 generating and summing the 20,000,000 lines, 23 measuring PostgreSQL (its raw-line
//! baseline takes 97 s a run), 5 for SQLite.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Datelike as _, NaiveDate};
use kasir_core::office::OfficeRole;
use kasir_headoffice::accounts::{NewOfficeUser, hash_password};
use kasir_headoffice::analytics::{Breakdown, SalesFilter};
use kasir_headoffice::{Database, Storage};

#[path = "dashboard/baseline.rs"]
mod baseline;
#[path = "dashboard/data.rs"]
mod data;
#[path = "dashboard/load.rs"]
mod load;
// Shared with the ingest bench; this one uses only the PostgreSQL helpers.
#[allow(dead_code)]
mod support;

const LIMIT_MS: f64 = 150.0;
const PG_DB: &str = "kasir_bench_dashboard";
const PASSWORD: &str = "bench-dashboard-password";

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// What the dashboard is asked for.
struct Case {
    name: &'static str,
    from: NaiveDate,
    to: NaiveDate,
    store: Option<&'static str>,
}

impl Case {
    fn filter(&self) -> SalesFilter {
        SalesFilter {
            from: self.from,
            to: self.to,
            stores: self.store.map(|s| vec![s.to_owned()]),
            terminal: None,
        }
    }

    fn shifted(&self, days: i64) -> SalesFilter {
        let f = self.filter();
        SalesFilter {
            from: f.from - chrono::Duration::days(days),
            to: f.to - chrono::Duration::days(days),
            ..f
        }
    }

    fn query(&self) -> String {
        let store = self.store.map(|s| format!("&store={s}")).unwrap_or_default();
        format!("/dashboard/panel?period=dates&from={}&to={}{store}", self.from, self.to)
    }

    fn period(&self) -> baseline::Period {
        baseline::Period { from: self.from, to: self.to, store: self.store }
    }
}

fn cases() -> [Case; 2] {
    let last = data::last_day();
    [
        Case { name: "month of chain", from: last.with_day0(0).unwrap_or(last), to: last, store: None },
        Case { name: "year of one store", from: data::first_day(), to: last, store: Some("S01") },
    ]
}

/// The storage calls of the dashboard panel, in the same groups and order as
/// `web::dashboard::read` (kept in step by hand: that function is private): the store list,
/// the figures now, a week and 52 weeks before, nine breakdowns, the hours of the comparison
/// period (one for a longer period), the terminals' contact list.
async fn panel_reads(s: &dyn Storage, case: &Case) -> usize {
    let f = case.filter();
    let single_day = case.from == case.to;
    let by = |b: Breakdown| {
        let f = f.clone();
        async move { s.breakdown(&f, b).await }
    };
    let compared: Vec<SalesFilter> =
        if single_day { (1..=4).map(|k| case.shifted(7 * k)).collect() } else { vec![case.shifted(7)] };
    let stores = s.stores().await.unwrap();
    let (week_before, year_before) = (case.shifted(7), case.shifted(364));
    let (now, _, _) =
        tokio::try_join!(s.figures(&f), s.figures(&week_before), s.figures(&year_before)).unwrap();
    let (hours, days, by_store, terminals, categories) = tokio::try_join!(
        by(Breakdown::Hour),
        by(Breakdown::Day),
        by(Breakdown::Store),
        by(Breakdown::Terminal),
        by(Breakdown::Category)
    )
    .unwrap();
    let (products, cashiers, tenders, taxes) = tokio::try_join!(
        by(Breakdown::Product),
        by(Breakdown::Cashier),
        by(Breakdown::Tender),
        by(Breakdown::Tax)
    )
    .unwrap();
    let mut rows = 0;
    for c in &compared {
        rows += s.breakdown(c, Breakdown::Hour).await.unwrap().len();
    }
    let contacts = s.terminals().await.unwrap();
    assert!(now.net > 0 && now.transactions > 0, "{}: the period has sales", case.name);
    rows + stores.len()
        + hours.len()
        + days.len()
        + by_store.len()
        + terminals.len()
        + categories.len()
        + products.len()
        + cashiers.len()
        + tenders.len()
        + taxes.len()
        + contacts.len()
}

/// Each storage call of the panel alone, to see which dominates (median of 5, after one).
async fn per_call(s: &dyn Storage, case: &Case) -> Vec<(String, Duration)> {
    let f = case.filter();
    let calls = std::iter::once(None).chain(
        [
            Breakdown::Hour,
            Breakdown::Day,
            Breakdown::Store,
            Breakdown::Terminal,
            Breakdown::Category,
            Breakdown::Product,
            Breakdown::Cashier,
            Breakdown::Tender,
            Breakdown::Tax,
        ]
        .map(Some),
    );
    let mut out = vec![];
    for call in calls {
        let mut took = vec![];
        for i in 0..6 {
            let at = Instant::now();
            match call {
                None => drop(s.figures(&f).await.unwrap()),
                Some(b) => drop(s.breakdown(&f, b).await.unwrap()),
            }
            if i > 0 {
                took.push(at.elapsed());
            }
        }
        took.sort();
        out.push((call.map_or("figures".to_owned(), |b| b.code().to_owned()), took[2]));
    }
    out
}

/// p50 and p95 of `runs` (sorted here).
fn percentiles(runs: &mut [Duration]) -> (f64, f64) {
    runs.sort();
    let at = |p: f64| {
        runs[((p * runs.len() as f64).ceil() as usize).clamp(1, runs.len()) - 1].as_secs_f64() * 1000.0
    };
    (at(0.50), at(0.95))
}

/// `42 ms`, `3,900 ms`, `4.2 ms`.
fn ms(v: f64) -> String {
    if v < 10.0 {
        return format!("{v:.1} ms");
    }
    let n = v.round() as u64;
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out} ms")
}

async fn measure<F: AsyncFnMut()>(runs: u64, mut f: F) -> Vec<Duration> {
    for _ in 0..3 {
        f().await;
    }
    let mut took = Vec::new();
    for _ in 0..runs {
        let at = Instant::now();
        f().await;
        took.push(at.elapsed());
    }
    took
}

/// The baseline: one warm-up, then up to `runs` runs or `secs` seconds.
async fn measure_baseline<F: AsyncFnMut()>(runs: u64, secs: u64, mut f: F) -> Vec<Duration> {
    f().await;
    let started = Instant::now();
    let mut took = Vec::new();
    while (took.len() as u64) < runs && (took.len() < 5 || started.elapsed().as_secs() < secs) {
        let at = Instant::now();
        f().await;
        took.push(at.elapsed());
    }
    took
}

/// Logs the administrator in over HTTP; the session cookie (`kasir_session=…`).
async fn log_in(http: &reqwest::Client, base: &str) -> String {
    // The login form's CSRF check compares the form's field with the login cookie.
    let response = http
        .post(format!("{base}/login"))
        .header("cookie", "kasir_login=bench")
        .form(&[("csrf", "bench"), ("next", "/"), ("code", "A01"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "login: {}", response.status());
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("kasir_session=") && !v.starts_with("kasir_session=;"))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

struct Engine {
    label: &'static str,
    storage: Arc<dyn Storage>,
    baseline: Box<dyn Fn(Vec<String>) -> futures::future::BoxFuture<'static, usize>>,
}

async fn prepare(storage: &dyn Storage) {
    for s in 0..data::STORES {
        let store = format!("S{:02}", s + 1);
        storage.add_store(&store, &format!("Toko {}", s + 1)).await.unwrap();
        for t in 0..data::TERMINALS_PER_STORE {
            let origin =
                kasir_core::chain::Origin { store: store.clone(), terminal: format!("T{:02}", t + 1) };
            let token = kasir_headoffice::auth::hash_token(&kasir_headoffice::auth::new_token(&origin));
            storage.add_terminal(&origin.store, &origin.terminal, &token).await.unwrap();
        }
    }
    let password_hash = hash_password(PASSWORD).unwrap();
    storage
        .add_office_user(&NewOfficeUser {
            code: "A01".into(),
            name: "Ana".into(),
            role: OfficeRole::Admin,
            password_hash,
        })
        .await
        .unwrap();
}

fn report_load(label: &str, loaded: &load::Loaded, receipts: u64) {
    println!(
        "{label}: generated {} documents and {} sale lines ({} receipts a terminal a day, {} stores × {} terminals × {} days) in {:.0} s",
        loaded.documents,
        loaded.lines,
        receipts,
        data::STORES,
        data::TERMINALS_PER_STORE,
        data::DAYS,
        loaded.seconds
    );
}

async fn run(engine: Engine) {
    let runs = env_u64("KASIR_BENCH_RUNS", 30);
    let baseline_secs = env_u64("KASIR_BENCH_BASELINE_SECS", 120);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server =
        tokio::spawn(kasir_headoffice::serve(listener, engine.storage.clone(), std::future::pending()));
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let session = log_in(&http, &base).await;
    for case in cases() {
        let s = engine.storage.as_ref();
        let mut server_side = measure(runs, async || {
            panel_reads(s, &case).await;
        })
        .await;
        let url = format!("{base}{}", case.query());
        let mut through_http = measure(runs, async || {
            let r = http.get(&url).header("cookie", &session).send().await.unwrap();
            assert_eq!(r.status(), 200, "{url}");
            let body = r.text().await.unwrap();
            assert!(body.contains("net-sales"), "{url}: the panel shows its figures");
        })
        .await;
        let statements = baseline::statements(&case.period());
        let mut raw = measure_baseline(runs, baseline_secs, async || {
            (engine.baseline)(statements.clone()).await;
        })
        .await;
        let (_, raw95) = percentiles(&mut raw);
        let raw_runs = raw.len();
        for (how, took) in [("server-side", &mut server_side), ("through HTTP", &mut through_http)] {
            let (p50, p95) = percentiles(took);
            println!(
                "{} {}, {how}: p95 {} (p50 {}; limit {}: {}; from raw lines: p95 {} over {raw_runs} runs)",
                engine.label,
                case.name,
                ms(p95),
                ms(p50),
                ms(LIMIT_MS),
                if p95 < LIMIT_MS { "OK" } else { "OVER" },
                ms(raw95)
            );
        }
        let calls = per_call(s, &case).await;
        let shown: Vec<String> =
            calls.iter().map(|(n, d)| format!("{n} {}", ms(d.as_secs_f64() * 1000.0))).collect();
        println!("  each call alone, median of 5: {}", shown.join(", "));
    }
    server.abort();
}

fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let runs = |name: &str| wanted.is_empty() || wanted.iter().any(|w| w == name);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    if runs("pg") {
        rt.block_on(postgres());
    }
    if runs("sqlite") {
        rt.block_on(sqlite());
    }
}

async fn postgres() {
    let lines = env_u64("KASIR_BENCH_LINES", 20_000_000);
    let url = support::fresh_pg(PG_DB).await;
    let storage = Database::Postgres(url.clone()).open().await.unwrap();
    prepare(storage.as_ref()).await;
    let (loaded, chain) = load::postgres(&url, lines).await;
    report_load("PG", &loaded, chain.receipts);
    let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(conn);
    for table in ["summary_hours", "summary_products", "summary_categories", "summary_cashiers"] {
        let n: i64 = client.query_one(&format!("SELECT COUNT(*) FROM {table}"), &[]).await.unwrap().get(0);
        println!("  {table}: {n} rows");
    }
    client.batch_execute("CHECKPOINT").await.unwrap();
    let client = Arc::new(client);
    let engine = Engine {
        label: "PG",
        storage,
        baseline: Box::new(move |statements| {
            let client = client.clone();
            Box::pin(async move { baseline::postgres(&client, &statements).await })
        }),
    };
    run(engine).await;
    if std::env::var("KASIR_BENCH_KEEP").as_deref() == Ok("1") {
        println!("PG: kept {url}");
    } else {
        support::drop_pg(PG_DB).await;
    }
}

async fn sqlite() {
    let lines = env_u64("KASIR_BENCH_LINES", 2_000_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dashboard.db");
    let storage = Database::Sqlite(path.clone()).open().await.unwrap();
    prepare(storage.as_ref()).await;
    let load_path = path.clone();
    let (loaded, chain) = tokio::task::spawn_blocking(move || load::sqlite(&load_path, lines)).await.unwrap();
    report_load("SQLite", &loaded, chain.receipts);
    let conn = rusqlite::Connection::open(&path).unwrap();
    for table in ["summary_hours", "summary_products", "summary_categories", "summary_cashiers"] {
        let n: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        println!("  {table}: {n} rows");
    }
    let conn = Arc::new(std::sync::Mutex::new(conn));
    let engine = Engine {
        label: "SQLite",
        storage,
        baseline: Box::new(move |statements| {
            let conn = conn.clone();
            Box::pin(async move {
                tokio::task::spawn_blocking(move || baseline::sqlite(&conn.lock().unwrap(), &statements))
                    .await
                    .unwrap()
            })
        }),
    };
    run(engine).await;
}
