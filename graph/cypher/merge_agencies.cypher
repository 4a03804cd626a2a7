// Agencies are shared between plans: MERGE on the resolver's id, refresh what it knows.
// canonical is the lexicon's name; name, the name shown, is the most printed one, set by
// set_agency_names once the edges are written (a copy brings it as it was).
UNWIND $rows AS r
MERGE (a:Agency {id: r.id})
SET a.name = r.name, a.canonical = r.canonical, a.city = r.city, a.kind = r.kind,
    a.type = r.type, a.known = r.known
