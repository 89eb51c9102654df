//! `kasir`: the point-of-sale terminal and its headless commands (see [`kasir::cli`]).
//!
//! Output into a closed pipe (`kasir catalog search mie | head -1`) ends the program quietly
//! with success, as `head` asked for no more. Rust ignores SIGPIPE, so a write to the closed
//! pipe fails with `BrokenPipe`: `print!` and `println!` then panic, and a `write_all(…)?`
//! returns the error. Restoring SIGPIPE needs `unsafe`, which this crate forbids, so both
//! ways are caught here, for every command at once: the panic hook keeps quiet about that one
//! panic, `catch_unwind` turns it into a quiet exit, and `cli::main` treats a returned
//! `BrokenPipe` the same way.

use std::any::Any;
use std::process::ExitCode;

fn main() -> ExitCode {
    let report_panic = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !closed_pipe(info.payload()) {
            report_panic(info);
        }
    }));
    match std::panic::catch_unwind(kasir::cli::main) {
        Ok(code) => code,
        Err(payload) if closed_pipe(payload.as_ref()) => ExitCode::SUCCESS,
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

/// Whether a panic is std's "failed printing to stdout: Broken pipe (os error 32)" (or to
/// stderr), the only panic the standard printing macros raise.
fn closed_pipe(payload: &(dyn Any + Send)) -> bool {
    let text = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or_default();
    // The OS's words for EPIPE: "Broken pipe" on Linux and macOS, "The pipe is being closed"
    // on Windows.
    let lower = text.to_lowercase();
    text.starts_with("failed printing to std")
        && (lower.contains("broken pipe") || lower.contains("pipe is being closed"))
}
