-- Screening that runs by itself. A test may name the service it screens for: applicants are
-- invited to the active policy's tests for the services they offer (and to those naming no
-- service), and a worker is re-certified for a service with that service's test.
ALTER TABLE screening_tests ADD COLUMN service_id INTEGER REFERENCES services (id);

-- One row per local day on which the scheduled screening decisions ran: the daily run is
-- due when today's row is missing, and the UNIQUE key makes a second run that day a no-op.
CREATE TABLE screening_runs (
    day        TEXT    NOT NULL PRIMARY KEY,
    hired      INTEGER NOT NULL,
    rejected   INTEGER NOT NULL,
    ran_at     TEXT    NOT NULL
) WITHOUT ROWID;
