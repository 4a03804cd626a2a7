// sectors, shaped for LadybugDB (same answers as sectors.cypher): with a city, start from
// its City node and walk to its plans' tasks; without, scan every task. The branch that does
// not apply stops at its first node (its guard is a CASE that is null unless it applies).
// Expansions start from the bound side (HINT) and distinct counts are over internal ids.
// Across every city, tasks and cities per sector come from one pass over IN_SECTOR (a task
// is tagged once per sector) and agencies from a second, grouped by internal ids first.
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
UNION ALL
MATCH (t:Task)
WHERE (CASE WHEN coalesce($city, '') = '' THEN t.id END) IS NOT NULL
MATCH (t)-[:IN_SECTOR]->(s:Sector)
WITH id(s) AS sid, t.city AS city, count(*) AS n
WITH sid, CAST(sum(n) AS INT64) AS tasks, count(city) AS cities
MATCH (s:Sector)
WHERE id(s) = sid
WITH s, tasks, cities
MATCH (s)<-[i:IN_SECTOR]-(t:Task)
HINT (s JOIN i) JOIN t
WITH s, tasks, cities, t
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
WITH s.name AS sector, tasks, cities, id(a) AS aid, count(*) AS n
RETURN sector, tasks, count(aid) AS agencies, cities
ORDER BY tasks DESC, sector
