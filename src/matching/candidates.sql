-- The facts every eligibility rule reads, for every worker, about one order's slot.
SELECT u.id,
       u.active,
       COALESCE(p.on_duty, 0),
       EXISTS (SELECT 1 FROM worker_skills k WHERE k.user_id = u.id AND k.skill = :skill),
       EXISTS (SELECT 1 FROM worker_hours h
               WHERE h.user_id = u.id AND h.weekday = :weekday
                 AND h.start_minute <= :start_minute AND h.end_minute >= :end_minute)
         AND NOT EXISTS (SELECT 1 FROM worker_days_off d WHERE d.user_id = u.id AND d.day = :day),
       -- An open offer holds the worker's time as firmly as a job does.
       EXISTS (SELECT 1 FROM orders o
               WHERE o.worker_id = u.id AND o.id <> :order AND o.status IN ('assigned', 'in_progress', 'reported')
                 AND o.scheduled_at < :busy_end AND o.ends_at > :busy_start)
         OR EXISTS (SELECT 1 FROM order_offers f JOIN orders o ON o.id = f.order_id
                    WHERE f.worker_id = u.id AND f.status = 'open' AND f.order_id <> :order
                      AND o.scheduled_at < :busy_end AND o.ends_at > :busy_start),
       (SELECT COUNT(*) FROM orders o
        WHERE o.worker_id = u.id AND o.status IN ('assigned', 'in_progress', 'reported', 'completed')
          AND o.scheduled_at >= :day_start AND o.scheduled_at < :day_end),
       COALESCE((SELECT kind = 'blocked' FROM client_worker_preferences WHERE client_id = :client AND worker_id = u.id), 0),
       COALESCE((SELECT kind = 'favourite' FROM client_worker_preferences WHERE client_id = :client AND worker_id = u.id), 0),
       EXISTS (SELECT 1 FROM order_offers f
               WHERE f.order_id = :order AND f.worker_id = u.id AND f.status IN ('declined', 'expired'))
FROM users u LEFT JOIN worker_profiles p ON p.user_id = u.id
WHERE u.role = 'worker'
ORDER BY u.id
