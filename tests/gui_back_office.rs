//! The screens beyond the checkout, driven without a display (see `common/gui.rs`): the
//! shift and day screen, returns and exchanges, the printer and the scanner.

mod common;

use common::gui::*;
use iced::keyboard::key::Named;
use kasir::gui::{Message, Screen, sell};
use kasir_core::document::Body;

#[test]
fn the_shift_screen_pays_out_counts_closes_and_takes_the_z() {
    use kasir::gui::shift_day;
    let (shop, mut app) = start();
    log_in(&mut app, "M01", "1234");
    assert_eq!(app.shift, Some(Some(1)), "the shop's shift 1 is open");
    scan(&mut app, "8991002101234");
    send(&mut app, Message::OpenShiftDay);
    assert!(matches!(app.screen, Screen::Sell(_)), "not with a sale in progress");
    send(&mut app, Message::Sell(sell::Message::Park));
    send(&mut app, Message::OpenShiftDay);
    let (s, flows) = shift_day_state(&app).status.clone().unwrap();
    assert_eq!((s.shift_no, flows.expected()), (1, 500_000));

    for m in [
        shift_day::Message::CashAmount("20.000".into()),
        shift_day::Message::CashReason("beli galon".into()),
        shift_day::Message::MoveCash(false),
    ] {
        send(&mut app, Message::ShiftDay(m));
    }
    let state = shift_day_state(&app);
    assert!(
        state.notice.as_ref().is_some_and(|(ok, n)| *ok && id(n).contains("S01-T01-000002")),
        "{:?}",
        state.notice
    );
    assert_eq!(state.status.as_ref().unwrap().1.expected(), 480_000);

    // 4 × 100.000 + 1 × 50.000 + 1 × 20.000 + 1 × 5.000 = 475.000: short 5.000.
    let denominations = kasir_core::shift::IDR_DENOMINATIONS;
    for (value, count) in [(100_000, "4"), (50_000, "1"), (20_000, "1"), (5_000, "1")] {
        let i = denominations.iter().position(|d| *d == value).unwrap();
        send(&mut app, Message::ShiftDay(shift_day::Message::Count(i, count.into())));
    }
    send(&mut app, Message::ShiftDay(shift_day::Message::X));
    assert!(shift_day_state(&app).report.as_ref().unwrap().text.contains("X — "));
    // Charts beside the text, and the report saved as CSV into the data directory.
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Penjualan per jam").is_ok() && ui.find("Per pembayaran").is_ok());
    drop(ui);
    send(&mut app, Message::ShiftDay(shift_day::Message::ExportCsv));
    let saved = id(&shift_day_state(&app).notice.clone().unwrap().1);
    let path = saved.strip_prefix("Disimpan: ").unwrap().to_owned();
    assert!(std::fs::read_to_string(&path).unwrap().contains("totals,net_sales"), "{saved}");
    send(&mut app, Message::ShiftDay(shift_day::Message::ExportPdf));
    let saved = id(&shift_day_state(&app).notice.clone().unwrap().1);
    let path = saved.strip_prefix("Disimpan: ").unwrap().to_owned();
    assert!(path.ends_with(".pdf") && std::fs::read(&path).unwrap().starts_with(b"%PDF-"), "{saved}");
    // Closing asks first; the second press closes.
    send(&mut app, Message::ShiftDay(shift_day::Message::CloseShift));
    assert!(shift_day_state(&app).status.is_some(), "asked, not done");
    send(&mut app, Message::ShiftDay(shift_day::Message::CloseShift));
    let state = shift_day_state(&app);
    assert!(state.status.is_none(), "no shift open now");
    assert_eq!(app.shift, Some(None));
    send(&mut app, Message::ShiftDay(shift_day::Message::Z));
    assert!(id(&shift_day_state(&app).notice.as_ref().unwrap().1).contains("Tekan sekali lagi"));
    send(&mut app, Message::ShiftDay(shift_day::Message::Z));
    let z = shift_day_state(&app).report.clone().unwrap().text;
    assert!(z.contains("Z 1") && z.contains("Rp 475.000"), "{z}");

    let ledger = shop.ledger();
    let Body::ShiftClose(c) = ledger.document(3).unwrap().unwrap().body else { panic!() };
    assert_eq!((c.expected, c.counted, c.over_short), (480_000, 475_000, -5_000));
    assert!(matches!(ledger.document(4).unwrap().unwrap().body, Body::DayClose(_)));
    assert!(ledger.verify().unwrap().is_ok());
}

#[test]
fn logging_in_with_no_shift_open_goes_to_the_shift_screen_and_a_cashier_cannot_take_the_z() {
    use kasir::gui::shift_day;
    let (shop, mut app) = start();
    {
        let mut ledger = shop.ledger();
        let k01 = ledger.user("K01").unwrap();
        let count = vec![kasir_core::shift::DenominationCount { value: 100_000, count: 5 }];
        kasir::sale::shift::close(&mut ledger, &k01, count, common::now()).unwrap();
    }
    log_in(&mut app, "K01", "1111");
    assert!(matches!(app.screen, Screen::ShiftDay(_)), "a shift must be opened first");
    assert!(shift_day_state(&app).status.is_none());
    send(&mut app, Message::ShiftDay(shift_day::Message::Z));
    send(&mut app, Message::ShiftDay(shift_day::Message::Z));
    let notice = shift_day_state(&app).notice.clone().unwrap();
    assert!(!notice.0 && id(&notice.1).contains("bukan manajer"), "{notice:?}");
    send(&mut app, Message::ShiftDay(shift_day::Message::Float("300.000".into())));
    send(&mut app, Message::ShiftDay(shift_day::Message::OpenShift));
    assert_eq!(app.shift, Some(Some(2)));
    assert_eq!(shift_day_state(&app).status.as_ref().unwrap().1.float, 300_000);
    send(&mut app, Message::ShiftDay(shift_day::Message::Back));
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
    let e = id(&returns_state(&app).error.clone().unwrap());
    assert!(e.contains("sisa yang bisa diretur hanya 3"), "{e}");
    send(&mut app, Message::Returns(returns::Message::Quantity(0, "2".into())));
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Dikembalikan: Rp 7.000").is_ok(), "the refund is shown before it is recorded");
    drop(ui);
    // Without a manager the store's rules refuse it.
    send(&mut app, Message::Returns(returns::Message::Submit));
    assert!(id(returns_state(&app).error.as_ref().unwrap()).contains("perlu persetujuan manajer"));
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
    assert!(id(returns_state(&app).error.as_ref().unwrap()).contains("NOPE-1"));
    assert_eq!(returns_state(&app).items.len(), 1, "the milk twice is one line of two");
    let mut ui = iced_test::simulator(app.view());
    assert!(ui.find("Dikembalikan: Rp 40.000").is_ok());
    drop(ui);
    send(&mut app, Message::Returns(returns::Message::Reason("tanpa struk".into())));
    send(&mut app, Message::Returns(returns::Message::Submit));
    assert!(id(returns_state(&app).error.as_ref().unwrap()).contains("perlu persetujuan manajer"));
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
    let (_shop, mut app) = start_with(|c| c.scanner.address = Some(format!("serial:{path}")));
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
    let (_shop, mut app) = start_with(|c| {
        c.printer.address =
            Some(kasir_drivers::printer::PrinterAddress::parse(&format!("file:{}", paper.display())).unwrap())
    });
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    pay_exact_by_card(&mut app);
    let Screen::Receipt(r) = &app.screen else { panic!() };
    assert_eq!(r.print, kasir::gui::receipt::PrintState::Printed { copy: false, paper_low: false });
    send(&mut app, Message::Key(kasir::gui::keys::Press::named(Named::F5)));
    let Screen::Receipt(r) = &app.screen else { panic!() };
    assert_eq!(r.print, kasir::gui::receipt::PrintState::Printed { copy: true, paper_low: false });
    let printed = std::fs::read_to_string(paper.with_extension("txt")).unwrap();
    assert_eq!(printed.matches("S01-T01-000002").count(), 4, "receipt number and barcode, twice");
    assert_eq!(printed.matches("SALINAN / COPY").count(), 1);
}

#[test]
fn a_receipt_that_does_not_print_says_why_and_the_sale_stands() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (shop, mut app) = start_with(|c| {
        c.printer.address =
            Some(kasir_drivers::printer::PrinterAddress::parse(&format!("tcp://127.0.0.1:{port}")).unwrap())
    });
    log_in(&mut app, "K01", "1111");
    scan(&mut app, "8991002101234");
    pay_exact_by_card(&mut app);
    let Screen::Receipt(r) = &app.screen else { panic!() };
    let kasir::gui::receipt::PrintState::Failed(why) = &r.print else { panic!("{:?}", r.print) };
    let why = id(why);
    assert!(why.contains("tidak bisa tersambung") && why.contains("disimpan"), "{why}");
    assert!(shop.ledger().document(2).unwrap().is_some(), "the sale is committed");
}

#[test]
fn the_shift_screen_prints_a_test_page_and_the_x() {
    use kasir::gui::shift_day;
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("printer.bin");
    let (_shop, mut app) = start_with(|c| {
        c.printer.address =
            Some(kasir_drivers::printer::PrinterAddress::parse(&format!("file:{}", paper.display())).unwrap())
    });
    log_in(&mut app, "M01", "1234");
    send(&mut app, Message::OpenShiftDay);
    send(&mut app, Message::ShiftDay(shift_day::Message::TestPrint));
    assert!(id(&shift_day_state(&app).notice.as_ref().unwrap().1).starts_with("Dicetak"));
    send(&mut app, Message::ShiftDay(shift_day::Message::X));
    send(&mut app, Message::ShiftDay(shift_day::Message::PrintReport));
    let printed = std::fs::read_to_string(paper.with_extension("txt")).unwrap();
    assert!(printed.contains("KASIR — TEST PRINT") && printed.contains("X — "), "{printed}");

    // Without a printer, said so.
    let (_shop, mut app) = start();
    log_in(&mut app, "M01", "1234");
    send(&mut app, Message::OpenShiftDay);
    send(&mut app, Message::ShiftDay(shift_day::Message::TestPrint));
    assert!(id(&shift_day_state(&app).notice.as_ref().unwrap().1).contains("Printer belum dikonfigurasi"));
}

#[test]
fn a_receipt_barcode_from_a_keyboard_wedge_scanner_starts_its_return_but_typing_it_does_not() {
    let (shop, mut app) = start();
    shop.sell(r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"cash","amount":"3500"}]}"#);
    log_in(&mut app, "K01", "1111");
    // Typed by hand, a key every 60 ms: it is text, not a scan.
    let start = std::time::Instant::now();
    strokes(&mut app, &typed("S01-T01-000002\n", start, std::time::Duration::from_millis(60)));
    assert!(matches!(app.screen, Screen::Sell(_)), "still at the checkout");
    // The field cleared, the same characters in a scanner's burst: the return of that sale opens.
    strokes(&mut app, &[named(Named::Escape, std::time::Instant::now())]);
    assert_eq!(sell_state(&app).input, "");
    scan(&mut app, "S01-T01-000002");
    let Screen::Returns(r) = &app.screen else { panic!("not on the returns screen") };
    assert_eq!(r.original.as_ref().unwrap().receipt, "S01-T01-000002");
}

/// A printer that takes the connection and never answers holds up nobody: while the receipt
/// job waits on it, the back end answers the next scan's lookup at once.
#[test]
fn a_hung_printer_does_not_hold_up_the_next_scan() {
    use kasir::gui::payment::Done;
    use kasir::gui::receipt;

    let printer = SilentPrinter::start();
    let (shop, app) = printer.terminal();
    let receipt_number = shop
        .sell(r#"{"cashier":"K01","items":[{"sku":"MIE-001"}],"tenders":[{"kind":"card","amount":"3500"}]}"#);
    let done = Done {
        receipt_number,
        change: kasir_core::Money::from_minor(0, shop.config.currency()),
        amount_due: kasir_core::Money::from_minor(3500, shop.config.currency()),
        lines: vec![],
        cashier: shop.ledger().user("K01").unwrap(),
    };
    let (_state, print) = receipt::State::new(done, &app.ctx);
    let printing = std::thread::spawn(move || {
        let stream = iced_runtime::task::into_stream(print).unwrap();
        futures::executor::block_on(futures::StreamExt::collect::<Vec<_>>(stream))
    });
    printer.accepted.recv().unwrap();
    // The printer has the job and is silent. The back end looks up the next item now, and
    // answers while the printer is still being waited on.
    let found =
        app.ctx.terminal.call_blocking(|b| b.catalogue.by_sku("SUS-1L").unwrap().map(|p| p.name)).unwrap();
    assert_eq!(found.as_deref(), Some("Ultra Milk Coklat 1 L"));
    assert!(!printer.has_given_up(), "the lookup was answered while the printer job was still waiting");
    let outcome = printing.join().unwrap();
    assert!(matches!(outcome.last(), Some(iced_runtime::Action::Output(_))));
    let error: Option<String> =
        common::sql(&shop.ledger()).query_row("SELECT error FROM print_jobs", [], |r| r.get(0)).unwrap();
    assert!(error.unwrap().contains("no answer within 3 s"), "the failed job is kept with its reason");
}

/// An X printed from the shift screen waits on a silent printer off the back end: the next
/// scan's lookup is answered at once, and the failed job is said and kept.
#[test]
fn a_hung_printer_does_not_hold_up_a_lookup_while_the_x_prints() {
    use kasir::gui::shift_day;
    let printer = SilentPrinter::start();
    let (_shop, mut app) = printer.terminal();
    log_in(&mut app, "M01", "1234");
    send(&mut app, Message::OpenShiftDay);
    send(&mut app, Message::ShiftDay(shift_day::Message::X));
    let print = app.update(Message::ShiftDay(shift_day::Message::PrintReport));
    // The printer has the X and is silent; the back end answers the next scan's lookup meanwhile.
    for m in printer.while_waiting(&app, print) {
        send(&mut app, m);
    }
    let (ok, notice) = shift_day_state(&app).notice.clone().unwrap();
    let notice = id(&notice);
    assert!(
        !ok && notice.contains("tidak ada jawaban dalam 3 detik") && notice.contains("disimpan"),
        "{notice}"
    );
}

/// The drawer's kick after a no-sale waits on a silent printer port off the back end: the
/// next scan's lookup is answered at once, and the cashier is told the drawer did not open.
#[test]
fn a_hung_drawer_port_does_not_hold_up_a_lookup() {
    let printer = SilentPrinter::start();
    // The drawer hangs on the printer's drawer port (pin 2, the default).
    let (_shop, mut app) = printer.terminal();
    log_in(&mut app, "K01", "1111");
    send(&mut app, Message::Sell(sell::Message::NoSale));
    for m in [
        sell::Message::ApproverManager("M01".into()),
        sell::Message::ApproverPin("1234".into()),
        sell::Message::ApproverReason("tukar uang kecil".into()),
    ] {
        send(&mut app, Message::Sell(m));
    }
    // The PIN is checked, then the no-sale recorded; what is left running is the drawer's
    // kick, on the silent printer's port.
    let mut task = app.update(Message::Sell(sell::Message::ApproverSubmit));
    for _ in 0..2 {
        let mut answers = outputs(task);
        assert_eq!(answers.len(), 1, "{answers:?}");
        task = app.update(answers.remove(0));
    }
    for m in printer.while_waiting(&app, task) {
        send(&mut app, m);
    }
    let notice = sell_state(&app).notice_text(kasir_core::Locale::Id).unwrap().1;
    assert!(notice.contains("S01-T01-000002") && notice.contains("Laci tidak terbuka"), "{notice}");
}

/// A printer that takes the connection and what it is sent, and never answers.
struct SilentPrinter {
    address: std::net::SocketAddr,
    /// Sent when the terminal has connected.
    accepted: std::sync::mpsc::Receiver<()>,
    /// Set when the terminal gives up on the printer and closes the connection.
    given_up: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl SilentPrinter {
    fn start() -> SilentPrinter {
        use std::io::Read;
        let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = silent.local_addr().unwrap();
        let (accepted_tx, accepted) = std::sync::mpsc::channel::<()>();
        let given_up = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let hung_up = given_up.clone();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = silent.accept() {
                accepted_tx.send(()).unwrap();
                let mut buf = [0u8; 256];
                // Takes what it is sent and says nothing, until the terminal hangs up.
                while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
                hung_up.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        });
        SilentPrinter { address, accepted, given_up }
    }

    /// A terminal that prints here.
    fn terminal(&self) -> (common::Shop, kasir::gui::App) {
        let address = format!("tcp://{}", self.address);
        start_with(|c| {
            c.printer.address = Some(kasir_drivers::printer::PrinterAddress::parse(&address).unwrap())
        })
    }

    /// Runs `task`, which waits on this printer, on a thread of its own; while it waits, the
    /// back end answers the next scan's lookup at once. Gives back what the task yields when
    /// the terminal has given up on the printer.
    fn while_waiting(&self, app: &kasir::gui::App, task: iced::Task<Message>) -> Vec<Message> {
        let waiting = std::thread::spawn(move || outputs(task));
        self.accepted.recv().unwrap();
        assert!(next_lookup(app) < std::time::Duration::from_secs(2), "the lookup waited on the printer");
        assert!(!self.has_given_up(), "the lookup was answered while the printer was still waited on");
        waiting.join().unwrap()
    }

    fn has_given_up(&self) -> bool {
        self.given_up.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// Runs a task to its end and gives back the messages it yields (widget operations, such as
/// focus, have no window here).
fn outputs(task: iced::Task<Message>) -> Vec<Message> {
    let Some(stream) = iced_runtime::task::into_stream(task) else { return vec![] };
    let actions: Vec<_> = futures::executor::block_on(futures::StreamExt::collect(stream));
    actions
        .into_iter()
        .filter_map(|a| match a {
            iced_runtime::Action::Output(m) => Some(m),
            _ => None,
        })
        .collect()
}

/// Looks the milk up on the back end, as the next scan would, and says how long that took.
fn next_lookup(app: &kasir::gui::App) -> std::time::Duration {
    let started = std::time::Instant::now();
    let found =
        app.ctx.terminal.call_blocking(|b| b.catalogue.by_sku("SUS-1L").unwrap().map(|p| p.name)).unwrap();
    assert_eq!(found.as_deref(), Some("Ultra Milk Coklat 1 L"));
    started.elapsed()
}

/// A message on screen as the cashier reads it, in Bahasa Indonesia.
fn id(said: &kasir::messages::Said) -> String {
    said.text(kasir_core::Locale::Id)
}
