-- Two more published views, so no context reads another's table.

-- orders: the quote frozen when the order was placed (billing shows it line by line on the
-- invoice).
CREATE VIEW order_quotes AS
SELECT id AS order_id, quote_json
FROM orders;

-- quality: each worker's running QC score (matching's score strategy reads it).
CREATE VIEW worker_qc_scores AS
SELECT worker_id, score_sum, score_count
FROM worker_qc;
