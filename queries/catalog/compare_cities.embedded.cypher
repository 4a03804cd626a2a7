// compare_cities, shaped for LadybugDB (same answers as compare_cities.cypher). The tasks
// come from the cities' plans when cities are given (City -> Document -> Task, then the
// sector looked up from each task), else from the Sector node; the parameters pick one of
// the two sources (the other stops at its first node: its guard is a CASE that is null
// unless it applies). Every expansion starts from the bound side (HINT); a filter with a
// parameter follows in a WITH (in the WHERE of a HINTed pattern it makes the planner
// hash-join the whole table); distinct counts are over internal ids. Four branches: the
// type rows and the city rows, each from either source.
MATCH (c:City)
WHERE (CASE WHEN size($cities) > 0 THEN c.id END) IS NOT NULL AND c.id IN $cities
MATCH (c)<-[i:ISSUED_IN]-(d:Document)-[h:HAS_TASK]->(t:Task)
HINT (((c JOIN i) JOIN d) JOIN h) JOIN t
WITH t
OPTIONAL MATCH (t)-[n:IN_SECTOR]->(s:Sector)
WHERE s.name = $sector
HINT (t JOIN n) JOIN s
WITH t, s
WHERE s IS NOT NULL
WITH t
OPTIONAL MATCH (x:Agency)-[l:LEADS]->(t)
WHERE l.basis = 'explicit'
HINT (t JOIN l) JOIN x
WITH t, count(x) = 0 AS unnamed
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
WITH t, unnamed, a, e
WHERE a.type <> ''
RETURN t.city AS city, a.type AS type, count(DISTINCT id(a)) AS agencies,
       count(DISTINCT id(t)) AS tasks,
       count(DISTINCT CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN id(t) END) AS led_tasks,
       count(DISTINCT CASE WHEN e.basis = 'explicit' THEN id(t) END) AS explicit_leads,
       count(DISTINCT CASE WHEN unnamed THEN id(t) END) AS unnamed_lead
ORDER BY city, tasks DESC, type

UNION ALL
MATCH (s:Sector)
WHERE s.name = CASE WHEN size($cities) = 0 THEN $sector END
MATCH (s)<-[n:IN_SECTOR]-(t:Task)
HINT (s JOIN n) JOIN t
WITH t
OPTIONAL MATCH (x:Agency)-[l:LEADS]->(t)
WHERE l.basis = 'explicit'
HINT (t JOIN l) JOIN x
WITH t, count(x) = 0 AS unnamed
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
WITH t, unnamed, a, e
WHERE a.type <> ''
RETURN t.city AS city, a.type AS type, count(DISTINCT id(a)) AS agencies,
       count(DISTINCT id(t)) AS tasks,
       count(DISTINCT CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN id(t) END) AS led_tasks,
       count(DISTINCT CASE WHEN e.basis = 'explicit' THEN id(t) END) AS explicit_leads,
       count(DISTINCT CASE WHEN unnamed THEN id(t) END) AS unnamed_lead
ORDER BY city, tasks DESC, type

UNION ALL
MATCH (c:City)
WHERE (CASE WHEN size($cities) > 0 THEN c.id END) IS NOT NULL AND c.id IN $cities
MATCH (c)<-[i:ISSUED_IN]-(d:Document)-[h:HAS_TASK]->(t:Task)
HINT (((c JOIN i) JOIN d) JOIN h) JOIN t
WITH t
OPTIONAL MATCH (t)-[n:IN_SECTOR]->(s:Sector)
WHERE s.name = $sector
HINT (t JOIN n) JOIN s
WITH t, s
WHERE s IS NOT NULL
WITH t
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
WITH t.city AS city, count(DISTINCT id(a)) AS agencies, count(DISTINCT id(t)) AS tasks,
     count(DISTINCT CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN id(t) END) AS led_tasks,
     count(DISTINCT CASE WHEN e.basis = 'explicit' THEN id(t) END) AS explicit_leads
RETURN city, '' AS type, agencies, tasks, led_tasks, explicit_leads,
       tasks - explicit_leads AS unnamed_lead
ORDER BY city, tasks DESC, type

UNION ALL
MATCH (s:Sector)
WHERE s.name = CASE WHEN size($cities) = 0 THEN $sector END
MATCH (s)<-[n:IN_SECTOR]-(t:Task)
HINT (s JOIN n) JOIN t
WITH t
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
WITH t.city AS city, count(DISTINCT id(a)) AS agencies, count(DISTINCT id(t)) AS tasks,
     count(DISTINCT CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN id(t) END) AS led_tasks,
     count(DISTINCT CASE WHEN e.basis = 'explicit' THEN id(t) END) AS explicit_leads
RETURN city, '' AS type, agencies, tasks, led_tasks, explicit_leads,
       tasks - explicit_leads AS unnamed_lead
ORDER BY city, tasks DESC, type
