//! Checkout screen benchmark (`cargo bench --bench checkout`): handling one scanned item
//! (catalogue lookup on the back-end thread, cart update, building the view) with a 200-line
//! cart and a 100,000-product catalogue; limit p99 2 ms.

#[path = "support/mod.rs"]
mod support;

use std::time::Duration;

use kasir::config::Config;
use kasir::gui::{App, Message, Screen, login, sell};
use kasir::service::Terminal;
use kasir::setup::{self, Paths};
use support::{Samples, report, scaled, us};

fn main() {
    println!("machine: {}", support::machine());
    let n = scaled(100_000);
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths { data_dir: dir.path().to_owned() };
    let config = Config::embedded();
    setup::init(&paths, &config, true).unwrap();
    {
        let ledger = setup::open(&paths, &config).unwrap();
        let mut csv = String::from("sku,barcodes,name,price,tax_class\n");
        for i in 0..n {
            csv.push_str(&format!(
                "P{i:06},{},Produk Uji Nomor {i} 250 g,{},PPN\n",
                support::ean13(500_000 + i as u64),
                1000 + i % 500 * 100
            ));
        }
        kasir::catalogue::import::import_csv(
            ledger.conn(),
            csv.as_bytes(),
            config.currency(),
            &config.barcode.variable_measure,
        )
        .unwrap();
    }
    let terminal = Terminal::start(paths.clone(), config.clone()).unwrap();
    let (mut app, _boot) = App::new(terminal.clone(), config.clone());
    // Log in as the demo cashier, without the PIN pad's tasks.
    let cashier = terminal.call_blocking(|b| kasir::users::find(b.ledger.conn(), "K01").unwrap()).unwrap();
    let _ = app.update(Message::Login(login::Message::Checked(Ok(cashier))));
    assert!(matches!(app.screen, Screen::Sell(_)));

    let rules = config.barcode.variable_measure.clone();
    let scan = |i: usize, app: &mut App| {
        let code = support::ean13(500_000 + (i * 7919 % n) as u64);
        let c = code.clone();
        let r = rules.clone();
        let hit =
            terminal.call_blocking(move |b| b.catalogue.scan(&c, &r).map_err(|e| e.to_string())).unwrap();
        let _ = app.update(Message::Sell(sell::Message::Scanned(code, hit)));
        let view = app.view();
        std::hint::black_box(&view);
    };
    for i in 0..200 {
        scan(i, &mut app);
    }
    let Screen::Sell(state) = &app.screen else { unreachable!() };
    assert_eq!(state.cart.lines().len(), 200);
    // Measure scans of items already in the cart's catalogue range on a 200-line cart; each
    // adds a line, so the cart grows from 200 to 200 + samples.
    let samples = Samples::time(300, |i| scan(200 + i, &mut app));
    println!("\n== One scanned item with a 200-line cart and a {n}-product catalogue ==");
    report(
        "lookup + cart update + view, p99",
        &us(samples.p99()),
        "2 ms",
        samples.p99() < Duration::from_millis(2),
    );
    println!("{:<58} {:>14}", "median", us(samples.median()));
}
