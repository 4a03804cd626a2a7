// agency_sectors, shaped for LadybugDB (same answers as agency_sectors.cypher): a unit as
// printed (not an agency id) is looked up on the edges of the city's agencies only, and
// every expansion starts from the side already bound (HINT), where the planner would
// otherwise scan a whole relationship table and hash-join it.
MATCH (x:Agency)
WHERE (CASE WHEN NOT $agency STARTS WITH 'ag-' THEN x.id END) IS NOT NULL
  AND (coalesce($city, '') = '' OR x.city = coalesce($city, ''))
MATCH (x)-[named:LEADS|RESPONSIBLE_FOR]->(u:Task)
WHERE named.unit = $agency
HINT (x JOIN named) JOIN u
WITH collect(DISTINCT id(x)) AS by_unit
MATCH (a:Agency)
WHERE (coalesce($city, '') = '' OR a.city = coalesce($city, ''))
  AND (a.id = $agency OR a.name = $agency OR a.canonical = $agency
       OR list_contains(by_unit, id(a)))
MATCH (a)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
HINT (a JOIN e) JOIN t
MATCH (t)-[i:IN_SECTOR]->(s:Sector)
HINT (t JOIN i) JOIN s
RETURN a.name AS agency, a.city AS city, s.name AS sector, count(DISTINCT id(t)) AS tasks,
       count(CASE WHEN e.basis = 'explicit' THEN 1 END) AS explicit_leads,
       count(CASE WHEN e.basis = 'first_listed' THEN 1 END) AS first_listed_leads
ORDER BY city, tasks DESC, sector, agency
SKIP $offset
LIMIT $limit
