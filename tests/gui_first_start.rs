//! The first start of a terminal with no ledger, driven without a display: nothing is
//! written before the choice; the demo is one key away and marked DEMO; a shop set up on its
//! own gets its identity and its manager, and nothing of the demo.

mod common;

use std::path::Path;

use common::gui::{drive, log_in, send, simulate};
use kasir::app::config::Config;
use kasir::app::setup::Paths;
use kasir::gui::first_start::{self, Field, Way};
use kasir::gui::{App, Message, Screen};

fn first_start(dir: &Path) -> App {
    let paths = Paths { data_dir: dir.to_owned() };
    let (mut app, boot) = App::first_start(paths, None, Config::embedded());
    drive(&mut app, boot);
    app
}

fn files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| d.count())
}

#[test]
fn nothing_is_written_before_the_choice_and_the_demo_is_one_key_away() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = first_start(dir.path());
    assert!(matches!(app.screen, Screen::FirstStart(_)));
    // Looking around the three ways writes nothing.
    send(&mut app, Message::FirstStart(first_start::Message::Go(Way::OwnShop)));
    send(&mut app, Message::FirstStart(first_start::Message::Go(Way::Join)));
    send(&mut app, Message::FirstStart(first_start::Message::Go(Way::Choose)));
    assert_eq!(files(dir.path()), 0, "nothing written before the choice");

    send(&mut app, Message::Key(kasir::gui::keys::Press::char('1')));
    assert!(matches!(app.screen, Screen::Login(_)), "the demo store is set up and its users load");
    assert!(app.ctx.config.demo);
    assert!(app.title().ends_with("DEMO"), "{}", app.title());
    let mut seen = false;
    simulate(&mut app, |ui| seen = ui.find("DEMO · Toko Kasir Demo (S01)").is_ok());
    assert!(seen, "the status bar says DEMO");
    log_in(&mut app, "K01", "1111");
    assert!(matches!(app.screen, Screen::Sell(_)), "the demo's cashier sells at once");
}

#[test]
fn a_shop_set_up_on_its_own_gets_its_identity_and_its_manager() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = first_start(dir.path());
    send(&mut app, Message::FirstStart(first_start::Message::Go(Way::OwnShop)));
    // Half a form is refused in words, and writes nothing.
    send(&mut app, Message::FirstStart(first_start::Message::Input(Field::StoreCode, "W01".into())));
    send(&mut app, Message::FirstStart(first_start::Message::SetUpShop));
    let Screen::FirstStart(state) = &app.screen else { panic!() };
    assert!(said(&state.error).contains("Belum diisi: nama toko"), "{:?}", state.error);
    assert_eq!(files(dir.path()), 0);
    for (field, value) in [
        (Field::StoreName, "Warung Sumber Rejeki"),
        (Field::Address, "Jl. Pasar Legi 3, Surakarta"),
        (Field::Npwp, "02.345.678.9-526.000"),
        (Field::ManagerName, "Sri Wahyuni"),
        (Field::ManagerPin, "12"),
    ] {
        send(&mut app, Message::FirstStart(first_start::Message::Input(field, value.into())));
    }
    // A PIN that is not 4 to 8 digits is refused before anything is written.
    send(&mut app, Message::FirstStart(first_start::Message::SetUpShop));
    let Screen::FirstStart(state) = &app.screen else { panic!() };
    assert!(said(&state.error).contains("PIN harus 4 sampai 8 angka"), "{:?}", state.error);
    assert_eq!(files(dir.path()), 0);

    send(&mut app, Message::FirstStart(first_start::Message::Input(Field::ManagerPin, "4826".into())));
    send(&mut app, Message::FirstStart(first_start::Message::SetUpShop));
    assert!(matches!(app.screen, Screen::Login(_)), "set up, on to the PIN pad");
    let config = &app.ctx.config;
    assert!(!config.demo);
    assert_eq!((config.store.code.as_str(), config.store.name.as_str()), ("W01", "Warung Sumber Rejeki"));
    assert_eq!(config.store.npwp, "02.345.678.9-526.000");
    log_in(&mut app, "M01", "4826");
    assert!(!matches!(app.screen, Screen::Login(_)), "the shop's manager logs in");
}

/// The screen's error as the cashier reads it, in Bahasa Indonesia.
fn said(error: &Option<kasir::messages::Said>) -> String {
    error.as_ref().map(|e| e.text(kasir::messages::Locale::Id)).unwrap_or_default()
}
