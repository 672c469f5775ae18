-- CHECK constraints of the form `column IN (three or more constants)` are rewritten as `column = … OR column = …`.
-- Why: SQLite evaluates a constant IN list of three or more values by building a temporary b-tree of the values each
-- time the statement runs. For `decisions.target` that was once per intake, about a tenth of the writer thread's
-- instructions (a page of memory zeroed and a b-tree opened and closed); the same for every delivery written or
-- updated. The OR form compiles to plain comparisons. Both forms accept exactly the same values.
--
-- How: SQLite's documented procedure for constraint changes that leave the stored rows as they are
-- (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes"): edit the table's
-- definition in sqlite_schema, reload it, and change the schema cookie so other connections reload it too. No row is
-- copied; table and index pages stay where they are.

PRAGMA writable_schema = ON;

UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (target IN (''police'', ''township'', ''hotline_12345'', ''none''))',
    'CHECK (target = ''police'' OR target = ''township'' OR target = ''hotline_12345'' OR target = ''none'')')
WHERE type = 'table' AND name = 'decisions';

UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
    'CHECK (kind IN (''item'', ''cancellation'', ''notification''))',
    'CHECK (kind = ''item'' OR kind = ''cancellation'' OR kind = ''notification'')'),
    'CHECK (format IN (''json'', ''dingtalk'', ''wecom''))',
    'CHECK (format = ''json'' OR format = ''dingtalk'' OR format = ''wecom'')'),
    'CHECK (state IN (''pending'', ''delivered'', ''dead'', ''cancelled''))',
    'CHECK (state = ''pending'' OR state = ''delivered'' OR state = ''dead'' OR state = ''cancelled'')')
WHERE type = 'table' AND name = 'deliveries';

UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (deadline IN (''acknowledge'', ''on_site'', ''resolve''))',
    'CHECK (deadline = ''acknowledge'' OR deadline = ''on_site'' OR deadline = ''resolve'')')
WHERE type = 'table' AND name = 'item_overdue';

UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (role IN (''admin'', ''desk'', ''hotline'', ''township''))',
    'CHECK (role = ''admin'' OR role = ''desk'' OR role = ''hotline'' OR role = ''township'')')
WHERE type = 'table' AND name = 'api_tokens';

-- Reload this connection's schema from the edited definitions.
PRAGMA writable_schema = RESET;

-- Every definition above was found and rewritten: a CHECK that fails here rolls the whole migration back.
CREATE TEMP TABLE fenliu_migration_0006_assert (rewritten INTEGER NOT NULL CHECK (rewritten = 1));
INSERT INTO fenliu_migration_0006_assert (rewritten)
SELECT count(*) = 4 AND sum(instr(sql, ' IN (''') = 0) = 4 FROM sqlite_schema
WHERE type = 'table' AND name IN ('decisions', 'deliveries', 'item_overdue', 'api_tokens');
DROP TABLE fenliu_migration_0006_assert;

-- Any schema statement changes the schema cookie, which makes every other open connection reload the definitions.
CREATE TABLE fenliu_migration_0006_cookie (unused INTEGER);
DROP TABLE fenliu_migration_0006_cookie;
