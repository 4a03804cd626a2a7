// top_agencies, shaped for LadybugDB (same answers as top_agencies.cypher).
// Three branches, of which the filters given pick one (the others stop at their first node:
// each guard is a CASE that is null unless its branch applies): one city (start from its
// agencies), one sector over every city (start from the sector's tasks), everything (count
// each agency's edges without DISTINCT). Expansions start from the bound side (HINT);
// filters that use a parameter follow in a WITH, since one in a HINTed pattern's WHERE makes
// the planner hash-join the whole table. Counting is grouped by id(a), so agency properties
// are read only for the agencies ranked.
// The edge counting rests on the model (graph.rows): an agency has at most one LEADS and
// one RESPONSIBLE_FOR edge per task, and a first-listed lead is always listed as well, so
// its tasks are its edges less its first-listed leads and less the explicit leads it is
// also listed on.
MATCH (a:Agency)
WHERE a.city = CASE WHEN coalesce($city, '') <> '' THEN coalesce($city, '') END
WITH a
WHERE coalesce($kind, '') = '' OR a.kind = coalesce($kind, '')
MATCH (a)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
HINT (a JOIN e) JOIN t
WITH a, e, t
WHERE $role = 'any' OR e.basis IN ['explicit', 'first_listed']
OPTIONAL MATCH (t)-[n:IN_SECTOR]->(s:Sector)
WHERE s.name = coalesce($sector, '')
HINT (t JOIN n) JOIN s
WITH a, e, t, s
WHERE coalesce($sector, '') = '' OR s IS NOT NULL
WITH a, count(DISTINCT id(t)) AS tasks,
     count(CASE WHEN e.basis = 'explicit' THEN 1 END) AS explicit_leads,
     count(CASE WHEN e.basis = 'first_listed' THEN 1 END) AS first_listed_leads
RETURN a.name AS name, a.city AS city, a.kind AS kind, a.type AS type,
       tasks, explicit_leads, first_listed_leads, a.id AS id
ORDER BY tasks DESC, name, city
LIMIT $limit
UNION ALL
MATCH (s:Sector)
WHERE s.name = CASE WHEN coalesce($city, '') = '' THEN coalesce($sector, '') END
MATCH (s)<-[n:IN_SECTOR]-(t:Task)
HINT (s JOIN n) JOIN t
WITH t
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
WITH a, e, t
WHERE ($role = 'any' OR e.basis IN ['explicit', 'first_listed'])
  AND (coalesce($kind, '') = '' OR a.kind = coalesce($kind, ''))
WITH id(a) AS aid, count(DISTINCT id(t)) AS tasks,
     count(CASE WHEN e.basis = 'explicit' THEN 1 END) AS explicit_leads,
     count(CASE WHEN e.basis = 'first_listed' THEN 1 END) AS first_listed_leads
MATCH (a:Agency) WHERE id(a) = aid
RETURN a.name AS name, a.city AS city, a.kind AS kind, a.type AS type,
       tasks, explicit_leads, first_listed_leads, a.id AS id
ORDER BY tasks DESC, name, city
LIMIT $limit
UNION ALL
MATCH (a:Agency)
WHERE (CASE WHEN coalesce($city, '') = '' AND coalesce($sector, '') = '' THEN a.id END)
      IS NOT NULL
WITH a
WHERE coalesce($kind, '') = '' OR a.kind = coalesce($kind, '')
MATCH (a)-[e:LEADS|RESPONSIBLE_FOR]->(:Task)
WITH a, e
WHERE $role = 'any' OR e.basis IN ['explicit', 'first_listed']
WITH id(a) AS aid, count(*) AS edges,
     count(CASE WHEN e.basis = 'explicit' THEN 1 END) AS explicit_leads,
     count(CASE WHEN e.basis = 'first_listed' THEN 1 END) AS first_listed_leads
MATCH (a:Agency) WHERE id(a) = aid
OPTIONAL MATCH (a)-[d:LEADS]->(:Task)<-[:RESPONSIBLE_FOR]-(a)
WHERE $role = 'any' AND explicit_leads > 0 AND d.basis = 'explicit'
WITH a, edges, explicit_leads, first_listed_leads, count(d) AS doubled
RETURN a.name AS name, a.city AS city, a.kind AS kind, a.type AS type,
       CASE WHEN $role = 'lead' THEN edges ELSE edges - first_listed_leads - doubled END AS tasks,
       explicit_leads, first_listed_leads, a.id AS id
ORDER BY tasks DESC, name, city
LIMIT $limit
