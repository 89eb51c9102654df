use super::*;

pub(super) async fn put_products(s: &SqliteStorage, products: &[ProductRecord]) -> Result<(), StorageError> {
    // Refused here too, whatever the caller checked: a product with a NUL would stop every
    // terminal's change feed (and cannot be stored by PostgreSQL at all).
    products.iter().try_for_each(check_product)?;
    let products = products.to_vec();
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let first_no = take_numbers(&tx, products.len())?;
        let mut st = tx.prepare(
            "INSERT INTO products (sku, name, category, unit, price, tax_class, price_includes_tax,
                 sold_by_weight, active, barcodes, change_no)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,
                 unit = excluded.unit, price = excluded.price, tax_class = excluded.tax_class,
                 price_includes_tax = excluded.price_includes_tax,
                 sold_by_weight = excluded.sold_by_weight, active = excluded.active,
                 barcodes = excluded.barcodes, change_no = excluded.change_no",
        )?;
        for (k, p) in products.iter().enumerate() {
            st.execute(params![
                p.sku,
                p.name,
                p.category,
                p.unit,
                p.price,
                p.tax_class,
                p.price_includes_tax,
                p.sold_by_weight,
                p.active,
                json(&p.barcodes)?,
                first_no + k as u64
            ])?;
        }
        drop(st);
        Ok(tx.commit()?)
    })
    .await
}

pub(super) async fn tax_classes(s: &SqliteStorage) -> Result<Vec<TaxClassRecord>, StorageError> {
    s.with(|c| all(&mut prepared(c, rows::TAX_CLASSES)?, [], |r| rows::tax_class(r, 0))).await
}

pub(super) async fn put_tax_class(s: &SqliteStorage, t: &TaxClassRecord) -> Result<(), StorageError> {
    let t = t.clone();
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let n = take_numbers(&tx, 1)?;
        tx.execute(
            "INSERT INTO tax_classes (code, rate_bp, dpp, change_no) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (code) DO UPDATE SET rate_bp = excluded.rate_bp, dpp = excluded.dpp,
                 change_no = excluded.change_no",
            params![t.code, t.rate_bp, t.dpp.to_string(), n],
        )?;
        Ok(tx.commit()?)
    })
    .await
}

pub(super) async fn put_quick_keys(s: &SqliteStorage, keys: &[QuickKeyRecord]) -> Result<(), StorageError> {
    for k in keys {
        check_text(&format!("quick key {:?}", k.sku), &k.sku)?;
        check_text(&format!("the label of quick key {:?}", k.sku), &k.label)?;
    }
    let keys = json(&keys)?;
    s.with(move |c| {
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let n = take_numbers(&tx, 1)?;
        tx.execute(
            "INSERT INTO quick_keys (id, keys, change_no) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET keys = excluded.keys, change_no = excluded.change_no",
            params![keys, n],
        )?;
        Ok(tx.commit()?)
    })
    .await
}

/// The columns the change feed reads a product from, change number first, so that a product
/// is read the same way for a page as for a terminal.
const PRODUCT_COLUMNS: &str = "change_no, sku, name, category, unit, price, tax_class, price_includes_tax,
     sold_by_weight, active, barcodes";

/// SQLite compares text byte by byte, as the `COLLATE "C"` of PostgreSQL's statement does.
const MATCHING: &str = "lower(sku) LIKE ?1 ESCAPE '\\' OR lower(name) LIKE ?1 ESCAPE '\\'
     OR lower(barcodes) LIKE ?1 ESCAPE '\\'";

fn product_of(r: &rusqlite::Row<'_>) -> Result<ProductRecord, StorageError> {
    match Table::Products.change(r)?.item {
        kasir_core::wire::ChangeItem::Product(p) => Ok(p),
        _ => Err(StorageError::Unreadable("a product row read as something else".into())),
    }
}

pub(super) async fn products(
    s: &SqliteStorage,
    search: &str,
    offset: u32,
    limit: u32,
) -> Result<(Vec<ProductRecord>, u64), StorageError> {
    let pattern = like_pattern(search);
    s.with(move |c| {
        let tx = c.transaction()?;
        let total: i64 =
            tx.query_row(&format!("SELECT count(*) FROM products WHERE {MATCHING}"), [&pattern], |r| {
                r.get(0)
            })?;
        let page = all(
            &mut tx.prepare_cached(&format!(
                "SELECT {PRODUCT_COLUMNS} FROM products WHERE {MATCHING} ORDER BY sku LIMIT ?2 OFFSET ?3"
            ))?,
            params![pattern, limit, offset],
            product_of,
        )?;
        Ok((page, u64::try_from(total).unwrap_or(0)))
    })
    .await
}

pub(super) async fn product(s: &SqliteStorage, sku: &str) -> Result<Option<ProductRecord>, StorageError> {
    let sku = sku.to_owned();
    s.with(move |c| {
        first(
            &mut c.prepare_cached(&format!("SELECT {PRODUCT_COLUMNS} FROM products WHERE sku = ?1"))?,
            [sku],
            product_of,
        )
    })
    .await
}

pub(super) async fn quick_keys(s: &SqliteStorage) -> Result<Vec<QuickKeyRecord>, StorageError> {
    let keys: Option<String> = s
        .with(|c| {
            first(&mut c.prepare_cached("SELECT keys FROM quick_keys WHERE id = 1")?, [], |r| Ok(r.get(0)?))
        })
        .await?;
    keys.map_or(Ok(Vec::new()), |k| {
        serde_json::from_str(&k).map_err(|e| StorageError::Unreadable(format!("quick keys '{k}': {e}")))
    })
}
