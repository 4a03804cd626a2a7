// sectors, shaped for LadybugDB (same answers as sectors.cypher). Across every city, the
// tallies as there. For one city, start from its City node and walk to its plans' tasks;
// expansions start from the bound side (HINT) and distinct counts are over internal ids.
// Each branch's guard is a CASE that is null unless the branch applies, so the other stops
// at its first node.
MATCH (s:Scope)
WHERE (CASE WHEN coalesce($city, '') = '' THEN s.name END) <> ''
OPTIONAL MATCH (s)-[c:SPANS]->(:City)
WITH s, count(c) AS cities
OPTIONAL MATCH (s)<-[w:WORKS_IN]-(:Agency)
RETURN s.name AS sector, s.tasks AS tasks, count(w) AS agencies, cities
ORDER BY tasks DESC, sector
UNION ALL
MATCH (c:City)
WHERE (CASE WHEN coalesce($city, '') <> '' THEN c.id END) IS NOT NULL
  AND (c.id = coalesce($city, '') OR c.short = coalesce($city, ''))
MATCH (c)<-[:ISSUED_IN]-(d:Document)-[:HAS_TASK]->(t:Task)
MATCH (t)-[i:IN_SECTOR]->(s:Sector)
HINT (t JOIN i) JOIN s
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
RETURN s.name AS sector, count(DISTINCT id(t)) AS tasks, count(DISTINCT id(a)) AS agencies,
       count(DISTINCT t.city) AS cities
ORDER BY tasks DESC, sector
