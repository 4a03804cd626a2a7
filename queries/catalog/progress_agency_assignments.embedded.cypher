// progress_agency_assignments, shaped for LadybugDB (same answers as
// progress_agency_assignments.cypher): the plan of each of the agency's tasks is found
// from the task (HINT (t JOIN h) JOIN d), not by scanning the whole HAS_TASK table and
// hash-joining it. At scale 1000 (816,538 assignments) the portable text took 0.2-0.5 s
// for an agency of 305 tasks, this one 5-10 ms. The agency's own expansion is left to
// the planner: given the agency's id it starts from it (a hint there made it slower).
// 说明: 先找该单位的任务,再由任务找其方案,不扫描整张 HAS_TASK 关系表。
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE a.id = $agency
WITH a, t, collect(e.basis) AS bases
MATCH (d:Document)-[h:HAS_TASK]->(t)
HINT (t JOIN h) JOIN d
RETURN d.id AS doc_id, d.title AS plan, d.issuer AS issuer, d.doc_number AS doc_number,
       coalesce(d.fingerprint, d.sha256) AS plan_hash, t.id AS task_id, t.no AS no, t.section AS section,
       t.title AS title, t.deadline AS deadline, a.id AS agency_id, a.name AS agency,
       a.city AS city,
       CASE WHEN 'explicit' IN bases OR 'first_listed' IN bases THEN 'lead'
            WHEN 'listed' IN bases THEN 'unit' ELSE 'implied' END AS role
ORDER BY doc_id, t.position, agency
