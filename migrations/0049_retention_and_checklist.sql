-- How long personal data is kept (the business's retention settings) and the admin's
-- getting-started checklist.

-- orders: a report attachment or a signature image removed under the retention policy. The
-- rows stay (the report's hash covers the file hashes, and the signature is the sign-off's
-- record); only the stored bytes go. The mark is written first, the bytes removed after the
-- commit, so a crash between the two leaves an unreferenced file the file janitor takes.
ALTER TABLE order_files ADD COLUMN removed_at TEXT;
ALTER TABLE order_signatures ADD COLUMN image_removed_at TEXT;

-- The retention pass finds what is due without reading what it already removed.
CREATE INDEX order_files_kept ON order_files (order_id) WHERE removed_at IS NULL;
CREATE INDEX order_signatures_image_kept ON order_signatures (signed_at)
    WHERE image_removed_at IS NULL;

-- auth: when a closed account's personal data was replaced by placeholders. The row stays,
-- so the ledger's accounts (`client:42`), orders and audit entries still name someone.
ALTER TABLE users ADD COLUMN anonymised_at TEXT;

-- hiring: who looked at the screening policies, and when (the checklist's "policy reviewed").
-- One row per person, the first look; the admin home reads it through hiring's functions.
CREATE TABLE screening_policy_reviews (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id),
    reviewed_at TEXT    NOT NULL
);

-- jobs: one row per UTC day on which the retention pass ran (the pass is due when today's
-- row is missing). Written in the same transaction as the pass's marks, so a pass cut short
-- left nothing and runs again; what it removed is also in the audit log.
CREATE TABLE retention_passes (
    day        TEXT    NOT NULL PRIMARY KEY,
    photos     INTEGER NOT NULL,
    signatures INTEGER NOT NULL,
    accounts   INTEGER NOT NULL,
    ran_at     TEXT    NOT NULL
) WITHOUT ROWID;
