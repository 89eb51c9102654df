-- A tax class's DPP (dasar pengenaan pajak): the share of the net price its rate is charged
-- on, written as a fraction ('11/12' for PPN 12 % on ordinary goods since 2025; '1/1', the
-- whole price, for every class before). Published to the terminals with the class.
ALTER TABLE tax_classes ADD COLUMN dpp TEXT NOT NULL DEFAULT '1/1';
