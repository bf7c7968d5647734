-- Per worker, the facts that need a lookup each: status, duty, skill, hours and days off,
-- and the running client rating and QC score. The facts about other orders (overlaps, the day's load, earlier
-- tries, the client's preferences) are read once per decision as sets, in `store.rs`.
SELECT u.id,
       u.active,
       COALESCE(p.on_duty, 0) AS on_duty,
       EXISTS (SELECT 1 FROM worker_skills k WHERE k.user_id = u.id AND k.skill = :skill) AS skilled,
       EXISTS (SELECT 1 FROM worker_hours h
               WHERE h.user_id = u.id AND h.weekday = :weekday
                 AND h.start_minute <= :start_minute AND h.end_minute >= :end_minute)
         AND NOT EXISTS (SELECT 1 FROM worker_days_off d WHERE d.user_id = u.id AND d.day = :day)
         AS within_hours,
       r.rating_sum * 100 / r.rating_count AS rating_centi,
       q.score_sum * 100 / q.score_count AS qc_centi,
       -- hiring: off matching for this service after a failed or overdue re-certification
       -- (hiring's schedule marks a certification overdue on the pass after its due date).
       COALESCE(NOT c.overridden AND c.status IN ('failed', 'overdue'), 0) AS not_certified,
       c.score_bp / 20 AS cert_centi
FROM people u
LEFT JOIN worker_profiles p ON p.user_id = u.id
LEFT JOIN worker_ratings r ON r.worker_id = u.id
LEFT JOIN worker_qc_scores q ON q.worker_id = u.id
LEFT JOIN worker_certification_facts c ON c.worker_id = u.id AND c.service_id = :service
WHERE u.role = 'worker'
ORDER BY u.id
