//! The catalogue in the browser: finding products, and changing one (or adding one) with the
//! same checks the CSV import and the terminals apply, so that a product set here never stops
//! a terminal's change feed. What is saved reaches the terminals through the change feed.
//!
//! Everyone who may see sales may look; only an administrator may change anything
//! (`OfficeAction::EditCatalogue`), checked in every handler that writes, not only by the
//! buttons a page shows.

use std::collections::HashSet;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kasir_core::catalogue_csv::{self, COLUMNS, CsvError, RowProblem};
use kasir_core::money::MoneyError;
use kasir_core::office::OfficeAction;
use kasir_core::wire::ProductRecord;
use maud::{Markup, html};
use serde::Deserialize;

use super::WebState;
use super::page::{self, Menu, Refusal, money};
use super::session::{Posted, Signed};
use super::words::{Lang, W};
use crate::storage::check_product;

/// Products on one page of the list.
const PAGE: u32 = 50;

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<u32>,
}

/// `GET /catalogue`: products by SKU, found by SKU, name or barcode.
pub async fn list(
    State(state): State<WebState>,
    user: Signed,
    Query(query): Query<ListQuery>,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::ViewSales)?;
    let lang = user.lang;
    let page_no = query.page.unwrap_or(1).max(1);
    let offset = (page_no - 1).saturating_mul(PAGE);
    let (products, total) =
        state.storage.products(&query.q, offset, PAGE).await.map_err(Refusal::storage(lang))?;
    let edits = user.may(OfficeAction::EditCatalogue).is_ok();
    let pages = total.div_ceil(u64::from(PAGE)).max(1);
    let link = |n: u32| format!("/catalogue?q={}&page={n}", urlencoded(&query.q));
    let title = W::Catalogue.in_(lang);
    let body = html! {
        h1 { (title) }
        (tabs(&user, Tab::Products))
        form.filters #search method="get" action="/catalogue" {
            label { (W::SearchCatalogue.in_(lang)) input type="search" name="q" value=(query.q) autofocus; }
            button type="submit" { (W::Search.in_(lang)) }
            @if edits { a href="/catalogue/products/new" { (W::NewProduct.in_(lang)) } }
        }
        @if !edits { p.muted { (W::ViewOnly.in_(lang)) } }
        p.muted #found { (total) " " (W::ProductsFound.in_(lang)) " · " (W::PageWord.in_(lang)) " " (page_no) " / " (pages) }
        div.table-wrap { table #products {
            thead { tr {
                th { (W::Sku.in_(lang)) } th { (W::Name.in_(lang)) } th { (W::Category.in_(lang)) }
                th.n { (W::Price.in_(lang)) } th { (W::TaxClass.in_(lang)) } th { (W::Barcodes.in_(lang)) }
                th { (W::Active.in_(lang)) }
            } }
            tbody {
                @for p in &products {
                    tr data-sku=(p.sku) {
                        td { @if edits { a href={ "/catalogue/products/" (urlencoded(&p.sku)) } { (p.sku) } } @else { (p.sku) } }
                        td { (p.name) } td { (p.category) }
                        td.n.price { (money(p.price.into(), lang)) }
                        td { (p.tax_class) }
                        td { (p.barcodes.join(", ")) }
                        td { @if p.active { (W::Yes.in_(lang)) } @else { (W::No.in_(lang)) } }
                    }
                }
                @if products.is_empty() { tr { td colspan="7" { (W::NoProducts.in_(lang)) } } }
            }
        } }
        p {
            @if page_no > 1 { a rel="prev" href=(link(page_no - 1)) { (W::Previous.in_(lang)) } " " }
            @if u64::from(page_no) < pages { a rel="next" href=(link(page_no + 1)) { (W::Next.in_(lang)) } }
        }
    };
    Ok(page::shell(&user, title, Menu::Catalogue, body).into_response())
}

/// The catalogue pages' own menu.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Tab {
    Products,
    Tax,
    QuickKeys,
    Import,
}

pub(super) fn tabs(user: &Signed, here: Tab) -> Markup {
    let lang = user.lang;
    let entry = |tab: Tab, href: &str, w: W| html! { a href=(href) class=[(tab == here).then_some("here")] { (w.in_(lang)) } };
    html! {
        p.tabs {
            (entry(Tab::Products, "/catalogue", W::Products)) " · "
            (entry(Tab::Tax, "/catalogue/tax", W::TaxClasses)) " · "
            (entry(Tab::QuickKeys, "/catalogue/quick-keys", W::QuickKeys))
            @if user.may(OfficeAction::EditCatalogue).is_ok() { " · " (entry(Tab::Import, "/catalogue/import", W::ImportCsv)) }
        }
    }
}

pub(super) fn urlencoded(text: &str) -> String {
    serde_urlencoded::to_string([("", text)]).map(|q| q[1..].to_owned()).unwrap_or_default()
}

/// A product as typed into its form: kept as typed, so that a refused form shows it again.
#[derive(Deserialize, Default, Clone)]
pub struct ProductForm {
    #[serde(default)]
    sku: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    price: String,
    #[serde(default)]
    tax_class: String,
    #[serde(default)]
    barcodes: String,
    #[serde(default)]
    price_includes_tax: Option<String>,
    #[serde(default)]
    sold_by_weight: Option<String>,
    #[serde(default)]
    active: Option<String>,
}

impl ProductForm {
    fn of(p: &ProductRecord) -> ProductForm {
        let on = |b: bool| b.then(|| "on".to_owned());
        ProductForm {
            sku: p.sku.clone(),
            name: p.name.clone(),
            category: p.category.clone(),
            unit: p.unit.clone(),
            price: kasir_core::format::format_decimal(p.price.into(), 0, kasir_core::Locale::Id),
            tax_class: p.tax_class.clone(),
            barcodes: p.barcodes.join("\n"),
            price_includes_tax: on(p.price_includes_tax),
            sold_by_weight: on(p.sold_by_weight),
            active: on(p.active),
        }
    }

    /// A new product's form: the CSV import's defaults.
    fn blank() -> ProductForm {
        ProductForm {
            category: "Umum".into(),
            price_includes_tax: Some("on".into()),
            active: Some("on".into()),
            ..ProductForm::default()
        }
    }
}

/// What is wrong with a form: the field (a CSV column name) when there is one, and the words.
type Problems = Vec<(Option<&'static str>, String)>;

/// Rupiah as people type them, `12.500` or `Rp 12.500,-` as well as `12500`, in the notation
/// the catalogue's CSV reads (`12500`, a point before any decimals); whether the amount is a
/// number, whole and not negative is kasir-core's to say.
fn rupiah_text(typed: &str) -> String {
    let t = typed.trim();
    let t = t.strip_prefix("Rp").unwrap_or(t).trim();
    let t = t.strip_suffix(",-").unwrap_or(t);
    let (sign, t) = t.strip_prefix('-').map_or(("", t), |rest| ("-", rest.trim()));
    let (whole, decimals) = t.split_once(',').map_or((t, None), |(w, d)| (w, Some(d)));
    let mut groups = whole.split('.');
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let grouped = whole.contains('.')
        && groups.next().is_some_and(|g| digits(g) && g.len() <= 3)
        && groups.all(|g| digits(g) && g.len() == 3);
    let whole = if grouped { whole.replace('.', "") } else { whole.to_owned() };
    match decimals {
        Some(d) => format!("{sign}{whole}.{d}"),
        None => format!("{sign}{whole}"),
    }
}

/// The form checked as one row of the catalogue CSV, by kasir-core's own row check (the
/// same as `kasir-headoffice catalog import` and the terminals'), then by the storage's.
fn checked(
    form: &ProductForm,
    sku: &str,
    classes: &HashSet<String>,
    lang: Lang,
) -> Result<ProductRecord, Problems> {
    let flag = |f: &Option<String>| if f.is_some() { "true" } else { "false" };
    let barcodes: Vec<&str> = form.barcodes.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let row = [
        sku,
        &barcodes.join("|"),
        &form.name,
        &form.category,
        &form.unit,
        &rupiah_text(&form.price),
        &form.tax_class,
        flag(&form.price_includes_tax),
        flag(&form.sold_by_weight),
        flag(&form.active),
    ];
    let mut csv = csv::Writer::from_writer(Vec::new());
    let written = csv.write_record(COLUMNS).and_then(|()| csv.write_record(row)).map_err(|e| e.to_string());
    let data =
        written.and_then(|()| csv.into_inner().map_err(|e| e.to_string())).map_err(|e| vec![(None, e)])?;
    let rules = kasir_core::barcode::default_variable_measure_rules();
    let parsed = catalogue_csv::parse_products(&data, kasir_core::Currency::IDR, &rules, classes)
        .and_then(|p| p.finish(Vec::new()));
    let product = match parsed {
        Ok(mut products) if products.len() == 1 => products.pop().expect("one product"),
        Ok(_) => return Err(vec![(None, CsvError::Empty.to_string())]),
        Err(CsvError::BadRows(rows)) => {
            return Err(rows.iter().map(|r| problem(&r.reason, &form.price, lang)).collect());
        }
        Err(e) => return Err(vec![(None, e.to_string())]),
    };
    check_product(&product).map_err(|e| vec![(None, e.to_string())])?;
    Ok(product)
}

/// A row's problem as its form field and words: the price's in the page's language (it is
/// what is mistyped most), the others as kasir-core words them.
fn problem(p: &RowProblem, typed_price: &str, lang: Lang) -> (Option<&'static str>, String) {
    let price = |w: W| (Some("price"), format!("{}: {typed_price:?} {}", W::Price.in_(lang), w.in_(lang)));
    match p {
        RowProblem::NegativePrice(_) => price(W::NotNegative),
        RowProblem::BadPrice(MoneyError::NotANumber(n)) if n.is_empty() => {
            (Some("price"), format!("{} {}", W::Price.in_(lang), W::Required.in_(lang)))
        }
        RowProblem::BadPrice(MoneyError::NotANumber(_)) => price(W::NotANumber),
        RowProblem::BadPrice(MoneyError::TooManyDecimals { .. }) => price(W::NoFraction),
        RowProblem::BadPrice(MoneyError::TooLarge(_)) => price(W::TooLargeAmount),
        RowProblem::EmptySku => (Some("sku"), format!("{} {}", W::Sku.in_(lang), W::Required.in_(lang))),
        RowProblem::EmptyName => (Some("name"), format!("{} {}", W::Name.in_(lang), W::Required.in_(lang))),
        other => {
            let field = match other {
                RowProblem::BadSku(_) | RowProblem::SkuTwice { .. } => Some("sku"),
                RowProblem::UnknownTaxClass { .. } => Some("tax_class"),
                RowProblem::NotAFlag { column, .. } | RowProblem::ControlCharacter { column, .. } => {
                    Some(*column)
                }
                RowProblem::WeightKeyNotByWeight(_)
                | RowProblem::Barcode(_)
                | RowProblem::VariableMeasurePrefix { .. }
                | RowProblem::BarcodeTwice { .. }
                | RowProblem::BarcodeTaken { .. } => Some("barcodes"),
                _ => None,
            };
            let label = field.and_then(label_of).map_or(String::new(), |w| format!("{}: ", w.in_(lang)));
            (field, format!("{label}{other}"))
        }
    }
}

/// The form's label for a CSV column.
fn label_of(column: &str) -> Option<W> {
    Some(match column {
        "sku" => W::Sku,
        "name" => W::Name,
        "category" => W::Category,
        "unit" => W::Unit,
        "price" => W::Price,
        "tax_class" => W::TaxClass,
        "barcodes" => W::Barcodes,
        "price_includes_tax" => W::PriceIncludesTax,
        "sold_by_weight" => W::SoldByWeight,
        "active" => W::Active,
        _ => return None,
    })
}

/// `GET /catalogue/products/new`.
pub async fn new_product(State(state): State<WebState>, user: Signed) -> Result<Response, Refusal> {
    user.may(OfficeAction::EditCatalogue)?;
    product_page(&state, &user, None, &ProductForm::blank(), &[], None, StatusCode::OK).await
}

/// `GET /catalogue/products/{sku}`.
pub async fn product(
    State(state): State<WebState>,
    user: Signed,
    Path(sku): Path<String>,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::EditCatalogue)?;
    let found = state.storage.product(&sku).await.map_err(Refusal::storage(user.lang))?;
    let p = found.ok_or(Refusal::NotFound(user.lang))?;
    product_page(&state, &user, Some(&sku), &ProductForm::of(&p), &[], None, StatusCode::OK).await
}

/// `POST /catalogue/products/new`: a product whose SKU is not taken yet.
pub async fn create(
    State(state): State<WebState>,
    Posted(user, form): Posted<ProductForm>,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::EditCatalogue)?;
    let sku = form.sku.trim().to_owned();
    let taken =
        !sku.is_empty() && state.storage.product(&sku).await.map_err(Refusal::storage(user.lang))?.is_some();
    if taken {
        let why =
            vec![(Some("sku"), format!("{} {sku:?}: {}", W::Sku.in_(user.lang), W::SkuTaken.in_(user.lang)))];
        return product_page(&state, &user, None, &form, &why, None, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    save(&state, &user, None, &sku, form).await
}

/// `POST /catalogue/products/{sku}`: changes a product that exists.
pub async fn update(
    State(state): State<WebState>,
    Path(sku): Path<String>,
    Posted(user, form): Posted<ProductForm>,
) -> Result<Response, Refusal> {
    user.may(OfficeAction::EditCatalogue)?;
    state
        .storage
        .product(&sku)
        .await
        .map_err(Refusal::storage(user.lang))?
        .ok_or(Refusal::NotFound(user.lang))?;
    save(&state, &user, Some(&sku), &sku, form).await
}

async fn save(
    state: &WebState,
    user: &Signed,
    existing: Option<&str>,
    sku: &str,
    form: ProductForm,
) -> Result<Response, Refusal> {
    let lang = user.lang;
    let classes: HashSet<String> = state
        .storage
        .tax_classes()
        .await
        .map_err(Refusal::storage(lang))?
        .into_iter()
        .map(|c| c.code)
        .collect();
    match checked(&form, sku, &classes, lang) {
        Err(why) => {
            product_page(state, user, existing, &form, &why, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Ok(p) => {
            state.storage.put_product(&p).await.map_err(Refusal::storage(lang))?;
            tracing::info!(by = %user.user.code, sku = %p.sku, price = p.price, "product set from the web app");
            let notice = html! { p.notice role="status" #saved { (p.sku) " · " (p.name) " · " (money(p.price.into(), lang)) ": " (W::ProductSaved.in_(lang)) } };
            product_page(state, user, Some(&p.sku), &ProductForm::of(&p), &[], Some(notice), StatusCode::OK)
                .await
        }
    }
}

/// The product's form: `existing` is its SKU once it exists (the SKU is then not changed).
async fn product_page(
    state: &WebState,
    user: &Signed,
    existing: Option<&str>,
    form: &ProductForm,
    problems: &[(Option<&'static str>, String)],
    notice: Option<Markup>,
    status: StatusCode,
) -> Result<Response, Refusal> {
    let lang = user.lang;
    let classes = state.storage.tax_classes().await.map_err(Refusal::storage(lang))?;
    let bad = |field: &str| problems.iter().any(|(f, _)| *f == Some(field)).then_some("true");
    let title = existing
        .map_or_else(|| W::NewProduct.in_(lang).to_owned(), |s| format!("{} {s}", W::Product.in_(lang)));
    let action = existing.map_or_else(
        || "/catalogue/products/new".to_owned(),
        |s| format!("/catalogue/products/{}", urlencoded(s)),
    );
    let text = |name: &'static str, w: W, value: &str| {
        html! {
            label { (w.in_(lang)) input name=(name) value=(value) aria-invalid=[bad(name)]; }
        }
    };
    let check = |name: &'static str, w: W, on: bool| {
        html! {
            label { input type="checkbox" name=(name) checked[on] aria-invalid=[bad(name)]; " " (w.in_(lang)) }
        }
    };
    let body = html! {
        h1 { (title) }
        (tabs(user, Tab::Products))
        @if let Some(n) = notice { (n) }
        @if !problems.is_empty() {
            div.refusal role="alert" #problems {
                p { (W::NothingSaved.in_(lang)) }
                ul { @for (_, why) in problems { li { (why) } } }
            }
        }
        @if classes.is_empty() { p.refusal { (W::NoTaxClasses.in_(lang)) " " a href="/catalogue/tax" { (W::TaxClasses.in_(lang)) } } }
        form.stack #product method="post" action=(action) {
            input type="hidden" name="csrf" value=(user.csrf);
            @if existing.is_none() { (text("sku", W::Sku, &form.sku)) }
            (text("name", W::Name, &form.name))
            (text("category", W::Category, &form.category))
            (text("unit", W::Unit, &form.unit))
            label { (W::Price.in_(lang)) input name="price" value=(form.price) inputmode="numeric" aria-invalid=[bad("price")]; }
            label { (W::TaxClass.in_(lang))
                select name="tax_class" aria-invalid=[bad("tax_class")] {
                    @for c in &classes { option value=(c.code) selected[c.code == form.tax_class] { (c.code) } }
                }
            }
            (check("price_includes_tax", W::PriceIncludesTax, form.price_includes_tax.is_some()))
            (check("sold_by_weight", W::SoldByWeight, form.sold_by_weight.is_some()))
            (check("active", W::Active, form.active.is_some()))
            label { (W::Barcodes.in_(lang))
                textarea name="barcodes" rows="4" aria-invalid=[bad("barcodes")] { (form.barcodes) }
                span.muted { (W::BarcodesHelp.in_(lang)) }
            }
            p { button type="submit" { (W::Save.in_(lang)) } " " a href="/catalogue" { (W::Back.in_(lang)) } }
        }
    };
    Ok((status, page::shell(user, &title, Menu::Catalogue, body)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupiah_are_read_as_people_type_them() {
        assert_eq!(rupiah_text("12500"), "12500");
        assert_eq!(rupiah_text("12.500"), "12500");
        assert_eq!(rupiah_text(" Rp 1.234.500,- "), "1234500");
        assert_eq!(rupiah_text("-12.500"), "-12500");
        // Not thousands: left for kasir-core to refuse as a fraction or not a number.
        assert_eq!(rupiah_text("12.5"), "12.5");
        assert_eq!(rupiah_text("12,5"), "12.5");
        assert_eq!(rupiah_text("1.2345"), "1.2345");
        assert_eq!(rupiah_text("abc"), "abc");
    }

    fn classes() -> HashSet<String> {
        ["PPN".to_owned()].into()
    }

    fn form(price: &str) -> ProductForm {
        ProductForm {
            name: "Teh".into(),
            price: price.into(),
            tax_class: "PPN".into(),
            ..ProductForm::blank()
        }
    }

    #[test]
    fn a_price_is_refused_naming_the_field_for_each_way_it_is_wrong() {
        for (typed, says) in
            [("-500", "negative"), ("12,5", "fraction"), ("dua ribu", "not a number"), ("", "required")]
        {
            let why = checked(&form(typed), "A1", &classes(), Lang::En).unwrap_err();
            assert_eq!(why.len(), 1, "{typed}: {why:?}");
            assert_eq!(why[0].0, Some("price"), "{typed}");
            assert!(
                why[0].1.starts_with("Price (Rupiah)") && why[0].1.contains(says),
                "{typed}: {}",
                why[0].1
            );
        }
        assert_eq!(checked(&form("12.500"), "A1", &classes(), Lang::En).unwrap().price, 12_500);
    }

    #[test]
    fn barcodes_and_tax_classes_are_checked_as_the_csv_checks_them() {
        let mut f = form("1000");
        f.barcodes = "8991234567890\n123".into();
        f.tax_class = "VAT".into();
        let why = checked(&f, "A1", &classes(), Lang::Id).unwrap_err();
        let fields: Vec<_> = why.iter().map(|(f, _)| *f).collect();
        assert!(fields.contains(&Some("barcodes")) && fields.contains(&Some("tax_class")), "{why:?}");
        f.barcodes = "4006381333931\n".into();
        f.tax_class = "PPN".into();
        assert_eq!(
            checked(&f, "A1", &classes(), Lang::En).unwrap().barcodes,
            vec!["4006381333931".to_owned()]
        );
    }
}
