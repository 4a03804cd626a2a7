// top_agency_types, shaped for LadybugDB (same answers as top_agency_types.cypher): with a
// sector, start from its tasks; without, from every agency (two branches; the one that does
// not apply stops at its first node, whose guard is a CASE that is null unless it applies).
// Expansions start from the bound side (HINT); filters that use a parameter follow in a
// WITH; distinct counts are over internal ids, not string ids.
MATCH (s:Sector)
WHERE s.name = CASE WHEN coalesce($sector, '') <> '' THEN coalesce($sector, '') END
MATCH (s)<-[n:IN_SECTOR]-(t:Task)
HINT (s JOIN n) JOIN t
WITH t
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
WITH a, e, t
WHERE a.type <> ''
  AND (coalesce($kind, '') = '' OR a.kind = coalesce($kind, ''))
  AND ($role = 'any' OR e.basis IN ['explicit', 'first_listed'])
RETURN a.type AS type, count(DISTINCT id(a)) AS agencies, count(DISTINCT a.city) AS cities,
       count(DISTINCT id(t)) AS tasks,
       count(DISTINCT CASE WHEN e.basis = 'explicit' THEN id(t) END) AS explicit_leads,
       count(DISTINCT CASE WHEN e.basis = 'first_listed' THEN id(t) END) AS first_listed_leads
ORDER BY tasks DESC, type
LIMIT $limit
UNION ALL
MATCH (a:Agency)
WHERE (CASE WHEN coalesce($sector, '') = '' THEN a.type END) <> ''
WITH a
WHERE coalesce($kind, '') = '' OR a.kind = coalesce($kind, '')
MATCH (a)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
HINT (a JOIN e) JOIN t
WITH a, e, t
WHERE $role = 'any' OR e.basis IN ['explicit', 'first_listed']
RETURN a.type AS type, count(DISTINCT id(a)) AS agencies, count(DISTINCT a.city) AS cities,
       count(DISTINCT id(t)) AS tasks,
       count(DISTINCT CASE WHEN e.basis = 'explicit' THEN id(t) END) AS explicit_leads,
       count(DISTINCT CASE WHEN e.basis = 'first_listed' THEN id(t) END) AS first_listed_leads
ORDER BY tasks DESC, type
LIMIT $limit
