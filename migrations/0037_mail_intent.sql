-- Mail is queued as its intent, as in-app notices are: the kind, its arguments, the link and
-- the file it carries (`attachment` names what the file shows, `attachment_id` which one).
-- The dispatcher writes the texts and the file in the recipient's language when it sends,
-- and then keeps the texts it sent in `subject` and `body_text` (empty until then). Rows
-- queued before this hold their written text and no arguments, and are sent as they are.
ALTER TABLE outbox ADD COLUMN args_json TEXT;
ALTER TABLE outbox ADD COLUMN link TEXT;
ALTER TABLE outbox ADD COLUMN attachment TEXT;
ALTER TABLE outbox ADD COLUMN attachment_id INTEGER;
