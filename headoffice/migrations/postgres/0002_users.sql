-- Kasir head office, PostgreSQL, version 2: the chain's users, managed here and sent to the
-- terminals of the stores they work in through the change feed.

CREATE TABLE users (
    -- 1 to 8 letters or digits, unique in the chain.
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
    -- argon2id PHC string of the PIN; the PIN itself is never stored.
    pin_hash    TEXT NOT NULL,
    active      BOOLEAN NOT NULL,
    -- Every change to the user or to the stores they work in takes a new number.
    change_no   BIGINT NOT NULL
);
CREATE INDEX users_by_change ON users (change_no);

-- The stores a user works in. A row is kept (member = false) when the user leaves a store,
-- so that store's terminals still hear of it and stop accepting the user.
CREATE TABLE user_stores (
    code        TEXT NOT NULL REFERENCES users (code),
    store       TEXT NOT NULL REFERENCES stores (code),
    member      BOOLEAN NOT NULL,
    PRIMARY KEY (code, store)
);
CREATE INDEX user_stores_by_store ON user_stores (store);
