//! Kasir terminal.
