//! How screens get work done without waiting for it: jobs on the back-end thread (the
//! ledger's), and device I/O on threads of their own, so that a hung printer or drawer port
//! never holds up the next scan's lookup or the screen. The cash drawer's kick is a job of
//! its own (never inside a receipt): a no-sale kicks first and records what the drawer did.

use iced::Task;
use kasir_drivers::printer::PrinterAddress;

use super::Context;
use crate::app::config::Config;
use crate::app::service::{Backend, Stopped, Terminal};
use crate::devices::drawer::{self, DrawerError};
use crate::devices::printing::{self, PrintError, PrintJob, Printed};
use crate::messages::devices::DrawerSays;
use crate::messages::{Said, Text};
use crate::sale::checkout;
use crate::store::users::User;

/// Runs `f` on the back-end thread; a stopped back end becomes an error like any other. The
/// error is kept as a [`Said`], drawn in the screen's language of the moment.
pub fn call<R: Send + 'static>(
    ctx: &Context,
    f: impl FnOnce(&mut Backend) -> Result<R, Said> + Send + 'static,
) -> Task<Result<R, Said>> {
    let terminal = ctx.terminal.clone();
    Task::perform(async move { terminal.call(f).await.map_err(stopped).and_then(|r| r) }, |r| r)
}

/// The back end's thread is gone: the cashier is told to restart the program.
fn stopped(_: Stopped) -> Said {
    Said::new(Text::BackEndStopped)
}

/// Runs blocking device or network I/O on a thread of its own and waits for it without
/// holding the back-end thread (where the next scan's lookup runs) or the screen.
pub async fn off_thread<R: Send + 'static>(
    name: &str,
    f: impl FnOnce() -> R + Send + 'static,
) -> Result<R, Said> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .map_err(Said::from)?;
    // The job panicked: its thread is named in the log, the cashier reads the catalogue's words.
    rx.await.map_err(|_| {
        tracing::error!("the {name} thread stopped");
        Said::new(Text::JobStopped)
    })
}

/// Prints a job in three steps: `prepare` queues it and builds its bytes on the ledger's
/// thread, the bytes go to the printer on a thread of its own, and the outcome is recorded
/// on the ledger's thread again (printed, or kept with its reason for the next attempt).
pub async fn print(
    terminal: Terminal,
    prepare: impl FnOnce(&mut Backend) -> Result<PrintJob, PrintError> + Send + 'static,
) -> Result<Printed, Said> {
    let prepared = terminal.call(prepare).await.map_err(stopped)?.map_err(Said::from)?;
    let job = prepared.clone();
    let delivery = off_thread("kasir-printer", move || printing::deliver(&job)).await?;
    terminal
        .call(move |b| {
            let now = b.config.now();
            printing::record(&b.ledger, &prepared, delivery, now)
        })
        .await
        .map_err(stopped)?
        .map_err(Said::from)
}

/// Kicks the cash drawer open on a thread of its own, on the drawer port of the printer at
/// `address` or on the drawer's own serial port; why it did not open, to be said in the
/// screen's language.
pub async fn kick_drawer(config: Config, address: PrinterAddress) -> Result<(), Said> {
    off_thread("kasir-drawer", move || drawer::open(&config, Some(&address)).map_err(Said::from))
        .await
        .and_then(|r| r)
}

/// Opens the drawer for the sale or return committed as `receipt` if it moved cash: whether
/// it did is read on the back end, the kick runs on a thread of its own (before the receipt
/// prints, and whether or not it can). `None`: it moved no cash, or there is no drawer.
pub async fn drawer_for(terminal: Terminal, receipt: String) -> Option<Result<(), DrawerError>> {
    let read = terminal.call(move |b| b.ledger.document_by_receipt(&receipt).map(|d| (b.config.clone(), d)));
    let (config, doc) = match read.await {
        Ok(Ok((config, Some(doc)))) => (config, doc),
        Ok(Ok((_, None))) => return None,
        Ok(Err(e)) => {
            tracing::warn!("the drawer could not tell whether the sale took cash: {e}");
            return None;
        }
        Err(e) => {
            tracing::warn!("the drawer could not tell whether the sale took cash: {e}");
            return None;
        }
    };
    let opened = off_thread("kasir-drawer", move || drawer::open_for(&config, &doc, None)).await;
    match opened {
        // A shop without a drawer, or with it on a printer it has not set up, hears nothing.
        Ok(Some(Err(DrawerError::NotConfigured | DrawerError::NoPrinter))) | Ok(None) => None,
        Ok(result) => result,
        Err(e) => {
            tracing::warn!("the drawer's thread: {e:?}");
            None
        }
    }
}

/// A no-sale a manager approved: who is at the drawer, who allowed it and why.
#[derive(Debug, Clone)]
pub struct NoSale {
    pub cashier: User,
    pub approver: User,
    pub reason: String,
}

/// A no-sale, first step, on the back end: may it be recorded now (approver, reason, an open
/// shift)? Asked before the drawer opens, so it opens only for a no-sale the ledger takes.
pub fn no_sale_allowed(ctx: &Context, no_sale: NoSale) -> Task<Result<NoSale, Said>> {
    call(ctx, move |b| {
        checkout::no_sale_allowed(&b.ledger, &b.config.permissions, &no_sale.approver, &no_sale.reason)
            .map(|()| no_sale)
            .map_err(Said::from)
    })
}

/// A no-sale, second step: the drawer is kicked on a thread of its own, then the no-sale is
/// recorded on the back end with what the drawer did (opened, did not open and why, or no
/// drawer). The receipt number and the drawer's result.
pub async fn no_sale(
    terminal: Terminal,
    config: Config,
    no_sale: NoSale,
) -> Result<(String, Result<(), DrawerError>), Said> {
    let kick = off_thread("kasir-drawer", move || drawer::open(&config, config.printer.address.as_ref()));
    let result = kick.await?;
    let outcome = drawer::outcome(&result);
    let committed = terminal
        .call(move |b| {
            let now = b.config.now();
            let NoSale { cashier, approver, reason } = no_sale;
            checkout::no_sale(
                &mut b.ledger,
                &b.config.permissions,
                &cashier,
                &approver,
                &reason,
                outcome,
                now,
            )
            .map(|c| c.receipt_number().to_owned())
            .map_err(Said::from)
        })
        .await
        .map_err(stopped)?;
    match (committed, &result) {
        (Err(why), Ok(())) => Err(Said::new(DrawerSays::OpenedNotRecorded(why))),
        (committed, _) => Ok((committed?, result)),
    }
}
