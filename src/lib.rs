//! Kasir terminal: the ledger, catalogue, users and the sale path shared by the checkout
//! screen and the headless commands. The binary (`src/main.rs`) only dispatches to [`cli`].
//!
//! Rooms: [`app`] (config, files, the back-end thread, the demo), [`sale`] (checkout,
//! returns, exchange, shift, parked carts, receipt text), [`store`] (every SQL statement),
//! [`devices`] (printer, drawer, scanners), [`sync`] (head office), [`reports`] (X, Z and
//! sales reports as text, CSV and PDF), [`messages`] (every word a user reads, in Bahasa
//! Indonesia and English), [`cli`] and [`gui`].

pub mod app;
pub mod cli;
pub mod devices;
pub mod gui;
pub mod messages;
pub mod reports;
pub mod sale;
pub mod store;
pub mod sync;
