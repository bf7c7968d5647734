-- orders: the managers' search (`/manage/orders?q=`) matches a substring of the order's
-- address. A LIKE '%…%' cannot use a B-tree index and read every order (a second at 1.8
-- million), so the addresses get an FTS5 index with the trigram tokenizer, which finds any
-- substring of three characters or more. It is an external-content table over `orders`
-- (the text is not stored twice), kept in step by the triggers below in the same
-- transaction as the change. The trigram tokenizer folds case, so a match is a superset of
-- what LIKE finds; the query keeps the LIKE beside it, so the results are exactly LIKE's.
-- Shorter searches still use the LIKE alone.
CREATE VIRTUAL TABLE orders_search USING fts5 (
    address_text,
    content = 'orders',
    content_rowid = 'id',
    tokenize = 'trigram'
);

CREATE TRIGGER orders_search_insert AFTER INSERT ON orders
BEGIN
    INSERT INTO orders_search (rowid, address_text) VALUES (NEW.id, NEW.address_text);
END;

CREATE TRIGGER orders_search_delete AFTER DELETE ON orders
BEGIN
    INSERT INTO orders_search (orders_search, rowid, address_text)
    VALUES ('delete', OLD.id, OLD.address_text);
END;

CREATE TRIGGER orders_search_update AFTER UPDATE OF address_text ON orders
BEGIN
    INSERT INTO orders_search (orders_search, rowid, address_text)
    VALUES ('delete', OLD.id, OLD.address_text);
    INSERT INTO orders_search (rowid, address_text) VALUES (NEW.id, NEW.address_text);
END;

-- The orders already there.
INSERT INTO orders_search (orders_search) VALUES ('rebuild');
