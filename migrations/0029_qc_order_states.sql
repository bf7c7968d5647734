-- quality: where an order stands with quality control — its sample draw (picked or not)
-- and its review, if any — so a bet on the QC score can be settled from it. In file-name
-- order 0026 has already made this same view (it rebuilds qc_reviews, which the view reads).
CREATE VIEW IF NOT EXISTS qc_order_states AS
SELECT o.order_id,
       (SELECT picked FROM qc_sample_draws d WHERE d.order_id = o.order_id) AS picked,
       r.status AS review_status,
       r.score
FROM (SELECT order_id FROM qc_sample_draws UNION SELECT order_id FROM qc_reviews) o
LEFT JOIN qc_reviews r ON r.order_id = o.order_id;
