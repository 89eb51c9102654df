//! Kasir terminal: the ledger, catalogue, users and the sale path shared by the checkout
//! screen and the headless commands. The binary (`src/main.rs`) is a thin CLI over this.

pub mod catalogue;
pub mod checkout;
pub mod config;
pub mod demo;
pub mod exchange;
pub mod gui;
pub mod ledger;
pub mod parked;
pub mod printing;
pub mod receipt;
pub mod report;
pub mod returns;
pub mod scanning;
pub mod service;
pub mod setup;
pub mod shift;
pub mod sync;
pub mod users;
