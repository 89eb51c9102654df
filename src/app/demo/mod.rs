//! The demo store `kasir init --demo` creates: an Indonesian minimarket catalogue and three
//! users (see [`crate::app::setup::DEMO_USERS`]).

pub mod catalogue;
