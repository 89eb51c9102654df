//! `kasir`: the point-of-sale terminal and its headless commands (see [`kasir::cli`]).

fn main() -> std::process::ExitCode {
    kasir::cli::main()
}
