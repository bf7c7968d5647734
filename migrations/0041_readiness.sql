-- home: the readiness check's one row, rewritten by each probe so `/readyz` proves the
-- database takes a durable write (a full disk or a held lock makes it fail).
CREATE TABLE readiness_probe (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    at TEXT    NOT NULL
);
