//! The demo store `kasir init --demo` creates: an Indonesian minimarket catalogue and three
//! users (see [`crate::setup::DEMO_USERS`]).

pub mod catalogue;
