// network_edges, shaped for LadybugDB (same answers as network_edges.cypher). Three
// branches, of which the parameters pick one (the others stop at their first node: the
// first two guards are a CASE that is null unless its branch applies; every task's is a
// test of parameters alone, which the engine answers once, where a CASE naming the task was
// tested on each task: at scale 1000 on a city's page that branch took 22-28 ms, now
// 12-15): an agency given, start from its tasks; else a city given, from the City node
// through its plans; else every task. Every
// expansion starts from the bound side (HINT). What this engine needs for that: no
// parameter in the WHERE of a HINTed pattern (the planner then falls back to hash-joining
// the whole table), so those filters follow in a WITH; no parameter bound by a WITH before
// the first MATCH (its comparison would wait until the whole table is materialised). The
// page is cut on the two keys alone; names and titles are read for its rows only.
MATCH (f:Agency)
WHERE f.id = CASE WHEN coalesce($agency, '') <> '' THEN coalesce($agency, '') END
MATCH (f)-[fe:LEADS|RESPONSIBLE_FOR]->(ft:Task)
HINT (f JOIN fe) JOIN ft
WITH DISTINCT ft AS t
WHERE (coalesce($last, '') = '' OR t.id <= coalesce($last, ''))
  AND (coalesce($city, '') = '' OR t.city = coalesce($city, '')
       OR EXISTS { MATCH (c:City) WHERE c.id = t.city AND c.short = coalesce($city, '') })
WITH t
OPTIONAL MATCH (t)-[n:IN_SECTOR]->(s:Sector)
WHERE s.name = coalesce($sector, '')
HINT (t JOIN n) JOIN s
WITH t, s
WHERE coalesce($sector, '') = '' OR s IS NOT NULL
WITH t
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
WITH a, e, t
WHERE $role = 'any' OR e.basis IN ['explicit', 'first_listed']
WITH t.id AS task_id, a.id AS agency_id, e.basis AS basis
ORDER BY task_id, agency_id
SKIP $offset
LIMIT $limit
MATCH (a:Agency {id: agency_id})
WITH a, task_id, agency_id, basis
MATCH (t:Task {id: task_id})
RETURN agency_id, a.name AS agency, a.city AS city, a.kind AS kind, task_id,
       t.title AS task, t.no AS no, t.doc_id AS doc_id, basis
ORDER BY task_id, agency_id
UNION ALL
MATCH (c:City)
WHERE (CASE WHEN coalesce($agency, '') = '' AND coalesce($city, '') <> '' THEN c.id END)
      IS NOT NULL
  AND (c.id = coalesce($city, '') OR c.short = coalesce($city, ''))
MATCH (c)<-[i:ISSUED_IN]-(d:Document)-[h:HAS_TASK]->(t:Task)
HINT (((c JOIN i) JOIN d) JOIN h) JOIN t
WITH t
WHERE coalesce($last, '') = '' OR t.id <= coalesce($last, '')
WITH t
OPTIONAL MATCH (t)-[n:IN_SECTOR]->(s:Sector)
WHERE s.name = coalesce($sector, '')
HINT (t JOIN n) JOIN s
WITH t, s
WHERE coalesce($sector, '') = '' OR s IS NOT NULL
WITH t
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
WITH a, e, t
WHERE $role = 'any' OR e.basis IN ['explicit', 'first_listed']
WITH t.id AS task_id, a.id AS agency_id, e.basis AS basis
ORDER BY task_id, agency_id
SKIP $offset
LIMIT $limit
MATCH (a:Agency {id: agency_id})
WITH a, task_id, agency_id, basis
MATCH (t:Task {id: task_id})
RETURN agency_id, a.name AS agency, a.city AS city, a.kind AS kind, task_id,
       t.title AS task, t.no AS no, t.doc_id AS doc_id, basis
ORDER BY task_id, agency_id
UNION ALL
MATCH (t:Task)
WHERE coalesce($agency, '') = '' AND coalesce($city, '') = ''
  AND (coalesce($last, '') = '' OR t.id <= coalesce($last, ''))
WITH t
OPTIONAL MATCH (t)-[n:IN_SECTOR]->(s:Sector)
WHERE s.name = coalesce($sector, '')
HINT (t JOIN n) JOIN s
WITH t, s
WHERE coalesce($sector, '') = '' OR s IS NOT NULL
WITH t
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
WITH a, e, t
WHERE $role = 'any' OR e.basis IN ['explicit', 'first_listed']
WITH t.id AS task_id, a.id AS agency_id, e.basis AS basis
ORDER BY task_id, agency_id
SKIP $offset
LIMIT $limit
MATCH (a:Agency {id: agency_id})
WITH a, task_id, agency_id, basis
MATCH (t:Task {id: task_id})
RETURN agency_id, a.name AS agency, a.city AS city, a.kind AS kind, task_id,
       t.title AS task, t.no AS no, t.doc_id AS doc_id, basis
ORDER BY task_id, agency_id
