// Constraints and indexes of the responsibility graph (Neo4j 5). Neo4j needs no table
// definitions; uniqueness constraints give MERGE and the id look-ups their index.
// Run statement by statement, each in its own transaction, by ensure_schema();
// IF NOT EXISTS makes it safe to repeat at every start.
CREATE CONSTRAINT city_id IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sector_name IF NOT EXISTS FOR (n:Sector) REQUIRE n.name IS UNIQUE;
// Equality filters of the named queries and loads: city = short name, agency by name or city,
// plan by file name, city or fingerprint (the same plan loaded again), tasks by city, an
// agency by its lexicon name or by the unit as printed.
CREATE INDEX city_short IF NOT EXISTS FOR (n:City) ON (n.short);
CREATE INDEX agency_name IF NOT EXISTS FOR (n:Agency) ON (n.name);
CREATE INDEX agency_canonical IF NOT EXISTS FOR (n:Agency) ON (n.canonical);
CREATE INDEX agency_city IF NOT EXISTS FOR (n:Agency) ON (n.city);
CREATE INDEX document_file IF NOT EXISTS FOR (n:Document) ON (n.file);
CREATE INDEX document_city IF NOT EXISTS FOR (n:Document) ON (n.city);
CREATE INDEX document_fingerprint IF NOT EXISTS FOR (n:Document) ON (n.fingerprint);
CREATE INDEX task_city IF NOT EXISTS FOR (n:Task) ON (n.city);
CREATE INDEX leads_unit IF NOT EXISTS FOR ()-[e:LEADS]-() ON (e.unit);
CREATE INDEX responsible_unit IF NOT EXISTS FOR ()-[e:RESPONSIBLE_FOR]-() ON (e.unit);
// `search` matches fragments (CONTAINS): text indexes serve those.
CREATE TEXT INDEX agency_name_text IF NOT EXISTS FOR (n:Agency) ON (n.name);
CREATE TEXT INDEX task_title_text IF NOT EXISTS FOR (n:Task) ON (n.title);
// Tallies kept by graph.tallies: their nodes are found by key when a write updates them.
CREATE CONSTRAINT scope_name IF NOT EXISTS FOR (n:Scope) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT type_tally_key IF NOT EXISTS FOR (n:TypeTally) REQUIRE n.key IS UNIQUE;
CREATE INDEX type_tally_scope IF NOT EXISTS FOR (n:TypeTally) ON (n.scope);
// Deadlines and targets (#12): found by id when copied, by date in a "due by" filter, by
// city and metric when a sector's targets are compared.
CREATE CONSTRAINT deadline_id IF NOT EXISTS FOR (n:Deadline) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;
CREATE INDEX deadline_date IF NOT EXISTS FOR (n:Deadline) ON (n.date);
CREATE INDEX target_city IF NOT EXISTS FOR (n:Target) ON (n.city);
