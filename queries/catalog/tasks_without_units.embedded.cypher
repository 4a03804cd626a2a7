// tasks_without_units, shaped for LadybugDB (same answers as tasks_without_units.cypher):
// parameters are used inline (one bound by WITH before a MATCH is compared only after the
// whole table has been materialised), and a task's agencies are looked for from the task
// (HINT) instead of hash-joining every edge.
MATCH (d:Document)
WHERE coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, '')
MATCH (d)-[h:HAS_TASK]->(t:Task)
WHERE coalesce($city, '') = '' OR t.city = coalesce($city, '')
HINT (d JOIN h) JOIN t
OPTIONAL MATCH (x:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN x
WITH d, t, x
WHERE x IS NULL
RETURN d.id AS doc_id, d.title AS plan, t.id AS task_id, t.no AS no, t.section AS section,
       t.title AS title
ORDER BY task_id
SKIP $offset
LIMIT $limit
