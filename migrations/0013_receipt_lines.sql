-- Kasir terminal, version 13: the store's own receipt header and footer lines, printed
-- centred under the store's identity and at the end of every receipt.

CREATE TABLE receipt_lines (
    part        TEXT NOT NULL CHECK (part IN ('header', 'footer')),
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (part, position)
) STRICT;

-- Where the lines came from: 'config' (kasir.toml's [receipt], laid down at each start) until
-- head office sends the store's own; from then on 'headoffice', and kasir.toml's are left alone.
CREATE TABLE receipt_lines_source (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    source      TEXT NOT NULL CHECK (source IN ('config', 'headoffice'))
) STRICT;
INSERT INTO receipt_lines_source (id, source) VALUES (1, 'config');
