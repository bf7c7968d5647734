-- Private calendar feeds: a worker's jobs, or every job for managers, at a secret URL a
-- calendar app polls without a session. One feed per person; the token is stored only
-- hashed, so the URL is shown once, when it is made. Renewing replaces the row (the old URL
-- stops working); revoking deletes it.
CREATE TABLE calendar_feeds (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id),
    token_hash TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL
);

-- The booking confirmation carries the appointment as an .ics attachment: the calendar text
-- is written with the mail (in the client's language), so the dispatcher only attaches it.
ALTER TABLE outbox ADD COLUMN calendar_ics TEXT;
