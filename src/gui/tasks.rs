//! How screens get work done without waiting for it: jobs on the back-end thread (the
//! ledger's), and device I/O on threads of their own, so that a hung printer or drawer port
//! never holds up the next scan's lookup or the screen.

use iced::Task;
use kasir_drivers::printer::PrinterAddress;

use super::Context;
use crate::app::config::Config;
use crate::app::service::{Backend, Stopped, Terminal};
use crate::devices::printing::{self, PrintError, PrintJob, Printed};

/// Runs `f` on the back-end thread; a stopped back end becomes an error like any other.
pub fn call<R: Send + 'static>(
    ctx: &Context,
    f: impl FnOnce(&mut Backend) -> Result<R, String> + Send + 'static,
) -> Task<Result<R, String>> {
    let terminal = ctx.terminal.clone();
    Task::perform(async move { terminal.call(f).await.map_err(|e| e.to_string()).and_then(|r| r) }, |r| r)
}

/// Runs blocking device or network I/O on a thread of its own and waits for it without
/// holding the back-end thread (where the next scan's lookup runs) or the screen.
pub async fn off_thread<R: Send + 'static>(
    name: &str,
    f: impl FnOnce() -> R + Send + 'static,
) -> Result<R, String> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .map_err(|e| e.to_string())?;
    rx.await.map_err(|_| format!("the {name} thread stopped"))
}

/// Prints a job in three steps: `prepare` queues it and builds its bytes on the ledger's
/// thread, the bytes go to the printer on a thread of its own, and the outcome is recorded
/// on the ledger's thread again (printed, or kept with its reason for the next attempt).
pub async fn print(
    terminal: Terminal,
    prepare: impl FnOnce(&mut Backend) -> Result<PrintJob, PrintError> + Send + 'static,
) -> Result<Printed, String> {
    let stopped = |e: Stopped| e.to_string();
    let prepared = terminal.call(prepare).await.map_err(stopped)?.map_err(|e| e.to_string())?;
    let job = prepared.clone();
    let delivery = off_thread("kasir-printer", move || printing::deliver(&job)).await?;
    terminal
        .call(move |b| {
            let now = b.config.now();
            printing::record(&b.ledger, &prepared, delivery, now)
        })
        .await
        .map_err(stopped)?
        .map_err(|e| e.to_string())
}

/// Kicks the cash drawer open on a thread of its own (the kick needs no ledger: the no-sale
/// or the refund it belongs to is recorded first).
pub async fn kick_drawer(config: Config, address: PrinterAddress) -> Result<(), String> {
    off_thread("kasir-drawer", move || printing::open_drawer(&config, &address).map_err(|e| e.to_string()))
        .await
        .and_then(|r| r)
}
