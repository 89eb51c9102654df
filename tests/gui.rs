//! The checkout screen driven without a display (see `common/gui.rs`): logging in, scanning,
//! searching, quick keys, editing lines, discounts and approvals, parking, voids, payment.

mod common;

use common::Shop;
use common::gui::*;
use iced::keyboard::key::Named;
use iced_test::selector;
use kasir::app::service::Terminal;
use kasir::gui::{App, Message, Screen, payment, sell};
use kasir::store::Ledger;
use kasir_core::document::Body;

#[test]
fn log_in_scan_change_quantity_pay_cash_and_the_sale_is_in_the_ledger() {
    let (shop, mut app) = start();
    assert!(matches!(app.screen, Screen::Login(_)));

    // The PIN pad, clicked: Budi Santoso, 1-1-1-1, Enter.
    simulate(&mut app, |ui| {
        ui.click("Budi Santoso").unwrap();
        for _ in 0..4 {
            ui.click("1").unwrap();
        }
        ui.click("Masuk (Enter)").unwrap();
    });
    assert!(matches!(app.screen, Screen::Sell(_)), "logged in");
    assert_eq!(app.cashier.as_ref().unwrap().code, "K01");

    scan(&mut app, "8991002101234"); // Indomie, Rp 3.500
    scan(&mut app, "8992388101016"); // Aqua, Rp 4.000
    scan(&mut app, "2100123012503"); // beras, 1.25 kg × Rp 15.000
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 3, "{:?}", state.notice);
    let indomie = state.cart.lines()[0].id;
    send(&mut app, Message::Sell(sell::Message::More(indomie)));
    send(&mut app, Message::Sell(sell::Message::More(indomie)));
    let total = sell_state(&app).cart.totals().total;
    assert_eq!(total.minor(), 3 * 3_500 + 4_000 + 18_750);

    // The total is on screen, formatted the Indonesian way.
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Rp 33.250").is_ok());
    drop(ui);

    send(&mut app, Message::Sell(sell::Message::Pay));
    assert!(matches!(app.screen, Screen::Payment(_)));
    simulate(&mut app, |ui| {
        ui.click("Rp 50.000").unwrap();
    });
    let Screen::Payment(p) = &app.screen else { panic!() };
    let settled = p.settlement(&app.ctx).unwrap();
    assert_eq!(settled.change.minor(), 50_000 - 33_300, "Rp 33.250 rounds to Rp 33.300 in cash");
    send(&mut app, Message::Payment(payment::Message::Complete));
    let Screen::Receipt(r) = &app.screen else { panic!("the sale did not complete") };
    assert_eq!(r.done.receipt_number, "S01-T01-000002");
    assert!(
        r.done.lines.iter().any(|l| l.contains("TOTAL") && l.contains("Rp 33.250")),
        "{:#?}",
        r.done.lines
    );

    let ledger = Ledger::open(&shop.ledger_path()).unwrap();
    let doc = ledger.document(2).unwrap().unwrap();
    let Body::Sale(sale) = doc.body else { panic!() };
    assert_eq!((sale.total, sale.rounding, sale.change), (33_250, 50, 16_700));
    assert_eq!(sale.lines[0].quantity, kasir_core::Quantity::units(3));
    assert_eq!(doc.header.user, "K01");
    assert!(ledger.verify().unwrap().is_ok());

    // One key for the next customer.
    send(&mut app, Message::Receipt(kasir::gui::receipt::Message::Next));
    assert!(sell_state(&app).cart.is_empty());
}

#[test]
fn a_wrong_pin_is_refused_and_repeated_failures_lock_the_pad() {
    let (_shop, mut app) = start();
    for _ in 0..3 {
        log_in(&mut app, "K01", "9999");
    }
    let Screen::Login(state) = &app.screen else { panic!("must stay on login") };
    assert_eq!(state.failures, 3);
    assert!(state.locked_until.is_some());
    // Even the right PIN waits out the lockout.
    log_in(&mut app, "K01", "1111");
    let Screen::Login(state) = &app.screen else { panic!("locked out, must stay on login") };
    assert!(
        state.error.as_ref().map(|e| e.text(kasir_core::Locale::Id)).unwrap_or_default().contains("tunggu"),
        "{:?}",
        state.error
    );
}

#[test]
fn voiding_a_line_needs_a_manager_pin_and_is_recorded_with_the_sale() {
    let (shop, mut app) = start();
    log_in(&mut app, "K02", "2222");
    scan(&mut app, "8991002101234");
    scan(&mut app, "8993007000017");
    let milk = sell_state(&app).cart.lines()[1].id;

    // A wrong manager PIN changes nothing.
    send(&mut app, Message::Sell(sell::Message::VoidLine(milk)));
    for m in [
        sell::Message::ApproverManager("M01".into()),
        sell::Message::ApproverPin("0000".into()),
        sell::Message::ApproverReason("salah scan".into()),
        sell::Message::ApproverSubmit,
    ] {
        send(&mut app, Message::Sell(m));
    }
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 2);
    assert!(
        state
            .approver
            .as_ref()
            .unwrap()
            .error
            .as_ref()
            .unwrap()
            .text(kasir_core::Locale::Id)
            .contains("PIN salah untuk M01")
    );

    // A cashier cannot approve.
    for m in [
        sell::Message::ApproverManager("K01".into()),
        sell::Message::ApproverPin("1111".into()),
        sell::Message::ApproverSubmit,
    ] {
        send(&mut app, Message::Sell(m));
    }
    assert!(
        sell_state(&app)
            .approver
            .as_ref()
            .unwrap()
            .error
            .as_ref()
            .unwrap()
            .text(kasir_core::Locale::Id)
            .contains("bukan manajer")
    );

    for m in [
        sell::Message::ApproverManager("M01".into()),
        sell::Message::ApproverPin("1234".into()),
        sell::Message::ApproverSubmit,
    ] {
        send(&mut app, Message::Sell(m));
    }
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 1, "the line is gone");
    assert!(state.approver.is_none());

    send(&mut app, Message::Sell(sell::Message::Pay));
    send(&mut app, Message::Payment(payment::Message::Kind(kasir_core::TenderKind::Qris)));
    send(&mut app, Message::Payment(payment::Message::Exact));
    send(&mut app, Message::Payment(payment::Message::Complete));
    assert!(matches!(app.screen, Screen::Receipt(_)));
    let ledger = Ledger::open(&shop.ledger_path()).unwrap();
    let (action, approver, reason): (String, String, String) = common::sql(&ledger)
        .query_row("SELECT action, approver, reason FROM approvals WHERE seq = 2", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((action.as_str(), approver.as_str()), ("void_line", "M01"));
    assert!(reason.starts_with("salah scan (Ultra Milk"), "{reason}");
}

#[test]
fn an_unknown_barcode_is_a_notice_and_the_field_is_ready_again() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991111111117");
    let state = sell_state(&app);
    assert!(state.cart.is_empty());
    assert_eq!(state.input, "");
    let (kind, text) = state.notice_text(kasir_core::Locale::Id).unwrap();
    assert_eq!(kind, sell::NoticeKind::Error);
    assert_eq!(text, "Tidak ada barang dengan barcode 8991111111117");
    // The banner follows the screen's language (Ctrl+F12).
    send(&mut app, Message::ToggleLanguage);
    let (_, text) = sell_state(&app).notice_text(app.ctx.locale).unwrap();
    assert_eq!(text, "No product has barcode 8991111111117");
}

#[test]
fn typing_a_name_searches_and_enter_takes_the_first_result() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    click(&mut app, selector::id(sell::SCAN_ID));
    type_at_30ms(&mut app, "ultra");
    assert_eq!(sell_state(&app).results.len(), 1);
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Ultra Milk Coklat 1 L").is_ok());
    drop(ui);
    send(&mut app, Message::Sell(sell::Message::Submit));
    let state = sell_state(&app);
    assert_eq!(state.cart.lines()[0].product.sku, "SUS-1L");
    assert!(state.results.is_empty());
}

#[test]
fn a_parked_cart_survives_a_restart_and_is_recalled_once() {
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    scan(&mut app, "8991002101234");
    scan(&mut app, "8993007000017");
    send(&mut app, Message::Sell(sell::Message::Park));
    let state = sell_state(&app);
    assert!(state.cart.is_empty(), "a new, empty cart for the next customer");
    assert!(state.notice_text(kasir_core::Locale::Id).unwrap().1.contains("#1"), "{:?}", state.notice);
    drop(app);

    // The prices change and the terminal restarts: the parked cart keeps its prices.
    let mut ledger = shop.ledger();
    ledger
        .import_catalogue(
            "sku,name,price,tax_class\nMIE-001,Indomie Mi Goreng Original 85 g,9900,PPN\n".as_bytes(),
            &shop.config.barcode.variable_measure,
        )
        .unwrap();
    let _ = &mut ledger;
    let terminal = Terminal::start(shop.paths.clone(), shop.config.clone()).unwrap();
    let (mut app, boot) = App::new(terminal, shop.config.clone());
    drive(&mut app, boot);
    log_in(&mut app, "K02", "2222");
    send(&mut app, Message::Sell(sell::Message::ShowParked));
    let list = sell_state(&app).parked.clone().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].total.minor(), 2 * 3_500 + 20_000);
    send(&mut app, Message::Sell(sell::Message::Recall(list[0].id)));
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 2);
    assert_eq!(state.cart.lines()[0].quantity, kasir_core::Quantity::units(2));
    assert_eq!(state.cart.totals().total.minor(), 27_000, "parked prices, not today's");
    assert!(state.parked.is_none());

    // Recalled means gone from the list: it cannot be recalled twice.
    send(&mut app, Message::Sell(sell::Message::ShowParked));
    assert!(sell_state(&app).parked.as_ref().unwrap().is_empty());
    let ledger = Ledger::open(&shop.ledger_path()).unwrap();
    assert_eq!(ledger.tip().unwrap().seq, 1, "parking writes nothing to the ledger (1 is the shift)");
}

#[test]
fn logging_out_with_items_in_the_cart_is_refused_with_a_reason() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    send(&mut app, Message::Logout);
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 1, "the sale in progress is kept");
    assert!(state.notice_text(kasir_core::Locale::Id).unwrap().1.contains("parkir"), "{:?}", state.notice);
    send(&mut app, Message::Sell(sell::Message::Park));
    send(&mut app, Message::Logout);
    assert!(matches!(app.screen, Screen::Login(_)), "an empty cart logs out");
}

#[test]
fn a_quick_key_adds_its_product() {
    let mut shop = Shop::new();
    shop.config.quick_keys =
        vec![kasir::app::config::QuickKey { sku: "MIE-001".into(), label: "Indomie".into() }];
    let terminal = Terminal::start(shop.paths.clone(), shop.config.clone()).unwrap();
    let (mut app, boot) = App::new(terminal, shop.config.clone());
    drive(&mut app, boot);
    log_in(&mut app, "K01", "1111");
    simulate(&mut app, |ui| {
        ui.click("Indomie").unwrap();
        ui.click("Indomie").unwrap();
    });
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 1);
    assert_eq!(
        (state.cart.lines()[0].product.sku.as_str(), state.cart.lines()[0].quantity),
        ("MIE-001", kasir_core::Quantity::units(2))
    );
}

#[test]
fn keys_map_to_actions() {
    use iced::keyboard::Key;
    assert!(matches!(sell::shortcut(&Key::Named(Named::F9)), Some(sell::Message::Pay)));
    assert!(matches!(sell::shortcut(&Key::Named(Named::F6)), Some(sell::Message::Park)));
    assert!(matches!(sell::shortcut(&Key::Named(Named::F7)), Some(sell::Message::ShowParked)));
    assert!(matches!(sell::shortcut(&Key::Named(Named::F3)), Some(sell::Message::EditLast)));
    assert!(matches!(sell::shortcut(&Key::Named(Named::F4)), Some(sell::Message::EditOrder)));
    assert!(matches!(sell::shortcut(&Key::Named(Named::F5)), Some(sell::Message::VoidSale)));
    assert!(matches!(sell::shortcut(&Key::Named(Named::F11)), Some(sell::Message::NoSale)));
    assert!(matches!(sell::shortcut(&Key::Named(Named::Escape)), Some(sell::Message::Dismiss)));
    assert!(matches!(payment::shortcut(&Key::Named(Named::F8)), Some(payment::Message::Exact)));
    assert!(matches!(payment::shortcut(&Key::Named(Named::Escape)), Some(payment::Message::Back)));
    assert!(sell::shortcut(&Key::Character("a".into())).is_none(), "letters belong to the scan field");
}

#[test]
fn a_discount_within_the_cashiers_limit_needs_nobody() {
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8993007000017"); // Ultra Milk, Rp 20.000
    let milk = sell_state(&app).cart.lines()[0].id;
    edit_line(
        &mut app,
        milk,
        &[sell::Message::EditorDiscount("10".into()), sell::Message::EditorPercent(true)],
    );
    let state = sell_state(&app);
    assert!(state.approver.is_none() && state.editor.is_none());
    assert_eq!(state.cart.totals().total.minor(), 18_000);
    pay_exact_by_card(&mut app);
    let Body::Sale(sale) = shop.ledger().document(2).unwrap().unwrap().body else { panic!() };
    assert_eq!((sale.line_discounts, sale.total), (2_000, 18_000));
    assert!(sale.approvals.is_empty());
}

#[test]
fn a_discount_past_the_limit_waits_for_a_manager_and_escape_undoes_it() {
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234"); // Indomie
    scan(&mut app, "8993007000017"); // Ultra Milk, Rp 20.000
    let (indomie, milk) = {
        let lines = sell_state(&app).cart.lines();
        (lines[0].id, lines[1].id)
    };

    // 50 % is past the cashier's 10 %: the cart shows it while a manager is asked for.
    let half = [sell::Message::EditorDiscount("50".into()), sell::Message::EditorPercent(true)];
    edit_line(&mut app, milk, &half);
    assert!(sell_state(&app).approver.is_some());
    assert_eq!(sell_state(&app).cart.totals().total.minor(), 3_500 + 10_000);
    // Escape: the discount is gone again.
    send(&mut app, Message::Sell(sell::Message::Dismiss));
    let state = sell_state(&app);
    assert!(state.approver.is_none());
    assert_eq!(state.cart.line(milk).unwrap().discount, None);
    assert_eq!(state.cart.totals().total.minor(), 23_500);

    // The Indomie goes (void, manager), then the 50 % on the milk, approved.
    send(&mut app, Message::Sell(sell::Message::VoidLine(indomie)));
    approve(&mut app, "M01", "1234", "salah scan");
    edit_line(&mut app, milk, &half);
    approve(&mut app, "M01", "1234", "kemasan penyok");
    let state = sell_state(&app);
    assert!(state.approver.is_none());
    assert_eq!(state.cart.totals().total.minor(), 10_000);

    // Parked and recalled, the approval still belongs to the milk, now the only line.
    send(&mut app, Message::Sell(sell::Message::Park));
    send(&mut app, Message::Sell(sell::Message::ShowParked));
    let id = sell_state(&app).parked.as_ref().unwrap()[0].id;
    send(&mut app, Message::Sell(sell::Message::Recall(id)));
    assert_eq!(sell_state(&app).cart.lines().len(), 1);
    pay_exact_by_card(&mut app);

    let ledger = shop.ledger();
    let rows: Vec<(String, String, String, Option<i64>)> = common::sql(&ledger)
        .prepare("SELECT action, approver, reason, line_no FROM approvals WHERE seq = 2 ORDER BY idx")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!((rows[0].0.as_str(), rows[0].3), ("void_line", None));
    assert_eq!(
        rows[1],
        ("discount_over_limit".into(), "M01".into(), "kemasan penyok".into(), Some(1)),
        "the approval names receipt line 1, the milk"
    );
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn a_price_override_by_a_cashier_needs_a_manager() {
    let (shop, mut app) = start();
    log_in(&mut app, "K02", "2222");
    scan(&mut app, "8992388101016"); // Aqua, Rp 4.000
    let aqua = sell_state(&app).cart.lines()[0].id;
    // Typing the catalogue price is no override.
    edit_line(&mut app, aqua, &[sell::Message::EditorPrice("4.000".into())]);
    assert!(sell_state(&app).approver.is_none());
    assert_eq!(sell_state(&app).cart.line(aqua).unwrap().price_override, None);

    edit_line(
        &mut app,
        aqua,
        &[sell::Message::EditorQuantity("2".into()), sell::Message::EditorPrice("3.500".into())],
    );
    // A cashier's own PIN does not approve it.
    approve(&mut app, "K01", "1111", "harga promo rak");
    assert!(
        sell_state(&app)
            .approver
            .as_ref()
            .unwrap()
            .error
            .as_ref()
            .unwrap()
            .text(kasir_core::Locale::Id)
            .contains("bukan manajer")
    );
    approve(&mut app, "M01", "1234", "harga promo rak");
    assert_eq!(sell_state(&app).cart.totals().total.minor(), 7_000);
    pay_exact_by_card(&mut app);
    let Body::Sale(sale) = shop.ledger().document(2).unwrap().unwrap().body else { panic!() };
    assert_eq!((sale.lines[0].list_price, sale.lines[0].unit_price), (4_000, 3_500));
    assert_eq!(sale.approvals[0].action.code(), "price_override");
    assert_eq!(sale.approvals[0].line, Some(1));
}

#[test]
fn a_bad_edit_is_explained_and_changes_nothing() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    let id = sell_state(&app).cart.lines()[0].id;
    edit_line(&mut app, id, &[sell::Message::EditorQuantity("1,5".into())]);
    let state = sell_state(&app);
    let error = state.editor.as_ref().unwrap().error.clone().unwrap();
    assert!(error.contains("bilangan bulat"), "{error}");
    assert_eq!(state.cart.lines()[0].quantity, kasir_core::Quantity::ONE);
    send(&mut app, Message::Sell(sell::Message::EditorQuantity("abc".into())));
    send(&mut app, Message::Sell(sell::Message::EditorApply));
    assert!(sell_state(&app).editor.as_ref().unwrap().error.as_deref().unwrap().contains("abc"));
}

#[test]
fn a_weighed_product_picked_by_name_asks_for_its_weight() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    click(&mut app, selector::id(sell::SCAN_ID));
    type_at_30ms(&mut app, "beras");
    send(&mut app, Message::Sell(sell::Message::Submit));
    assert!(sell_state(&app).editor.as_ref().is_some_and(|e| e.weigh), "the weight is asked for");
    // Escape: the rice never got a weight, so it is not left in at 1 kg.
    send(&mut app, Message::Sell(sell::Message::Dismiss));
    assert!(sell_state(&app).cart.is_empty());

    scan(&mut app, "2100123"); // the rice's item key, no weight in it
    send(&mut app, Message::Sell(sell::Message::EditorQuantity("0,75".into())));
    send(&mut app, Message::Sell(sell::Message::EditorApply));
    let state = sell_state(&app);
    assert!(state.editor.is_none());
    assert_eq!(state.cart.lines()[0].quantity, kasir_core::Quantity::from_milli(750));
    assert_eq!(state.cart.totals().total.minor(), 11_250);
}

#[test]
fn a_quantity_typed_before_the_code_adds_that_many() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "6*8991002101234");
    let state = sell_state(&app);
    assert_eq!(state.cart.lines().len(), 1, "{:?}", state.notice);
    assert_eq!(state.cart.lines()[0].quantity, kasir_core::Quantity::units(6));
}

#[test]
fn voiding_the_sale_in_progress_is_recorded_with_the_manager_and_moves_nothing() {
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    scan(&mut app, "8993007000017");
    send(&mut app, Message::Sell(sell::Message::VoidSale));
    // No reason, no void.
    approve(&mut app, "M01", "1234", "");
    assert_eq!(sell_state(&app).cart.lines().len(), 2);
    approve(&mut app, "M01", "1234", "pelanggan batal");
    let state = sell_state(&app);
    assert!(state.cart.is_empty(), "{:?}", state.notice);
    assert!(state.notice_text(kasir_core::Locale::Id).unwrap().1.contains("S01-T01-000002"));

    let ledger = shop.ledger();
    let doc = ledger.document(2).unwrap().unwrap();
    let Body::Cancel(c) = &doc.body else { panic!("{doc:?}") };
    assert_eq!((c.total, c.lines.len(), c.approver.as_str()), (23_500, 2, "M01"));
    assert_eq!(doc.header.grand_total, 0, "nothing was sold");
    assert_eq!(ledger.stock_level("MIE-001").unwrap(), kasir_core::Quantity::default());
    assert_eq!(common::count(&ledger, "payments"), 0);
    let approval: (String, String) = common::sql(&ledger)
        .query_row("SELECT action, reason FROM approvals WHERE seq = 2", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(approval, ("void_sale".into(), "pelanggan batal".into()));
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn a_no_sale_needs_a_manager_an_empty_cart_and_says_there_is_no_drawer() {
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    send(&mut app, Message::Sell(sell::Message::NoSale));
    assert!(sell_state(&app).approver.is_none(), "not in the middle of a sale");
    send(&mut app, Message::Sell(sell::Message::Park));

    send(&mut app, Message::Sell(sell::Message::NoSale));
    approve(&mut app, "M01", "1234", "tukar uang kecil");
    let notice = sell_state(&app).notice_text(kasir_core::Locale::Id).unwrap().1;
    assert!(notice.contains("S01-T01-000002") && notice.contains("belum dikonfigurasi"), "{notice}");
    let Body::NoSale(n) = shop.ledger().document(2).unwrap().unwrap().body else { panic!() };
    assert_eq!((n.approver.as_str(), n.reason.as_str()), ("M01", "tukar uang kecil"));
}

#[test]
fn a_locked_pad_discards_keys_and_stays_locked_after_a_restart() {
    let (shop, mut app) = start();
    for _ in 0..3 {
        log_in(&mut app, "K01", "9999");
    }
    // Keys typed while locked go nowhere.
    send(&mut app, Message::Login(kasir::gui::login::Message::Digit('1')));
    let Screen::Login(state) = &app.screen else { panic!("must stay on login") };
    assert!(state.pin.is_empty(), "a key typed during the lockout is discarded");
    assert!(
        state.error.as_ref().map(|e| e.text(kasir_core::Locale::Id)).unwrap_or_default().contains("tunggu"),
        "{:?}",
        state.error
    );
    drop(app);

    // The terminal is switched off and on: the store still refuses K01's right PIN.
    let terminal = Terminal::start(shop.paths.clone(), shop.config.clone()).unwrap();
    let (mut app, boot) = App::new(terminal, shop.config.clone());
    drive(&mut app, boot);
    log_in(&mut app, "K01", "1111");
    let Screen::Login(state) = &app.screen else { panic!("still locked out after a restart") };
    assert!(
        state.locked_until.is_some()
            && state
                .error
                .as_ref()
                .map(|e| e.text(kasir_core::Locale::Id))
                .unwrap_or_default()
                .contains("tunggu")
    );
    // Another cashier is not locked.
    log_in(&mut app, "K02", "2222");
    assert!(matches!(app.screen, Screen::Sell(_) | Screen::ShiftDay(_)), "K02 logs in");
}

#[test]
fn the_status_bar_keeps_one_height_on_a_narrow_screen() {
    let (_shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    // 800 pixels do not hold everything the bar says: it is cut, not wrapped on to a second
    // line that pushes the checkout up.
    for width in [800.0, 1280.0] {
        let mut ui = iced_test::Simulator::with_size(Default::default(), (width, 600.0), app.view());
        let clock = ui.find("Ctrl+F12: English").expect("the bar is on screen");
        let bounds = iced_test::selector::Bounded::visible_bounds(&clock).unwrap();
        assert!(bounds.y >= 600.0 - 30.0, "at {width} px the bar starts at {}", bounds.y);
        let scan = ui.find(iced_test::selector::id(sell::SCAN_ID)).unwrap();
        let scan = iced_test::selector::Bounded::visible_bounds(&scan).unwrap();
        assert!(scan.y < 20.0, "the scan field stays at the top");
    }
}
