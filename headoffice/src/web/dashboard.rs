//! The dashboard: headline figures beside last week and last year, charts, tax by rate, how
//! fresh each store's figures are, and the way down (chain → store → terminal → day →
//! receipt). The part below the filters is a panel the script reloads when sales arrive.

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use kasir_core::office::OfficeAction;
use maud::{Markup, html};

use super::WebState;
use super::chart::{self, Bar, Point};
use super::page::{self, Menu, Refusal, change, money, percent, quantity, svg};
use super::period::{self, Period, Resolved, View};
use super::session::Signed;
use super::words::{Lang, W};
use crate::analytics::{Breakdown, BreakdownRow, Figures, SalesFilter, StoreSummary};
use crate::storage::TerminalStatus;

/// A store none of whose terminals reported for this long is flagged.
const SILENT_AFTER_MINUTES: i64 = 15;
/// Rows in the top and slowest product charts.
const PRODUCTS_SHOWN: usize = 10;

pub async fn page(
    State(state): State<WebState>,
    user: Signed,
    Query(view): Query<View>,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::ViewSales)?;
    let lang = user.lang;
    let stores = state.storage.stores().await.map_err(Refusal::storage(lang))?;
    let resolved = period::resolve(&view, &user, &stores)?;
    let panel = panel_markup(&state, &user, &resolved, &stores).await?;
    let title = W::Dashboard.in_(lang);
    let body = html! {
        h1 { (title) " · " (scope_name(&resolved, &stores, lang)) }
        (filters("/", &resolved, &user, &stores))
        p.muted.noprint { (W::Live.in_(lang)) }
        section #panel data-live={ "/dashboard/panel?" (resolved.query()) } { (panel) }
    };
    Ok(page::shell(&user, title, Menu::Dashboard, body).into_response())
}

/// `GET /dashboard/panel`: the panel alone, for the script to swap in.
pub async fn panel(
    State(state): State<WebState>,
    user: Signed,
    Query(view): Query<View>,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::ViewSales)?;
    let stores = state.storage.stores().await.map_err(Refusal::storage(user.lang))?;
    let resolved = period::resolve(&view, &user, &stores)?;
    let panel = panel_markup(&state, &user, &resolved, &stores).await?;
    Ok(Html(panel.into_string()).into_response())
}

/// What the page is about: the chain, a region, a store, a terminal.
pub fn scope_name(r: &Resolved, stores: &[StoreSummary], lang: Lang) -> String {
    match (&r.store, &r.terminal, &r.region) {
        (Some(s), Some(t), _) => format!("{s}-{t}"),
        (Some(s), None, _) => {
            stores.iter().find(|k| &k.code == s).map_or(s.clone(), |k| format!("{} {}", k.code, k.name))
        }
        (None, _, Some(region)) => format!("{} {region}", W::Region.in_(lang)),
        (None, _, None) => W::WholeChain.in_(lang).to_owned(),
    }
}

/// The period and scope form (a GET: a dashboard's address can be bookmarked and shared).
pub fn filters(action: &str, r: &Resolved, user: &Signed, stores: &[StoreSummary]) -> Markup {
    html! { form.filters method="get" action=(action) { (filters_fields(r, user, stores)) } }
}

/// The fields of the period and scope form, for forms that ask for more (a report's grouping).
pub fn filters_fields(r: &Resolved, user: &Signed, stores: &[StoreSummary]) -> Markup {
    let lang = user.lang;
    let visible: Vec<&StoreSummary> = stores.iter().filter(|s| user.store(&s.code).is_ok()).collect();
    let mut regions: Vec<&str> =
        visible.iter().map(|s| s.region.as_str()).filter(|r| !r.is_empty()).collect();
    regions.sort_unstable();
    regions.dedup();
    html! {
        label { (W::Period.in_(lang))
            select name="period" {
                @for p in Period::ALL {
                    option value=(p.code()) selected[p == r.period] { (p.word().in_(lang)) }
                }
            }
        }
        label { (W::From.in_(lang)) input type="date" name="from" value=(r.from); }
        label { (W::To.in_(lang)) input type="date" name="to" value=(r.to); }
        @if !regions.is_empty() {
            label { (W::Region.in_(lang))
                select name="region" {
                    option value="" { "—" }
                    @for g in &regions { option value=(g) selected[r.region.as_deref() == Some(*g)] { (g) } }
                }
            }
        }
        label { (W::Store.in_(lang))
            select name="store" {
                option value="" { (W::WholeChain.in_(lang)) }
                @for s in &visible {
                    option value=(s.code) selected[r.store.as_deref() == Some(s.code.as_str())] { (s.code) " " (s.name) }
                }
            }
        }
        @if let Some(t) = &r.terminal { input type="hidden" name="terminal" value=(t); }
        button type="submit" { (W::Show.in_(lang)) }
    }
}

struct Shown {
    now: Figures,
    last_week: Figures,
    last_year: Figures,
    hours: Vec<BreakdownRow>,
    hours_compared: Vec<Vec<BreakdownRow>>,
    days: Vec<BreakdownRow>,
    stores: Vec<BreakdownRow>,
    terminals: Vec<BreakdownRow>,
    categories: Vec<BreakdownRow>,
    products: Vec<BreakdownRow>,
    cashiers: Vec<BreakdownRow>,
    tenders: Vec<BreakdownRow>,
    taxes: Vec<BreakdownRow>,
    contacts: Vec<TerminalStatus>,
}

async fn read(state: &WebState, r: &Resolved, lang: Lang) -> Result<Shown, Refusal> {
    let s = &state.storage;
    let f = r.filter();
    let by = |b: Breakdown| {
        let f = f.clone();
        async move { s.breakdown(&f, b).await }
    };
    // Today against the same weekday of the four weeks before; a longer period against the
    // same period a week before.
    let compared: Vec<SalesFilter> =
        if r.single_day() { (1..=4).map(|k| r.shifted(7 * k)).collect() } else { vec![r.shifted(7)] };
    let fail = Refusal::storage;
    let (week_before, year_before, until) = (r.shifted(7), r.shifted(364), r.comparable_until());
    let (now, last_week, last_year) = tokio::try_join!(
        s.figures(&f),
        s.figures_until(&week_before, until),
        s.figures_until(&year_before, until)
    )
    .map_err(fail(lang))?;
    let (hours, days, stores, terminals, categories) = tokio::try_join!(
        by(Breakdown::Hour),
        by(Breakdown::Day),
        by(Breakdown::Store),
        by(Breakdown::Terminal),
        by(Breakdown::Category)
    )
    .map_err(fail(lang))?;
    let (products, cashiers, tenders, taxes) = tokio::try_join!(
        by(Breakdown::Product),
        by(Breakdown::Cashier),
        by(Breakdown::Tender),
        by(Breakdown::Tax)
    )
    .map_err(fail(lang))?;
    let mut hours_compared = Vec::new();
    for c in &compared {
        hours_compared.push(s.breakdown(c, Breakdown::Hour).await.map_err(fail(lang))?);
    }
    let contacts = s
        .terminals()
        .await
        .map_err(fail(lang))?
        .into_iter()
        .filter(|t| r.stores.as_ref().is_none_or(|list| list.contains(&t.store)))
        .filter(|t| r.terminal.as_ref().is_none_or(|x| *x == t.terminal))
        .collect();
    Ok(Shown {
        now,
        last_week,
        last_year,
        hours,
        hours_compared,
        days,
        stores,
        terminals,
        categories,
        products,
        cashiers,
        tenders,
        taxes,
        contacts,
    })
}

async fn panel_markup(
    state: &WebState,
    user: &Signed,
    r: &Resolved,
    stores: &[StoreSummary],
) -> Result<Markup, Refusal> {
    let lang = user.lang;
    let shown = read(state, r, lang).await?;
    Ok(html! {
        (freshness(&shown.contacts, stores, lang))
        (cards(&shown, lang))
        div.charts {
            (hour_chart(&shown, r, lang))
            @if !r.single_day() { (chart_box(W::ByDay, lang, columns(&shown.days, lang))) }
            @if r.store.is_none() { (chart_box(W::ByStore, lang, bars(&shown.stores, stores, lang))) }
            (chart_box(W::ByCategory, lang, bars(&shown.categories, &[], lang)))
            (chart_box(W::TopProducts, lang, product_bars(&shown.products, true, lang)))
            (chart_box(W::BottomProducts, lang, product_bars(&shown.products, false, lang)))
            (chart_box(W::ByCashier, lang, bars(&shown.cashiers, &[], lang)))
            (chart_box(W::ByTender, lang, bars(&shown.tenders, &[], lang)))
        }
        (tax_table(&shown.taxes, lang))
        (drill_down(&shown, r, lang))
    })
}

fn chart_box(title: W, lang: Lang, svg_markup: String) -> Markup {
    html! { div.chart { h2 { (title.in_(lang)) } (svg(svg_markup)) } }
}

fn options(title: &str, lang: Lang) -> chart::Options<'_> {
    chart::Options { title, empty: W::NoSales.in_(lang), comparison: W::VsLastWeek.in_(lang) }
}

fn bars(rows: &[BreakdownRow], stores: &[StoreSummary], lang: Lang) -> String {
    let mut rows: Vec<&BreakdownRow> = rows.iter().collect();
    rows.sort_by(|a, b| b.net.cmp(&a.net).then_with(|| a.key.cmp(&b.key)));
    let series: Vec<Bar> =
        rows.iter().map(|r| Bar { label: row_label(r, stores), value: r.net, comparison: None }).collect();
    chart::bars(&series, options("", lang))
}

fn row_label(r: &BreakdownRow, stores: &[StoreSummary]) -> String {
    if let Some(s) = stores.iter().find(|s| s.code == r.key) {
        return format!("{} {}", s.code, s.name);
    }
    if r.label.is_empty() { r.key.clone() } else { format!("{} {}", r.key, r.label) }
}

fn product_bars(rows: &[BreakdownRow], top: bool, lang: Lang) -> String {
    let mut rows: Vec<&BreakdownRow> = rows.iter().collect();
    rows.sort_by(|a, b| b.net.cmp(&a.net).then_with(|| a.key.cmp(&b.key)));
    if !top {
        rows.reverse();
    }
    let series: Vec<Bar> = rows
        .iter()
        .take(PRODUCTS_SHOWN)
        .map(|r| Bar { label: row_label(r, &[]), value: r.net, comparison: None })
        .collect();
    chart::bars(&series, options("", lang))
}

fn columns(rows: &[BreakdownRow], lang: Lang) -> String {
    let points: Vec<Point> = rows.iter().map(|r| Point { label: r.key.clone(), value: r.net }).collect();
    chart::columns(&points, None, options("", lang))
}

fn hour_chart(shown: &Shown, r: &Resolved, lang: Lang) -> Markup {
    let at = |rows: &[BreakdownRow], h: u32| -> i128 {
        rows.iter().find(|x| x.key == format!("{h:02}")).map_or(0, |x| x.net)
    };
    let points: Vec<Point> =
        (0..24).map(|h| Point { label: format!("{h:02}"), value: at(&shown.hours, h) }).collect();
    let weeks = shown.hours_compared.len().max(1) as i128;
    let compared: Vec<Point> = (0..24)
        .map(|h| Point {
            label: format!("{h:02}"),
            value: shown.hours_compared.iter().map(|rows| at(rows, h)).sum::<i128>() / weeks,
        })
        .collect();
    let title = if r.single_day() { W::ByHourToday } else { W::ByHourPeriod };
    let svg_markup = chart::columns(&points, Some(&compared), options(title.in_(lang), lang));
    html! { div.chart { h2 { (title.in_(lang)) } (svg(svg_markup)) } }
}

fn cards(shown: &Shown, lang: Lang) -> Markup {
    let (n, w, y) = (&shown.now, &shown.last_week, &shown.last_year);
    let basket = |f: &Figures| if f.transactions > 0 { f.net / i128::from(f.transactions) } else { 0 };
    let items = |f: &Figures| if f.transactions > 0 { f.items_milli / i128::from(f.transactions) } else { 0 };
    let sold = |f: &Figures| f.gross + f.returned + f.voided;
    let rate = |f: &Figures| percent(f.returned, sold(f), lang).unwrap_or_else(|| "—".to_owned());
    let card = |id: &str, label: W, value: String, now: i128, week: i128, year: i128| {
        html! {
            div.card id=(id) {
                div.label { (label.in_(lang)) }
                div.value { (value) }
                div.cmp { (W::VsLastWeek.in_(lang)) ": " (delta(now, week, lang)) }
                div.cmp { (W::VsLastYear.in_(lang)) ": " (delta(now, year, lang)) }
            }
        }
    };
    html! {
        div.cards {
            (card("net-sales", W::NetSales, money(n.net, lang), n.net, w.net, y.net))
            (card("transactions", W::Transactions, n.transactions.to_string(), n.transactions.into(), w.transactions.into(), y.transactions.into()))
            (card("average-basket", W::AverageBasket, money(basket(n), lang), basket(n), basket(w), basket(y)))
            (card("items-per-basket", W::ItemsPerBasket, quantity(items(n), lang), items(n), items(w), items(y)))
            (card("discounts", W::Discounts, money(n.discounts, lang), n.discounts, w.discounts, y.discounts))
            (card("returns", W::Returns, format!("{} · {}", n.returns, money(n.returned, lang)), n.returned, w.returned, y.returned))
            (card("return-rate", W::ReturnRate, rate(n), n.returned, w.returned, y.returned))
            (card("voids", W::Voids, format!("{} · {}", n.voids, money(n.voided, lang)), n.voided, w.voided, y.voided))
            (card("tax", W::Tax, money(n.tax, lang), n.tax, w.tax, y.tax))
            (card("gross", W::Gross, money(n.gross, lang), n.gross, w.gross, y.gross))
        }
    }
}

fn delta(now: i128, then: i128, lang: Lang) -> Markup {
    match change(now, then, lang) {
        Some(text) => html! { span class=(if now >= then { "up" } else { "down" }) { (text) } },
        None => html! { span { (W::NoComparison.in_(lang)) } },
    }
}

fn tax_table(rows: &[BreakdownRow], lang: Lang) -> Markup {
    html! {
        h2 { (W::TaxByRate.in_(lang)) }
        div.table-wrap {
            table #tax {
                thead { tr { th { (W::TaxClass.in_(lang)) } th.n { (W::Rate.in_(lang)) } th.n { (W::Dpp.in_(lang)) } th.n { (W::Tax.in_(lang)) } } }
                tbody {
                    @for r in rows {
                        @let (class, rate) = r.key.split_once(':').unwrap_or((r.key.as_str(), ""));
                        tr {
                            td { (class) }
                            td.n { (rate.parse::<i128>().ok().and_then(|bp| percent(bp, 10_000, lang)).unwrap_or_default()) }
                            td.n { (money(r.net, lang)) }
                            td.n { (money(r.tax, lang)) }
                        }
                    }
                    @if rows.is_empty() { tr { td colspan="4" { (W::NoSales.in_(lang)) } } }
                }
            }
        }
    }
}

/// How fresh the figures are: per store, its terminals' newest contact; a store silent for a
/// while is flagged (its newest sales may still be on their way).
fn freshness(contacts: &[TerminalStatus], stores: &[StoreSummary], lang: Lang) -> Markup {
    let now = Utc::now();
    let mut per_store: Vec<(String, Option<DateTime<Utc>>)> = Vec::new();
    for t in contacts {
        match per_store.iter_mut().find(|(s, _)| *s == t.store) {
            Some((_, last)) => *last = (*last).max(t.last_contact),
            None => per_store.push((t.store.clone(), t.last_contact)),
        }
    }
    per_store.sort();
    let silent =
        |last: &Option<DateTime<Utc>>| last.is_none_or(|l| now - l > Duration::minutes(SILENT_AFTER_MINUTES));
    let any_silent = per_store.iter().any(|(_, l)| silent(l));
    html! {
        div #freshness .muted {
            (W::AsOf.in_(lang)) " " (now.format("%Y-%m-%d %H:%M:%S UTC")) ": "
            @for (i, (store, last)) in per_store.iter().enumerate() {
                @if i > 0 { " · " }
                @let name = stores.iter().find(|s| &s.code == store).map_or("", |s| s.name.as_str());
                span class=[silent(last).then_some("stale")] title=(name) {
                    (store) " "
                    @match last {
                        Some(l) => { (W::LastContact.in_(lang).to_lowercase()) " " (ago(now - *l, lang)) }
                        None => { (W::NeverReported.in_(lang)) }
                    }
                    @if silent(last) { " (" (W::Silent.in_(lang)) ")" }
                }
            }
        }
        @if any_silent { p.stale role="status" { (W::SilentNote.in_(lang)) } }
    }
}

/// `3 min ago` / `3 mnt lalu`, roughly.
pub fn ago(d: Duration, lang: Lang) -> String {
    let s = d.num_seconds().max(0);
    let (n, unit) = match s {
        0..60 => (s, ("s", "dtk")),
        60..3600 => (s / 60, ("min", "mnt")),
        3600..86_400 => (s / 3600, ("h", "jam")),
        _ => (s / 86_400, ("d", "hr")),
    };
    match lang {
        Lang::En => format!("{n} {} ago", unit.0),
        Lang::Id => format!("{n} {} lalu", unit.1),
    }
}

/// Links one level down: stores of the chain, terminals of a store, days of a terminal.
fn drill_down(shown: &Shown, r: &Resolved, lang: Lang) -> Markup {
    let base = |extra: &str| {
        let mut q = r.query();
        for key in ["store", "terminal"] {
            q = q.split('&').filter(|p| !p.starts_with(&format!("{key}="))).collect::<Vec<_>>().join("&");
        }
        format!("/?{q}&{extra}")
    };
    let table = |title: W, rows: Vec<(String, String, &BreakdownRow)>| {
        html! {
            h2 { (title.in_(lang)) }
            div.table-wrap { table.drill {
                thead { tr { th { (title.in_(lang)) } th.n { (W::Receipts.in_(lang)) } th.n { (W::NetSales.in_(lang)) } } }
                tbody { @for (href, label, row) in &rows {
                    tr { td { a href=(href) { (label) } } td.n { (row.documents) } td.n { (money(row.net, lang)) } }
                } }
            } }
        }
    };
    match (&r.store, &r.terminal) {
        (None, _) => table(
            W::Stores,
            shown
                .stores
                .iter()
                .map(|row| (base(&format!("store={}", row.key)), row_label(row, &[]), row))
                .collect(),
        ),
        (Some(store), None) => table(
            W::Terminals,
            shown
                .terminals
                .iter()
                .map(|row| {
                    let terminal = row.key.rsplit_once('-').map_or(row.key.as_str(), |(_, t)| t);
                    (base(&format!("store={store}&terminal={terminal}")), row.key.clone(), row)
                })
                .collect(),
        ),
        (Some(store), Some(terminal)) => table(
            W::Day,
            shown
                .days
                .iter()
                .map(|row| (format!("/terminals/{store}/{terminal}/days/{}", row.key), row.key.clone(), row))
                .collect(),
        ),
    }
}
