-- Kasir head office, SQLite, version 5: a third role, 'supervisor', between cashier and
-- manager. SQLite cannot change a CHECK constraint in place, and foreign keys stay on while
-- migrations run, so users is rebuilt together with user_stores (which refers to it): the
-- new tables are filled, the old ones dropped (user_stores first), and the new ones renamed
-- (the rename carries user_stores' reference over to the new name).

CREATE TABLE users_v5 (
    -- 1 to 8 letters or digits, unique in the chain.
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'manager')),
    -- argon2id PHC string of the PIN; the PIN itself is never stored.
    pin_hash    TEXT NOT NULL,
    active      INTEGER NOT NULL CHECK (active IN (0, 1)),
    -- Every change to the user or to the stores they work in takes a new number.
    change_no   INTEGER NOT NULL
) STRICT;
INSERT INTO users_v5 (code, name, role, pin_hash, active, change_no)
SELECT code, name, role, pin_hash, active, change_no FROM users;

CREATE TABLE user_stores_v5 (
    code        TEXT NOT NULL REFERENCES users_v5 (code),
    store       TEXT NOT NULL REFERENCES stores (code),
    member      INTEGER NOT NULL CHECK (member IN (0, 1)),
    PRIMARY KEY (code, store)
) STRICT;
INSERT INTO user_stores_v5 (code, store, member) SELECT code, store, member FROM user_stores;

DROP TABLE user_stores;
DROP TABLE users;
ALTER TABLE users_v5 RENAME TO users;
ALTER TABLE user_stores_v5 RENAME TO user_stores;
CREATE INDEX users_by_change ON users (change_no);
CREATE INDEX user_stores_by_store ON user_stores (store);
