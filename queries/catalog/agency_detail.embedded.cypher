// agency_detail, shaped for LadybugDB (same answers as agency_detail.cypher): the counts
// are the tallies the graph keeps (graph.tallies: WORKS_IN the scope '' of every sector),
// not the agency's edges counted again on each page after a write. An agency leads a task
// through at most one lead edge, so leads are its explicit plus its first-listed ones.
MATCH (a:Agency)
WHERE a.id = $agency
OPTIONAL MATCH (a)-[w:WORKS_IN]->(s:Scope)
WHERE s.name = ''
RETURN a.id AS id, a.name AS name, a.city AS city, a.kind AS kind, a.type AS type,
       a.known AS known, coalesce(w.tasks, 0) AS tasks,
       coalesce(w.explicit, 0) + coalesce(w.first_listed, 0) AS leads,
       coalesce(w.explicit, 0) AS explicit_leads,
       coalesce(w.first_listed, 0) AS first_listed_leads
