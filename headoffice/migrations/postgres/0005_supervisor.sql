-- Kasir head office, PostgreSQL, version 5: a third role, 'supervisor', between cashier and
-- manager.

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('cashier', 'supervisor', 'manager'));
