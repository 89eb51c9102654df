-- The DPP (dasar pengenaan pajak): the share of the net price a tax class charges its rate
-- on, as a fraction in lowest terms (11/12 for PPN 12 % on ordinary goods since 2025; 1/1,
-- the whole price, for every class before).
ALTER TABLE tax_classes ADD COLUMN dpp_num INTEGER NOT NULL DEFAULT 1 CHECK (dpp_num > 0);
ALTER TABLE tax_classes ADD COLUMN dpp_den INTEGER NOT NULL DEFAULT 1 CHECK (dpp_den >= dpp_num);

-- A line's DPP base ('11/12') and amount, as its document records them: NULL when the whole
-- net is the base (every line before this migration).
ALTER TABLE sale_lines ADD COLUMN dpp_base TEXT;
ALTER TABLE sale_lines ADD COLUMN dpp INTEGER;
ALTER TABLE return_lines ADD COLUMN dpp_base TEXT;
ALTER TABLE return_lines ADD COLUMN dpp INTEGER;
