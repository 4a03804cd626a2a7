// agency_tasks_by_id, shaped for LadybugDB (same answers as agency_tasks_by_id.cypher):
// the page is cut before plans, sectors and co-agencies are looked up for its tasks, and
// each of those expansions starts from the tasks (HINT), where the planner would otherwise
// scan a whole relationship table and hash-join it (scale 1000, an agency of 305 tasks:
// 100-110 ms portable, 23-27 this). The agency's own tasks are matched in one pattern with
// its id: `MATCH (a:Agency) WHERE a.id = $agency` then a hinted expansion made the engine
// look the id up by primary key and hash-join it with every assignment (450-600 ms).
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE a.id = $agency
WITH a, t, collect(e.basis) AS bases,
     collect(DISTINCT CASE WHEN e.correction <> '' THEN e.correction END) AS corrections
ORDER BY a.city, t.doc_id, t.id, a.name
SKIP $offset
LIMIT $limit
WITH a, t, corrections,
     CASE WHEN 'explicit' IN bases OR 'first_listed' IN bases THEN 'lead'
          WHEN 'listed' IN bases THEN 'unit' ELSE 'implied' END AS role,
     CASE WHEN 'explicit' IN bases THEN 'explicit'
          WHEN 'first_listed' IN bases THEN 'first_listed'
          WHEN 'listed' IN bases THEN 'listed' ELSE 'standing_rule' END AS basis
OPTIONAL MATCH (t)-[i:IN_SECTOR]->(s:Sector)
HINT (t JOIN i) JOIN s
WITH a, t, corrections, role, basis, collect(s.name) AS sectors
MATCH (o:Agency)-[r:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN r) JOIN o
WITH a, t, corrections, role, basis, sectors,
     collect(DISTINCT CASE WHEN o.id <> a.id THEN o.name END) AS co_agencies
MATCH (d:Document)-[h:HAS_TASK]->(t)
HINT (t JOIN h) JOIN d
RETURN a.name AS agency, a.city AS city, d.title AS plan, d.id AS doc_id,
       t.section AS section, t.no AS no, t.title AS title, role, basis,
       co_agencies, sectors, t.id AS task_id, corrections
ORDER BY city, doc_id, task_id, agency
