-- Skills become a list the business keeps: a service names the skill it needs and a worker
-- holds skills by the list's stable `code`, so `services.skill`, `worker_skills.skill`, the
-- matching SQL and the reports keep their columns. Names are per language, as services keep
-- theirs; a retired skill is offered for nothing new but stays for what already uses it.
CREATE TABLE skills (
    id      INTEGER PRIMARY KEY,
    code    TEXT    NOT NULL UNIQUE,
    name_en TEXT    NOT NULL,
    name_ru TEXT    NOT NULL,
    active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- Every skill in use today (candidates offer services, so theirs are the services' skills),
-- named by its code until someone names it.
INSERT OR IGNORE INTO skills (code, name_en, name_ru)
SELECT skill, skill, skill FROM (
    SELECT skill FROM services
    UNION SELECT skill FROM worker_skills
    UNION SELECT s.skill FROM candidate_skills k JOIN services s ON s.id = k.service_id
)
ORDER BY skill;

-- A row naming a skill the list lacks lists it, named by its code: the pages choose only from
-- the list, and whatever else writes these tables (imports, the operator tools) can no longer
-- leave a skill that nobody can see, rename or choose.
CREATE TRIGGER services_skill_listed_on_insert AFTER INSERT ON services
BEGIN
    INSERT OR IGNORE INTO skills (code, name_en, name_ru) VALUES (NEW.skill, NEW.skill, NEW.skill);
END;
CREATE TRIGGER services_skill_listed_on_update AFTER UPDATE OF skill ON services
BEGIN
    INSERT OR IGNORE INTO skills (code, name_en, name_ru) VALUES (NEW.skill, NEW.skill, NEW.skill);
END;
CREATE TRIGGER worker_skills_listed AFTER INSERT ON worker_skills
BEGIN
    INSERT OR IGNORE INTO skills (code, name_en, name_ru) VALUES (NEW.skill, NEW.skill, NEW.skill);
END;
-- A code is what every other table holds: it never changes (names do).
CREATE TRIGGER skills_code_fixed BEFORE UPDATE OF code ON skills
WHEN NEW.code <> OLD.code
BEGIN
    SELECT RAISE(ABORT, 'a skill''s code never changes');
END;
CREATE TRIGGER skills_kept BEFORE DELETE ON skills
BEGIN
    SELECT RAISE(ABORT, 'skills are retired, not deleted');
END;

-- catalogue: the skills list, for the contexts that show or choose skills.
CREATE VIEW skill_names AS
SELECT id, code, name_en, name_ru, active FROM skills;

-- matching: per skill, how many active workers on duty hold it (skills nobody on duty holds
-- have no row), so a service nobody can take is seen before an order waits for nobody.
CREATE VIEW skill_coverage AS
SELECT k.skill, COUNT(*) AS on_duty_workers
FROM worker_skills k
JOIN worker_profiles p ON p.user_id = k.user_id AND p.on_duty = 1
JOIN users u ON u.id = k.user_id AND u.active = 1 AND u.role = 'worker'
GROUP BY k.skill;
