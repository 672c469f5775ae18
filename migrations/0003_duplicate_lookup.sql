-- Duplicate lookup by place: the township a call's place resolves to is kept on every decision (police ones
-- included, whose routing township is null), and the lookups that run inside each intake get their indexes.

ALTER TABLE decisions ADD COLUMN place_township TEXT;
-- Only decisions that can be duplicated from: record-only ones (target none, i.e. the duplicates themselves)
-- stay out, so a burst of repeat reports does not make every lookup walk past them.
CREATE INDEX decisions_open_by_place ON decisions (place_township, category, id)
    WHERE superseded_at IS NULL AND place_township IS NOT NULL AND target != 'none';
CREATE INDEX items_by_decision ON items (decision_id, kind);
-- Replaced by decisions_open_by_place; one index fewer to maintain on every intake.
DROP INDEX decisions_open;

-- Every index is maintained by every intake on the single writer. The decision listing walks decisions newest
-- first and filters as it goes, and the SLA scan reads open items, so these indexes cost more than they save.
DROP INDEX decisions_by_target;
DROP INDEX decisions_by_category;
DROP INDEX items_open_due;
