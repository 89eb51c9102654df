use super::*;

use rusqlite::functions::{Aggregate, Context, FunctionFlags};

/// `exact_sum(x)`: the exact sum of 64-bit integers as decimal text. SQLite's own `SUM` fails
/// with "integer overflow" once a sum passes 2^63, which would stop every report of every
/// store; a sum of 64-bit values held in 128 bits cannot pass its bound (it would take 2^64
/// rows), and says so in words if it ever did.
struct ExactSum;

impl Aggregate<i128, Option<String>> for ExactSum {
    fn init(&self, _: &mut Context<'_>) -> rusqlite::Result<i128> {
        Ok(0)
    }

    fn step(&self, ctx: &mut Context<'_>, sum: &mut i128) -> rusqlite::Result<()> {
        let value: Option<i64> = ctx.get(0)?;
        *sum = sum.checked_add(value.unwrap_or(0).into()).ok_or_else(|| {
            rusqlite::Error::UserFunctionError("exact_sum: the sum is beyond 128 bits".into())
        })?;
        Ok(())
    }

    fn finalize(&self, _: &mut Context<'_>, sum: Option<i128>) -> rusqlite::Result<Option<String>> {
        Ok(sum.map(|s| s.to_string()))
    }
}

/// Makes `exact_sum` known to a connection (each connection has its own functions).
pub(super) fn register_functions(c: &Connection) -> Result<(), StorageError> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    c.create_aggregate_function("exact_sum", 1, flags, ExactSum)?;
    Ok(())
}

pub(super) async fn sales_report(s: &SqliteStorage, q: &ReportQuery) -> Result<Vec<ReportRow>, StorageError> {
    let q = q.clone();
    s.with(move |c| {
        let (key, group) = rows::report_key(q.by);
        let text = format!(
            "SELECT {key}, COUNT(DISTINCT store || '-' || terminal || '-' || seq), exact_sum(quantity_milli),
                 exact_sum(net), exact_sum(tax), exact_sum(gross)
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
