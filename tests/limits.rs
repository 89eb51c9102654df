//! The store's ceilings and its stock on the sale path, on a real ledger file: what a line
//! and a sale may hold (`[limits]`), the stock as head office last sent it less this
//! terminal's unsent sales, and `[stock] allow_negative`.

mod common;

use common::{Shop, count, now};
use kasir::app::config::Config;
use kasir::messages::{Explain, Locale};
use kasir::sale::checkout::{self, SaleScript, SellError};
use kasir::store::side::SideStore;
use kasir_core::limits::LimitError;
use kasir_core::wire::{Change, ChangeItem, ChangePage};
use kasir_core::{Cart, CartError, Quantity};

fn script(items: &str) -> SaleScript {
    serde_json::from_str(&format!(
        r#"{{"cashier": "K01", "items": [{items}], "tenders": [{{"kind": "cash", "amount": "600000000"}}]}}"#
    ))
    .unwrap()
}

fn sell(shop: &Shop, items: &str) -> Result<checkout::SaleOutcome, SellError> {
    checkout::sell(&mut shop.ledger(), &shop.config, &script(items), now())
}

/// Head office's stock for `sku`, through the change feed as the sync thread applies it.
fn stock_from_headoffice(shop: &Shop, sku: &str, units: i64) {
    let side = SideStore::open(&shop.ledger_path()).unwrap();
    let since = side.feed_cursor().unwrap();
    let item = ChangeItem::Stock { sku: sku.into(), quantity_milli: units * 1000 };
    let page = ChangePage { changes: vec![Change { number: since + 1, item }], next: since + 1, more: false };
    assert_eq!(side.apply_feed_page(since, &page).unwrap(), 1);
}

fn config(toml: &str) -> Config {
    Config::parse(toml, "kasir.toml").unwrap()
}

#[test]
fn a_line_over_the_piece_ceiling_is_refused_as_a_quantity_and_nothing_is_committed() {
    let shop = Shop::new();
    let before = count(&shop.ledger(), "documents");
    let e = sell(&shop, r#"{"sku": "MIE-001", "quantity": 10000}"#).unwrap_err();
    let SellError::Cart { index: 1, source: CartError::Limit(limit) } = &e else { panic!("{e:?}") };
    assert!(matches!(limit, LimitError::Quantity { by_weight: false, .. }), "{limit:?}");
    // (The item's number in front is the sale script's words.)
    let id = e.explain(Locale::Id);
    assert!(
        id.ends_with("Jumlah Indomie Mi Goreng Original 85 g terlalu banyak: 10.000. Satu baris paling banyak 9.999 buah."),
        "{id}"
    );
    assert!(limit.explain(Locale::En).starts_with("Too many Indomie Mi Goreng Original 85 g: 10,000."));
    assert_eq!(count(&shop.ledger(), "documents"), before, "nothing reached the ledger");
    // Two items of the same product merge into one line: together they are over as well.
    let e = sell(&shop, r#"{"sku": "MIE-001", "quantity": 9000}, {"sku": "MIE-001", "quantity": 1000}"#)
        .unwrap_err();
    assert!(matches!(e, SellError::Cart { index: 2, source: CartError::Limit(LimitError::Quantity { .. }) }));
    // The ceiling itself is fine.
    sell(&shop, r#"{"sku": "MIE-001", "quantity": 9999}"#).unwrap();
}

#[test]
fn weighed_goods_and_amounts_have_their_ceilings_too() {
    let shop = Shop::new();
    let e = sell(&shop, r#"{"sku": "BRS-KG", "quantity": "999.5"}"#).unwrap_err();
    assert!(matches!(
        e,
        SellError::Cart { source: CartError::Limit(LimitError::Quantity { by_weight: true, .. }), .. }
    ));
    // 1,001 cartons at Rp 100.000 + 11 % PPN on top: Rp 111.111.000, over Rp 100 jt a line.
    let e = sell(&shop, r#"{"sku": "DUS-40", "quantity": 1001}"#).unwrap_err();
    assert!(matches!(e, SellError::Cart { source: CartError::Limit(LimitError::LineAmount { .. }), .. }));
    assert!(
        e.explain(Locale::Id).contains("melebihi batas Rp 100.000.000 per baris"),
        "{}",
        e.explain(Locale::Id)
    );
    assert!(e.explain(Locale::En).contains("over the limit of Rp 100.000.000 for one line"));
}

#[test]
fn a_stores_own_ceilings_from_kasir_toml_rule_the_sale_path() {
    let shop = Shop::with_config(config(
        "[limits]\nmax_pieces_per_line = \"10\"\nmax_sale_amount = \"150000000\"\n",
    ));
    assert!(sell(&shop, r#"{"sku": "MIE-001", "quantity": 11}"#).is_err());
    sell(&shop, r#"{"sku": "MIE-001", "quantity": 10}"#).unwrap();
    // A cart rung up under other ceilings (the defaults: say it was parked before the change)
    // is refused when it is paid, with what is wrong.
    let mut ledger = shop.ledger();
    let mut reader = ledger.catalogue().unwrap();
    let mut cart = Cart::new(shop.config.currency(), shop.config.tax.mode);
    let product = reader.sellable_by_sku("MIE-001").unwrap();
    cart.add(product.snapshot(), Quantity::units(20), None).unwrap();
    let cashier = ledger.user("K01").unwrap();
    let total = cart.totals().total;
    let tenders = [kasir_core::Tender { kind: kasir_core::TenderKind::Card, amount: total, reference: None }];
    let before = count(&ledger, "documents");
    let e = checkout::complete_sale(&mut ledger, &shop.config, &cashier, &cart, &tenders, vec![], now())
        .unwrap_err();
    assert!(matches!(e, SellError::Limit(LimitError::Quantity { .. })), "{e:?}");
    assert_eq!(
        e.explain(Locale::Id),
        "Jumlah Indomie Mi Goreng Original 85 g terlalu banyak: 20. Satu baris paling banyak 10 buah."
    );
    assert_eq!(count(&ledger, "documents"), before);
}

#[test]
fn nonsense_ceilings_stop_the_terminal_at_start_naming_the_setting() {
    let e = Config::parse("[limits]\nmax_pieces_per_line = \"0\"\n", "/etc/kasir.toml").unwrap_err();
    assert_eq!(
        e.to_string(),
        "config /etc/kasir.toml: limits.max_pieces_per_line must be more than zero (got 0)"
    );
    let e = Config::parse("[limits]\nmax_sale_amount = \"-1\"\n", "kasir.toml").unwrap_err();
    assert!(e.to_string().contains("limits.max_sale_amount must be more than zero (got -1)"), "{e}");
}

#[test]
fn the_stock_shown_is_head_offices_less_what_this_terminal_has_not_sent() {
    let shop = Shop::new();
    let ledger = shop.ledger();
    assert_eq!(ledger.store_stock("MIE-001").unwrap(), None, "no figure before head office sends one");
    stock_from_headoffice(&shop, "MIE-001", 10);
    assert_eq!(ledger.store_stock("MIE-001").unwrap(), Some(Quantity::units(10)));
    sell(&shop, r#"{"sku": "MIE-001", "quantity": 3}"#).unwrap();
    assert_eq!(ledger.store_stock("MIE-001").unwrap(), Some(Quantity::units(7)), "the sale counts at once");
    assert_eq!(ledger.sold_here("MIE-001").unwrap(), Quantity::units(3));
    // Head office acknowledges the sale, then sends the stock that includes it: 7, not 4.
    let side = SideStore::open(&shop.ledger_path()).unwrap();
    let newest: u64 =
        common::sql(&ledger).query_row("SELECT MAX(seq) FROM documents", [], |r| r.get(0)).unwrap();
    side.delivered(0, newest).unwrap();
    stock_from_headoffice(&shop, "MIE-001", 7);
    assert_eq!(ledger.store_stock("MIE-001").unwrap(), Some(Quantity::units(7)));
    // The search shows the same figure beside the hit.
    let mut reader = ledger.catalogue().unwrap();
    let hit =
        reader.search_hits("indomie original", 5).unwrap().into_iter().find(|h| h.product.sku == "MIE-001");
    assert_eq!(hit.map(|h| (h.product.stock, h.sold)), Some((Some(Quantity::units(7)), Quantity::units(3))));
    assert_eq!(reader.store_stock("MIE-001").unwrap(), Some(Quantity::units(7)));
}

/// The tally is folded by the catalogue reader after the fact (never in the sale's commit):
/// the stock shown must be the same before and after each fold, whatever head office has
/// acknowledged in between.
#[test]
fn the_tally_folded_after_the_fact_gives_the_same_stock_at_every_step() {
    let shop = Shop::new();
    let ledger = shop.ledger();
    let mut reader = ledger.catalogue().unwrap();
    let side = SideStore::open(&shop.ledger_path()).unwrap();
    let newest = || -> u64 {
        common::sql(&shop.ledger()).query_row("SELECT MAX(seq) FROM documents", [], |r| r.get(0)).unwrap()
    };
    let fold = |reader: &mut kasir::store::catalogue::Reader| {
        reader.search_hits("indomie original", 5).unwrap();
    };
    stock_from_headoffice(&shop, "MIE-001", 20);
    let delivered_before = newest();
    side.delivered(0, delivered_before).unwrap();
    let check = |reader: &mut kasir::store::catalogue::Reader, want: i64, why: &str| {
        // The ledger's figure first: the reader folds before it answers.
        assert_eq!(
            shop.ledger().store_stock("MIE-001").unwrap(),
            Some(Quantity::units(want)),
            "ledger: {why}"
        );
        assert_eq!(reader.store_stock("MIE-001").unwrap(), Some(Quantity::units(want)), "reader: {why}");
    };

    sell(&shop, r#"{"sku": "MIE-001", "quantity": 3}"#).unwrap();
    let a = newest();
    check(&mut reader, 17, "a sale not folded yet");
    fold(&mut reader);
    check(&mut reader, 17, "the same sale folded");

    sell(&shop, r#"{"sku": "MIE-001", "quantity": 2}"#).unwrap();
    check(&mut reader, 15, "a second sale not folded yet");
    // Head office acknowledges the first sale but has not sent new stock yet: only the
    // second sale is still to be taken off its 20.
    side.delivered(delivered_before, a).unwrap();
    check(&mut reader, 18, "the first acknowledged, not folded");
    fold(&mut reader);
    check(&mut reader, 18, "the first acknowledged, folded");

    sell(&shop, r#"{"sku": "MIE-001", "quantity": 1}"#).unwrap();
    side.delivered(a, newest()).unwrap();
    check(&mut reader, 20, "everything acknowledged, the last sale never folded as unsent");
    fold(&mut reader);
    check(&mut reader, 20, "everything acknowledged and folded");
    assert_eq!(ledger.sold_here("MIE-001").unwrap(), Quantity::units(6));
    // Head office restored from an older backup: it has the sales no more, and says so.
    side.delivered(newest(), delivered_before).unwrap();
    assert_eq!(reader.store_stock("MIE-001").unwrap(), Some(Quantity::units(14)), "all three unsent again");
    fold(&mut reader);
    check(&mut reader, 14, "all three unsent again, folded");
    let hit =
        reader.search_hits("indomie original", 5).unwrap().into_iter().find(|h| h.product.sku == "MIE-001");
    assert_eq!(hit.map(|h| h.sold), Some(Quantity::units(6)), "the ranking counts all three sales");
    // Nothing of this went into the sales' own transactions: the tally is a cache beside them.
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn below_zero_is_sold_by_default_and_refused_where_the_store_says_so() {
    // Default: the goods are in the customer's hand, the sale goes through.
    let shop = Shop::new();
    stock_from_headoffice(&shop, "MIE-001", 2);
    sell(&shop, r#"{"sku": "MIE-001", "quantity": 3}"#).unwrap();
    assert_eq!(shop.ledger().store_stock("MIE-001").unwrap(), Some(Quantity::units(-1)));

    let strict = Shop::with_config(config("[stock]\nallow_negative = false\n"));
    stock_from_headoffice(&strict, "MIE-001", 2);
    let before = count(&strict.ledger(), "documents");
    let e = sell(&strict, r#"{"sku": "MIE-001", "quantity": 2}, {"sku": "AIR-600"}, {"sku": "MIE-001"}"#)
        .unwrap_err();
    assert!(matches!(&e, SellError::Stock(s) if s.wanted == Quantity::units(3)), "{e:?}");
    assert_eq!(
        e.explain(Locale::Id),
        "Stok Indomie Mi Goreng Original 85 g (MIE-001) tidak cukup: diminta 3, stok toko 2. Toko ini \
         tidak menjual melebihi stok."
    );
    assert_eq!(count(&strict.ledger(), "documents"), before);
    // What there is may be sold, and a product head office sent no figure for is not refused.
    sell(&strict, r#"{"sku": "MIE-001", "quantity": 2}, {"sku": "AIR-600", "quantity": 50}"#).unwrap();
    assert_eq!(strict.ledger().store_stock("MIE-001").unwrap(), Some(Quantity::units(0)));
    assert!(matches!(sell(&strict, r#"{"sku": "MIE-001"}"#), Err(SellError::Stock(_))));
}

#[test]
fn a_voided_sale_comes_off_what_was_sold() {
    let shop = Shop::new();
    let receipt = sell(&shop, r#"{"sku": "SUS-1L", "quantity": 4}"#).unwrap().receipt_number;
    let mut ledger = shop.ledger();
    assert_eq!(ledger.sold_here("SUS-1L").unwrap(), Quantity::units(4));
    let manager = ledger.user("M01").unwrap();
    checkout::void_sale(
        &mut ledger,
        &shop.config.permissions,
        &manager,
        &receipt,
        &manager,
        "salah input",
        now(),
    )
    .unwrap();
    assert_eq!(ledger.sold_here("SUS-1L").unwrap(), Quantity::units(0), "the voided sale no longer counts");
}

#[test]
fn a_ledger_from_before_the_tally_gets_it_from_its_stock_movements() {
    let shop = Shop::new();
    sell(&shop, r#"{"sku": "SUS-1L", "quantity": 4}, {"sku": "MIE-001", "quantity": 2}"#).unwrap();
    sell(&shop, r#"{"sku": "SUS-1L"}"#).unwrap();
    // One of them reached head office already.
    let side = SideStore::open(&shop.ledger_path()).unwrap();
    side.delivered(0, 2).unwrap();
    stock_from_headoffice(&shop, "SUS-1L", 20);
    // Back to version 13, as a terminal running that release has its file.
    let raw = common::sql(&shop.ledger());
    raw.execute_batch(
        "DROP TABLE tally_mark; DROP TABLE product_tally; ALTER TABLE sync_state DROP COLUMN last_error_id;
         ALTER TABLE sync_state DROP COLUMN rotated_token; ALTER TABLE sync_state DROP COLUMN rotated_from;
         ALTER TABLE sync_state DROP COLUMN rotated_at; ALTER TABLE sync_state DROP COLUMN set_aside_seq;
         ALTER TABLE sync_state DROP COLUMN set_aside_receipt; ALTER TABLE sync_state DROP COLUMN set_aside_reason;
         ALTER TABLE sync_state DROP COLUMN set_aside_at; ALTER TABLE sync_state DROP COLUMN rotated_replaced;
         PRAGMA user_version = 13;",
    )
    .unwrap();
    drop(raw);
    let ledger = kasir::store::Ledger::open(&shop.ledger_path()).unwrap();
    assert_eq!(ledger.sold_here("SUS-1L").unwrap(), Quantity::units(5));
    assert_eq!(ledger.sold_here("MIE-001").unwrap(), Quantity::units(2));
    // Only the second sale (document 3) is unsent: head office's 20 less that one.
    assert_eq!(ledger.store_stock("SUS-1L").unwrap(), Some(Quantity::units(19)));
    assert!(ledger.verify().unwrap().is_ok());
}

/// On the checkout screen: a quantity too big is refused in words with nothing added, and a
/// search hit and the line editor show the store's stock, marked when low.
#[test]
fn on_the_screen_a_quantity_too_big_is_said_and_stock_shows_in_search_and_editor() {
    use common::gui::{click, log_in, scan, sell_state, send, start_on, type_at_30ms};
    use iced_test::selector;
    use kasir::gui::{Message, sell};

    let shop = Shop::new();
    stock_from_headoffice(&shop, "MIE-001", 4);
    let (_shop, mut app) = start_on(shop);
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "99999999*8991002101234");
    assert!(sell_state(&app).cart.is_empty(), "nothing entered the cart");
    let mut ui = iced_test::simulator(app.view());
    assert!(
        ui.find("Jumlah 99.999.999 terlalu banyak untuk satu baris (paling banyak 9.999). Periksa angka sebelum tanda *.")
            .is_ok(),
        "the quantity problem is on screen"
    );
    drop(ui);
    // Two bottles, then 9,998 more scanned onto the same line: refused, the line stays at 2.
    scan(&mut app, "2*8991002101234");
    scan(&mut app, "9998*8991002101234");
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 1);
    assert_eq!(state.cart.lines()[0].quantity, Quantity::units(2));
    let mut ui = iced_test::simulator(app.view());
    assert!(
        ui.find("Jumlah Indomie Mi Goreng Original 85 g terlalu banyak: 10.000. Satu baris paling banyak 9.999 buah.")
            .is_ok()
    );
    drop(ui);
    // The line editor shows head office's 4 less the terminal's unsent sales (none yet): low.
    let id = sell_state(&app).cart.lines()[0].id;
    send(&mut app, Message::Sell(sell::Message::EditLine(id)));
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Stok 4 pcs · menipis").is_ok(), "the stock in the line editor");
    drop(ui);
    send(&mut app, Message::Sell(sell::Message::Dismiss));
    assert!(sell_state(&app).editor.is_none());
    // So does the search, beside the hit.
    click(&mut app, selector::id(sell::SCAN_ID));
    type_at_30ms(&mut app, "indomie orig");
    assert_eq!(sell_state(&app).results.len(), 1);
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Stok 4 pcs · menipis").is_ok(), "the stock beside the hit");
}
