-- admin: the business settings an admin saves in the app (`/admin/settings`), laid over the
-- defaults and under the TOML file and the environment. One row per key holds the value now;
-- each save is one numbered version listing what it changed, append-only, so any past
-- state can be read back.
CREATE TABLE app_settings (
    key        TEXT    PRIMARY KEY,
    value      TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE app_settings_versions (
    version      INTEGER PRIMARY KEY,
    actor_id     INTEGER REFERENCES users (id),
    changes_json TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE TRIGGER app_settings_versions_no_update BEFORE UPDATE ON app_settings_versions
BEGIN SELECT RAISE(ABORT, 'app_settings_versions is append-only'); END;
CREATE TRIGGER app_settings_versions_no_delete BEFORE DELETE ON app_settings_versions
BEGIN SELECT RAISE(ABORT, 'app_settings_versions is append-only'); END;

-- The company's logo: one image at most, served to the header, mail and the installable app.
CREATE TABLE company_logo (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    content_type TEXT    NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
    width        INTEGER NOT NULL CHECK (width > 0),
    height       INTEGER NOT NULL CHECK (height > 0),
    bytes        BLOB    NOT NULL,
    updated_at   TEXT    NOT NULL
);

-- The stored values for everyone: read when the app starts (before any context runs).
CREATE VIEW stored_settings AS SELECT key, value FROM app_settings;

-- orders: the cancellation fee frozen when an order is placed, as the commission already is,
-- so a changed fee applies to orders placed after the change. NULL for older orders, which
-- keep being charged the fee set at the time of cancelling.
ALTER TABLE orders ADD COLUMN cancellation_fee_percent INTEGER
    CHECK (cancellation_fee_percent BETWEEN 0 AND 100);

-- supply: where a kit is to be collected; NULL means the first pickup point.
ALTER TABLE packs ADD COLUMN pickup_point TEXT;
