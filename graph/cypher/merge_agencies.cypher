// Agencies are shared between plans: MERGE on the resolver's id, refresh what it knows.
UNWIND $rows AS r
MERGE (a:Agency {id: r.id})
SET a.name = r.name, a.city = r.city, a.kind = r.kind, a.type = r.type, a.known = r.known
