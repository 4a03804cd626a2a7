// Copy: every Agency, as merge_agencies takes it.
MATCH (a:Agency)
RETURN a.id AS id, a.name AS name, a.canonical AS canonical, a.city AS city, a.kind AS kind,
       a.type AS type, a.known AS known
