//! The dashboard's reads ([`crate::analytics`]) on PostgreSQL: sums of the summary tables, and
//! the stored documents of a receipt page.

use super::*;

use chrono::NaiveDate;
use futures_util::{StreamExt, pin_mut};

use crate::analytics::statements::{self, Dialect};
use crate::analytics::*;

/// The filter's parameters `$1`…`$4`.
fn filter_params(f: &SalesFilter) -> (String, String, Option<Vec<String>>, Option<String>) {
    (f.from.to_string(), f.to.to_string(), f.stores.clone(), f.terminal.clone())
}

#[async_trait::async_trait]
impl Analytics for PgStorage {
    async fn stores(&self) -> Result<Vec<StoreSummary>, StorageError> {
        all(&self.pool.get().await?, statements::STORES, &[], statements::store_row).await
    }

    async fn figures_until(&self, filter: &SalesFilter, hour: Option<u32>) -> Result<Figures, StorageError> {
        let (from, to, stores, terminal) = filter_params(filter);
        let hour = hour.map(i64::from);
        let sql = statements::figures(Dialect::Postgres, filter.stores.is_some());
        let figures = first(
            &self.pool.get().await?,
            &sql,
            &[&from, &to, &stores, &terminal, &hour],
            statements::figures_row,
        )
        .await?;
        Ok(figures.unwrap_or_default())
    }

    async fn breakdown(
        &self,
        filter: &SalesFilter,
        by: Breakdown,
    ) -> Result<Vec<BreakdownRow>, StorageError> {
        let (from, to, stores, terminal) = filter_params(filter);
        let sql = statements::breakdown(Dialect::Postgres, by, false, filter.stores.is_some());
        all(&self.pool.get().await?, &sql, &[&from, &to, &stores, &terminal], |r| {
            statements::breakdown_row(r, 0)
        })
        .await
    }

    /// Rows are sent as the server streams them; a receiver that goes away ends the query.
    async fn export(
        &self,
        filter: &SalesFilter,
        by: Breakdown,
        sink: ExportSink,
    ) -> Result<(), StorageError> {
        let (from, to, stores, terminal) = filter_params(filter);
        let client = self.pool.get().await?;
        let statement = client
            .prepare_cached(&statements::breakdown(Dialect::Postgres, by, true, filter.stores.is_some()))
            .await?;
        let params: [&(dyn ToSql + Sync); 4] = [&from, &to, &stores, &terminal];
        let fetched = client.query_raw(&statement, params).await?;
        pin_mut!(fetched);
        while let Some(row) = fetched.next().await {
            let row = row.map_err(StorageError::from).and_then(|r| statements::export_row(&r));
            let failed = row.is_err();
            if sink.send_timeout(row, crate::analytics::EXPORT_STALL).await.is_err() || failed {
                // The receiver went away, stalled, or was told of the failure: nothing more
                // to send, and the connection goes back to the pool.
                break;
            }
        }
        Ok(())
    }

    async fn approvals(&self, filter: &SalesFilter, limit: u32) -> Result<Vec<ApprovalRow>, StorageError> {
        let (from, to, stores, terminal) = filter_params(filter);
        let sql = statements::approvals(Dialect::Postgres, filter.stores.is_some());
        let limit = i64::from(limit);
        all(
            &self.pool.get().await?,
            &sql,
            &[&from, &to, &stores, &terminal, &limit],
            statements::approval_row,
        )
        .await
    }

    async fn receipts(
        &self,
        store: &str,
        terminal: &str,
        day: NaiveDate,
    ) -> Result<Vec<ReceiptSummary>, StorageError> {
        let day = day.to_string();
        all(
            &self.pool.get().await?,
            statements::RECEIPTS,
            &[&store, &terminal, &day],
            statements::receipt_row,
        )
        .await
    }

    async fn document(
        &self,
        store: &str,
        terminal: &str,
        seq: u64,
    ) -> Result<Option<StoredDocument>, StorageError> {
        let seq = to_i64(seq);
        first(
            &self.pool.get().await?,
            statements::DOCUMENT,
            &[&store, &terminal, &seq],
            statements::document_row,
        )
        .await
    }

    async fn watermark(&self) -> Result<String, StorageError> {
        scalar(
            &self.pool.get().await?,
            "SELECT COALESCE(MAX(last_contact)::text, '') || '/' || COALESCE(SUM(last_seq), 0)::text FROM terminals",
            &[],
        )
        .await
    }
}
