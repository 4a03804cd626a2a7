// tasks_without_lead, shaped for LadybugDB (same answers as tasks_without_lead.cypher):
// parameters are used inline (one bound by WITH before a MATCH is compared only after the
// whole table has been materialised); a task's explicit leads are looked for from the task
// (HINT) instead of hash-joining every LEADS edge; the page is cut before the plan and the
// first-listed lead are looked up.
MATCH (d:Document)
WHERE coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, '')
MATCH (d)-[h:HAS_TASK]->(t:Task)
WHERE coalesce($city, '') = '' OR t.city = coalesce($city, '')
HINT (d JOIN h) JOIN t
OPTIONAL MATCH (x:Agency)-[l:LEADS]->(t)
WHERE l.basis = 'explicit'
HINT (t JOIN l) JOIN x
WITH d, t, x
WHERE x IS NULL
WITH d, t
ORDER BY t.id
SKIP $offset
LIMIT $limit
OPTIONAL MATCH (f:Agency)-[e:LEADS]->(t)
HINT (t JOIN e) JOIN f
RETURN d.id AS doc_id, d.title AS plan, t.id AS task_id, t.no AS no, t.section AS section,
       t.title AS title, f.name AS first_listed_lead, f IS NOT NULL AS has_first_listed_lead
ORDER BY task_id
