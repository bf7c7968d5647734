-- Why a book ended void ('one_sided', 'no_rating', 'not_reviewed', 'cancelled', …), so
-- nobody has to guess why their stake came back.
ALTER TABLE bets_books ADD COLUMN void_reason TEXT;
UPDATE bets_books SET void_reason = CASE WHEN outcome IS NULL THEN 'no_outcome' ELSE 'one_sided' END
WHERE status = 'void';

-- bets: who holds a stake in an order's books. Orders and quality keep such a manager from
-- deciding that order (cancel, offer, assign, review, settle).
CREATE VIEW order_stakeholders AS
SELECT DISTINCT b.order_id, s.manager_id
FROM bets_stakes s JOIN bets_books b ON b.id = s.book_id;
CREATE INDEX bets_stakes_manager ON bets_stakes (manager_id, book_id);
