-- Following up hires: how the people each screening-policy version hired did later. Hiring
-- reads the other contexts' records through published views, one hire at a time, so every
-- lookup below is by worker and stays small on years of history.

-- audit: each change to an account's standing (deactivated, reactivated, given another
-- role), with the user it concerns and, for a role change, the new role.
CREATE VIEW account_changes AS
SELECT CAST(substr(subject, 6) AS INTEGER) AS user_id, at, action,
       json_extract(details, '$.to') AS role
FROM audit_log
WHERE action IN ('user.deactivate', 'user.reactivate', 'user.role') AND subject LIKE 'user:%';

-- One worker's standing changes without reading the rest of the log.
CREATE INDEX audit_log_accounts ON audit_log (CAST(substr(subject, 6) AS INTEGER), at)
WHERE action IN ('user.deactivate', 'user.reactivate', 'user.role') AND subject LIKE 'user:%';

-- orders: a worker's disputed jobs (the client refused to sign) without reading every job
-- they ever did; the refusal's reason stays on the order whatever settles it.
CREATE INDEX orders_disputed_worker ON orders (worker_id) WHERE dispute_reason IS NOT NULL;

-- hiring: the outcome of each re-certification attempt, recorded when it decides the
-- worker's certification (an attempt overtaken by a newer one decides nothing and stays
-- NULL). Earlier attempts take theirs from their own pass mark, or from the certification
-- they decided when they set none.
ALTER TABLE test_assignments ADD COLUMN recert_outcome TEXT
    CHECK (recert_outcome IN ('passed', 'failed'));
UPDATE test_assignments SET recert_outcome =
    CASE WHEN score_bp >= pass_mark_bp THEN 'passed' ELSE 'failed' END
WHERE worker_id IS NOT NULL AND status = 'graded' AND pass_mark_bp IS NOT NULL;
UPDATE test_assignments SET recert_outcome =
    (SELECT CASE c.status WHEN 'certified' THEN 'passed' ELSE 'failed' END
     FROM worker_certifications c WHERE c.assignment_id = test_assignments.id)
WHERE worker_id IS NOT NULL AND status = 'graded' AND pass_mark_bp IS NULL
  AND id IN (SELECT assignment_id FROM worker_certifications
             WHERE status IN ('certified', 'failed') AND assignment_id IS NOT NULL);

-- hiring: the hires of every version, without reading the rejections.
CREATE INDEX hiring_decisions_hired ON hiring_decisions (candidate_id) WHERE hired = 1;
