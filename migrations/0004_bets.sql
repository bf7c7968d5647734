-- Bets: managers' pari-mutuel books on order outcomes. Deliberately isolated: no foreign
-- keys into or out of these tables (they refer to orders and users by id only), no ledger
-- postings, and no other module's SQL reads them.

CREATE TABLE bets_books (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL,
    proposition TEXT    NOT NULL CHECK (proposition IN ('completed_on_time', 'cancelled', 'qc_score_at_least_4', 'client_rating_5')),
    status      TEXT    NOT NULL CHECK (status IN ('open', 'closed', 'settled', 'void')),
    outcome     INTEGER CHECK (outcome IN (0, 1)),
    created_at  TEXT    NOT NULL,
    settled_at  TEXT,
    UNIQUE (order_id, proposition)
);
CREATE INDEX bets_books_status ON bets_books (status);

CREATE TABLE bets_stakes (
    id           INTEGER PRIMARY KEY,
    book_id      INTEGER NOT NULL,
    manager_id   INTEGER NOT NULL,
    side         INTEGER NOT NULL CHECK (side IN (0, 1)),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    placed_at    TEXT    NOT NULL
);
CREATE INDEX bets_stakes_book ON bets_stakes (book_id);

-- What each manager got back from a settled (or void) book; net = payout − staked.
CREATE TABLE bets_results (
    book_id      INTEGER NOT NULL,
    manager_id   INTEGER NOT NULL,
    staked_minor INTEGER NOT NULL,
    payout_minor INTEGER NOT NULL,
    PRIMARY KEY (book_id, manager_id)
) WITHOUT ROWID;

-- Every read and write of the bets module.
CREATE TABLE bets_access_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL,
    manager_id INTEGER NOT NULL,
    action     TEXT    NOT NULL,
    target     TEXT    NOT NULL
);
