//! The cashier's screen (iced). One module per screen, each with its own state, messages,
//! `update` and `view`; this module routes between them, owns the status bar, and turns keys
//! into screen messages. Every lookup and commit runs on the back-end thread
//! ([`crate::app::service`]) through tasks; `view` never touches the ledger.

pub mod chart;
pub mod first_start;
pub mod keys;
pub mod login;
pub mod notice;
pub mod payment;
pub mod post_void;
pub mod receipt;
pub mod returns;
pub mod sell;
pub mod shift_day;
mod status_bar;
pub mod style;
mod subscriptions;
mod tasks;
pub mod widgets;

use chrono::{DateTime, FixedOffset};
use iced::keyboard::{Key, key::Named};
use iced::widget::{column, container, operation};
use iced::{Element, Task, Theme};
use kasir_core::Locale;

pub use subscriptions::scanner_stream;
pub use tasks::{call, kick_drawer, off_thread, print};

use crate::app::config::Config;
use crate::app::service::Terminal;
use crate::devices::scanning::ScannerEvent;
use crate::store::users::User;

/// What every screen may read: the back end, the store's settings, the language.
#[derive(Clone, Debug)]
pub struct Context {
    pub terminal: Terminal,
    pub config: Config,
    pub locale: Locale,
}

pub enum Screen {
    /// A terminal with no ledger yet: the demo, its own shop, or head office.
    FirstStart(Box<first_start::State>),
    Login(login::State),
    Sell(Box<sell::State>),
    // Boxed: it holds the cart and its totals, several times the other screens' size.
    Payment(Box<payment::State>),
    // Boxed: the sale's receipt lines and the post-void prompt.
    Receipt(Box<receipt::State>),
    ShiftDay(Box<shift_day::State>),
    Returns(Box<returns::State>),
}

pub struct App {
    pub ctx: Context,
    pub screen: Screen,
    pub cashier: Option<User>,
    pub now: DateTime<FixedOffset>,
    /// The open shift's number, once known (`Some(None)`: none is open).
    pub shift: Option<Option<u64>>,
    /// What is wrong with the serial scanner, if anything.
    pub scanner_trouble: Option<crate::messages::Said>,
    /// Where sync with head office stands, once the sync thread has said.
    pub sync: Option<crate::sync::SyncStatus>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// A message for the first-start screen.
    FirstStart(first_start::Message),
    /// A message for the login screen.
    Login(login::Message),
    /// A message for the checkout screen.
    Sell(sell::Message),
    /// A message for the payment screen.
    Payment(payment::Message),
    /// A message for the receipt screen.
    Receipt(receipt::Message),
    /// A message for the shift and day screen.
    ShiftDay(shift_day::Message),
    /// The open shift, read after logging in.
    ShiftKnown(Result<Option<u64>, crate::messages::Said>),
    /// Go to the shift and day screen (F12, from an empty cart).
    OpenShiftDay,
    /// A message for the returns screen.
    Returns(returns::Message),
    /// Go to the returns screen (F8, from an empty cart).
    OpenReturns,
    /// From the serial barcode scanner.
    Scanner(ScannerEvent),
    /// From the sync thread, after each round with head office.
    Sync(crate::sync::SyncStatus),
    /// Every key press, in the order typed (see [`keys`]).
    Key(keys::Press),
    /// The clock in the status bar.
    Tick,
    /// Switch between Bahasa Indonesia and English.
    ToggleLanguage,
    /// End the cashier's session (back to the PIN pad).
    Logout,
}

impl App {
    pub fn new(terminal: Terminal, config: Config) -> (App, Task<Message>) {
        let locale = config.store.locale;
        let now = config.now();
        let ctx = Context { terminal, config, locale };
        let (login, task) = login::State::new(&ctx);
        (
            App {
                ctx,
                screen: Screen::Login(login),
                cashier: None,
                now,
                shift: None,
                scanner_trouble: None,
                sync: None,
            },
            task.map(Message::Login),
        )
    }

    /// The first start of a terminal with no ledger: nothing is written before the choice.
    pub fn first_start(
        paths: crate::app::setup::Paths,
        config_file: Option<std::path::PathBuf>,
        config: Config,
    ) -> (App, Task<Message>) {
        let locale = config.store.locale;
        let now = config.now();
        let terminal = Terminal::not_started(paths.ledger());
        let ctx = Context { terminal, config, locale };
        let screen = Screen::FirstStart(Box::new(first_start::State::new(paths, config_file)));
        (
            App { ctx, screen, cashier: None, now, shift: None, scanner_trouble: None, sync: None },
            Task::none(),
        )
    }

    pub fn title(&self) -> String {
        let c = &self.ctx.config;
        let demo = if c.demo { " — DEMO" } else { "" };
        format!("Kasir — {} {}-{}{demo}", c.store.name, c.store.code, c.terminal.code)
    }

    pub fn theme(&self) -> Theme {
        style::theme()
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::FirstStart(m) => {
                let Screen::FirstStart(state) = &mut self.screen else { return Task::none() };
                let (task, event) = state.update(m);
                let task = task.map(Message::FirstStart);
                match event {
                    Some(first_start::Event::Ready(ready)) => {
                        self.ctx.locale = ready.config.store.locale;
                        self.ctx.terminal = ready.terminal;
                        self.ctx.config = ready.config;
                        let (login, load) = login::State::new(&self.ctx);
                        self.screen = Screen::Login(login);
                        Task::batch([task, load.map(Message::Login)])
                    }
                    None => task,
                }
            }
            Message::Login(m) => {
                let Screen::Login(state) = &mut self.screen else { return Task::none() };
                let (task, event) = state.update(m, &self.ctx);
                let task = task.map(Message::Login);
                match event {
                    Some(login::Event::LoggedIn(user)) => {
                        self.cashier = Some(user);
                        let (sell, focus) = sell::State::for_store(&self.ctx);
                        self.screen = Screen::Sell(Box::new(sell));
                        let shift = call(&self.ctx, |b| {
                            crate::sale::shift::open_shift(&b.ledger)
                                .map(|s| s.map(|s| s.shift_no))
                                .map_err(crate::messages::Said::from)
                        });
                        Task::batch([task, focus.map(Message::Sell), shift.map(Message::ShiftKnown)])
                    }
                    None => task,
                }
            }
            Message::Sell(m) => {
                let Screen::Sell(state) = &mut self.screen else { return Task::none() };
                let Some(cashier) = self.cashier.as_ref() else { return Task::none() };
                let (task, event) = state.update(m, &self.ctx, cashier);
                let task = task.map(Message::Sell);
                match event {
                    Some(sell::Event::Pay(cart)) => {
                        self.screen = Screen::Payment(Box::new(payment::State::new(cart)));
                        task
                    }
                    Some(sell::Event::Return(receipt)) => Task::batch([
                        task,
                        self.update(Message::OpenReturns),
                        self.update(Message::Returns(returns::Message::Receipt(receipt))),
                        self.update(Message::Returns(returns::Message::Find)),
                    ]),
                    None => task,
                }
            }
            Message::Payment(m) => {
                let Screen::Payment(state) = &mut self.screen else { return Task::none() };
                let Some(cashier) = self.cashier.clone() else { return Task::none() };
                let (task, event) = state.update(m, &self.ctx, &cashier);
                let task = task.map(Message::Payment);
                match event {
                    Some(payment::Event::Back(sale)) => {
                        let (sell, focus) = sell::State::with_cart(sale);
                        self.screen = Screen::Sell(Box::new(sell));
                        Task::batch([task, focus.map(Message::Sell)])
                    }
                    Some(payment::Event::Completed(done)) => {
                        let (state, print) = receipt::State::new(done, &self.ctx);
                        self.screen = Screen::Receipt(Box::new(state));
                        Task::batch([task, print.map(Message::Receipt)])
                    }
                    None => task,
                }
            }
            Message::Receipt(m) => {
                let Screen::Receipt(state) = &mut self.screen else { return Task::none() };
                let (task, event) = state.update(m, &self.ctx);
                match event {
                    Some(receipt::Event::NextCustomer) => {
                        Task::batch([task.map(Message::Receipt), self.next_customer()])
                    }
                    None => task.map(Message::Receipt),
                }
            }
            Message::Sync(status) => {
                self.sync = Some(status);
                Task::none()
            }
            Message::Scanner(ScannerEvent::Trouble(why)) => {
                self.scanner_trouble = Some(why);
                Task::none()
            }
            Message::Scanner(ScannerEvent::Scan(code)) => {
                self.scanner_trouble = None;
                match &self.screen {
                    Screen::Sell(_) => self.update(Message::Sell(sell::Message::DeviceScan(code))),
                    // A receipt's barcode starts a return; goods scanned there are goods coming back.
                    Screen::Returns(state) if state.no_receipt || state.exchange => Task::batch([
                        self.update(Message::Returns(returns::Message::ItemInput(code))),
                        self.update(Message::Returns(returns::Message::AddItem)),
                    ]),
                    Screen::Returns(_) => Task::batch([
                        self.update(Message::Returns(returns::Message::Receipt(code))),
                        self.update(Message::Returns(returns::Message::Find)),
                    ]),
                    _ => Task::none(),
                }
            }
            Message::ShiftKnown(Ok(shift)) => {
                self.shift = Some(shift);
                // No shift open: selling would be refused, so go where one is opened.
                if shift.is_none() { self.update(Message::OpenShiftDay) } else { Task::none() }
            }
            Message::ShiftKnown(Err(e)) => {
                if let Screen::Sell(state) = &mut self.screen {
                    state.notice = Some((sell::NoticeKind::Error, notice::Say::say(e)));
                }
                Task::none()
            }
            Message::OpenShiftDay => {
                if self.sale_in_progress() {
                    return Task::none();
                }
                let (state, task) = shift_day::State::new(&self.ctx);
                self.screen = Screen::ShiftDay(Box::new(state));
                task.map(Message::ShiftDay)
            }
            Message::OpenReturns => {
                if self.sale_in_progress() {
                    return Task::none();
                }
                let (state, task) = returns::State::new();
                self.screen = Screen::Returns(Box::new(state));
                task.map(Message::Returns)
            }
            Message::Returns(m) => {
                let Screen::Returns(state) = &mut self.screen else { return Task::none() };
                let Some(user) = self.cashier.clone() else { return Task::none() };
                let (task, event) = state.update(m, &self.ctx, &user);
                let task = task.map(Message::Returns);
                match event {
                    Some(returns::Event::Back) => Task::batch([task, self.next_customer()]),
                    None => task,
                }
            }
            Message::ShiftDay(m) => {
                let Screen::ShiftDay(state) = &mut self.screen else { return Task::none() };
                let Some(user) = self.cashier.clone() else { return Task::none() };
                let (task, event) = state.update(m, &self.ctx, &user);
                let task = task.map(Message::ShiftDay);
                match event {
                    Some(shift_day::Event::Back) => Task::batch([task, self.next_customer()]),
                    Some(shift_day::Event::Shift(n)) => {
                        self.shift = Some(n);
                        task
                    }
                    None => task,
                }
            }
            Message::Key(press) => self.key(press),
            Message::Tick => {
                self.now = self.ctx.config.now();
                if let Screen::Login(state) = &mut self.screen {
                    state.tick()
                }
                Task::none()
            }
            Message::ToggleLanguage => {
                self.ctx.locale = match self.ctx.locale {
                    Locale::Id => Locale::En,
                    Locale::En => Locale::Id,
                };
                Task::none()
            }
            Message::Logout => {
                // A cart in progress is not thrown away silently: log out only from an empty sale.
                if let Screen::Sell(state) = &mut self.screen
                    && !state.cart.is_empty()
                {
                    state.notice = Some((
                        sell::NoticeKind::Error,
                        notice::Say::say(crate::messages::Text::FinishOrParkBeforeLogout),
                    ));
                    return Task::none();
                }
                self.cashier = None;
                let (login, task) = login::State::new(&self.ctx);
                self.screen = Screen::Login(login);
                task.map(Message::Login)
            }
        }
    }

    /// True (and says so on the checkout screen) when a sale is being rung up: the other
    /// screens open only from an empty cart, so nothing is left half-done behind them.
    fn sale_in_progress(&mut self) -> bool {
        match &mut self.screen {
            Screen::Sell(state) if !state.cart.is_empty() => {
                state.notice = Some((
                    sell::NoticeKind::Error,
                    notice::Say::say(crate::messages::Text::FinishOrParkFirst),
                ));
                true
            }
            _ => false,
        }
    }

    fn next_customer(&mut self) -> Task<Message> {
        let (sell, focus) = sell::State::for_store(&self.ctx);
        self.screen = Screen::Sell(Box::new(sell));
        focus.map(Message::Sell)
    }

    /// Every key press, in order. The checkout, payment, receipt, returns and shift screens
    /// route each key by their state (the scan field, a dialog's current field, the amount);
    /// the login pad and the first-start forms (iced's own text fields) see the keys no
    /// widget took, and the F-keys and Escape.
    fn key(&mut self, press: keys::Press) -> Task<Message> {
        let (key, modifiers) = (press.key.clone(), press.modifiers);
        if key == Key::Named(Named::F12) && modifiers.control() {
            return self.update(Message::ToggleLanguage);
        }
        match &self.screen {
            Screen::Sell(state) => {
                let dialog = state.approver.is_some() || state.editor.is_some() || state.parked.is_some();
                return match key {
                    Key::Named(Named::F10) if !dialog => self.update(Message::Logout),
                    Key::Named(Named::F12) if !dialog => self.update(Message::OpenShiftDay),
                    Key::Named(Named::F8) if !dialog => self.update(Message::OpenReturns),
                    _ => self.update(Message::Sell(sell::Message::Key(press))),
                };
            }
            Screen::Payment(_) => return self.update(Message::Payment(payment::Message::Key(press))),
            Screen::Returns(_) => return self.update(Message::Returns(returns::Message::Key(press))),
            Screen::ShiftDay(_) => return self.update(Message::ShiftDay(shift_day::Message::Key(press))),
            Screen::Receipt(state) if state.void.prompt.is_some() => {
                return self.update(Message::Receipt(receipt::Message::Void(post_void::Message::Key(press))));
            }
            // The next customer's first scan, typed on the receipt screen: their sale starts
            // with it rather than losing its digits.
            Screen::Receipt(_) if press.typed().is_some() => {
                let next = self.next_customer();
                return Task::batch([next, self.update(Message::Key(press))]);
            }
            _ => {}
        }
        let function_key = matches!(&key, Key::Named(named) if subscriptions::is_function_key(*named));
        if press.taken && !function_key {
            return Task::none();
        }
        // Tab moves between iced's own text fields on the screens that still have them.
        if key == Key::Named(Named::Tab) {
            return if modifiers.shift() { operation::focus_previous() } else { operation::focus_next() };
        }
        match &self.screen {
            Screen::FirstStart(state) => match first_start::shortcut(&key, state.way) {
                Some(m) => self.update(Message::FirstStart(m)),
                None => Task::none(),
            },
            Screen::Login(_) => match login::shortcut(&key) {
                Some(m) => self.update(Message::Login(m)),
                None => Task::none(),
            },
            // Routed above.
            Screen::Sell(_) | Screen::Payment(_) | Screen::Returns(_) | Screen::ShiftDay(_) => Task::none(),
            Screen::Receipt(_) => match key {
                Key::Named(Named::Enter | Named::F1) => self.next_customer(),
                Key::Named(Named::F5) => self.update(Message::Receipt(receipt::Message::Print)),
                Key::Named(Named::F6) => {
                    self.update(Message::Receipt(receipt::Message::Void(post_void::Message::Ask)))
                }
                _ => Task::none(),
            },
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let body = match &self.screen {
            Screen::FirstStart(state) => return state.view(self.ctx.locale).map(Message::FirstStart),
            Screen::Login(state) => state.view(&self.ctx).map(Message::Login),
            Screen::Sell(state) => state.view(&self.ctx).map(Message::Sell),
            Screen::Payment(state) => state.view(&self.ctx).map(Message::Payment),
            Screen::Receipt(state) => state.view(&self.ctx).map(Message::Receipt),
            Screen::ShiftDay(state) => state.view(&self.ctx).map(Message::ShiftDay),
            Screen::Returns(state) => state.view(&self.ctx).map(Message::Returns),
        };
        column![container(body).height(iced::Fill).padding(12), self.status_bar()].into()
    }
}

/// The window's size when none is asked for.
pub const WINDOW: (f32, f32) = (1280.0, 800.0);

/// Runs the checkout screen, in a window of `size` (width, height).
/// How the screen starts: on a terminal's ledger, or on a first start with none yet.
pub enum Start {
    Terminal(Terminal, Config),
    FirstStart { paths: crate::app::setup::Paths, config_file: Option<std::path::PathBuf>, config: Config },
}

pub fn run(start: Start, size: (f32, f32)) -> iced::Result {
    let boot = move || match &start {
        Start::Terminal(terminal, config) => App::new(terminal.clone(), config.clone()),
        Start::FirstStart { paths, config_file, config } => {
            App::first_start(paths.clone(), config_file.clone(), config.clone())
        }
    };
    iced::application(boot, App::update, App::view)
        .title(App::title)
        .theme(App::theme)
        .subscription(App::subscription)
        .window_size(size)
        .default_font(iced::Font::with_name("Fira Sans"))
        .run()
}
