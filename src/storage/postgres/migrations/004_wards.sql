-- Wards (issue 14 item 1): a dossier carries the ward that received it, and a rating its
-- dossier's ward, so a ward's staff and the reports can keep one ward's (`--phuong`, the staff
-- console). The ward stays in `record` / `rating` too, which remain the source of truth; the
-- column beside it is for queries by ward (the province's own SQL reports, per-ward counts). NULL means no ward known: data from before wards,
-- or a single-ward install (where it belongs to that one ward). Nothing is backfilled: the code
-- falls back to the ward of the dossier code's receiving unit (src/dossiers/wards.ts).
-- (Unanswered questions and staff accounts got their ward and role in 003.)

ALTER TABLE dossiers ADD COLUMN ward text;
CREATE INDEX dossiers_ward ON dossiers (ward);

ALTER TABLE ratings ADD COLUMN ward text;
CREATE INDEX ratings_ward ON ratings (ward);
