//! The ledger: the hash-chained documents and the one durable transaction each is
//! committed in.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use kasir_core::chain::{self, ChainTip, Origin, Sealed};
use kasir_core::document::{Body, Document, canonical_time};
use kasir_core::{Currency, Quantity, ReceiptNumber};
use rusqlite::{
    Connection, OpenFlags, OptionalExtension, Statement, Transaction, TransactionBehavior, params,
};
use thiserror::Error;

use kasir_core::shift::CashFlows;

use super::rows::{
    ApprovalRow, PaymentRow, Projection, RequestRow, ReturnLineRow, SaleLineRow, SettlementRow,
};
use super::{Figures, Shift, VerifyReport, cash, foreign, migrate, project, rules, verify};

pub use super::rules::{DocKind, Refusal};
pub use super::verify::{Mismatch, VerifyProblem};

#[derive(Debug, Error)]
pub enum LedgerError {
    #[error("no ledger at {0}: run `kasir init` (or `kasir init --demo`) first")]
    NotInitialised(PathBuf),
    #[error("a ledger already exists at {0}; it is never overwritten")]
    AlreadyExists(PathBuf),
    #[error("cannot open the ledger at {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error(
        "the ledger's schema is version {found}, newer than this Kasir knows ({known}); use a newer Kasir"
    )]
    SchemaTooNew { found: u32, known: u32 },
    #[error("ledger migration {name} failed: {source}")]
    Migration { name: &'static str, source: rusqlite::Error },
    #[error("the ledger records currency '{0}', which this Kasir does not know")]
    UnknownCurrency(String),
    /// A rule of the ledger said no (typed, see [`Refusal`]).
    #[error("refused: {0}")]
    Refused(Refusal),
    /// A stored document or row that does not read as what it must be: the ledger file was
    /// changed outside Kasir, or by a Kasir that wrote something this one cannot read.
    #[error("document {seq} in the ledger cannot be read: {reason}; run `kasir ledger verify`")]
    Corrupt { seq: u64, reason: String },
    #[error("request {request_id} was already committed as document {seq}")]
    Duplicate { request_id: String, seq: u64 },
    #[error("change {number} from head office cannot be applied: {message}")]
    FeedChange { number: u64, message: String },
    #[error("ledger: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// How the ledger's connection keeps commits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Durability {
    /// `wal`.
    pub journal_mode: String,
    /// 2 is FULL: the WAL is synced at every commit.
    pub synchronous: i64,
    pub foreign_keys: bool,
}

/// A document that is now durably in the ledger.
#[derive(Clone, Debug)]
pub struct Committed {
    pub document: Document,
    pub hash: String,
}

impl Committed {
    pub fn seq(&self) -> u64 {
        self.document.header.seq
    }

    pub fn receipt_number(&self) -> &str {
        &self.document.header.receipt_number
    }
}

self_cell::self_cell!(
    /// The connection with the statements every commit runs, prepared once. (rusqlite's
    /// `prepare_cached` costs ~20 µs per statement per use here, a large share of a commit.)
    struct LedgerCell {
        owner: Connection,
        #[covariant]
        dependent: Statements,
    }
);

pub struct Ledger {
    cell: LedgerCell,
    path: PathBuf,
    origin: Origin,
    currency: Currency,
}

impl Ledger {
    /// Creates a new ledger file for a terminal. Refuses to touch an existing file.
    pub fn create(
        path: &Path,
        origin: &Origin,
        currency: Currency,
        now: DateTime<FixedOffset>,
    ) -> Result<Ledger, LedgerError> {
        if path.exists() {
            return Err(LedgerError::AlreadyExists(path.to_owned()));
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| LedgerError::Open {
                path: path.to_owned(),
                source: rusqlite::Error::InvalidPath(format!("{}: {e}", dir.display()).into()),
            })?;
        }
        let mut conn = open_connection(path, true)?;
        migrate::migrate(&mut conn)?;
        conn.execute(
            "INSERT INTO terminal (id, store, terminal, currency, created_at) VALUES (1, ?1, ?2, ?3, ?4)",
            params![origin.store, origin.terminal, currency.code, canonical_time::format(&now)],
        )?;
        Ledger::assemble(conn, path, origin.clone(), currency)
    }

    /// Opens an existing ledger, applying any newer migrations.
    pub fn open(path: &Path) -> Result<Ledger, LedgerError> {
        if !path.exists() {
            return Err(LedgerError::NotInitialised(path.to_owned()));
        }
        let mut conn = open_connection(path, false)?;
        migrate::migrate(&mut conn)?;
        let (store, terminal, currency): (String, String, String) = conn
            .query_row("SELECT store, terminal, currency FROM terminal WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or_else(|| LedgerError::NotInitialised(path.to_owned()))?;
        let currency = Currency::from_code(&currency).ok_or(LedgerError::UnknownCurrency(currency))?;
        Ledger::assemble(conn, path, Origin { store, terminal }, currency)
    }

    fn assemble(
        conn: Connection,
        path: &Path,
        origin: Origin,
        currency: Currency,
    ) -> Result<Ledger, LedgerError> {
        let cell = LedgerCell::try_new(conn, |c| Statements::prepare(c))?;
        Ok(Ledger { cell, path: path.to_owned(), origin, currency })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The connection: the store's alone. Everything above the store calls typed methods.
    pub(in crate::store) fn conn(&self) -> &Connection {
        self.cell.borrow_owner()
    }

    /// A reader for the catalogue in this ledger's file (its own connection).
    pub fn catalogue(&self) -> Result<crate::store::catalogue::Reader, crate::store::catalogue::LookupError> {
        crate::store::catalogue::Reader::open(&self.path, self.currency)
    }

    /// The last committed document's place in the chain.
    pub fn tip(&self) -> Result<ChainTip, LedgerError> {
        tip(self.conn())
    }

    /// Commits one document durably: seals it onto the chain and writes it, its projections
    /// and its outbox entry in a single transaction. When this returns `Ok` the document
    /// survives a crash or a power cut; when it returns `Err` nothing was written.
    pub fn commit(
        &mut self,
        user: &str,
        body: Body,
        now: DateTime<FixedOffset>,
    ) -> Result<Committed, LedgerError> {
        Ok(self.commit_inner(user, now, |_| Ok(vec![(body, false)]))?.remove(0))
    }

    /// Commits documents that belong together (an exchange's return and sale) in one
    /// transaction, one after the other: all of them, or none.
    pub fn commit_all(
        &mut self,
        user: &str,
        bodies: Vec<Body>,
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<Committed>, LedgerError> {
        self.commit_inner(user, now, |_| Ok(bodies.into_iter().map(|b| (b, false)).collect()))
    }

    /// Commits a document whose body is built from the ledger inside the same transaction,
    /// so nothing can commit between reading the figures and sealing them (the Z: its report
    /// is computed once, here, and is the ledger's by construction).
    pub fn commit_built(
        &mut self,
        user: &str,
        now: DateTime<FixedOffset>,
        build: impl FnOnce(&Figures) -> Result<Body, LedgerError>,
    ) -> Result<Committed, LedgerError> {
        Ok(self.commit_inner(user, now, |conn| Ok(vec![(build(&Figures::new(conn))?, true)]))?.remove(0))
    }

    /// `bodies` gives the documents and, for each, whether it was built from this ledger
    /// inside this transaction.
    fn commit_inner(
        &mut self,
        user: &str,
        now: DateTime<FixedOffset>,
        bodies: impl FnOnce(&Connection) -> Result<Vec<(Body, bool)>, LedgerError>,
    ) -> Result<Vec<Committed>, LedgerError> {
        let origin = &self.origin;
        self.cell.with_dependent_mut(|conn, s| {
            // `&mut self` makes this the only transaction on this connection.
            let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
            let mut committed = Vec::new();
            for (body, built_here) in bodies(conn)? {
                rules::check(conn, s, &body, built_here)?;
                let tip = s
                    .tip
                    .query_row([], |r| {
                        Ok(ChainTip { seq: r.get(0)?, hash: r.get(1)?, grand_total: r.get(2)? })
                    })
                    .optional()?
                    .unwrap_or_else(ChainTip::genesis);
                let sealed = chain::seal(&tip, origin, now, user, body);
                insert_document(&mut s.insert_document, &sealed)?;
                project::project(conn, s, &sealed.document)?;
                s.insert_outbox.execute([sealed.document.header.seq])?;
                committed.push(Committed { document: sealed.document, hash: sealed.hash });
            }
            tx.commit()?;
            Ok(committed)
        })
    }

    /// A committed document and its hash, by sequence number.
    pub fn committed(&self, seq: u64) -> Result<Option<Committed>, LedgerError> {
        let row: Option<(String, String)> = self
            .conn()
            .prepare_cached("SELECT body, hash FROM documents WHERE seq = ?1")?
            .query_row([seq], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(|(body, hash)| Ok(Committed { document: read_document(seq, &body)?, hash })).transpose()
    }

    /// A committed document by sequence number.
    pub fn document(&self, seq: u64) -> Result<Option<Document>, LedgerError> {
        let body: Option<String> = self
            .conn()
            .prepare_cached("SELECT body FROM documents WHERE seq = ?1")?
            .query_row([seq], |r| r.get(0))
            .optional()?;
        body.map(|b| read_document(seq, &b)).transpose()
    }

    /// A committed document by receipt number (`S01-T01-000123`): the number carries the
    /// sequence, so no index is needed; the whole number must match.
    pub fn document_by_receipt(&self, receipt: &str) -> Result<Option<Document>, LedgerError> {
        match ReceiptNumber::parse(receipt) {
            Some(r) if r.made_at(&self.origin.store, &self.origin.terminal) => self.document(r.seq),
            _ => Ok(None),
        }
    }

    /// The document a request id (a script's `request_id`) was committed as, if any.
    pub fn request_seq(&self, request_id: &str) -> Result<Option<u64>, LedgerError> {
        rules::request_seq(self.conn(), request_id)
    }

    /// The sale with receipt number `receipt` as this terminal knows it (its own, or a
    /// checked copy of another terminal's from head office), with what came back from it.
    pub fn returnable(&self, receipt: &str) -> Result<Option<foreign::Returnable>, LedgerError> {
        foreign::returnable(self.conn(), receipt)
    }

    /// Whether `receipt` was made at another terminal than this one.
    pub fn is_foreign(&self, receipt: &str) -> Result<bool, LedgerError> {
        foreign::is_foreign(self.conn(), receipt)
    }

    /// The latest shift, open or not.
    pub fn last_shift(&self) -> Result<Option<Shift>, LedgerError> {
        cash::last_shift(self.conn())
    }

    /// The cash that moved in documents `after < seq ≤ up_to`, with `float` to start from.
    pub fn shift_flows(&self, after: u64, float: i64, up_to: u64) -> Result<CashFlows, LedgerError> {
        cash::shift_flows(self.conn(), after, float, up_to)
    }

    /// Stock on hand at this terminal as its movements add up.
    pub fn stock_level(&self, sku: &str) -> Result<Quantity, LedgerError> {
        let milli: i64 = self
            .conn()
            .prepare_cached("SELECT COALESCE(SUM(quantity_milli), 0) FROM stock_movements WHERE sku = ?1")?
            .query_row([sku], |r| r.get(0))?;
        Ok(Quantity::from_milli(milli))
    }

    /// Documents not yet acknowledged by head office.
    pub fn outbox_pending(&self) -> Result<u64, LedgerError> {
        Ok(self
            .conn()
            .query_row("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL", [], |r| r.get(0))?)
    }

    /// How the ledger's connection keeps commits: the journal, the sync level and whether
    /// foreign keys are enforced (`kasir ledger verify` and the tests show it).
    pub fn durability(&self) -> Result<Durability, LedgerError> {
        let conn = self.conn();
        Ok(Durability {
            journal_mode: conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?,
            synchronous: conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?,
            foreign_keys: conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?,
        })
    }

    /// Turns fsync at commit off (`false`) or back on. Only for generating large test and
    /// benchmark ledgers quickly: with it off, a power cut may lose the last commits.
    #[doc(hidden)]
    pub fn set_fsync_for_generated_data(&self, on: bool) -> Result<(), LedgerError> {
        self.conn().pragma_update(None, "synchronous", if on { "FULL" } else { "OFF" })?;
        Ok(())
    }

    /// Recomputes the whole chain and the grand total, and checks that every projection row
    /// matches its document. Names the first document that does not match.
    pub fn verify(&self) -> Result<VerifyReport, LedgerError> {
        verify::verify(self.conn(), &self.origin)
    }
}

pub(in crate::store) fn open_connection(path: &Path, create: bool) -> Result<Connection, LedgerError> {
    let mut flags =
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let wrap = |source| LedgerError::Open { path: path.to_owned(), source };
    let conn = Connection::open_with_flags(path, flags).map_err(wrap)?;
    // WAL with FULL sync: a commit is on disk (the WAL is fsynced) before `commit` returns.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(wrap)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(wrap(rusqlite::Error::InvalidParameterName(format!(
            "journal_mode is {mode}, WAL needed"
        ))));
    }
    conn.pragma_update(None, "synchronous", "FULL").map_err(wrap)?;
    conn.pragma_update(None, "foreign_keys", "ON").map_err(wrap)?;
    // 64 MiB of page cache: a 100,000-product import or a year's report stays in memory.
    conn.pragma_update(None, "cache_size", -65_536).map_err(wrap)?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(wrap)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// A stored document body, read back; one that does not parse is a named error, never a
/// panic on the ledger's thread.
pub(in crate::store) fn read_document(seq: u64, body: &str) -> Result<Document, LedgerError> {
    serde_json::from_str(body).map_err(|e| LedgerError::Corrupt { seq, reason: e.to_string() })
}

fn tip(conn: &Connection) -> Result<ChainTip, LedgerError> {
    Ok(conn
        .prepare_cached(TIP_SQL)?
        .query_row([], |r| Ok(ChainTip { seq: r.get(0)?, hash: r.get(1)?, grand_total: r.get(2)? }))
        .optional()?
        .unwrap_or_else(ChainTip::genesis))
}

/// The statements of the commit path.
pub(crate) struct Statements<'c> {
    tip: Statement<'c>,
    insert_document: Statement<'c>,
    insert_outbox: Statement<'c>,
    pub(crate) insert_line: Statement<'c>,
    pub(crate) insert_stock: Statement<'c>,
    pub(crate) insert_payment: Statement<'c>,
    pub(crate) insert_approval: Statement<'c>,
    pub(crate) insert_settlement: Statement<'c>,
    pub(crate) insert_return_line: Statement<'c>,
    pub(crate) insert_request: Statement<'c>,
    pub(crate) current_shift: Statement<'c>,
}

impl<'c> Statements<'c> {
    fn prepare(c: &'c Connection) -> rusqlite::Result<Statements<'c>> {
        Ok(Statements {
            tip: c.prepare(TIP_SQL)?,
            insert_document: c.prepare(
                "INSERT INTO documents (seq, kind, receipt_number, created_at, user_code, amount, grand_total,
                                        prev_hash, hash, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            insert_outbox: c.prepare("INSERT INTO outbox (seq) VALUES (?1)")?,
            insert_line: c.prepare(&SaleLineRow::insert_sql())?,
            insert_stock: c.prepare(
                "INSERT INTO stock_movements (seq, sku, quantity_milli, reason) VALUES (?1, ?2, ?3, ?4)",
            )?,
            insert_payment: c.prepare(&PaymentRow::insert_sql())?,
            insert_approval: c.prepare(&ApprovalRow::insert_sql())?,
            insert_settlement: c.prepare(&SettlementRow::insert_sql())?,
            insert_return_line: c.prepare(&ReturnLineRow::insert_sql())?,
            insert_request: c.prepare(&RequestRow::insert_sql())?,
            current_shift: c.prepare(cash::LAST_SHIFT_SQL)?,
        })
    }
}

const TIP_SQL: &str = "SELECT seq, hash, grand_total FROM documents ORDER BY seq DESC LIMIT 1";

fn insert_document(stmt: &mut Statement, sealed: &Sealed) -> Result<(), LedgerError> {
    let h = &sealed.document.header;
    // serde_json writes UTF-8; a failure here would be a bug in the encoder, refused as such.
    let body = std::str::from_utf8(&sealed.canonical).map_err(|e| LedgerError::Corrupt {
        seq: h.seq,
        reason: format!("its encoding is not UTF-8: {e}"),
    })?;
    stmt.execute(params![
        h.seq,
        sealed.document.body.kind(),
        h.receipt_number,
        canonical_time::format(&h.created_at),
        h.user,
        sealed.document.body.amount(),
        h.grand_total,
        h.prev_hash,
        sealed.hash,
        body,
    ])?;
    Ok(())
}
