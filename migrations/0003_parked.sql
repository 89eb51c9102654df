-- Kasir terminal, version 3: parked carts. A parked cart is a draft: no stock, no payment,
-- nothing in the ledger until it is recalled and paid. It survives a restart; recalling it
-- removes it from here.

CREATE TABLE parked_carts (
    id          INTEGER PRIMARY KEY,
    parked_at   TEXT NOT NULL,
    cashier     TEXT NOT NULL,
    -- What the cashier sees in the list: first items and the total.
    label       TEXT NOT NULL,
    total       INTEGER NOT NULL,
    -- The cart as JSON (crate::parked::ParkedSale), with its product snapshots and prices.
    cart        TEXT NOT NULL
) STRICT;
