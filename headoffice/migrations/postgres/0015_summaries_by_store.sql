-- Kasir head office, PostgreSQL, version 15: the summary tables by store, then day. Their keys
-- start with the business day, which serves a period of the whole chain; a store's year read
-- that way went through every store's rows of the year (measured: 8.7 s for one store's
-- dashboard on PostgreSQL at 20 million sale lines, docs/benchmarks.md 2026-12-01).
CREATE INDEX summary_hours_by_store ON summary_hours (store, business_date);
CREATE INDEX summary_products_by_store ON summary_products (store, business_date);
CREATE INDEX summary_categories_by_store ON summary_categories (store, business_date);
CREATE INDEX summary_cashiers_by_store ON summary_cashiers (store, business_date);
CREATE INDEX summary_tenders_by_store ON summary_tenders (store, business_date);
CREATE INDEX summary_taxes_by_store ON summary_taxes (store, business_date);
CREATE INDEX summary_return_reasons_by_store ON summary_return_reasons (store, business_date);
CREATE INDEX approvals_by_store ON approvals (store, business_date);
