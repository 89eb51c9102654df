//! Reports: a breakdown of the period by store, terminal, day, hour, product, category,
//! cashier, tender, tax rate or return reason, or the approvals given; sortable by any
//! column, printable, and exported as CSV streamed row by row from the storage (a year of a
//! 50-store chain by product is never built in memory).

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use kasir_core::office::OfficeAction;
use maud::{Markup, html};
use serde::Deserialize;

use super::WebState;
use super::page::{self, Menu, Refusal, money, quantity};
use super::period::{self, Resolved, View};
use super::session::Signed;
use super::words::{Lang, W};
use crate::analytics::{Breakdown, BreakdownRow, ExportRow};

/// Approvals shown on one page (the newest period first narrows it).
const APPROVALS_SHOWN: u32 = 1000;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct ReportQuery {
    #[serde(flatten)]
    pub view: View,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub sort: Option<String>,
    #[serde(default)]
    pub dir: Option<String>,
}

/// What a report shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Breakdown(Breakdown),
    Approvals,
}

fn kind(q: &ReportQuery, lang: Lang) -> Result<Kind, Refusal> {
    match q.by.as_deref() {
        None | Some("") => Ok(Kind::Breakdown(Breakdown::Store)),
        Some("approvals") => Ok(Kind::Approvals),
        Some(word) => Breakdown::from_code(word).map(Kind::Breakdown).ok_or_else(|| {
            Refusal::Invalid(lang, format!("{word:?} is not a report: {} or approvals", codes().join(", ")))
        }),
    }
}

fn codes() -> Vec<&'static str> {
    Breakdown::ALL.iter().map(|b| b.code()).collect()
}

fn word(b: Breakdown) -> W {
    match b {
        Breakdown::Store => W::Store,
        Breakdown::Terminal => W::Terminal,
        Breakdown::Day => W::Day,
        Breakdown::Hour => W::Hour,
        Breakdown::Product => W::Product,
        Breakdown::Category => W::Category,
        Breakdown::Cashier => W::Cashier,
        Breakdown::Tender => W::Tender,
        Breakdown::Tax => W::TaxClass,
        Breakdown::ReturnReason => W::ReturnReason,
    }
}

/// The columns a breakdown sorts by.
const COLUMNS: [&str; 6] = ["key", "documents", "quantity", "net", "tax", "gross"];

pub async fn page(
    State(state): State<WebState>,
    user: Signed,
    Query(q): Query<ReportQuery>,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::ViewSales)?;
    let lang = user.lang;
    let kind = kind(&q, lang)?;
    let stores = state.storage.stores().await.map_err(Refusal::storage(lang))?;
    let r = period::resolve(&q.view, &user, &stores)?;
    let by_code = match kind {
        Kind::Breakdown(b) => b.code(),
        Kind::Approvals => "approvals",
    };
    let content = match kind {
        Kind::Breakdown(b) => {
            let rows = state.storage.breakdown(&r.filter(), b).await.map_err(Refusal::storage(lang))?;
            breakdown_table(rows, b, &q, &r, lang)?
        }
        Kind::Approvals => {
            let rows = state
                .storage
                .approvals(&r.filter(), APPROVALS_SHOWN)
                .await
                .map_err(Refusal::storage(lang))?;
            html! {
                div.table-wrap { table #report {
                    thead { tr {
                        th { (W::Time.in_(lang)) } th { (W::Store.in_(lang)) } th { (W::Receipt.in_(lang)) }
                        th { (W::Action.in_(lang)) } th { (W::Cashier.in_(lang)) } th { (W::Approver.in_(lang)) } th { (W::Reason.in_(lang)) }
                    } }
                    tbody {
                        @for a in &rows { tr {
                            td { (a.at) } td { (a.store) "-" (a.terminal) } td { (a.receipt) }
                            td { (a.action) } td { (a.cashier) } td { (a.approver) } td { (a.reason) }
                        } }
                        @if rows.is_empty() { tr { td colspan="7" { (W::NoneYet.in_(lang)) } } }
                    }
                } }
                @if rows.len() as u32 >= APPROVALS_SHOWN { p.stale role="status" { (W::ListCut.in_(lang)) } }
            }
        }
    };
    let title = W::Reports.in_(lang);
    let query = r.query();
    let body = html! {
        h1 { (title) " · " (super::dashboard::scope_name(&r, &stores, lang)) " · " (r.from) " – " (r.to) }
        form.filters method="get" action="/reports" {
            label { (W::GroupBy.in_(lang))
                select name="by" {
                    @for b in Breakdown::ALL { option value=(b.code()) selected[by_code == b.code()] { (word(b).in_(lang)) } }
                    option value="approvals" selected[by_code == "approvals"] { (W::Approvals.in_(lang)) }
                }
            }
            (super::dashboard::filters_fields(&r, &user, &stores))
        }
        p.noprint {
            @if let Kind::Breakdown(_) = kind {
                a #export href={ "/reports/export.csv?by=" (by_code) "&" (query) } { (W::ExportCsv.in_(lang)) }
                " · "
            }
            button.quiet type="button" data-print { (W::Print.in_(lang)) }
        }
        (content)
    };
    Ok(page::shell(&user, title, Menu::Reports, body).into_response())
}

fn breakdown_table(
    mut rows: Vec<BreakdownRow>,
    b: Breakdown,
    q: &ReportQuery,
    r: &Resolved,
    lang: Lang,
) -> Result<Markup, Refusal> {
    let sort = q.sort.as_deref().unwrap_or("key");
    if !COLUMNS.contains(&sort) {
        return Err(Refusal::Invalid(lang, format!("sort {sort:?} is not one of {}", COLUMNS.join(", "))));
    }
    let descending = match q.dir.as_deref() {
        None | Some("") => sort != "key",
        Some("desc") => true,
        Some("asc") => false,
        Some(d) => return Err(Refusal::Invalid(lang, format!("dir {d:?} is asc or desc"))),
    };
    rows.sort_by(|x, y| {
        let o = match sort {
            "documents" => x.documents.cmp(&y.documents),
            "quantity" => x.quantity_milli.cmp(&y.quantity_milli),
            "net" => x.net.cmp(&y.net),
            "tax" => x.tax.cmp(&y.tax),
            "gross" => x.gross.cmp(&y.gross),
            _ => std::cmp::Ordering::Equal,
        };
        let o = o.then_with(|| x.key.cmp(&y.key));
        if descending { o.reverse() } else { o }
    });
    let total = |f: fn(&BreakdownRow) -> i128| rows.iter().map(f).sum::<i128>();
    let head = |col: &str, label: W, numeric: bool| {
        let here = col == sort;
        // Clicking the sorted column turns it round; another column starts the natural way.
        let dir = if here {
            if descending { "asc" } else { "desc" }
        } else if col == "key" {
            "asc"
        } else {
            "desc"
        };
        let href = format!("/reports?by={}&sort={col}&dir={dir}&{}", b.code(), r.query());
        let class = match (here, descending) {
            (true, false) => Some("sorted asc"),
            (true, true) => Some("sorted"),
            _ => None,
        };
        html! { th class=[numeric.then_some("n")] { a href=(href) class=[class] { (label.in_(lang)) } } }
    };
    Ok(html! {
        div.table-wrap { table #report {
            thead { tr {
                (head("key", word(b), false))
                (head("documents", W::Receipts, true))
                (head("quantity", W::Quantity, true))
                (head("net", if b == Breakdown::Tax { W::Dpp } else { W::Net }, true))
                (head("tax", W::Tax, true))
                (head("gross", W::Gross, true))
            } }
            tbody {
                @for row in &rows { tr {
                    td { (row.key) @if !row.label.is_empty() { " " span.muted { (row.label) } } }
                    td.n { (row.documents) }
                    td.n { (quantity(row.quantity_milli, lang)) }
                    td.n { (money(row.net, lang)) }
                    td.n { (money(row.tax, lang)) }
                    td.n { (money(row.gross, lang)) }
                } }
                @if rows.is_empty() { tr { td colspan="6" { (W::NoSales.in_(lang)) } } }
            }
            tfoot { tr {
                td { (W::Total.in_(lang)) }
                td.n { (rows.iter().map(|x| i128::from(x.documents)).sum::<i128>()) }
                td.n { (quantity(total(|x| x.quantity_milli), lang)) }
                td.n #total-net { (money(total(|x| x.net), lang)) }
                td.n { (money(total(|x| x.tax), lang)) }
                td.n { (money(total(|x| x.gross), lang)) }
            } }
        } }
    })
}

/// `GET /reports/export.csv`: the breakdown per store and day, streamed as the storage reads
/// it. Amounts in minor units and quantities in plain decimals, as programs read them.
pub async fn export(
    State(state): State<WebState>,
    user: Signed,
    Query(q): Query<ReportQuery>,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::ExportSales)?;
    let lang = user.lang;
    let Kind::Breakdown(by) = kind(&q, lang)? else {
        return Err(Refusal::Invalid(
            lang,
            "approvals are shown on their page; the export is of sales".into(),
        ));
    };
    let stores = state.storage.stores().await.map_err(Refusal::storage(lang))?;
    let r = period::resolve(&q.view, &user, &stores)?;
    let (sender, receiver) = tokio::sync::mpsc::channel(256);
    let storage = state.storage.clone();
    let filter = r.filter();
    tokio::spawn(async move {
        let failure = sender.clone();
        if let Err(e) = storage.export(&filter, by, sender).await {
            tracing::error!(error = %e, "CSV export failed part way");
            // The reader ends the download with an error rather than a short file.
            let _ = failure.send(Err(e)).await;
        }
    });
    let first =
        csv_line(&["store", "day", by.code(), "label", "receipts", "quantity", "net", "tax", "gross"]);
    let rows = futures_util::stream::unfold(receiver, |mut rx| async move {
        let item = rx.recv().await?;
        let chunk = item.map(|row| Bytes::from(export_line(&row))).map_err(std::io::Error::other);
        Some((chunk, rx))
    });
    let body = futures_util::StreamExt::chain(
        futures_util::stream::once(async move { Ok(Bytes::from(first)) }),
        rows,
    );
    let name = format!("kasir-{}-{}-{}.csv", by.code(), r.from, r.to);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        Body::from_stream(body),
    )
        .into_response())
}

fn csv_line(fields: &[&str]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields).expect("in memory");
    String::from_utf8(w.into_inner().expect("in memory")).expect("csv of strings")
}

/// A text cell a spreadsheet would not run as a formula: a product name, reason or label
/// typed at a counter as `=HYPERLINK(…)` is written with a leading `'`, as spreadsheets
/// themselves mark text. Amounts are written as plain numbers and never pass here.
fn text_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

fn export_line(e: &ExportRow) -> String {
    let r = &e.row;
    csv_line(&[
        &e.store,
        &e.day.to_string(),
        &text_cell(&r.key),
        &text_cell(&r.label),
        &r.documents.to_string(),
        &crate::report::plain_quantity(r.quantity_milli),
        &r.net.to_string(),
        &r.tax.to_string(),
        &r.gross.to_string(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_a_spreadsheet_would_run_is_marked_as_text() {
        assert_eq!(text_cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("Indomie Goreng"), "Indomie Goreng");
        let row = ExportRow {
            store: "S01".into(),
            day: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            row: BreakdownRow { key: "-1".into(), label: "+62".into(), net: -500, ..Default::default() },
        };
        assert_eq!(export_line(&row), "S01,2026-12-01,'-1,'+62,0,0,-500,0,0\n");
    }
}
