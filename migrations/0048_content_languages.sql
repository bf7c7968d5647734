-- Content in the business's languages: screening and re-certification tests and consumables
-- gain a Russian text beside the one they had, as services and skills already have.
--
-- The existing columns (`title`, `instructions`, `prompt`, `name`, `unit`) keep their name and
-- become the English text: everything written so far was entered when the shipped defaults
-- and the demo were English, and leaving the Russian empty (rather than copying the English
-- into it) keeps a missing translation visible. Readers of a language with no text see the
-- other one, and the edit forms ask for the missing one with the other shown as a hint.
-- Only the languages the business uses are required, so either column may be empty.
--
-- A choice question's options live in `spec_json`, each now `{"en": …, "ru": …}` (a plain
-- string read as English); the answer key holds option positions, the same in every language,
-- so grading never depends on the language.
ALTER TABLE screening_tests ADD COLUMN title_ru TEXT NOT NULL DEFAULT '';
ALTER TABLE screening_tests ADD COLUMN instructions_ru TEXT NOT NULL DEFAULT '';
ALTER TABLE screening_questions ADD COLUMN prompt_ru TEXT NOT NULL DEFAULT '';

ALTER TABLE consumables ADD COLUMN name_ru TEXT NOT NULL DEFAULT '';
ALTER TABLE consumables ADD COLUMN unit_ru TEXT NOT NULL DEFAULT '';

-- supply: what is on hand of each consumable against its reorder level, now with the Russian
-- name and unit beside the English ones, so the dashboard reads "осталось 9 шт.".
DROP VIEW stock_levels;
CREATE VIEW stock_levels AS
SELECT id, sku, name, name_ru, unit, unit_ru, on_hand, reorder_level
FROM consumables;
