//! The shift and day screen (F12 from an empty checkout): open a shift with its float, pay
//! cash in or out, count the drawer by denomination and close the shift, read the X and take
//! the Z. Every action is the same function the headless `kasir shift` and `kasir report`
//! commands call; the X and Z are a manager's (the core refuses a cashier).

use iced::keyboard::{Key, key::Named};
use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Font, Length, Task};
use kasir_core::document::Body;
use kasir_core::report::Report;
use kasir_core::shift::{self as core_shift, CashFlows, DenominationCount};
use kasir_core::{Currency, Money};

use super::payment::normalize_amount;
use super::{Context, call, chart, style, tr};
use crate::reports::{self, render};
use crate::sale::shift;
use crate::store::Shift;
use crate::store::users::User;

/// A committing action run on the back end: what to tell the user, or why it was refused.
type Action = Box<dyn FnOnce(&mut crate::app::service::Backend) -> Result<String, String> + Send>;

/// The open shift and its drawer figures, as the back end last read them.
pub type Status = Option<(Shift, CashFlows)>;

#[derive(Debug)]
pub struct State {
    pub status: Status,
    pub float: String,
    pub cash_amount: String,
    pub cash_reason: String,
    /// Counts typed per denomination, in the currency's order (largest first).
    pub counts: Vec<String>,
    /// The last X or Z: its heading, figures and text.
    pub report: Option<Shown>,
    pub notice: Option<(bool, String)>,
    pub busy: bool,
    /// Closing the shift and taking the Z cannot be undone: the first press asks, the second does.
    pub confirming: Option<Confirm>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    CloseShift,
    Z,
}

/// A report on screen.
#[derive(Debug, Clone)]
pub struct Shown {
    pub heading: render::Heading,
    pub report: Report,
    pub text: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Status, String>),
    Float(String),
    OpenShift,
    CashAmount(String),
    CashReason(String),
    /// Pay in (true) or out (false).
    MoveCash(bool),
    Count(usize, String),
    CloseShift,
    X,
    Z,
    // Boxed: a report is many times the size of every other message.
    Report(Result<Box<(render::Heading, Report)>, String>),
    /// Write the report on screen as CSV into the data directory.
    ExportCsv,
    /// Write it as PDF there.
    ExportPdf,
    /// Print the report on screen on the receipt printer.
    PrintReport,
    /// Print a test page.
    TestPrint,
    /// Where the CSV went (nothing typed is cleared).
    Saved(Result<String, String>),
    /// A committed action: what to tell the user.
    Done(Result<String, String>),
    Back,
}

pub enum Event {
    Back,
    /// The open shift changed (for the status bar).
    Shift(Option<u64>),
}

fn load(ctx: &Context) -> Task<Message> {
    call(ctx, |b| match shift::reading(&b.ledger) {
        Ok(reading) => Ok(Some(reading)),
        Err(shift::ShiftError::NoneOpen) => Ok(None),
        Err(e) => Err(e.to_string()),
    })
    .map(Message::Loaded)
}

impl State {
    pub fn new(ctx: &Context) -> (State, Task<Message>) {
        let n = core_shift::denominations(ctx.config.currency()).len();
        let state = State {
            status: None,
            float: String::new(),
            cash_amount: String::new(),
            cash_reason: String::new(),
            counts: vec![String::new(); n],
            report: None,
            notice: None,
            busy: true,
            confirming: None,
        };
        (state, load(ctx))
    }

    fn money(&self, typed: &str, ctx: &Context) -> Result<Money, String> {
        Money::parse(&normalize_amount(typed, ctx.locale), ctx.config.currency())
            .map_err(|e| format!("{}: {e}", tr(ctx.locale, "Jumlah", "Amount")))
    }

    fn counted(&self, currency: Currency) -> Result<Vec<DenominationCount>, String> {
        core_shift::denominations(currency)
            .iter()
            .zip(&self.counts)
            .filter(|(_, typed)| !typed.trim().is_empty())
            .map(|(&value, typed)| {
                let count = typed.trim().parse::<u32>().map_err(|_| format!("'{typed}' is not a count"))?;
                Ok(DenominationCount { value, count })
            })
            .collect()
    }

    pub fn update(&mut self, message: Message, ctx: &Context, user: &User) -> (Task<Message>, Option<Event>) {
        let l = ctx.locale;
        let asked = match &message {
            Message::CloseShift => Some(Confirm::CloseShift),
            Message::Z => Some(Confirm::Z),
            _ => None,
        };
        match asked {
            Some(c) if self.confirming != Some(c) => {
                self.confirming = Some(c);
                let what = match c {
                    Confirm::CloseShift => tr(
                        l,
                        "Tekan sekali lagi untuk menutup shift dengan hitungan ini",
                        "Press again to close the shift with this count",
                    ),
                    Confirm::Z => tr(
                        l,
                        "Tekan sekali lagi untuk mengambil Z: hari ini ditutup dan tidak bisa dibuka lagi",
                        "Press again to take the Z: the day is closed for good",
                    ),
                };
                self.notice = Some((false, what.into()));
                return (Task::none(), None);
            }
            Some(_) => self.confirming = None,
            // Anything the user does in between calls the question off.
            None if !matches!(
                message,
                Message::Loaded(_) | Message::Report(_) | Message::Done(_) | Message::Saved(_)
            ) =>
            {
                self.confirming = None
            }
            None => {}
        }
        let commit = |f: Action| call(ctx, f).map(Message::Done);
        match message {
            Message::Loaded(Ok(status)) => {
                self.busy = false;
                let shift_no = status.as_ref().map(|(s, _)| s.shift_no);
                self.status = status;
                return (Task::none(), Some(Event::Shift(shift_no)));
            }
            Message::Loaded(Err(e)) | Message::Report(Err(e)) => {
                self.busy = false;
                self.notice = Some((false, e));
            }
            Message::Float(v) => self.float = v,
            Message::CashAmount(v) => self.cash_amount = v,
            Message::CashReason(v) => self.cash_reason = v,
            Message::Count(i, v) => {
                if let Some(c) = self.counts.get_mut(i) {
                    *c = v.chars().filter(char::is_ascii_digit).collect();
                }
            }
            Message::OpenShift => match self.money(&self.float, ctx) {
                Err(e) => self.notice = Some((false, e)),
                Ok(float) => {
                    self.busy = true;
                    let who = user.clone();
                    let words = tr(l, "Shift dibuka", "Shift opened");
                    return (
                        commit(Box::new(move |b| {
                            let now = b.config.now();
                            shift::open(&mut b.ledger, &who, float, now)
                                .map(|c| format!("{words}: {}", c.receipt_number()))
                                .map_err(|e| e.to_string())
                        })),
                        None,
                    );
                }
            },
            Message::MoveCash(into) => match self.money(&self.cash_amount, ctx) {
                Err(e) => self.notice = Some((false, e)),
                Ok(amount) => {
                    self.busy = true;
                    let (who, reason) = (user.clone(), self.cash_reason.clone());
                    let words =
                        if into { tr(l, "Kas masuk", "Cash in") } else { tr(l, "Kas keluar", "Cash out") };
                    let shown = amount.format(l);
                    return (
                        commit(Box::new(move |b| {
                            let now = b.config.now();
                            shift::move_cash(&mut b.ledger, &who, into, amount, &reason, now)
                                .map(|c| format!("{words} {shown}: {}", c.receipt_number()))
                                .map_err(|e| e.to_string())
                        })),
                        None,
                    );
                }
            },
            Message::CloseShift => match self.counted(ctx.config.currency()) {
                Err(e) => self.notice = Some((false, e)),
                Ok(counts) => {
                    self.busy = true;
                    let who = user.clone();
                    return (
                        commit(Box::new(move |b| {
                            let now = b.config.now();
                            let c =
                                shift::close(&mut b.ledger, &who, counts, now).map_err(|e| e.to_string())?;
                            let Body::ShiftClose(close) = &c.document.body else { unreachable!("a close") };
                            let m = |v: i64| Money::from_minor(v, b.ledger.currency()).format(l);
                            Ok(format!(
                                "{} {} ({}): {} {}, {} {}, {} {}",
                                tr(l, "Shift ditutup", "Shift closed"),
                                close.shift_no,
                                c.receipt_number(),
                                tr(l, "seharusnya", "expected"),
                                m(close.expected),
                                tr(l, "dihitung", "counted"),
                                m(close.counted),
                                tr(l, "selisih", "over/short"),
                                m(close.over_short)
                            ))
                        })),
                        None,
                    );
                }
            },
            Message::X | Message::Z => {
                self.busy = true;
                let (who, take_z) = (user.clone(), matches!(message, Message::Z));
                let task = call(ctx, move |b| {
                    let now = b.config.now();
                    let heading = |title: String, r: &kasir_core::report::Report| render::Heading {
                        title,
                        store: format!("{} ({})", b.config.store.name, b.config.store.code),
                        terminal: format!("Terminal {}", b.config.terminal.code),
                        period: format!("{}–{}", r.first_seq, r.last_seq),
                        printed_at: now.format("%Y-%m-%d %H:%M").to_string(),
                    };
                    if take_z {
                        let c = reports::close_day(&mut b.ledger, &who, now).map_err(|e| e.to_string())?;
                        let Body::DayClose(day) = &c.document.body else { unreachable!("a Z") };
                        let title =
                            format!("Z {} — {} ({})", day.z_number, day.business_date, c.receipt_number());
                        Ok(Box::new((heading(title, &day.report), day.report.clone())))
                    } else {
                        let (period, r) =
                            reports::x_report(&b.ledger, &who, now).map_err(|e| e.to_string())?;
                        Ok(Box::new((heading(format!("X — {}", period.business_date), &r), r)))
                    }
                });
                return (Task::batch([task.map(Message::Report), load(ctx)]), None);
            }
            Message::Report(Ok(shown)) => {
                let (heading, report) = *shown;
                self.busy = false;
                let text = render::text(&heading, &report, l);
                self.report = Some(Shown { heading, report, text });
            }
            Message::PrintReport | Message::TestPrint => {
                let address = match crate::devices::printing::printer_address(&ctx.config, None) {
                    Ok(a) => a,
                    Err(e) => {
                        self.notice = Some((false, e.to_string()));
                        return (Task::none(), None);
                    }
                };
                let config = &ctx.config;
                let columns =
                    config.printer_profile().map(|p| p.columns).unwrap_or(crate::sale::receipt::WIDTH_80MM);
                let (what, body) = match (&message, &self.report) {
                    (Message::PrintReport, Some(shown)) => {
                        ("report", render::text_width(&shown.heading, &shown.report, l, columns))
                    }
                    (Message::PrintReport, None) => return (Task::none(), None),
                    _ => ("test", crate::devices::printing::test_page(config, &address)),
                };
                let words = tr(l, "Dicetak", "Printed");
                return (
                    call(ctx, move |b| {
                        let now = b.config.now();
                        crate::devices::printing::print_text(&b.ledger, &b.config, &address, what, &body, now)
                            .map(|p| format!("{words} (job {})", p.job))
                            .map_err(|e| e.to_string())
                    })
                    .map(Message::Saved),
                    None,
                );
            }
            Message::ExportCsv | Message::ExportPdf => {
                let Some(shown) = &self.report else { return (Task::none(), None) };
                let (bytes, extension) = if matches!(message, Message::ExportPdf) {
                    (reports::pdf::pdf(&shown.text), "pdf")
                } else {
                    (render::csv(&shown.heading, &shown.report).into_bytes(), "csv")
                };
                let name: String = shown
                    .heading
                    .title
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
                    .collect();
                let words = tr(l, "Disimpan", "Saved");
                return (
                    call(ctx, move |b| {
                        let dir = b.ledger.path().parent().map(|p| p.join("reports")).unwrap_or_default();
                        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                        let path = dir.join(format!("{name}.{extension}"));
                        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
                        Ok(format!("{words}: {}", path.display()))
                    })
                    .map(Message::Saved),
                    None,
                );
            }
            Message::Saved(result) => {
                self.notice = Some(match result {
                    Ok(words) => (true, words),
                    Err(e) => (false, e),
                });
            }
            Message::Done(result) => {
                self.notice = Some(match result {
                    Ok(words) => {
                        self.float.clear();
                        self.cash_amount.clear();
                        self.cash_reason.clear();
                        self.counts.iter_mut().for_each(String::clear);
                        (true, words)
                    }
                    Err(e) => (false, e),
                });
                return (load(ctx), None);
            }
            Message::Back => return (Task::none(), Some(Event::Back)),
        }
        (Task::none(), None)
    }

    pub fn view<'a>(&'a self, ctx: &Context) -> Element<'a, Message> {
        let l = ctx.locale;
        let currency = ctx.config.currency();
        let m = |v: i64| Money::from_minor(v, currency).format(l);
        let notice = self.notice.as_ref().map(|(ok, msg)| {
            let t = text(msg.clone()).size(16);
            if *ok { t.style(text::success) } else { t.style(text::danger) }
        });
        let press = |m: Message| (!self.busy).then_some(m);
        let shift_panel: Element<'_, Message> = match &self.status {
            None => column![
                text(tr(l, "Belum ada shift yang buka", "No shift is open")).size(22),
                text(tr(l, "Modal awal (hitung laci)", "Opening float (count the drawer)")).size(14),
                row![
                    text_input("500.000", &self.float)
                        .on_input(Message::Float)
                        .on_submit(Message::OpenShift)
                        .padding(8),
                    button(text(tr(l, "Buka shift", "Open shift"))).on_press_maybe(press(Message::OpenShift)),
                ]
                .spacing(8),
            ]
            .spacing(8)
            .into(),
            Some((s, flows)) => {
                let typed_total: i64 = self
                    .counted(currency)
                    .map(|c| c.iter().map(|d| d.value * i64::from(d.count)).sum())
                    .unwrap_or(0);
                // Two columns of notes and coins, so the whole count fits a 768-pixel screen.
                let cell = |i: usize, value: i64, typed: &'a str| -> Element<'a, Message> {
                    row![
                        text(m(value)).width(110),
                        text_input("0", typed).on_input(move |v| Message::Count(i, v)).width(70).padding(4),
                    ]
                    .spacing(8)
                    .align_y(iced::Alignment::Center)
                    .into()
                };
                let denominations = core_shift::denominations(currency);
                let half = denominations.len().div_ceil(2);
                let cells: Vec<(usize, i64, &str)> = denominations
                    .iter()
                    .zip(&self.counts)
                    .enumerate()
                    .map(|(i, (&value, typed))| (i, value, typed.as_str()))
                    .collect();
                let grid = row![
                    column(cells[..half].iter().map(|&(i, v, t)| cell(i, v, t))).spacing(4),
                    column(cells[half..].iter().map(|&(i, v, t)| cell(i, v, t))).spacing(4),
                ]
                .spacing(24);
                column![
                    text(format!("Shift {} — {}", s.shift_no, tr(l, "buka", "open"))).size(22),
                    text(format!("{}: {}", tr(l, "Modal awal", "Float"), m(flows.float))),
                    text(format!(
                        "{}: {} − {} {}",
                        tr(l, "Penjualan tunai", "Cash sales"),
                        m(flows.cash_sales),
                        m(flows.change),
                        tr(l, "kembalian", "change")
                    )),
                    text(format!(
                        "{}: {} / {}",
                        tr(l, "Kas masuk / keluar", "Cash in / out"),
                        m(flows.cash_in),
                        m(flows.cash_out)
                    )),
                    text(format!("{}: {}", tr(l, "Refund tunai", "Cash refunds"), m(flows.cash_refunds))),
                    text(format!(
                        "{}: {}",
                        tr(l, "Seharusnya di laci", "The drawer should hold"),
                        m(flows.expected())
                    ))
                    .size(20),
                    text(tr(l, "Kas masuk / keluar", "Cash in / out")).size(18),
                    row![
                        text_input(tr(l, "Jumlah", "Amount"), &self.cash_amount)
                            .on_input(Message::CashAmount)
                            .padding(6),
                        text_input(tr(l, "Alasan", "Reason"), &self.cash_reason)
                            .on_input(Message::CashReason)
                            .padding(6),
                    ]
                    .spacing(6),
                    row![
                        button(text(tr(l, "Kas masuk", "Cash in")))
                            .on_press_maybe(press(Message::MoveCash(true))),
                        button(text(tr(l, "Kas keluar", "Cash out")))
                            .style(button::secondary)
                            .on_press_maybe(press(Message::MoveCash(false))),
                    ]
                    .spacing(6),
                    text(tr(l, "Hitung laci dan tutup shift", "Count the drawer and close the shift"))
                        .size(18),
                    grid,
                    text(format!("{}: {}", tr(l, "Dihitung", "Counted"), m(typed_total))).size(18),
                    button(text(if self.confirming == Some(Confirm::CloseShift) {
                        tr(l, "Ya, tutup shift", "Yes, close the shift")
                    } else {
                        tr(l, "Tutup shift", "Close shift")
                    }))
                    .style(button::danger)
                    .on_press_maybe(press(Message::CloseShift)),
                ]
                .spacing(6)
                .into()
            }
        };
        let left = column![shift_panel]
            .push(notice)
            .push(
                row![
                    button(text(tr(l, "Laporan X (baca)", "X report (read)")))
                        .on_press_maybe(press(Message::X)),
                    button(text(if self.confirming == Some(Confirm::Z) {
                        tr(l, "Ya, ambil Z", "Yes, take the Z")
                    } else {
                        tr(l, "Laporan Z (tutup hari)", "Z report (close the day)")
                    }))
                    .style(button::danger)
                    .on_press_maybe(press(Message::Z)),
                    button(text(tr(l, "Tes cetak", "Test print")))
                        .style(button::secondary)
                        .on_press(Message::TestPrint),
                    button(text(tr(l, "Kembali (Esc)", "Back (Esc)")))
                        .style(button::secondary)
                        .on_press(Message::Back),
                ]
                .spacing(8),
            )
            .spacing(12)
            .width(Length::Fill);
        let report: Element<'_, Message> = match &self.report {
            None => text(tr(l, "X atau Z tampil di sini", "The X or Z shows here")).into(),
            Some(shown) => {
                let r = &shown.report;
                let by_hour = r.by_hour.iter().map(|h| (format!("{}:00", h.key), h.amount)).collect();
                let by_category = r.by_category.iter().map(|c| (c.key.clone(), c.amount)).collect();
                let by_tender = r
                    .tenders
                    .iter()
                    .map(|t| (crate::sale::receipt::tender_name(t.kind, l).to_owned(), t.net))
                    .collect();
                column![
                    row![
                        button(text(tr(l, "Simpan CSV", "Save as CSV"))).on_press(Message::ExportCsv),
                        button(text(tr(l, "Simpan PDF", "Save as PDF"))).on_press(Message::ExportPdf),
                        button(text(tr(l, "Cetak", "Print"))).on_press(Message::PrintReport),
                    ]
                    .spacing(8),
                    chart::bars(tr(l, "Penjualan per jam", "Sales by hour"), by_hour, currency, l),
                    chart::bars(tr(l, "Per kategori", "By category"), by_category, currency, l),
                    chart::bars(tr(l, "Per pembayaran", "By tender"), by_tender, currency, l),
                    container(text(shown.text.clone()).font(Font::MONOSPACE).size(13))
                        .padding(12)
                        .style(style::paper),
                ]
                .spacing(14)
                .into()
            }
        };
        row![
            container(scrollable(left))
                .padding(16)
                .height(Length::Fill)
                .width(Length::FillPortion(3))
                .style(style::panel),
            container(scrollable(report)).padding(16).width(480).height(Length::Fill).style(style::panel),
        ]
        .spacing(12)
        .into()
    }
}

/// Keys on the shift screen.
pub fn shortcut(key: &Key) -> Option<Message> {
    match key {
        Key::Named(Named::Escape | Named::F12) => Some(Message::Back),
        _ => None,
    }
}
