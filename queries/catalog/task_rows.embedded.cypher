// task_rows, shaped for LadybugDB (same answers as task_rows.cypher). The tasks are found
// by scanning task ids between the smallest and the largest asked (parameters alone, so the
// engine narrows the scan) and then checking the list; from so filtered a scan the engine
// reads the leads, agencies and sectors of those tasks only (HINT: from the task), where
// after a page cut by ORDER BY … LIMIT it reads every assignment of the graph. The plan is
// joined on the task's doc_id: HAS_TASK from the task reads every plan's text.
// A page whose ids lie far apart (one city's tasks among all) scans many ids: the task
// list asks `tasks` itself for a city or a plan.
MATCH (t:Task)
WHERE t.id >= list_sort($ids)[1] AND t.id <= list_reverse_sort($ids)[1]
  AND list_contains($ids, t.id)
MATCH (d:Document)
WHERE d.id = t.doc_id
WITH t, d.id AS doc_id, d.title AS plan, d.city AS city
OPTIONAL MATCH (l:Agency)-[e:LEADS]->(t)
HINT (t JOIN e) JOIN l
WITH t, doc_id, plan, city, collect(l.name) AS leads, collect(e.basis) AS bases
OPTIONAL MATCH (a:Agency)-[r:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN r) JOIN a
WITH t, doc_id, plan, city, leads, bases, count(DISTINCT a.id) AS agencies
OPTIONAL MATCH (t)-[i:IN_SECTOR]->(s:Sector)
HINT (t JOIN i) JOIN s
RETURN t.id AS task_id, doc_id, plan, city, t.section AS section,
       t.no AS no, t.title AS title, leads,
       CASE WHEN 'explicit' IN bases THEN 'explicit'
            WHEN 'first_listed' IN bases THEN 'first_listed' END AS lead_basis,
       agencies, collect(s.name) AS sectors
ORDER BY task_id
