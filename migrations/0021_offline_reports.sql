-- Reports written on a phone without signal: the browser makes a draft id when the worker
-- starts writing and sends it with the report, so a resend (the connection came back, the
-- first answer was lost) finds the report it already made instead of refusing or making a
-- second one. The report keeps when it was finished on the device beside when it arrived
-- (`submitted_at`, the server's clock): a gap between them is a fact for quality control.
ALTER TABLE order_reports ADD COLUMN draft_id TEXT;
ALTER TABLE order_reports ADD COLUMN finished_at TEXT;

-- Reports sent before this change were finished when they arrived.
UPDATE order_reports SET finished_at = submitted_at WHERE finished_at IS NULL;

CREATE UNIQUE INDEX order_reports_draft ON order_reports (draft_id) WHERE draft_id IS NOT NULL;
