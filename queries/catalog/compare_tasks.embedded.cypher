// compare_tasks, shaped for LadybugDB (same answers as compare_tasks.cypher): from the City
// node through its plans to their tasks, then each task's sector, agencies and explicit
// leads looked up from the task (HINT), instead of testing every task; filters with a
// parameter follow in a WITH (in the WHERE of a HINTed pattern they make the planner
// hash-join the whole table).
MATCH (c:City)
WHERE c.id = $city
MATCH (c)<-[i:ISSUED_IN]-(d:Document)-[h:HAS_TASK]->(t:Task)
HINT (((c JOIN i) JOIN d) JOIN h) JOIN t
WITH d, t
OPTIONAL MATCH (t)-[n:IN_SECTOR]->(s:Sector)
WHERE s.name = coalesce($sector, '')
HINT (t JOIN n) JOIN s
WITH d, t, s
WHERE coalesce($sector, '') = '' OR s IS NOT NULL
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
WITH d, t, a, e
WHERE a.type = $type
WITH d, t, collect(DISTINCT a.name) AS type_agencies,
     count(CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN 1 END) > 0 AS type_leads
WHERE $role = 'any' OR type_leads
OPTIONAL MATCH (x:Agency)-[l:LEADS]->(t)
WHERE l.basis = 'explicit'
HINT (t JOIN l) JOIN x
WITH d, t, type_agencies, type_leads, count(x) = 0 AS unnamed_lead
WHERE NOT $unnamed OR unnamed_lead
RETURN t.id AS task_id, d.id AS doc_id, d.title AS plan, t.no AS no, t.title AS title,
       type_agencies, type_leads, unnamed_lead
ORDER BY task_id
