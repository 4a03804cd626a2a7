// Tallies (graph.tallies): the stored agency-task edges of some plans, with the agency's
// kind and type as stored (the type rankings count by them). The plans are a filter on the
// Document scan, as in tally_tasks.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)<-[e:LEADS|RESPONSIBLE_FOR]-(a:Agency)
WHERE d.id IN $ids
RETURN t.id AS task, a.id AS agency, e.basis AS basis, a.kind AS kind, a.type AS type
