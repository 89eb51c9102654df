//! The screens beyond the checkout, driven without a display (see `common/gui.rs`): the
//! shift and day screen, returns and exchanges, the printer and the scanner.

mod common;

use common::gui::*;
use iced::keyboard::key::Named;
use kasir::gui::{Message, Screen, sell};
use kasir_core::document::Body;

#[test]
fn the_shift_screen_pays_out_counts_closes_and_takes_the_z() {
    use kasir::gui::manager;
    let (shop, mut app) = start();
    log_in(&mut app, "M01", "1234");
    assert_eq!(app.shift, Some(Some(1)), "the shop's shift 1 is open");
    scan(&mut app, "8991002101234");
    send(&mut app, Message::OpenManager);
    assert!(matches!(app.screen, Screen::Sell(_)), "not with a sale in progress");
    send(&mut app, Message::Sell(sell::Message::Park));
    send(&mut app, Message::OpenManager);
    let (s, flows) = manager_state(&app).status.clone().unwrap();
    assert_eq!((s.shift_no, flows.expected()), (1, 500_000));

    for m in [
        manager::Message::CashAmount("20.000".into()),
        manager::Message::CashReason("beli galon".into()),
        manager::Message::MoveCash(false),
    ] {
        send(&mut app, Message::Manager(m));
    }
    let state = manager_state(&app);
    assert!(
        state.notice.as_ref().is_some_and(|(ok, n)| *ok && n.contains("S01-T01-000002")),
        "{:?}",
        state.notice
    );
    assert_eq!(state.status.as_ref().unwrap().1.expected(), 480_000);

    // 4 × 100.000 + 1 × 50.000 + 1 × 20.000 + 1 × 5.000 = 475.000: short 5.000.
    let denominations = kasir_core::shift::IDR_DENOMINATIONS;
    for (value, count) in [(100_000, "4"), (50_000, "1"), (20_000, "1"), (5_000, "1")] {
        let i = denominations.iter().position(|d| *d == value).unwrap();
        send(&mut app, Message::Manager(manager::Message::Count(i, count.into())));
    }
    send(&mut app, Message::Manager(manager::Message::X));
    assert!(manager_state(&app).report.as_ref().unwrap().text.contains("X — "));
    // Charts beside the text, and the report saved as CSV into the data directory.
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Penjualan per jam").is_ok() && ui.find("Per pembayaran").is_ok());
    drop(ui);
    send(&mut app, Message::Manager(manager::Message::ExportCsv));
    let saved = manager_state(&app).notice.clone().unwrap().1;
    let path = saved.split_once(": ").unwrap().1.to_owned();
    assert!(std::fs::read_to_string(&path).unwrap().contains("totals,net_sales"), "{saved}");
    send(&mut app, Message::Manager(manager::Message::ExportPdf));
    let saved = manager_state(&app).notice.clone().unwrap().1;
    let path = saved.split_once(": ").unwrap().1.to_owned();
    assert!(path.ends_with(".pdf") && std::fs::read(&path).unwrap().starts_with(b"%PDF-"), "{saved}");
    // Closing asks first; the second press closes.
    send(&mut app, Message::Manager(manager::Message::CloseShift));
    assert!(manager_state(&app).status.is_some(), "asked, not done");
    send(&mut app, Message::Manager(manager::Message::CloseShift));
    let state = manager_state(&app);
    assert!(state.status.is_none(), "no shift open now");
    assert_eq!(app.shift, Some(None));
    send(&mut app, Message::Manager(manager::Message::Z));
    assert!(manager_state(&app).notice.as_ref().unwrap().1.contains("Tekan sekali lagi"));
    send(&mut app, Message::Manager(manager::Message::Z));
    let z = manager_state(&app).report.clone().unwrap().text;
    assert!(z.contains("Z 1") && z.contains("Rp 475.000"), "{z}");

    let ledger = shop.ledger();
    let Body::ShiftClose(c) = ledger.document(3).unwrap().unwrap().body else { panic!() };
    assert_eq!((c.expected, c.counted, c.over_short), (480_000, 475_000, -5_000));
    assert!(matches!(ledger.document(4).unwrap().unwrap().body, Body::DayClose(_)));
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn logging_in_with_no_shift_open_goes_to_the_shift_screen_and_a_cashier_cannot_take_the_z() {
    use kasir::gui::manager;
    let (shop, mut app) = start();
    {
        let mut ledger = shop.ledger();
        let k01 = ledger.user("K01").unwrap();
        let count = vec![kasir_core::shift::DenominationCount { value: 100_000, count: 5 }];
        kasir::sale::shift::close(&mut ledger, &k01, count, common::now()).unwrap();
    }
    log_in(&mut app, "K01", "1111");
    assert!(matches!(app.screen, Screen::Manager(_)), "a shift must be opened first");
    assert!(manager_state(&app).status.is_none());
    send(&mut app, Message::Manager(manager::Message::Z));
    send(&mut app, Message::Manager(manager::Message::Z));
    let notice = manager_state(&app).notice.clone().unwrap();
    assert!(!notice.0 && notice.1.contains("is not a manager"), "{notice:?}");
    send(&mut app, Message::Manager(manager::Message::Float("300.000".into())));
    send(&mut app, Message::Manager(manager::Message::OpenShift));
    assert_eq!(app.shift, Some(Some(2)));
    assert_eq!(manager_state(&app).status.as_ref().unwrap().1.float, 300_000);
    send(&mut app, Message::Manager(manager::Message::Back));
    assert!(matches!(app.screen, Screen::Sell(_)));
}

#[test]
fn a_return_is_found_by_receipt_shows_its_refund_and_needs_a_manager() {
    use kasir::gui::returns;
    let (shop, mut app) = start();
    shop.sell(
        r#"{"cashier":"K02","items":[{"sku":"MIE-001","quantity":3},{"sku":"SUS-1L"}],
                "tenders":[{"kind":"cash","amount":"50000"}]}"#,
    );
    log_in(&mut app, "K01", "1111");
    send(&mut app, Message::OpenReturns);
    for m in [returns::Message::Receipt("S01-T01-000002".into()), returns::Message::Find] {
        send(&mut app, Message::Returns(m));
    }
    assert_eq!(returns_state(&app).original.as_ref().unwrap().sale.lines.len(), 2);
    // More than was sold is refused with the line named, and nothing is written.
    for m in [
        returns::Message::Quantity(0, "4".into()),
        returns::Message::Reason("rusak".into()),
        returns::Message::Submit,
    ] {
        send(&mut app, Message::Returns(m));
    }
    let e = returns_state(&app).error.clone().unwrap();
    assert!(e.contains("only 3 of it is left"), "{e}");
    send(&mut app, Message::Returns(returns::Message::Quantity(0, "2".into())));
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Dikembalikan: Rp 7.000").is_ok(), "the refund is shown before it is recorded");
    drop(ui);
    // Without a manager the store's rules refuse it.
    send(&mut app, Message::Returns(returns::Message::Submit));
    assert!(returns_state(&app).error.as_deref().unwrap().contains("needs a manager's approval"));
    for m in [
        returns::Message::Manager("M01".into()),
        returns::Message::Pin("1234".into()),
        returns::Message::Submit,
    ] {
        send(&mut app, Message::Returns(m));
    }
    let done = returns_state(&app).done.clone().unwrap();
    assert_eq!((done.receipt_number.as_str(), done.refunded.to_string()), ("S01-T01-000003", "7000".into()));
    let ledger = shop.ledger();
    let Body::Return(r) = ledger.document(3).unwrap().unwrap().body else { panic!() };
    assert_eq!(
        (r.total, r.approver.as_deref(), r.lines[0].quantity),
        (7_000, Some("M01"), kasir_core::Quantity::units(2))
    );
    send(&mut app, Message::Returns(returns::Message::Back));
    assert!(matches!(app.screen, Screen::Sell(_)));
}

#[test]
fn a_return_without_a_receipt_scans_the_goods_and_needs_a_manager() {
    use kasir::gui::returns;
    let (shop, mut app) = start();
    log_in(&mut app, "K01", "1111");
    send(&mut app, Message::OpenReturns);
    send(&mut app, Message::Returns(returns::Message::NoReceipt(true)));
    for _ in 0..2 {
        send(&mut app, Message::Returns(returns::Message::ItemInput("8993007000017".into())));
        send(&mut app, Message::Returns(returns::Message::AddItem));
    }
    send(&mut app, Message::Returns(returns::Message::ItemInput("NOPE-1".into())));
    send(&mut app, Message::Returns(returns::Message::AddItem));
    assert!(returns_state(&app).error.as_deref().unwrap().contains("NOPE-1"));
    assert_eq!(returns_state(&app).items.len(), 1, "the milk twice is one line of two");
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Dikembalikan: Rp 40.000").is_ok());
    drop(ui);
    send(&mut app, Message::Returns(returns::Message::Reason("tanpa struk".into())));
    send(&mut app, Message::Returns(returns::Message::Submit));
    assert!(returns_state(&app).error.as_deref().unwrap().contains("needs a manager's approval"));
    for m in [
        returns::Message::Manager("M01".into()),
        returns::Message::Pin("1234".into()),
        returns::Message::Submit,
    ] {
        send(&mut app, Message::Returns(m));
    }
    let done = returns_state(&app).done.clone().unwrap();
    assert_eq!((done.refund, done.refunded.to_string()), (kasir_core::TenderKind::Cash, "40000".into()));
    let Body::Return(r) = shop.ledger().document(2).unwrap().unwrap().body else { panic!() };
    assert!(r.original.is_none() && r.approver.as_deref() == Some("M01"));
}

#[test]
fn an_exchange_on_screen_takes_only_the_difference() {
    use kasir::gui::returns;
    let (shop, mut app) = start();
    shop.sell(r#"{"cashier":"K01","items":[{"sku":"SUS-1L","quantity":2}],"tenders":[{"kind":"card","amount":"40000"}]}"#);
    log_in(&mut app, "K01", "1111");
    send(&mut app, Message::OpenReturns);
    for m in [
        returns::Message::Receipt("S01-T01-000002".into()),
        returns::Message::Find,
        returns::Message::Quantity(0, "1".into()),
        returns::Message::Exchange(true),
        returns::Message::ItemInput("8991002199996".into()), // the box of 40, 111.000
        returns::Message::AddItem,
    ] {
        send(&mut app, Message::Returns(m));
    }
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Pelanggan bayar: Rp 91.000").is_ok(), "20.000 back, 111.000 out");
    drop(ui);
    for m in [
        returns::Message::PayKind(kasir_core::TenderKind::Cash),
        returns::Message::PayAmount("100.000".into()),
        returns::Message::Reason("ganti barang".into()),
        returns::Message::Manager("M01".into()),
        returns::Message::Pin("1234".into()),
        returns::Message::Submit,
    ] {
        send(&mut app, Message::Returns(m));
    }
    let state = returns_state(&app);
    let x = state.exchanged.clone().unwrap_or_else(|| panic!("{:?}", state.error));
    assert_eq!((x.paid.to_string(), x.change.to_string()), ("91000".into(), "9000".into()));
    let ledger = shop.ledger();
    assert!(matches!(ledger.document(3).unwrap().unwrap().body, Body::Return(_)));
    assert!(matches!(ledger.document(4).unwrap().unwrap().body, Body::Sale(_)));
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn scans_from_a_serial_scanner_arrive_in_the_cart() {
    use futures::StreamExt;
    use kasir::devices::scanning::ScannerEvent;
    // The scanner is played on a real pseudo-terminal: the terminal reads its other end.
    let (mut scanner, slave) = serialport::TTYPort::pair().unwrap();
    let path = serialport::SerialPort::name(&slave).unwrap();
    drop(slave);
    let (_shop, mut app) = start_with(|c| c.scanner.address = format!("serial:{path}"));
    log_in(&mut app, "K01", "1111");
    let mut scans = Box::pin(kasir::gui::scanner_stream(
        format!("serial:{path}"),
        kasir_drivers::scanner::Suffix::Cr,
        false,
    ));
    std::thread::sleep(std::time::Duration::from_millis(300)); // the reader opens its end
    std::io::Write::write_all(&mut scanner, b"8991002101234\r8993007000017\r").unwrap();
    for _ in 0..2 {
        let event = futures::executor::block_on(scans.next()).unwrap();
        assert!(matches!(event, ScannerEvent::Scan(_)), "{event:?}");
        send(&mut app, Message::Scanner(event));
    }
    let skus: Vec<String> = sell_state(&app).cart.lines().iter().map(|l| l.product.sku.clone()).collect();
    assert_eq!(skus, ["MIE-001", "SUS-1L"]);
    // The scan field's own typing was left alone.
    assert!(sell_state(&app).input.is_empty());
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find(format!("Pemindai: serial:{path}")).is_ok(), "the status bar names the scanner");
}

#[test]
fn the_receipt_prints_after_payment_and_f5_prints_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("receipts.bin");
    let (_shop, mut app) = start_with(|c| c.printer.address = format!("file:{}", paper.display()));
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    pay_exact_by_card(&mut app);
    let Screen::Receipt(r) = &app.screen else { panic!() };
    assert_eq!(
        r.print,
        kasir::gui::receipt::PrintState::Printed { copy: false, paper_low: false, drawer: None }
    );
    send(&mut app, Message::Key(iced::keyboard::Key::Named(Named::F5), Default::default()));
    let Screen::Receipt(r) = &app.screen else { panic!() };
    assert_eq!(
        r.print,
        kasir::gui::receipt::PrintState::Printed { copy: true, paper_low: false, drawer: None }
    );
    let printed = std::fs::read_to_string(paper.with_extension("txt")).unwrap();
    assert_eq!(printed.matches("S01-T01-000002").count(), 4, "receipt number and barcode, twice");
    assert_eq!(printed.matches("SALINAN / COPY").count(), 1);
}

#[test]
fn a_receipt_that_does_not_print_says_why_and_the_sale_stands() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (shop, mut app) = start_with(|c| c.printer.address = format!("tcp://127.0.0.1:{port}"));
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    pay_exact_by_card(&mut app);
    let Screen::Receipt(r) = &app.screen else { panic!() };
    let kasir::gui::receipt::PrintState::Failed(why) = &r.print else { panic!("{:?}", r.print) };
    assert!(why.contains("cannot connect") && why.contains("kept"), "{why}");
    assert!(shop.ledger().document(2).unwrap().is_some(), "the sale is committed");
}

#[test]
fn the_shift_screen_prints_a_test_page_and_the_x() {
    use kasir::gui::manager;
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("printer.bin");
    let (_shop, mut app) = start_with(|c| c.printer.address = format!("file:{}", paper.display()));
    log_in(&mut app, "M01", "1234");
    send(&mut app, Message::OpenManager);
    send(&mut app, Message::Manager(manager::Message::TestPrint));
    assert!(manager_state(&app).notice.as_ref().unwrap().1.starts_with("Dicetak"));
    send(&mut app, Message::Manager(manager::Message::X));
    send(&mut app, Message::Manager(manager::Message::PrintReport));
    let printed = std::fs::read_to_string(paper.with_extension("txt")).unwrap();
    assert!(printed.contains("KASIR — TEST PRINT") && printed.contains("X — "), "{printed}");

    // Without a printer, said so.
    let (_shop, mut app) = start();
    log_in(&mut app, "M01", "1234");
    send(&mut app, Message::OpenManager);
    send(&mut app, Message::Manager(manager::Message::TestPrint));
    assert!(manager_state(&app).notice.as_ref().unwrap().1.contains("no printer is configured"));
}

#[test]
fn a_receipt_barcode_from_a_keyboard_wedge_scanner_starts_its_return_but_typing_it_does_not() {
    let (shop, mut app) = start();
    shop.sell(r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"cash","amount":"3500"}]}"#);
    log_in(&mut app, "K01", "1111");
    // Typed by hand, a key every 60 ms: it is text, not a scan.
    let mut typed = String::new();
    for c in "S01-T01-000002".chars() {
        typed.push(c);
        send(&mut app, Message::Sell(sell::Message::Input(typed.clone())));
        std::thread::sleep(std::time::Duration::from_millis(60));
    }
    send(&mut app, Message::Sell(sell::Message::Submit));
    assert!(matches!(app.screen, Screen::Sell(_)), "still at the checkout");
    // The field cleared, the same characters in a scanner's burst: the return of that sale opens.
    send(&mut app, Message::Sell(sell::Message::Input(String::new())));
    scan(&mut app, "S01-T01-000002");
    let Screen::Returns(r) = &app.screen else { panic!("not on the returns screen") };
    assert_eq!(r.original.as_ref().unwrap().receipt, "S01-T01-000002");
}

/// A printer that takes the connection and never answers holds up nobody: while the receipt
/// job waits on it, the back end answers the next scan's lookup at once.
#[test]
fn a_hung_printer_does_not_hold_up_the_next_scan() {
    use std::io::Read;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, mpsc};

    use kasir::gui::payment::Done;
    use kasir::gui::receipt;

    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = silent.local_addr().unwrap();
    let (accepted_tx, accepted) = mpsc::channel::<()>();
    // Set when the terminal gives up on the printer and closes the connection.
    let given_up = Arc::new(AtomicBool::new(false));
    {
        let given_up = given_up.clone();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = silent.accept() {
                accepted_tx.send(()).unwrap();
                let mut buf = [0u8; 256];
                // Takes what it is sent and says nothing, until the terminal hangs up.
                while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
                given_up.store(true, Ordering::SeqCst);
            }
        });
    }
    let (shop, app) = start_with(|c| c.printer.address = format!("tcp://{address}"));
    let receipt_number = shop
        .sell(r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"card","amount":"3500"}]}"#);
    let done = Done {
        receipt_number,
        change: kasir_core::Money::from_minor(0, shop.config.currency()),
        amount_due: kasir_core::Money::from_minor(3500, shop.config.currency()),
        lines: vec![],
    };
    let (_state, print) = receipt::State::new(done, &app.ctx);
    let printing = std::thread::spawn(move || {
        let stream = iced_runtime::task::into_stream(print).unwrap();
        futures::executor::block_on(futures::StreamExt::collect::<Vec<_>>(stream))
    });
    accepted.recv().unwrap();
    // The printer has the job and is silent. The back end looks up the next item now, and
    // answers while the printer is still being waited on.
    let found =
        app.ctx.terminal.call_blocking(|b| b.catalogue.by_sku("SUS-1L").unwrap().map(|p| p.name)).unwrap();
    assert_eq!(found.as_deref(), Some("Ultra Milk Coklat 1 L"));
    assert!(
        !given_up.load(Ordering::SeqCst),
        "the lookup was answered while the printer job was still waiting"
    );
    let outcome = printing.join().unwrap();
    assert!(matches!(outcome.last(), Some(iced_runtime::Action::Output(_))));
    let error: Option<String> =
        common::sql(&shop.ledger()).query_row("SELECT error FROM print_jobs", [], |r| r.get(0)).unwrap();
    assert!(error.unwrap().contains("no status answer"), "the failed job is kept with its reason");
}
