//! Focus and keystrokes at the counter, driven without a display (see `common/gui.rs`): each
//! batch of key events goes through the view's widgets and then through the same function
//! the `keys()` subscription uses, in one go, as the iced runtime hands over keys typed
//! faster than a frame. Scanner bursts are 13 digits and Enter within 50 ms; typing is a
//! key every 30 ms. No widget focus task runs between the keys of a batch, as none would in
//! the real program: whatever lands where it should does so by the screen's state.

mod common;

use std::time::{Duration, Instant};

use common::gui::*;
use iced::keyboard::key::Named;
use kasir::gui::{Message, Screen, payment, post_void, sell};
use kasir_core::document::Body;
use kasir_core::{Locale, Quantity};

const INDOMIE: &str = "8991002101234";
const AQUA: &str = "8992388101016";
const MILK: &str = "8993007000017";

fn lines(app: &kasir::gui::App) -> Vec<(String, Quantity)> {
    sell_state(app).cart.lines().iter().map(|l| (l.product.sku.clone(), l.quantity)).collect()
}

fn payment_state(app: &kasir::gui::App) -> &payment::State {
    match &app.screen {
        Screen::Payment(p) => p,
        _ => panic!("not on the payment screen"),
    }
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn a_scanner_burst_right_after_clicking_plus_is_scanned() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, INDOMIE);
    // A click on the line's +, then the next code from the scanner before anything else.
    click(&mut app, "+");
    scanner_burst(&mut app, AQUA);
    assert_eq!(
        lines(&app),
        vec![("MIE-001".into(), Quantity::units(2)), ("AIR-600".into(), Quantity::ONE)],
        "{:?}",
        sell_state(&app).notice
    );
    assert_eq!(sell_state(&app).input, "", "the field is ready for the next scan");
}

#[test]
fn the_click_and_the_burst_in_one_batch_still_scan() {
    // The worst case for focus: the click on + and the scanner's keys arrive together.
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, INDOMIE);
    simulate(&mut app, |ui| {
        ui.click("+").unwrap();
    });
    let start = Instant::now();
    strokes(&mut app, &typed(&format!("{MILK}\n"), start, Duration::from_micros(3_500)));
    assert_eq!(lines(&app).len(), 2);
    assert_eq!(lines(&app)[1].0, "SUS-1L");
}

#[test]
fn clicking_a_line_opens_its_editor_there_keys_go_to_the_quantity_then_back_to_scanning() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, INDOMIE);
    let line = sell_state(&app).cart.lines()[0].id;
    click(&mut app, iced_test::selector::id(sell::line_id(line)));
    assert!(sell_state(&app).editor.is_some(), "the line's editor opened");
    // Backspace away the 1, type 3, Enter: at 30 ms a key.
    let start = Instant::now();
    let mut keys = vec![named(Named::Backspace, start)];
    keys.extend(typed("3\n", start + ms(30), ms(30)));
    strokes(&mut app, &keys);
    assert!(sell_state(&app).editor.is_none());
    assert_eq!(lines(&app), vec![("MIE-001".into(), Quantity::units(3))]);
    scanner_burst(&mut app, AQUA);
    assert_eq!(lines(&app).len(), 2, "the scan after the editor closed went to the scan field");
}

#[test]
fn a_name_typed_after_a_click_searches_and_the_arrows_choose_the_hit() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, AQUA);
    click(&mut app, "+");
    type_at_30ms(&mut app, "indomie");
    let state = sell_state(&app);
    assert_eq!(state.input, "indomie");
    assert_eq!(state.results.len(), 2, "both Indomie products are hits");
    assert_eq!(state.highlight, 0);
    // Down moves the highlight to the second hit; Enter takes that one, not the first.
    let second = state.results[1].sku.clone();
    let start = Instant::now();
    strokes(&mut app, &[named(Named::ArrowDown, start), named(Named::Enter, start + ms(30))]);
    let added = lines(&app);
    assert_eq!(added.len(), 2, "{:?}", sell_state(&app).notice);
    assert_eq!(added[1].0, second);
    // Up from the first hit goes round to the last.
    type_at_30ms(&mut app, "indomie");
    let last = sell_state(&app).results.last().unwrap().sku.clone();
    strokes(&mut app, &[named(Named::ArrowUp, Instant::now())]);
    assert_eq!(sell_state(&app).highlight, 1);
    strokes(&mut app, &[named(Named::Enter, Instant::now())]);
    assert_eq!(lines(&app).last().unwrap().0, last);
}

#[test]
fn the_payment_screen_takes_a_typed_amount_and_enter_completes_the_sale() {
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, MILK);
    // F9 and the amount, typed at 30 ms a key right after it, in one batch.
    let start = Instant::now();
    let mut keys = vec![named(Named::F9, start)];
    keys.extend(typed("50000\n", start + ms(30), ms(30)));
    strokes(&mut app, &keys);
    let Screen::Receipt(r) = &app.screen else { panic!("the sale did not complete") };
    assert_eq!(r.done.change.minor(), 30_000);
    let Body::Sale(sale) = shop.ledger().document(2).unwrap().unwrap().body else { panic!("no sale") };
    assert_eq!((sale.total, sale.change), (20_000, 30_000));
    assert_eq!(sale.tenders[0].amount, 50_000);
}

#[test]
fn after_clicking_a_tender_button_the_typed_amount_still_goes_to_the_amount() {
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, MILK);
    strokes(&mut app, &[named(Named::F9, Instant::now())]);
    click(&mut app, "Kartu");
    assert_eq!(payment_state(&app).kind, kasir_core::TenderKind::Card);
    type_at_30ms(&mut app, "20000");
    assert_eq!(payment_state(&app).amount, "20000");
    strokes(&mut app, &[named(Named::Enter, Instant::now())]);
    assert!(matches!(app.screen, Screen::Receipt(_)), "paid by card and completed");
    let Body::Sale(sale) = shop.ledger().document(2).unwrap().unwrap().body else { panic!("no sale") };
    assert_eq!(sale.tenders[0].kind, kasir_core::TenderKind::Card);
}

#[test]
fn a_short_amount_and_enter_waits_for_the_rest_and_the_arrows_change_the_tender() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, MILK);
    strokes(&mut app, &[named(Named::F9, Instant::now())]);
    type_at_30ms(&mut app, "5000\n");
    let p = payment_state(&app);
    assert_eq!(p.tenders.len(), 1);
    assert_eq!(p.remaining(&app.ctx).minor(), 15_000, "still to pay");
    strokes(&mut app, &[named(Named::ArrowRight, Instant::now())]);
    assert_eq!(payment_state(&app).kind, kasir_core::TenderKind::Card);
    type_at_30ms(&mut app, "15000\n");
    assert!(matches!(app.screen, Screen::Receipt(_)));
}

#[test]
fn cash_rounding_shows_on_the_payment_screen_as_soon_as_cash_is_the_tender() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, INDOMIE);
    scan(&mut app, "2100123012503"); // 1,25 kg of rice: Rp 18.750, Rp 22.250 in all
    strokes(&mut app, &[named(Named::F9, Instant::now())]);
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Pembulatan tunai: Rp 50 · Dibayar tunai: Rp 22.300").is_ok(), "shown before any tender");
    drop(ui);
    // Paying by card, no rounding applies.
    click(&mut app, "Kartu");
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Pembulatan tunai: Rp 50 · Dibayar tunai: Rp 22.300").is_err());
}

#[test]
fn the_approval_code_tab_pin_tab_reason_typed_at_once_land_in_their_fields() {
    let (shop, mut app) = start();
    log_in(&mut app, "K02", "2222");
    scanner_burst(&mut app, INDOMIE);
    scanner_burst(&mut app, MILK);
    click(&mut app, "✕"); // the first line's: the Indomie
    assert!(sell_state(&app).approver.is_some(), "the manager is asked");
    // The way the report had it: the code, Tab and the PIN typed straight on, at 30 ms.
    type_at_30ms(&mut app, "M01\t1234\tsalah scan");
    let a = sell_state(&app).approver.clone().unwrap();
    assert_eq!((a.manager.as_str(), a.pin.as_str(), a.reason.as_str()), ("M01", "1234", "salah scan"));
    // Shift+Tab goes back a field; Backspace there takes a character off that field only.
    strokes(&mut app, &[shift_tab(Instant::now()), named(Named::Backspace, Instant::now())]);
    assert_eq!(sell_state(&app).approver.as_ref().unwrap().pin, "123");
    type_at_30ms(&mut app, "4\n");
    assert!(sell_state(&app).approver.is_none(), "{:?}", sell_state(&app).approver);
    assert_eq!(lines(&app), vec![("SUS-1L".into(), Quantity::ONE)]);
    strokes(&mut app, &[named(Named::F9, Instant::now())]);
    type_at_30ms(&mut app, "20000\n");
    assert!(matches!(app.screen, Screen::Receipt(_)));
    let Body::Sale(sale) = shop.ledger().document(2).unwrap().unwrap().body else { panic!("no sale") };
    assert!(sale.approvals.iter().any(|a| a.approver == "M01" && a.reason.starts_with("salah scan")));
}

#[test]
fn the_line_editor_tabs_between_quantity_price_and_discount_in_typing_order() {
    let (_shop, mut app) = start();
    log_in(&mut app, "M01", "1234");
    scanner_burst(&mut app, MILK);
    // F3, then without a pause: Backspace, 2, Tab, 18000, Tab, 10 — the way a fast typist
    // goes through the dialog.
    let start = Instant::now();
    let mut keys = vec![named(Named::F3, start), named(Named::Backspace, start + ms(30))];
    keys.extend(typed("2\t18000\t10", start + ms(60), ms(30)));
    strokes(&mut app, &keys);
    let e = sell_state(&app).editor.clone().expect("the editor is open");
    assert_eq!((e.quantity.as_str(), e.price.as_str(), e.discount.as_str()), ("2", "18000", "10"));
    assert!(e.percent, "no discount before: a percentage");
    strokes(&mut app, &[named(Named::Enter, Instant::now())]);
    let state = sell_state(&app);
    assert!(state.editor.is_none() && state.approver.is_none(), "a manager may do this alone");
    let line = &state.cart.lines()[0];
    assert_eq!(line.quantity, Quantity::units(2));
    // 2 × 18.000 less 10 %.
    assert_eq!(state.cart.totals().total.minor(), 32_400);
}

#[test]
fn a_receipt_number_at_scanner_speed_starts_a_return_and_typed_at_30ms_it_does_not() {
    let (shop, mut app) = start();
    shop.sell(r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"cash","amount":"3500"}]}"#);
    log_in(&mut app, "K01", "1111");
    type_at_30ms(&mut app, "S01-T01-000002\n");
    assert!(matches!(app.screen, Screen::Sell(_)), "typed by hand it is a name: still at the checkout");
    let (kind, words) = sell_state(&app).notice_text(Locale::Id).unwrap();
    assert_eq!(kind, sell::NoticeKind::Error);
    assert!(words.contains("Tidak ada barang"), "{words}");
    strokes(&mut app, &[named(Named::Escape, Instant::now())]);
    // 14 characters and Enter in 50 ms: the scanner.
    let start = Instant::now();
    strokes(&mut app, &typed("S01-T01-000002\n", start, Duration::from_micros(3_300)));
    assert!(matches!(app.screen, Screen::Returns(_)), "the return of that sale opened");
}

#[test]
fn an_error_is_a_banner_until_acknowledged_or_the_next_scan_that_works() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, "8991111111117");
    assert_eq!(sell_state(&app).notice_text(Locale::Id).unwrap().0, sell::NoticeKind::Error);
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Mengerti (Esc)").is_ok(), "the banner has its button");
    drop(ui);
    // Typing does not hide it; the next scan that works does.
    type_at_30ms(&mut app, "89");
    assert_eq!(sell_state(&app).notice_text(Locale::Id).unwrap().0, sell::NoticeKind::Error);
    strokes(&mut app, &[named(Named::Escape, Instant::now())]);
    assert_eq!(sell_state(&app).input, "", "Esc empties the field first");
    assert!(sell_state(&app).notice.is_some());
    scanner_burst(&mut app, INDOMIE);
    let (kind, words) = sell_state(&app).notice_text(Locale::Id).unwrap();
    assert_eq!(kind, sell::NoticeKind::Info);
    assert!(words.contains("Indomie"), "{words}");
    // A new error, acknowledged with Esc: gone.
    scanner_burst(&mut app, "8991111111117");
    strokes(&mut app, &[named(Named::Escape, Instant::now())]);
    assert!(sell_state(&app).notice.is_none());
    // And with its button.
    scanner_burst(&mut app, "8991111111117");
    click(&mut app, "Mengerti (Esc)");
    assert!(sell_state(&app).notice.is_none());
}

#[test]
fn the_banner_does_not_move_the_cart() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, INDOMIE);
    let y = |app: &kasir::gui::App| {
        let mut ui = iced_test::simulator(app.view());
        let found = ui.find("Barang").unwrap(); // the cart's header
        iced_test::selector::Bounded::visible_bounds(&found).unwrap().y
    };
    send(&mut app, Message::Sell(sell::Message::Acknowledge));
    let before = y(&app);
    scanner_burst(&mut app, "8991111111117");
    assert!(sell_state(&app).notice.is_some());
    assert_eq!(y(&app), before, "the cart stays where it was");
    // The search hits open over the cart: the cart does not move either.
    type_at_30ms(&mut app, "aqua");
    assert!(!sell_state(&app).results.is_empty());
    assert_eq!(y(&app), before);
}

#[test]
fn the_parked_list_works_with_the_keyboard() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, INDOMIE);
    strokes(&mut app, &[named(Named::F6, Instant::now())]);
    scanner_burst(&mut app, MILK);
    strokes(&mut app, &[named(Named::F6, Instant::now())]);
    assert!(sell_state(&app).cart.is_empty());
    // F7 opens the list; Esc closes it.
    strokes(&mut app, &[named(Named::F7, Instant::now())]);
    assert_eq!(sell_state(&app).parked.as_ref().map(Vec::len), Some(2));
    strokes(&mut app, &[named(Named::Escape, Instant::now())]);
    assert!(sell_state(&app).parked.is_none());
    // Keys typed while the list is open do not reach the scan field.
    strokes(&mut app, &[named(Named::F7, Instant::now())]);
    type_at_30ms(&mut app, "12");
    assert_eq!(sell_state(&app).input, "");
    // Down, Enter: the second parked cart (the milk) comes back.
    strokes(&mut app, &[named(Named::ArrowDown, Instant::now()), named(Named::Enter, Instant::now())]);
    assert!(sell_state(&app).parked.is_none());
    assert_eq!(lines(&app), vec![("SUS-1L".into(), Quantity::ONE)]);
}

#[test]
fn an_order_discount_is_a_line_of_its_own_on_screen() {
    let (_shop, mut app) = start();
    log_in(&mut app, "M01", "1234");
    scanner_burst(&mut app, MILK);
    strokes(&mut app, &[named(Named::F4, Instant::now())]);
    type_at_30ms(&mut app, "10\n");
    assert_eq!(sell_state(&app).cart.totals().total.minor(), 18_000);
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Diskon transaksi").is_ok());
    assert!(ui.find("-Rp 2.000").is_ok());
}

#[test]
fn a_manager_voids_the_sale_just_completed_from_the_receipt_screen() {
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, MILK);
    strokes(&mut app, &[named(Named::F9, Instant::now())]);
    type_at_30ms(&mut app, "20000\n");
    assert!(matches!(app.screen, Screen::Receipt(_)));
    // F6, then the manager's code, Tab, the PIN, Tab, the reason and Enter, typed straight on.
    strokes(&mut app, &[named(Named::F6, Instant::now())]);
    type_at_30ms(&mut app, "M01\t9999\tpelanggan batal\n");
    let Screen::Receipt(r) = &app.screen else { panic!() };
    assert!(r.void.voided.is_none(), "a wrong PIN voids nothing");
    assert!(r.void.prompt.as_ref().unwrap().error.is_some());
    // The prompt kept the code and the reason and went back to the PIN.
    type_at_30ms(&mut app, "1234\n");
    let Screen::Receipt(r) = &app.screen else { panic!() };
    assert_eq!(r.void.voided.as_deref(), Some("S01-T01-000003"), "{:?}", r.void.prompt);
    let ledger = shop.ledger();
    let Body::Void(void) = ledger.document(3).unwrap().unwrap().body else { panic!("no void") };
    assert_eq!((void.voided_receipt.as_str(), void.total), ("S01-T01-000002", 20_000));
    assert_eq!((void.approver.as_str(), void.reason.as_str()), ("M01", "pelanggan batal"));
    // Once voided, F6 asks nothing more.
    send(&mut app, Message::Receipt(kasir::gui::receipt::Message::Void(post_void::Message::Ask)));
    let Screen::Receipt(r) = &app.screen else { panic!() };
    assert!(r.void.prompt.is_none());
    // Enter is the next customer again.
    strokes(&mut app, &[named(Named::Enter, Instant::now())]);
    assert!(matches!(app.screen, Screen::Sell(_)));
}

#[test]
fn the_login_pad_works_from_the_keyboard_with_the_arrows_choosing_the_user() {
    let (_shop, mut app) = start();
    let Screen::Login(login) = &app.screen else { panic!("not on the login screen") };
    assert_eq!(login.selected.as_deref(), Some("K01"));
    // → to Dewi (K02), her PIN and Enter at 30 ms a key, and a scan straight after.
    let start = Instant::now();
    let mut keys = vec![named(Named::ArrowRight, start)];
    keys.extend(typed("2222\n", start + ms(30), ms(30)));
    strokes(&mut app, &keys);
    assert_eq!(app.cashier.as_ref().map(|u| u.code.as_str()), Some("K02"));
    scanner_burst(&mut app, INDOMIE);
    assert_eq!(lines(&app).len(), 1);
}

#[test]
fn the_next_customers_scan_on_the_receipt_screen_starts_their_sale() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, MILK);
    strokes(&mut app, &[named(Named::F9, Instant::now())]);
    type_at_30ms(&mut app, "20000\n");
    assert!(matches!(app.screen, Screen::Receipt(_)));
    scanner_burst(&mut app, INDOMIE);
    assert_eq!(lines(&app), vec![("MIE-001".into(), Quantity::ONE)]);
}

#[test]
fn the_returns_screen_takes_the_receipt_quantities_reason_and_approval_typed_straight_on() {
    let (shop, mut app) = start();
    shop.sell(
        r#"{"cashier":"K02","items":[{"sku":"MIE-001","quantity":3},{"sku":"SUS-1L"}],
                "tenders":[{"kind":"cash","amount":"50000"}]}"#,
    );
    log_in(&mut app, "K01", "1111");
    // The receipt's barcode at scanner speed opens its return.
    scanner_burst(&mut app, "S01-T01-000002");
    let Screen::Returns(r) = &app.screen else { panic!("not on the returns screen") };
    assert_eq!(r.original.as_ref().unwrap().sale.lines.len(), 2);
    assert_eq!(r.field, kasir::gui::returns::Field::Quantity(0), "keys go to the first line's quantity");
    // Two Indomie back, Tab past the milk, the reason, the manager and the PIN, Enter: all
    // typed at 30 ms a key in one go.
    type_at_30ms(&mut app, "2\t\trusak\tM01\t1234");
    let Screen::Returns(r) = &app.screen else { panic!() };
    assert_eq!(r.quantities, vec!["2".to_owned(), String::new()]);
    assert_eq!((r.reason.as_str(), r.manager.as_str(), r.pin.as_str()), ("rusak", "M01", "1234"));
    strokes(&mut app, &[named(Named::Enter, Instant::now())]);
    let Screen::Returns(r) = &app.screen else { panic!() };
    let done = r.done.as_ref().unwrap_or_else(|| panic!("not recorded: {:?}", r.error));
    assert_eq!(done.refunded.to_string(), "7000");
    let Body::Return(ret) = shop.ledger().document(3).unwrap().unwrap().body else { panic!("no return") };
    assert_eq!(ret.lines.len(), 1);
    // Esc goes back to the checkout.
    strokes(&mut app, &[named(Named::Escape, Instant::now())]);
    assert!(matches!(app.screen, Screen::Sell(_)));
}

#[test]
fn with_no_shift_open_login_goes_to_the_shift_screen_where_the_float_and_count_are_typed() {
    use kasir::gui::shift_day::Field;
    let (shop, mut app) = start();
    {
        let mut ledger = shop.ledger();
        let k01 = ledger.user("K01").unwrap();
        let count = vec![kasir_core::shift::DenominationCount { value: 100_000, count: 5 }];
        kasir::sale::shift::close(&mut ledger, &k01, count, common::now()).unwrap();
    }
    log_in(&mut app, "K01", "1111");
    assert!(matches!(app.screen, Screen::ShiftDay(_)), "sent to open a shift, not refused at payment");
    assert_eq!(shift_day_state(&app).current_field(), Field::Float);
    type_at_30ms(&mut app, "300.000\n");
    assert_eq!(app.shift, Some(Some(2)), "{:?}", shift_day_state(&app).notice);
    // The shift is open: keys go to the cash amount, Tab to its reason, then the count.
    let s = shift_day_state(&app);
    assert_eq!(s.current_field(), Field::CashAmount);
    type_at_30ms(&mut app, "20.000\tbeli galon\t5\t\t1");
    let s = shift_day_state(&app);
    assert_eq!((s.cash_amount.as_str(), s.cash_reason.as_str()), ("20.000", "beli galon"));
    assert_eq!((s.counts[0].as_str(), s.counts[1].as_str(), s.counts[2].as_str()), ("5", "", "1"));
    // Esc goes back to the checkout, where the scan field has the keys again.
    strokes(&mut app, &[named(Named::Escape, Instant::now())]);
    scanner_burst(&mut app, INDOMIE);
    assert_eq!(lines(&app).len(), 1);
}

#[test]
fn the_screen_and_the_receipt_agree_line_by_line() {
    let (_shop, mut app) = start();
    log_in(&mut app, "M01", "1234");
    scanner_burst(&mut app, MILK);
    // Two cartons, 10 % off the line; then Rp 1.000 off the order (% switches to an amount).
    strokes(&mut app, &[named(Named::F3, Instant::now()), named(Named::Backspace, Instant::now())]);
    type_at_30ms(&mut app, "2\t\t10\n");
    scanner_burst(&mut app, AQUA);
    strokes(&mut app, &[named(Named::F4, Instant::now())]);
    type_at_30ms(&mut app, "%1000\n");
    let totals = sell_state(&app).cart.totals();
    assert_eq!(totals.order_discount.minor(), 1_000);
    let mut ui = iced_test::simulator(app.view());
    for shown in ["Rp 40.000", "Rp 4.000", "Rp 4.000", "Diskon transaksi", "-Rp 1.000"] {
        assert!(ui.find(shown).is_ok(), "{shown} is on screen");
    }
    drop(ui);
    strokes(&mut app, &[named(Named::F9, Instant::now())]);
    type_at_30ms(&mut app, "50000\n");
    let Screen::Receipt(r) = &app.screen else { panic!("not completed") };
    let receipt = r.done.lines.join("\n");
    // The milk line: 2 × 20.000 = 40.000 and its discount 4.000; the water 4.000.
    for printed in ["40.000", "-4.000", "4.000"] {
        assert!(receipt.contains(printed), "{printed} on the receipt:\n{receipt}");
    }
    // The order discount is a line of its own under the goods, as on screen, before the totals.
    let order = r.done.lines.iter().position(|l| l.starts_with("Diskon transaksi"));
    let order = order.unwrap_or_else(|| panic!("the order discount's own line:\n{receipt}"));
    assert!(r.done.lines[order].ends_with("-1.000"), "{receipt}");
    let subtotal = r.done.lines.iter().position(|l| l.starts_with("Subtotal")).unwrap();
    assert!(order < subtotal, "under the goods, above the subtotal:\n{receipt}");
    assert!(receipt.contains(
        &kasir_core::Money::from_minor(totals.total.minor(), totals.total.currency()).format(Locale::Id)
    ));
}

/// The scanner's Enter sends the code to the back end; F9 pressed before the answer is back
/// must not open payment without that code's item.
fn scan_then_f9_before_the_answer(app: &mut kasir::gui::App, code: &str) -> iced::Task<Message> {
    use kasir::gui::keys::Press;
    let start = Instant::now();
    for (i, c) in code.chars().enumerate() {
        send(app, Message::Key(Press::char(c).at(start + Duration::from_micros(3_500) * i as u32)));
    }
    // The lookup is held back, as if the back end were still answering.
    let lookup = app.update(Message::Key(Press::named(Named::Enter).at(start + ms(47))));
    send(app, Message::Key(Press::named(Named::F9).at(start + ms(60))));
    assert!(matches!(app.screen, Screen::Sell(_)), "payment waits for the code on its way");
    lookup
}

#[test]
fn f9_right_after_a_scan_opens_payment_with_that_item_in_the_sale() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, INDOMIE);
    let lookup = scan_then_f9_before_the_answer(&mut app, AQUA);
    drive(&mut app, lookup);
    let p = payment_state(&app);
    let skus: Vec<&str> = p.sale.cart.lines().iter().map(|l| l.product.sku.as_str()).collect();
    assert_eq!(skus, ["MIE-001", "AIR-600"], "the code scanned just before F9 is in the sale");
}

#[test]
fn f9_after_a_code_that_does_not_scan_stays_to_show_why() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scanner_burst(&mut app, INDOMIE);
    let lookup = scan_then_f9_before_the_answer(&mut app, "8990000000001");
    drive(&mut app, lookup);
    assert!(matches!(app.screen, Screen::Sell(_)), "no payment over an unread code");
    let notice = sell_state(&app).notice.as_ref().map(|(_, s)| s.text(Locale::Id));
    assert!(notice.is_some_and(|n| n.contains("8990000000001")), "the banner names the code");
}

#[test]
fn escape_while_the_pin_is_checked_keeps_the_dialog_so_the_answer_lands_on_what_was_approved() {
    use kasir::gui::keys::Press;
    let (_shop, mut app) = start();
    log_in(&mut app, "K02", "2222");
    scanner_burst(&mut app, INDOMIE);
    scanner_burst(&mut app, MILK);
    click(&mut app, "✕"); // the Indomie's line
    type_at_30ms(&mut app, "M01\t1234\tsalah scan");
    // Enter sends the PIN to the back end; the answer is held back while Esc is pressed.
    let check = app.update(Message::Key(Press::named(Named::Enter)));
    send(&mut app, Message::Key(Press::named(Named::Escape)));
    assert!(sell_state(&app).approver.is_some(), "the dialog waits for its answer");
    drive(&mut app, check);
    assert!(sell_state(&app).approver.is_none());
    assert_eq!(lines(&app), vec![("SUS-1L".into(), Quantity::ONE)], "the approved void is done");
}
