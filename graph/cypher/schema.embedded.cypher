// Node and relationship tables of the responsibility graph (LadybugDB).
// Run statement by statement by ensure_schema(); IF NOT EXISTS makes it safe to repeat.
// `end` is a reserved word in this engine: always write it in backticks.
CREATE NODE TABLE IF NOT EXISTS City(
    id STRING, name STRING, short STRING, province STRING, level STRING,
    PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Document(
    id STRING, file STRING, title STRING, issuer STRING, doc_number STRING, issued STRING,
    city STRING, sha256 STRING, encoding STRING, task_count INT64,
    fingerprint STRING, place STRING, text STRING,
    PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Task(
    id STRING, doc_id STRING, no STRING, section STRING, title STRING, text STRING,
    position INT64, source STRING, deadline STRING, city STRING,
    PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Agency(
    id STRING, name STRING, city STRING, kind STRING, type STRING, known BOOLEAN,
    canonical STRING,
    PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Sector(name STRING, PRIMARY KEY(name));
CREATE REL TABLE IF NOT EXISTS ISSUED_IN(FROM Document TO City);
CREATE REL TABLE IF NOT EXISTS HAS_TASK(FROM Document TO Task);
CREATE REL TABLE IF NOT EXISTS IN_SECTOR(FROM Task TO Sector);
CREATE REL TABLE IF NOT EXISTS BELONGS_TO(FROM Agency TO City);
CREATE REL TABLE IF NOT EXISTS LEADS(
    FROM Agency TO Task,
    basis STRING, source STRING, mention STRING, unit STRING, start INT64, `end` INT64,
    sentence STRING, doc_id STRING, rank INT64, correction STRING);
CREATE REL TABLE IF NOT EXISTS RESPONSIBLE_FOR(
    FROM Agency TO Task,
    basis STRING, source STRING, mention STRING, unit STRING, start INT64, `end` INT64,
    sentence STRING, doc_id STRING, rank INT64, correction STRING);
// Columns added after the first release: a graph made before them gains them (empty for
// what it holds until loaded again or rebuilt); the engine answers "already has property"
// without IF NOT EXISTS. The bulk load reads the column order from the engine.
// Edges say which correction made them (empty: read from the plan as printed).
ALTER TABLE LEADS ADD IF NOT EXISTS correction STRING DEFAULT '';
ALTER TABLE RESPONSIBLE_FOR ADD IF NOT EXISTS correction STRING DEFAULT '';
// Plans keep their fingerprint, text and given place; agencies their lexicon name.
ALTER TABLE Document ADD IF NOT EXISTS fingerprint STRING;
ALTER TABLE Document ADD IF NOT EXISTS place STRING;
ALTER TABLE Document ADD IF NOT EXISTS text STRING;
ALTER TABLE Agency ADD IF NOT EXISTS canonical STRING;
// Tallies the rankings read, kept by graph.tallies with every write: tasks per scope (a
// sector, or '' for every sector) and per scope and city; per agency and scope; per agency
// type, kind and scope; per pair of agencies and city.
CREATE NODE TABLE IF NOT EXISTS Scope(name STRING, tasks INT64, PRIMARY KEY(name));
CREATE NODE TABLE IF NOT EXISTS TypeTally(
    key STRING, type STRING, kind STRING, scope STRING,
    tasks INT64, explicit INT64, first_listed INT64,
    PRIMARY KEY(key));
CREATE REL TABLE IF NOT EXISTS WORKS_IN(
    FROM Agency TO Scope, tasks INT64, explicit INT64, first_listed INT64);
CREATE REL TABLE IF NOT EXISTS SPANS(FROM Scope TO City, tasks INT64);
CREATE REL TABLE IF NOT EXISTS SHARES(
    FROM Agency TO Agency, city STRING, shared INT64, led_by_a INT64, led_by_b INT64);
// Deadlines and targets (#12): every deadline a task prints, every target a plan sets
// (its goals' hang from the plan only; a task's are also STATES of the task), and the
// sectors a target's words name. Created with their plan, removed with it.
CREATE NODE TABLE IF NOT EXISTS Deadline(
    id STRING, task_id STRING, doc_id STRING, position INT64, phrase STRING, kind STRING,
    date STRING, recurrence STRING, start INT64, `end` INT64,
    PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Target(
    id STRING, doc_id STRING, task_id STRING, position INT64, metric STRING, value DOUBLE,
    unit STRING, comparison STRING, year INT64, phrase STRING, start INT64, `end` INT64,
    city STRING,
    PRIMARY KEY(id));
CREATE REL TABLE IF NOT EXISTS HAS_DEADLINE(FROM Task TO Deadline);
CREATE REL TABLE IF NOT EXISTS HAS_TARGET(FROM Document TO Target);
CREATE REL TABLE IF NOT EXISTS STATES(FROM Task TO Target);
CREATE REL TABLE IF NOT EXISTS MEASURES(FROM Target TO Sector);
