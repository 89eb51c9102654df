use super::*;

pub(super) async fn put_products(s: &PgStorage, products: &[ProductRecord]) -> Result<(), StorageError> {
    // Refused here too, whatever the caller checked: a product with a NUL would stop every
    // terminal's change feed (and cannot be stored by PostgreSQL at all).
    products.iter().try_for_each(check_product)?;
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    let first_no = take_numbers(&tx, products.len()).await?;
    let column = |f: fn(&ProductRecord) -> String| products.iter().map(f).collect::<Vec<String>>();
    let flags = |f: fn(&ProductRecord) -> bool| products.iter().map(f).collect::<Vec<bool>>();
    let prices: Vec<i64> = products.iter().map(|p| p.price).collect();
    let barcodes = products.iter().map(|p| json(&p.barcodes)).collect::<Result<Vec<String>, _>>()?;
    let numbers: Vec<i64> = (0..products.len() as i64).map(|k| first_no + k).collect();
    tx.execute(
        "INSERT INTO products (sku, name, category, unit, price, tax_class, price_includes_tax,
             sold_by_weight, active, barcodes, change_no)
         SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[],
             $7::bool[], $8::bool[], $9::bool[], $10::text[], $11::bigint[])
         ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,
             unit = excluded.unit, price = excluded.price, tax_class = excluded.tax_class,
             price_includes_tax = excluded.price_includes_tax, sold_by_weight = excluded.sold_by_weight,
             active = excluded.active, barcodes = excluded.barcodes, change_no = excluded.change_no",
        &[
            &column(|p| p.sku.clone()),
            &column(|p| p.name.clone()),
            &column(|p| p.category.clone()),
            &column(|p| p.unit.clone()),
            &prices,
            &column(|p| p.tax_class.clone()),
            &flags(|p| p.price_includes_tax),
            &flags(|p| p.sold_by_weight),
            &flags(|p| p.active),
            &barcodes,
            &numbers,
        ],
    )
    .await?;
    Ok(tx.commit().await?)
}

pub(super) async fn tax_classes(s: &PgStorage) -> Result<Vec<TaxClassRecord>, StorageError> {
    all(&s.pool.get().await?, rows::TAX_CLASSES, &[], |r| rows::tax_class(r, 0)).await
}

pub(super) async fn put_tax_class(s: &PgStorage, t: &TaxClassRecord) -> Result<(), StorageError> {
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    let n = take_numbers(&tx, 1).await?;
    tx.execute(
        "INSERT INTO tax_classes (code, rate_bp, dpp, change_no) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET rate_bp = excluded.rate_bp, dpp = excluded.dpp,
             change_no = excluded.change_no",
        &[&t.code, &(t.rate_bp as i64), &t.dpp.to_string(), &n],
    )
    .await?;
    Ok(tx.commit().await?)
}

pub(super) async fn put_quick_keys(s: &PgStorage, keys: &[QuickKeyRecord]) -> Result<(), StorageError> {
    for k in keys {
        check_text(&format!("quick key {:?}", k.sku), &k.sku)?;
        check_text(&format!("the label of quick key {:?}", k.sku), &k.label)?;
    }
    let keys = json(&keys)?;
    let mut client = s.pool.get().await?;
    let tx = client.transaction().await?;
    let n = take_numbers(&tx, 1).await?;
    tx.execute(
        "INSERT INTO quick_keys (id, keys, change_no) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET keys = excluded.keys, change_no = excluded.change_no",
        &[&keys, &n],
    )
    .await?;
    Ok(tx.commit().await?)
}

/// The columns the change feed reads a product from, change number first, so that a product
/// is read the same way for a page as for a terminal.
const PRODUCT_COLUMNS: &str = "change_no, sku, name, category, unit, price, tax_class, price_includes_tax,
     sold_by_weight, active, barcodes";

const MATCHING: &str = "lower(sku) LIKE $1 ESCAPE '\\' OR lower(name) LIKE $1 ESCAPE '\\'
     OR lower(barcodes) LIKE $1 ESCAPE '\\'";

fn product_of(r: &tokio_postgres::Row) -> Result<ProductRecord, StorageError> {
    match Table::Products.change(r)?.item {
        kasir_core::wire::ChangeItem::Product(p) => Ok(p),
        _ => Err(StorageError::Unreadable("a product row read as something else".into())),
    }
}

pub(super) async fn products(
    s: &PgStorage,
    search: &str,
    offset: u32,
    limit: u32,
) -> Result<(Vec<ProductRecord>, u64), StorageError> {
    let pattern = like_pattern(search);
    let mut client = s.pool.get().await?;
    // The count and the page from one snapshot: a page never disagrees with its total.
    let tx = snapshot(&mut client).await?;
    let total: i64 =
        scalar(&tx, &format!("SELECT count(*) FROM products WHERE {MATCHING}"), &[&pattern]).await?;
    // Byte order, as SQLite sorts: the database's own collation may sort "A-1" after "A1".
    let page = all(
        &tx,
        &format!("SELECT {PRODUCT_COLUMNS} FROM products WHERE {MATCHING} ORDER BY sku COLLATE \"C\" LIMIT $2 OFFSET $3"),
        &[&pattern, &i64::from(limit), &i64::from(offset)],
        product_of,
    )
    .await?;
    tx.commit().await?;
    Ok((page, u64::try_from(total).unwrap_or(0)))
}

pub(super) async fn product(s: &PgStorage, sku: &str) -> Result<Option<ProductRecord>, StorageError> {
    let client = s.pool.get().await?;
    first(&client, &format!("SELECT {PRODUCT_COLUMNS} FROM products WHERE sku = $1"), &[&sku], product_of)
        .await
}

pub(super) async fn quick_keys(s: &PgStorage) -> Result<Vec<QuickKeyRecord>, StorageError> {
    let client = s.pool.get().await?;
    let keys: Option<String> =
        first(&client, "SELECT keys FROM quick_keys WHERE id = 1", &[], |r| rows::Row::get(r, 0)).await?;
    keys.map_or(Ok(Vec::new()), |k| {
        serde_json::from_str(&k).map_err(|e| StorageError::Unreadable(format!("quick keys '{k}': {e}")))
    })
}
