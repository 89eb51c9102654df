//! The bottom of the drill-down: a terminal's receipts of one day, and one receipt as the
//! customer got it, with its hash and whether its chain verifies.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use kasir_core::chain::{canonical_bytes, hash_hex};
use kasir_core::document::{Body, Document};
use kasir_core::office::OfficeAction;
use maud::{Markup, html};

use super::WebState;
use super::page::{self, Menu, Refusal, money, quantity};
use super::session::Signed;
use super::words::{Lang, W};
use crate::analytics::StoredDocument;
use crate::storage::check_code;

fn checked(user: &Signed, store: &str, terminal: &str) -> Result<(), Refusal> {
    user.may(OfficeAction::ViewSales)?;
    user.store(store)?;
    check_code("store", store).map_err(Refusal::storage(user.lang))?;
    check_code("terminal", terminal).map_err(Refusal::storage(user.lang))
}

/// `GET /terminals/{store}/{terminal}/days/{day}`.
pub async fn day(
    State(state): State<WebState>,
    user: Signed,
    Path((store, terminal, day)): Path<(String, String, String)>,
) -> Result<Response, Refusal> {
    checked(&user, &store, &terminal)?;
    let lang = user.lang;
    let date = NaiveDate::parse_from_str(&day, "%Y-%m-%d")
        .map_err(|_| Refusal::Invalid(lang, format!("{day:?} is not a date like 2026-12-01")))?;
    let receipts = state.storage.receipts(&store, &terminal, date).await.map_err(Refusal::storage(lang))?;
    let title = format!("{store}-{terminal} · {date}");
    let body = html! {
        h1 { (title) }
        p { a href={ "/?period=dates&from=" (date) "&to=" (date) "&store=" (store) "&terminal=" (terminal) } { (W::Dashboard.in_(lang)) } }
        div.table-wrap { table #receipts {
            thead { tr { th { (W::Receipt.in_(lang)) } th { (W::Kind.in_(lang)) } th { (W::Time.in_(lang)) } th { (W::Cashier.in_(lang)) } th.n { (W::Amount.in_(lang)) } } }
            tbody {
                @for r in &receipts { tr class=[r.set_aside.then_some("stale")] {
                    td { a href={ "/receipts/" (store) "/" (terminal) "/" (r.seq) } { (r.receipt) } }
                    td { (r.kind) } td { (r.at) } td { (r.cashier) } td.n { (money(r.amount.into(), lang)) }
                } }
                @if receipts.is_empty() { tr { td colspan="5" { (W::NoneYet.in_(lang)) } } }
            }
        } }
    };
    Ok(page::shell(&user, &title, Menu::Dashboard, body).into_response())
}

/// Whether a stored document's chain verifies here and now: its hash is of exactly its
/// content, the document before it is the one it names, and the one after it names it.
fn verify(
    doc: &StoredDocument,
    parsed: &Document,
    before: Option<&StoredDocument>,
    after: Option<&Document>,
) -> Result<(), String> {
    let computed = hash_hex(doc.canonical.as_bytes());
    if computed != doc.hash {
        return Err(format!("its content hashes to {computed}, not the stored {}", doc.hash));
    }
    if canonical_bytes(parsed) != doc.canonical.as_bytes() {
        return Err("its stored content is not in canonical form".into());
    }
    let expected_prev = match before {
        Some(b) => b.hash.clone(),
        None if doc.seq == 1 => kasir_core::chain::ChainTip::genesis().hash,
        None => return Err(format!("document {} before it is missing", doc.seq - 1)),
    };
    if parsed.header.prev_hash != expected_prev {
        return Err(format!(
            "it names {} as the document before it, which is {expected_prev}",
            parsed.header.prev_hash
        ));
    }
    if let Some(next) = after
        && next.header.prev_hash != doc.hash
    {
        return Err(format!(
            "document {} after it names {}, not this one",
            doc.seq + 1,
            next.header.prev_hash
        ));
    }
    Ok(())
}

/// `GET /receipts/{store}/{terminal}/{seq}`.
pub async fn page(
    State(state): State<WebState>,
    user: Signed,
    Path((store, terminal, seq)): Path<(String, String, String)>,
) -> Result<Response, Refusal> {
    checked(&user, &store, &terminal)?;
    let lang = user.lang;
    let seq: u64 = seq
        .parse()
        .ok()
        .filter(|s| (1..=crate::api::MAX_NUMBER).contains(s))
        .ok_or_else(|| Refusal::Invalid(lang, format!("{seq:?} is not a document number")))?;
    let s = &state.storage;
    let fail = Refusal::storage;
    let doc = s.document(&store, &terminal, seq).await.map_err(fail(lang))?.ok_or(Refusal::NotFound(lang))?;
    let before =
        if seq > 1 { s.document(&store, &terminal, seq - 1).await.map_err(fail(lang))? } else { None };
    let after = s.document(&store, &terminal, seq + 1).await.map_err(fail(lang))?;
    let identity = s.store(&store).await.map_err(fail(lang))?;
    let parsed: Result<Document, _> = serde_json::from_str(&doc.canonical);
    let after_parsed = after.as_ref().and_then(|a| serde_json::from_str::<Document>(&a.canonical).ok());
    let verdict = match &parsed {
        Ok(p) => verify(&doc, p, before.as_ref(), after_parsed.as_ref()),
        Err(e) => Err(format!("its stored content does not read as a document: {e}")),
    };
    let title = format!("{} · {}", W::Receipt.in_(lang), doc.receipt);
    let body = html! {
        h1 { (title) }
        @if doc.set_aside { p.stale role="status" { (W::SetAside.in_(lang)) } }
        @match &verdict {
            Ok(()) => { p.notice #verdict { (W::ChainVerifies.in_(lang)) } }
            Err(why) => { p.refusal #verdict role="alert" { (W::ChainBroken.in_(lang)) ": " (why) } }
        }
        p { (W::Hash.in_(lang)) ": " span.hash #hash { (doc.hash) } }
        @if let Ok(d) = &parsed { (receipt(d, identity.as_ref(), lang)) }
        p.noprint {
            @if let Ok(d) = &parsed {
                a href={ "/terminals/" (store) "/" (terminal) "/days/" (d.header.created_at.date_naive()) } { (W::Back.in_(lang)) }
            }
        }
    };
    Ok(page::shell(&user, &title, Menu::Dashboard, body).into_response())
}

/// The receipt as printed: the store's identity, the lines, totals, tax and payments.
fn receipt(d: &Document, store: Option<&kasir_core::wire::StoreIdentity>, lang: Lang) -> Markup {
    let h = &d.header;
    let m = |v: i64| money(v.into(), lang);
    html! {
        div.receipt #receipt {
            @if let Some(s) = store {
                strong { (s.name) } "\n" (s.address) "\nNPWP " (s.npwp) "\n"
                @if let Some(lines) = &s.receipt_lines { @for l in &lines.header { (l) "\n" } }
            }
            (h.receipt_number) "  " (h.created_at.format("%Y-%m-%d %H:%M")) "\n" (W::Cashier.in_(lang)) " " (h.user) "\n\n"
            @match &d.body {
                Body::Sale(s) => {
                    @for l in &s.lines {
                        (l.name) "\n  " (quantity(l.quantity.milli().into(), lang)) " × " (m(l.unit_price)) "  " (m(l.extended)) "\n"
                        @if l.line_discount != 0 { "  " (W::Discounts.in_(lang)) " -" (m(l.line_discount)) "\n" }
                    }
                    "\n" (W::Subtotal.in_(lang)) "  " (m(s.subtotal)) "\n"
                    @if s.order_discount != 0 { (W::Discounts.in_(lang)) "  -" (m(s.order_discount)) "\n" }
                    @for t in &s.taxes { (t.tax_class) " " (super::page::percent(t.rate_bp.into(), 10_000, lang).unwrap_or_default()) "  " (m(t.tax)) "\n" }
                    strong { (W::Total.in_(lang)) "  " (m(s.total)) } "\n"
                    @for t in &s.tenders { (t.kind.code()) "  " (m(t.amount)) "\n" }
                    @if s.change != 0 { (W::Change.in_(lang)) "  " (m(s.change)) "\n" }
                }
                Body::Return(r) => {
                    (W::Returns.in_(lang)) @if let Some(o) = &r.original { " " (o.receipt) } "\n"
                    @for l in &r.lines { (l.name) "  " (quantity(l.quantity.milli().into(), lang)) "  -" (m(l.gross)) "\n" }
                    strong { (W::Total.in_(lang)) "  -" (m(r.total)) } "\n"
                    @for t in &r.refunds { (t.kind.code()) "  -" (m(t.amount)) "\n" }
                    (W::Reason.in_(lang)) ": " (r.reason) "\n"
                }
                Body::Void(v) => {
                    (W::Voids.in_(lang)) " " (v.voided_receipt) "  -" (m(v.total)) "\n"
                    (W::Reason.in_(lang)) ": " (v.reason) "\n" (W::Approver.in_(lang)) ": " (v.approver) "\n"
                }
                other => { (other.kind()) "\n" }
            }
            @if let Some(lines) = store.and_then(|s| s.receipt_lines.as_ref()) { "\n" @for l in &lines.footer { (l) "\n" } }
        }
    }
}
