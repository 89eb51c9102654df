use super::*;

pub(super) async fn sales_report(s: &SqliteStorage, q: &ReportQuery) -> Result<Vec<ReportRow>, StorageError> {
    let q = q.clone();
    s.with(move |c| {
        let (key, group) = rows::report_key(q.by);
        let text = format!(
            "SELECT {key}, COUNT(DISTINCT store || '-' || terminal || '-' || seq), SUM(quantity_milli),
                 SUM(net), SUM(tax), SUM(gross)
             FROM sales_lines
             WHERE business_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR store = ?3)
             GROUP BY {group} ORDER BY 1"
        );
        all(
            &mut c.prepare_cached(&text)?,
            params![q.from.to_string(), q.to.to_string(), q.store],
            rows::report_row,
        )
    })
    .await
}

pub(super) async fn terminals(s: &SqliteStorage) -> Result<Vec<TerminalStatus>, StorageError> {
    s.with(|c| all(&mut prepared(c, rows::TERMINALS)?, [], rows::terminal_status)).await
}

pub(super) async fn rejected(s: &SqliteStorage) -> Result<Vec<RejectedDocument>, StorageError> {
    s.with(|c| all(&mut prepared(c, rows::REJECTED)?, [], rows::rejected_document)).await
}

pub(super) async fn sale_for_return(
    s: &SqliteStorage,
    store: &str,
    receipt: &str,
) -> Result<Option<SaleLookup>, StorageError> {
    let (store, receipt) = (store.to_owned(), receipt.to_owned());
    s.with(move |c| {
        let Some(document) = first(&mut prepared(c, rows::SALE)?, [&store, &receipt], rows::pushed_document)?
        else {
            return Ok(None);
        };
        let referring = all(&mut prepared(c, rows::REFERRING)?, [&store, &receipt], rows::referring)?;
        Ok(Some(sale_lookup(document, &referring)))
    })
    .await
}
