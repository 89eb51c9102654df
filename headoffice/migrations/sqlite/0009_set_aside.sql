-- Documents that make no sense (a negative quantity, lines that do not add up, …) are taken
-- into their terminal's chain, so its later documents still arrive, but set aside: none of
-- their figures count. The reason is kept in rejected_documents (kind 'implausible').
ALTER TABLE documents ADD COLUMN set_aside INTEGER NOT NULL DEFAULT 0;

-- rejected_documents keeps at most a bounded number of documents per terminal (see
-- ingest::MAX_KEPT_ASIDE); refusals past it are only counted here.
ALTER TABLE terminals ADD COLUMN refused_not_kept INTEGER NOT NULL DEFAULT 0;
