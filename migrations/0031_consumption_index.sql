-- The consumption archive reads a period of the jobs' stock movements: by time, not by item.
CREATE INDEX stock_movements_job_time ON stock_movements (created_at) WHERE order_id IS NOT NULL;
