use super::*;

/// Sums of `bigint` are `numeric` on PostgreSQL, exact at any size; they are read as their
/// decimal text (a cast back to `bigint` failed with "bigint out of range" past 2^63).
pub(super) async fn sales_report(s: &PgStorage, q: &ReportQuery) -> Result<Vec<ReportRow>, StorageError> {
    let (key, group) = rows::report_key(q.by);
    let sql = format!(
        "SELECT {key}, COUNT(DISTINCT (store, terminal, seq)), SUM(quantity_milli)::text,
             SUM(net)::text, SUM(tax)::text, SUM(gross)::text
         FROM sales_lines
         WHERE business_date BETWEEN $1 AND $2 AND ($3::text IS NULL OR store = $3)
         GROUP BY {group} ORDER BY 1"
    );
    let params: &Params = &[&q.from.to_string(), &q.to.to_string(), &q.store];
    all(&s.pool.get().await?, &sql, params, rows::report_row).await
}

pub(super) async fn terminals(s: &PgStorage) -> Result<Vec<TerminalStatus>, StorageError> {
    all(&s.pool.get().await?, rows::TERMINALS, &[], rows::terminal_status).await
}

pub(super) async fn rejected(s: &PgStorage) -> Result<Vec<RejectedDocument>, StorageError> {
    all(&s.pool.get().await?, rows::REJECTED, &[], rows::rejected_document).await
}

pub(super) async fn sale_for_return(
    s: &PgStorage,
    store: &str,
    receipt: &str,
) -> Result<Option<SaleLookup>, StorageError> {
    let client = s.pool.get().await?;
    let Some(document) = first(&client, rows::SALE, &[&store, &receipt], rows::pushed_document).await? else {
        return Ok(None);
    };
    let referring = all(&client, rows::REFERRING, &[&store, &receipt], rows::referring).await?;
    Ok(Some(sale_lookup(document, &referring)))
}
