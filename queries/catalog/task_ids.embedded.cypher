// task_ids, shaped for LadybugDB (same answers as task_ids.cypher): four branches, of which
// the parameters pick one, each guarded by parameters alone (a guard that names a node is
// tested on every row of its table; 45 ms on the tasks at scale 1000, where this takes 6):
// a city given, from its City node; else a plan given, from its Document; else a sector
// given, from its Sector; else every task, from the tasks themselves (their ids alone are
// ordered, 12 ms, where joining every plan to its tasks first took 40 to 250).
MATCH (c:City)
WHERE coalesce($city, '') <> ''
  AND (c.id = coalesce($city, '') OR c.short = coalesce($city, ''))
MATCH (c)<-[:ISSUED_IN]-(d:Document)
WHERE coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, '')
MATCH (d)-[:HAS_TASK]->(t:Task)
WHERE coalesce($sector, '') = ''
   OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = coalesce($sector, '') }
RETURN t.id AS task_id
ORDER BY task_id
SKIP $offset
LIMIT $limit
UNION ALL
MATCH (d:Document)
WHERE coalesce($city, '') = '' AND coalesce($doc, '') <> ''
  AND (d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
MATCH (d)-[:HAS_TASK]->(t:Task)
WHERE coalesce($sector, '') = ''
   OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = coalesce($sector, '') }
RETURN t.id AS task_id
ORDER BY task_id
SKIP $offset
LIMIT $limit
UNION ALL
MATCH (s:Sector)<-[:IN_SECTOR]-(t:Task)
WHERE coalesce($city, '') = '' AND coalesce($doc, '') = '' AND coalesce($sector, '') <> ''
  AND s.name = coalesce($sector, '')
RETURN t.id AS task_id
ORDER BY task_id
SKIP $offset
LIMIT $limit
UNION ALL
MATCH (t:Task)
WHERE coalesce($city, '') = '' AND coalesce($doc, '') = '' AND coalesce($sector, '') = ''
RETURN t.id AS task_id
ORDER BY task_id
SKIP $offset
LIMIT $limit
