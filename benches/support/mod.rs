//! Shared helpers for Kasir's benchmarks: timing samples, percentiles and the printed table.
#![allow(dead_code)]

use std::time::{Duration, Instant};

/// Latency samples of one measured operation.
pub struct Samples(pub Vec<Duration>);

impl Samples {
    pub fn time<T>(n: usize, mut op: impl FnMut(usize) -> T) -> Samples {
        let mut v = Vec::with_capacity(n);
        for i in 0..n {
            let t = Instant::now();
            std::hint::black_box(op(i));
            v.push(t.elapsed());
        }
        Samples(v)
    }

    pub fn percentile(&self, p: f64) -> Duration {
        let mut v = self.0.clone();
        v.sort();
        let idx = ((v.len() as f64 - 1.0) * p / 100.0).round() as usize;
        v[idx]
    }

    pub fn median(&self) -> Duration {
        self.percentile(50.0)
    }

    pub fn p99(&self) -> Duration {
        self.percentile(99.0)
    }

    pub fn per_second(&self) -> f64 {
        self.0.len() as f64 / self.0.iter().sum::<Duration>().as_secs_f64()
    }
}

pub fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// One result line: what, the figure, the limit, and whether it holds.
pub fn report(what: &str, figure: &str, limit: &str, ok: bool) {
    println!("{:<58} {:>14}   limit {:<22} {}", what, figure, limit, if ok { "OK" } else { "OVER" });
}

/// `KASIR_BENCH_SCALE` (default 1.0) shrinks or grows the generated data, for a quick run.
pub fn scaled(n: usize) -> usize {
    let scale: f64 = std::env::var("KASIR_BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    ((n as f64 * scale) as usize).max(1)
}

/// A deterministic generator for benchmark data.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A valid EAN-13 with Indonesia's 899 prefix, unique per `n`.
pub fn ean13(n: u64) -> String {
    kasir_core::barcode::with_check_digit(&format!("899{:09}", n))
}

/// A fresh terminal in `dir` (the demo users and catalogue with `demo`), plus `csv` imported.
pub fn terminal(
    dir: &std::path::Path,
    demo: bool,
    csv: &str,
) -> (kasir::app::setup::Paths, kasir::app::config::Config, kasir::store::Ledger) {
    let paths = kasir::app::setup::Paths { data_dir: dir.to_owned() };
    let config = kasir::app::config::Config::embedded();
    kasir::app::setup::init(&paths, &config, demo).unwrap();
    let mut ledger = kasir::app::setup::open(&paths, &config).unwrap();
    if !demo {
        // Selling needs an open shift (the demo opens its own).
        ledger.add_user("M01", "Bench Manager", kasir_core::policy::Role::Manager, "1234").unwrap();
        let manager = ledger.user("M01").unwrap();
        let float = kasir_core::Money::from_minor(500_000, config.currency());
        kasir::sale::shift::open(&mut ledger, &manager, float, config.now()).unwrap();
    }
    if !csv.is_empty() {
        ledger.import_catalogue(csv.as_bytes(), &config.barcode.variable_measure).unwrap();
    }
    (paths, config, ledger)
}

/// A machine description for the results table.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    format!("{cpu}, {cores} cores")
}

/// A connection of the benchmark's own to a ledger file, for plain-SQL baselines and counts.
#[allow(dead_code)]
pub fn sql(ledger: &kasir::store::Ledger) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(ledger.path()).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    conn
}
