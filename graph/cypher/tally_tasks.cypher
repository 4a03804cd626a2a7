// Tallies (graph.tallies): the stored tasks of some plans with their city and sectors, so
// that what those plans add to the rankings can be counted again when they go. The plans
// are a filter on the Document scan (`IN $ids`), which LadybugDB narrows the edge scans
// with; an UNWIND of the ids would join every edge of the graph.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE d.id IN $ids
OPTIONAL MATCH (t)-[:IN_SECTOR]->(s:Sector)
RETURN t.id AS task, t.city AS city, collect(s.name) AS sectors
