-- Kasir head office, SQLite, version 11: summary tables for head office's dashboard and
-- reports, kept in the same transaction as ingest (crate::summary), so that a query's cost
-- grows with the days and products it shows, not with the sale lines behind them.
--
-- Every table is keyed by business day, store and terminal first: two terminals never write
-- the same row, and a period of the whole chain is one range of the key. Sums are signed as in
-- sales_lines (sales positive, returns and voids negative); `documents` counts the receipts
-- (sales, returns, voids) that touched the row. Set-aside documents count nothing.

-- A region to group stores by on the dashboard ('' when none was set).
ALTER TABLE stores ADD COLUMN region TEXT NOT NULL DEFAULT '';

CREATE TABLE summary_hours (
    business_date   TEXT NOT NULL,
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    hour            INTEGER NOT NULL,
    documents       INTEGER NOT NULL,
    -- Completed sales less voided ones.
    sales           INTEGER NOT NULL,
    returns         INTEGER NOT NULL,
    voids           INTEGER NOT NULL,
    items_milli     INTEGER NOT NULL,
    net             INTEGER NOT NULL,
    tax             INTEGER NOT NULL,
    gross           INTEGER NOT NULL,
    -- Line and order discounts of sales, less those of voided sales.
    discounts       INTEGER NOT NULL,
    -- Refunded by returns and taken back by voids (gross, positive).
    returned        INTEGER NOT NULL,
    voided          INTEGER NOT NULL,
    PRIMARY KEY (business_date, store, terminal, hour)
) STRICT;

CREATE TABLE summary_products (
    business_date   TEXT NOT NULL,
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    sku             TEXT NOT NULL,
    -- As the latest document of the row named it.
    name            TEXT NOT NULL,
    category        TEXT NOT NULL,
    documents       INTEGER NOT NULL,
    quantity_milli  INTEGER NOT NULL,
    net             INTEGER NOT NULL,
    tax             INTEGER NOT NULL,
    gross           INTEGER NOT NULL,
    PRIMARY KEY (business_date, store, terminal, sku)
) STRICT;

CREATE TABLE summary_categories (
    business_date   TEXT NOT NULL,
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    category        TEXT NOT NULL,
    documents       INTEGER NOT NULL,
    quantity_milli  INTEGER NOT NULL,
    net             INTEGER NOT NULL,
    tax             INTEGER NOT NULL,
    gross           INTEGER NOT NULL,
    PRIMARY KEY (business_date, store, terminal, category)
) STRICT;

CREATE TABLE summary_cashiers (
    business_date   TEXT NOT NULL,
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    cashier         TEXT NOT NULL,
    documents       INTEGER NOT NULL,
    quantity_milli  INTEGER NOT NULL,
    net             INTEGER NOT NULL,
    tax             INTEGER NOT NULL,
    gross           INTEGER NOT NULL,
    PRIMARY KEY (business_date, store, terminal, cashier)
) STRICT;

-- Taken less refunded, per tender kind: net and gross both hold the amount (cash less the
-- change given), tax and quantity_milli are 0.
CREATE TABLE summary_tenders (
    business_date   TEXT NOT NULL,
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    tender          TEXT NOT NULL,
    documents       INTEGER NOT NULL,
    quantity_milli  INTEGER NOT NULL,
    net             INTEGER NOT NULL,
    tax             INTEGER NOT NULL,
    gross           INTEGER NOT NULL,
    PRIMARY KEY (business_date, store, terminal, tender)
) STRICT;

-- Per tax class and rate: net holds the DPP (the base the rate is charged on).
CREATE TABLE summary_taxes (
    business_date   TEXT NOT NULL,
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    tax_class       TEXT NOT NULL,
    rate_bp         INTEGER NOT NULL,
    documents       INTEGER NOT NULL,
    quantity_milli  INTEGER NOT NULL,
    net             INTEGER NOT NULL,
    tax             INTEGER NOT NULL,
    gross           INTEGER NOT NULL,
    PRIMARY KEY (business_date, store, terminal, tax_class, rate_bp)
) STRICT;

CREATE TABLE summary_return_reasons (
    business_date   TEXT NOT NULL,
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    reason          TEXT NOT NULL,
    documents       INTEGER NOT NULL,
    quantity_milli  INTEGER NOT NULL,
    net             INTEGER NOT NULL,
    tax             INTEGER NOT NULL,
    gross           INTEGER NOT NULL,
    PRIMARY KEY (business_date, store, terminal, reason)
) STRICT;

-- Approvals given at the counters (kasir-core's action codes), one row per approval.
CREATE TABLE approvals (
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    n               INTEGER NOT NULL,
    business_date   TEXT NOT NULL,
    receipt         TEXT NOT NULL,
    at              TEXT NOT NULL,
    action          TEXT NOT NULL,
    cashier         TEXT NOT NULL,
    approver        TEXT NOT NULL,
    reason          TEXT NOT NULL,
    PRIMARY KEY (store, terminal, seq, n)
) STRICT;
CREATE INDEX approvals_by_date ON approvals (business_date);

-- A terminal's receipts of one business day (the canonical time starts with the local date).
CREATE INDEX documents_by_day ON documents (store, terminal, substr(created_at, 1, 10));

-- What was stored before this version is summed from sales_lines, exactly for net, tax, gross,
-- quantities and receipts. Not backfilled, for their figures are only in the canonical
-- documents: discounts (0), tenders, taxes, return reasons and approvals (no rows) of earlier
-- documents; their categories are the product's category now ('' if unknown). Counts of
-- sales, returns and voids come from the documents that have lines.
INSERT INTO summary_hours
SELECT l.business_date, l.store, l.terminal, l.hour,
    COUNT(DISTINCT l.seq),
    COUNT(DISTINCT CASE WHEN d.kind = 'sale' THEN l.seq END)
        - COUNT(DISTINCT CASE WHEN d.kind = 'void' THEN l.seq END),
    COUNT(DISTINCT CASE WHEN d.kind = 'return' THEN l.seq END),
    COUNT(DISTINCT CASE WHEN d.kind = 'void' THEN l.seq END),
    SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross), 0,
    -SUM(CASE WHEN d.kind = 'return' THEN l.gross ELSE 0 END),
    -SUM(CASE WHEN d.kind = 'void' THEN l.gross ELSE 0 END)
FROM sales_lines l
JOIN documents d ON d.store = l.store AND d.terminal = l.terminal AND d.seq = l.seq
GROUP BY l.business_date, l.store, l.terminal, l.hour;

INSERT INTO summary_products
SELECT l.business_date, l.store, l.terminal, l.sku, MAX(l.name),
    COALESCE((SELECT p.category FROM products p WHERE p.sku = l.sku), ''),
    COUNT(DISTINCT l.seq), SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross)
FROM sales_lines l
GROUP BY l.business_date, l.store, l.terminal, l.sku;

INSERT INTO summary_categories
SELECT l.business_date, l.store, l.terminal, COALESCE(p.category, ''),
    COUNT(DISTINCT l.seq), SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross)
FROM sales_lines l LEFT JOIN products p ON p.sku = l.sku
GROUP BY l.business_date, l.store, l.terminal, COALESCE(p.category, '');

INSERT INTO summary_cashiers
SELECT l.business_date, l.store, l.terminal, l.cashier,
    COUNT(DISTINCT l.seq), SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross)
FROM sales_lines l
GROUP BY l.business_date, l.store, l.terminal, l.cashier;
