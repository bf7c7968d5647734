-- auth: a reset request keeps its link's token only until the mail job has queued the mail
-- (then NULL), so the request itself does the same work for a known and an unknown email and
-- queues no mail inside the request (no timing tells which emails have accounts).
ALTER TABLE password_resets ADD COLUMN mail_token TEXT;
CREATE INDEX password_resets_to_mail ON password_resets (created_at) WHERE mail_token IS NOT NULL;
-- A user's live links are retired together (on use, on a password change, on a newer link).
CREATE INDEX password_resets_user ON password_resets (user_id) WHERE used_at IS NULL;
