//! The first start of a terminal that has no ledger yet: try the demo store, set up this shop
//! on its own, or join head office. Nothing is written before the choice; the demo stays one
//! keypress away (1). The setting up runs on a thread of its own and ends by starting the
//! terminal's back end on the new ledger.

use std::path::PathBuf;

use iced::keyboard::{Key, key::Named};
use iced::widget::{button, column, row, text, text_input};
use iced::{Alignment, Element, Length, Task};
use kasir_core::Locale;
use kasir_core::policy::Role;

use super::off_thread;
use super::widgets::{error_text, panel};
use crate::app::config::Config;
use crate::app::service::Terminal;
use crate::app::setup::{self, Paths, ShopIdentity};
use crate::messages::Said;
use crate::messages::screens::{ScreenSays, StartText};

/// Which way the terminal is being set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    Choose,
    OwnShop,
    Join,
}

/// The form fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    StoreCode,
    StoreName,
    Address,
    Npwp,
    ManagerName,
    ManagerPin,
    Url,
    Code,
}

#[derive(Debug, Default)]
struct Form {
    store_code: String,
    store_name: String,
    address: String,
    npwp: String,
    manager_name: String,
    manager_pin: String,
    url: String,
    code: String,
}

impl Form {
    fn field(&mut self, field: Field) -> &mut String {
        match field {
            Field::StoreCode => &mut self.store_code,
            Field::StoreName => &mut self.store_name,
            Field::Address => &mut self.address,
            Field::Npwp => &mut self.npwp,
            Field::ManagerName => &mut self.manager_name,
            Field::ManagerPin => &mut self.manager_pin,
            Field::Url => &mut self.url,
            Field::Code => &mut self.code,
        }
    }
}

pub struct State {
    paths: Paths,
    /// `--config`, when one was given instead of the data directory's `kasir.toml`.
    config_file: Option<PathBuf>,
    pub way: Way,
    form: Form,
    pub busy: bool,
    pub error: Option<Said>,
}

/// A terminal set up and started.
#[derive(Debug, Clone)]
pub struct Ready {
    pub terminal: Terminal,
    pub config: Config,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Go to one of the three ways (or back to the choice).
    Go(Way),
    /// Set up the demo store.
    Demo,
    /// A form field was typed in.
    Input(Field, String),
    /// Set up this shop on its own with the form's details.
    SetUpShop,
    /// Join head office with the form's address and code.
    Join,
    /// The setting up finished (the back end runs on the new ledger), or failed.
    Done(Result<Box<Ready>, Said>),
}

/// What the first-start screen asks of the app.
pub enum Event {
    Ready(Box<Ready>),
}

impl State {
    pub fn new(paths: Paths, config_file: Option<PathBuf>) -> State {
        State { paths, config_file, way: Way::Choose, form: Form::default(), busy: false, error: None }
    }

    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Go(way) if !self.busy => {
                self.way = way;
                self.error = None;
            }
            Message::Input(field, value) => *self.form.field(field) = value,
            Message::Demo if !self.busy => return (self.set_up(Setup::Demo), None),
            Message::SetUpShop if !self.busy => match self.shop() {
                Ok(setup) => return (self.set_up(setup), None),
                Err(e) => self.error = Some(e),
            },
            Message::Join if !self.busy => {
                let (url, code) = (self.form.url.trim().to_owned(), self.form.code.trim().to_owned());
                if url.is_empty() || code.is_empty() {
                    self.error = Some(Said::new(StartText::GiveAddressAndCode));
                } else {
                    return (self.set_up(Setup::Join { url, code }), None);
                }
            }
            Message::Done(Ok(ready)) => {
                self.busy = false;
                return (Task::none(), Some(Event::Ready(ready)));
            }
            Message::Done(Err(e)) => {
                self.busy = false;
                self.error = Some(e);
            }
            Message::Go(_) | Message::Demo | Message::SetUpShop | Message::Join => {}
        }
        (Task::none(), None)
    }

    /// The own-shop form, checked before anything is written.
    fn shop(&self) -> Result<Setup, Said> {
        let f = &self.form;
        let needed = [
            (&f.store_code, StartText::StoreCodeWord),
            (&f.store_name, StartText::StoreNameWord),
            (&f.address, StartText::AddressWord),
            (&f.npwp, StartText::NpwpWord),
            (&f.manager_name, StartText::ManagerNameWord),
            (&f.manager_pin, StartText::ManagerPinWord),
        ];
        let missing: Vec<StartText> =
            needed.iter().filter(|(v, _)| v.trim().is_empty()).map(|(_, w)| *w).collect();
        if !missing.is_empty() {
            return Err(Said::new(ScreenSays::StillNeeded(missing)));
        }
        Ok(Setup::Shop {
            identity: ShopIdentity {
                store_code: f.store_code.trim().to_owned(),
                store_name: f.store_name.trim().to_owned(),
                address: f.address.trim().to_owned(),
                npwp: f.npwp.trim().to_owned(),
                terminal_code: "T01".into(),
                utc_offset: "+07:00".into(),
            },
            manager_name: f.manager_name.trim().to_owned(),
            manager_pin: f.manager_pin.trim().to_owned(),
        })
    }

    /// Runs the chosen setting up on a thread of its own (files, and the network for a join),
    /// then starts the back end on the new ledger.
    fn set_up(&mut self, setup: Setup) -> Task<Message> {
        self.busy = true;
        self.error = None;
        let (paths, config_file) = (self.paths.clone(), self.config_file.clone());
        let work = off_thread("kasir-setup", move || setup.run(&paths, config_file.as_deref()));
        Task::perform(work, |r| Message::Done(r.and_then(|r| r.map(Box::new).map_err(Said::new))))
    }

    pub fn view(&self, l: Locale) -> Element<'_, Message> {
        let title = text(StartText::Welcome.get(l)).size(30);
        let body: Element<'_, Message> = match self.way {
            Way::Choose => column![
                text(StartText::NotSetUpYet.get(l)),
                big(StartText::TryDemo.get(l), Message::Demo, self.busy),
                big(StartText::SetUpAlone.get(l), Message::Go(Way::OwnShop), self.busy),
                big(StartText::JoinHeadOffice.get(l), Message::Go(Way::Join), self.busy),
            ]
            .spacing(14)
            .into(),
            Way::OwnShop => {
                let f = &self.form;
                column![
                    field(StartText::StoreCode.get(l), &f.store_code, Field::StoreCode),
                    field(StartText::StoreName.get(l), &f.store_name, Field::StoreName),
                    field(StartText::Address.get(l), &f.address, Field::Address),
                    field("NPWP", &f.npwp, Field::Npwp),
                    field(StartText::ManagerName.get(l), &f.manager_name, Field::ManagerName),
                    text_input(StartText::ManagerPin.get(l), &f.manager_pin)
                        .secure(true)
                        .on_input(|v| Message::Input(Field::ManagerPin, v))
                        .on_submit(Message::SetUpShop)
                        .padding(8),
                    buttons(l, StartText::SetUpShop.get(l), Message::SetUpShop, self.busy),
                ]
                .spacing(10)
                .into()
            }
            Way::Join => column![
                field(StartText::HeadOfficeAddress.get(l), &self.form.url, Field::Url),
                field(StartText::EnrolmentCode.get(l), &self.form.code, Field::Code),
                buttons(l, StartText::Join.get(l), Message::Join, self.busy),
            ]
            .spacing(10)
            .into(),
        };
        let status = self.busy.then(|| text(StartText::SettingUp.get(l)));
        let error = self.error.as_ref().map(|e| error_text(&e.text(l)));
        panel(
            column![title, body]
                .push(status)
                .push(error)
                .spacing(20)
                .align_x(Alignment::Start)
                .max_width(640),
        )
        .center(Length::Fill)
        .into()
    }
}

fn big(label: &str, message: Message, busy: bool) -> Element<'_, Message> {
    button(text(label.to_owned()).size(22))
        .padding([14, 24])
        .width(Length::Fill)
        .on_press_maybe((!busy).then_some(message))
        .into()
}

fn field<'a>(placeholder: &'a str, value: &'a str, which: Field) -> Element<'a, Message> {
    text_input(placeholder, value).on_input(move |v| Message::Input(which, v)).padding(8).into()
}

fn buttons<'a>(l: Locale, label: &'a str, go: Message, busy: bool) -> Element<'a, Message> {
    row![
        button(text(StartText::Back.get(l))).on_press_maybe((!busy).then_some(Message::Go(Way::Choose))),
        button(text(label)).style(button::success).on_press_maybe((!busy).then_some(go)),
    ]
    .spacing(12)
    .into()
}

/// Keys on the first-start screen: 1, 2, 3 choose; Escape goes back to the choice.
pub fn shortcut(key: &Key, way: Way) -> Option<Message> {
    match (key.as_ref(), way) {
        (Key::Character("1"), Way::Choose) => Some(Message::Demo),
        (Key::Character("2"), Way::Choose) => Some(Message::Go(Way::OwnShop)),
        (Key::Character("3"), Way::Choose) => Some(Message::Go(Way::Join)),
        (Key::Named(Named::Escape), Way::OwnShop | Way::Join) => Some(Message::Go(Way::Choose)),
        _ => None,
    }
}

/// The way chosen, with what it needs.
enum Setup {
    Demo,
    Shop { identity: ShopIdentity, manager_name: String, manager_pin: String },
    Join { url: String, code: String },
}

impl Setup {
    fn run(self, paths: &Paths, config_file: Option<&std::path::Path>) -> anyhow::Result<Ready> {
        match self {
            Setup::Demo => {
                setup::init(paths, &paths.load_config(config_file)?, true)?;
            }
            Setup::Shop { identity, manager_name, manager_pin } => {
                // The PIN is checked before the shop is written: a bad one leaves nothing behind.
                crate::store::users::hash_pin(&manager_pin)?;
                let file = config_file.map(std::path::Path::to_owned).unwrap_or_else(|| paths.config());
                let (config, _) = setup::init_shop(paths, &file, &identity)?;
                setup::open(paths, &config)?.add_user("M01", &manager_name, Role::Manager, &manager_pin)?;
            }
            Setup::Join { url, code } => {
                crate::app::enrol::join(paths, &url, &code, None)?;
            }
        }
        let config = setup::terminal_config(paths, config_file)?;
        let terminal = Terminal::start(paths.clone(), config.clone())?;
        Ok(Ready { terminal, config })
    }
}
