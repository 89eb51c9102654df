//! The dashboard's reads ([`crate::analytics`]) on SQLite: sums of the summary tables, and
//! the stored documents of a receipt page.

use super::*;

use chrono::NaiveDate;

use crate::analytics::statements::{self, Dialect};
use crate::analytics::*;

/// The filter's parameters `?1`…`?4`: the stores as a JSON array (for `json_each`).
fn filter_params(f: &SalesFilter) -> Result<(String, String, Option<String>, Option<String>), StorageError> {
    let stores = f.stores.as_ref().map(json).transpose()?;
    Ok((f.from.to_string(), f.to.to_string(), stores, f.terminal.clone()))
}

#[async_trait::async_trait]
impl Analytics for SqliteStorage {
    async fn stores(&self) -> Result<Vec<StoreSummary>, StorageError> {
        self.with(|c| all(&mut prepared(c, statements::STORES)?, [], statements::store_row)).await
    }

    async fn figures_until(&self, filter: &SalesFilter, hour: Option<u32>) -> Result<Figures, StorageError> {
        let (from, to, stores, terminal) = filter_params(filter)?;
        let by_store = filter.stores.is_some();
        let p = (from, to, stores, terminal, hour);
        self.with(move |c| {
            let figures = first(
                &mut prepared(c, &statements::figures(Dialect::Sqlite, by_store))?,
                p,
                statements::figures_row,
            )?;
            Ok(figures.unwrap_or_default())
        })
        .await
    }

    async fn breakdown(
        &self,
        filter: &SalesFilter,
        by: Breakdown,
    ) -> Result<Vec<BreakdownRow>, StorageError> {
        let p = filter_params(filter)?;
        let by_store = filter.stores.is_some();
        self.with(move |c| {
            let text = statements::breakdown(Dialect::Sqlite, by, false, by_store);
            all(&mut prepared(c, &text)?, p, |r| statements::breakdown_row(r, 0))
        })
        .await
    }

    /// Read on a read-only connection of its own, row by row as the receiver takes them: a
    /// long or slow export never holds the connection every other call waits for (WAL lets
    /// it read while pushes write), and one nobody reads ends after [`EXPORT_STALL`].
    async fn export(
        &self,
        filter: &SalesFilter,
        by: Breakdown,
        sink: ExportSink,
    ) -> Result<(), StorageError> {
        let p = filter_params(filter)?;
        let by_store = filter.stores.is_some();
        let reader = self.reader()?;
        let runtime = tokio::runtime::Handle::current();
        tokio::task::spawn_blocking(move || {
            let c = reader;
            let text = statements::breakdown(Dialect::Sqlite, by, true, by_store);
            let mut st = prepared(&c, &text)?;
            let mut fetched = st.query(p)?;
            loop {
                let row = match fetched.next() {
                    Ok(Some(r)) => statements::export_row(r),
                    Ok(None) => return Ok(()),
                    Err(e) => Err(e.into()),
                };
                let failed = row.is_err();
                if runtime.block_on(sink.send_timeout(row, EXPORT_STALL)).is_err() || failed {
                    // The receiver went away, stalled, or was told of the failure.
                    return Ok(());
                }
            }
        })
        .await
        .map_err(|e| StorageError::Database(format!("export task failed: {e}")))?
    }

    async fn approvals(&self, filter: &SalesFilter, limit: u32) -> Result<Vec<ApprovalRow>, StorageError> {
        let (from, to, stores, terminal) = filter_params(filter)?;
        let by_store = filter.stores.is_some();
        self.with(move |c| {
            all(
                &mut prepared(c, &statements::approvals(Dialect::Sqlite, by_store))?,
                params![from, to, stores, terminal, limit],
                statements::approval_row,
            )
        })
        .await
    }

    async fn receipts(
        &self,
        store: &str,
        terminal: &str,
        day: NaiveDate,
    ) -> Result<Vec<ReceiptSummary>, StorageError> {
        let p = (store.to_owned(), terminal.to_owned(), day.to_string());
        self.with(move |c| all(&mut prepared(c, statements::RECEIPTS)?, p, statements::receipt_row)).await
    }

    async fn document(
        &self,
        store: &str,
        terminal: &str,
        seq: u64,
    ) -> Result<Option<StoredDocument>, StorageError> {
        let p = (store.to_owned(), terminal.to_owned(), i64::try_from(seq).unwrap_or(i64::MAX));
        self.with(move |c| first(&mut prepared(c, statements::DOCUMENT)?, p, statements::document_row)).await
    }

    async fn watermark(&self) -> Result<String, StorageError> {
        self.with(|c| {
            Ok(c.query_row(
                "SELECT COALESCE(MAX(last_contact), '') || '/' || COALESCE(SUM(last_seq), 0) FROM terminals",
                [],
                |r| r.get(0),
            )?)
        })
        .await
    }
}
