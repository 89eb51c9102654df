//! The terminal's back end for the screen: one thread that owns the ledger and the catalogue
//! reader, and runs the jobs the screen sends it, one at a time, in order.
//!
//! SQLite connections and their prepared statements may not cross threads, and the screen
//! must never wait on a disk; so every lookup and commit is a job here, and the screen gets
//! its answer back as a message.

use std::sync::mpsc;

use crate::app::config::Config;
use crate::app::setup::{self, Paths};
use crate::store::Ledger;
use crate::store::catalogue::Reader;

/// What a job gets to work with.
pub struct Backend {
    pub ledger: Ledger,
    pub catalogue: Reader,
    pub config: Config,
}

type Job = Box<dyn FnOnce(&mut Backend) + Send>;

/// A handle to the back-end thread; cheap to clone.
#[derive(Clone, Debug)]
pub struct Terminal {
    jobs: mpsc::Sender<Job>,
    ledger: std::path::PathBuf,
}

/// The back-end thread has stopped (it only does when the program ends or a job panicked).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the terminal's back end has stopped")]
pub struct Stopped;

impl Terminal {
    /// Opens the ledger and the catalogue on a new thread; returns once both are open.
    pub fn start(paths: Paths, config: Config) -> anyhow::Result<Terminal> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let ledger = paths.ledger();
        let (ready, opened) = mpsc::sync_channel::<anyhow::Result<()>>(1);
        std::thread::Builder::new().name("kasir-backend".into()).spawn(move || {
            let backend = setup::open(&paths, &config).and_then(|ledger| {
                let catalogue = ledger.catalogue()?;
                Ok(Backend { ledger, catalogue, config })
            });
            let mut backend = match backend {
                Ok(b) => {
                    let _ = ready.send(Ok(()));
                    b
                }
                Err(e) => {
                    let _ = ready.send(Err(e));
                    return;
                }
            };
            for job in inbox {
                job(&mut backend);
            }
        })?;
        opened.recv().map_err(|_| anyhow::anyhow!("the back end did not start"))??;
        Ok(Terminal { jobs, ledger })
    }

    /// A handle with no back end behind it yet, for the first start of a terminal that has
    /// no ledger: every call answers that the back end has stopped. The first-start screen
    /// makes none; it starts the real back end once the terminal is set up.
    pub fn not_started(ledger: std::path::PathBuf) -> Terminal {
        let (jobs, _) = mpsc::channel::<Job>();
        Terminal { jobs, ledger }
    }

    /// The ledger file (sync opens a connection of its own to it).
    pub fn ledger_path(&self) -> &std::path::Path {
        &self.ledger
    }

    /// Runs `f` on the back-end thread and returns its result.
    pub async fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Backend) -> R + Send + 'static,
    ) -> Result<R, Stopped> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.jobs
            .send(Box::new(move |backend| {
                let _ = reply.send(f(backend));
            }))
            .map_err(|_| Stopped)?;
        answer.await.map_err(|_| Stopped)
    }

    /// Runs `f` on the back-end thread and waits for it (for tests and start-up).
    pub fn call_blocking<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Backend) -> R + Send + 'static,
    ) -> Result<R, Stopped> {
        let (reply, answer) = mpsc::sync_channel(1);
        self.jobs
            .send(Box::new(move |backend| {
                let _ = reply.send(f(backend));
            }))
            .map_err(|_| Stopped)?;
        answer.recv().map_err(|_| Stopped)
    }
}
