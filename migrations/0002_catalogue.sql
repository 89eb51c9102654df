-- Kasir terminal catalogue, version 2: products, barcodes, tax classes and users.
-- Unlike the ledger these tables change (imports, price updates from head office); a sale
-- keeps its own snapshot of each product in its document.

CREATE TABLE tax_classes (
    code        TEXT PRIMARY KEY,
    rate_bp     INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000)
) STRICT;

CREATE TABLE products (
    sku                 TEXT PRIMARY KEY,
    name                TEXT NOT NULL COLLATE NOCASE,
    category            TEXT NOT NULL,
    unit                TEXT NOT NULL,
    price               INTEGER NOT NULL CHECK (price >= 0),
    tax_class           TEXT NOT NULL REFERENCES tax_classes (code),
    price_includes_tax  INTEGER NOT NULL CHECK (price_includes_tax IN (0, 1)),
    sold_by_weight      INTEGER NOT NULL CHECK (sold_by_weight IN (0, 1)),
    active              INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT;

-- Names that start with what was typed come first in a search.
CREATE INDEX products_by_name ON products (name COLLATE NOCASE);

CREATE TABLE barcodes (
    code    TEXT PRIMARY KEY,
    sku     TEXT NOT NULL REFERENCES products (sku) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX barcodes_by_sku ON barcodes (sku);

-- Word-prefix search on names ("indo gor" finds "Indomie Mi Goreng"), kept in step by
-- triggers. Prefix indexes make the first letters typed as fast as whole words.
CREATE VIRTUAL TABLE products_fts USING fts5 (
    name, content = 'products', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);

CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
    INSERT INTO products_fts (rowid, name) VALUES (NEW.rowid, NEW.name);
END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, name) VALUES ('delete', OLD.rowid, OLD.name);
END;
CREATE TRIGGER products_fts_update AFTER UPDATE OF name ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, name) VALUES ('delete', OLD.rowid, OLD.name);
    INSERT INTO products_fts (rowid, name) VALUES (NEW.rowid, NEW.name);
END;

CREATE TABLE users (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
    -- argon2id PHC string; the PIN itself is never stored.
    pin_hash    TEXT NOT NULL,
    active      INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT;
