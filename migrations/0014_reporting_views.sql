-- Published views for reporting: the shapes billing, quality, hiring, supply and matching
-- offer the dashboard, the summaries and the exports, so reports reads no other context's
-- tables. Each is a simple view (no aggregate, no DISTINCT, no window), so SQLite flattens it
-- into the query that reads it and the owner's indexes serve that query as before. The owner
-- named above each keeps its columns stable when its tables change.

-- billing: one row per ledger transaction (the posting's facts, without who posted it).
CREATE VIEW ledger_postings AS
SELECT id, kind, idempotency_key, reference, memo, created_at
FROM ledger_transactions;

-- billing: one row per ledger entry; join `ledger_postings` on transaction_id for its kind
-- and time. Two views rather than one joined view, so a query paging by posting joins the
-- entries once, exactly as it did against the tables.
CREATE VIEW ledger_lines AS
SELECT id, transaction_id, account, amount_minor
FROM ledger_entries;

-- billing: an invoice's facts (not its billing run or dunning schedule).
CREATE VIEW invoice_facts AS
SELECT id, number, client_id, period, status, total_minor, carried_in_minor, currency,
       issued_at, paid_at
FROM invoices;

-- billing: a payout's facts (not its gateway attempt, card or claim).
CREATE VIEW payout_facts AS
SELECT id, worker_id, period, status, amount_minor, earnings_minor, fines_minor,
       bonuses_minor, other_minor, carried_in_minor, currency, created_at, paid_at
FROM payouts;

-- quality: the scores of finished QC reviews, one per reviewed order (a review gets its
-- score and its reviewed_at when it is done).
CREATE VIEW qc_scores AS
SELECT order_id, worker_id, score, reviewed_at
FROM qc_reviews
WHERE status = 'done';

-- hiring: a candidate's progress without their contact details or free text; handed_in_test
-- is 1 once a screening test of theirs was submitted (or graded).
CREATE VIEW candidate_facts AS
SELECT c.id, c.user_id, c.status, c.applied_at, c.decided_at,
       EXISTS (SELECT 1 FROM test_assignments a WHERE a.candidate_id = c.id
               AND a.status IN ('submitted', 'graded')) AS handed_in_test
FROM candidates c;

-- hiring: every hiring decision with the version of the screening policy that made it.
CREATE VIEW hiring_outcomes AS
SELECT d.id, d.candidate_id, p.version AS policy_version, p.status AS policy_status,
       d.hired, d.decided_at
FROM hiring_decisions d JOIN screening_policies p ON p.id = d.policy_id;

-- hiring: the screening policies' versions and where each stands (one is active at most).
CREATE VIEW screening_policy_versions AS
SELECT id, version, status, activated_at
FROM screening_policies;

-- supply: what is on hand of each consumable against its reorder level.
CREATE VIEW stock_levels AS
SELECT id, sku, name, unit, on_hand, reorder_level
FROM consumables;

-- supply: a kit's (pack's) order, worker and where it stands.
CREATE VIEW kit_facts AS
SELECT id, order_id, worker_id, status, created_at, issued_at
FROM packs;

-- matching: a worker's running rating total (sum and count of the clients' ratings).
CREATE VIEW worker_rating_totals AS
SELECT worker_id, rating_sum, rating_count
FROM worker_ratings;
