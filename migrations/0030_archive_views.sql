-- billing: each day's closing balances in totals, from the daily snapshots: what clients owe
-- (and hold as credit), what is owed to workers, the company's income to date and the money
-- held at the gateway. Signs are turned so every figure reads as a positive amount.
CREATE VIEW daily_balances AS
SELECT day,
       SUM(CASE WHEN account LIKE 'client:%' AND balance_minor > 0 THEN balance_minor ELSE 0 END)
           AS clients_owe_minor,
       SUM(CASE WHEN account LIKE 'client:%' AND balance_minor < 0 THEN -balance_minor ELSE 0 END)
           AS clients_credit_minor,
       -SUM(CASE WHEN account LIKE 'worker:%' THEN balance_minor ELSE 0 END) AS workers_owed_minor,
       -SUM(CASE WHEN account = 'revenue' THEN balance_minor ELSE 0 END) AS income_minor,
       SUM(CASE WHEN account = 'gateway' THEN balance_minor ELSE 0 END) AS gateway_minor
FROM balance_snapshots
GROUP BY day;

-- supply: what each job used from stock — packed into its kit or given as extras, less
-- what came back — one line per movement, with the consumable's name and unit.
CREATE VIEW consumption_lines AS
SELECT m.id, m.created_at, m.order_id, m.consumable_id, c.name AS consumable, c.unit,
       -m.quantity AS used
FROM stock_movements m JOIN consumables c ON c.id = m.consumable_id
WHERE m.order_id IS NOT NULL AND m.kind IN ('pack', 'extra', 'return');
