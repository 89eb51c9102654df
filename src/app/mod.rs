//! The terminal as a program: its configuration, its files and `kasir init`, the back-end
//! thread the screen talks to, and the demo store.

pub mod config;
pub mod demo;
pub mod enrol;
pub mod service;
pub mod setup;
