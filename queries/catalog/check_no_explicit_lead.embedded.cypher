// check_no_explicit_lead, shaped for LadybugDB: the same rows as check_no_explicit_lead.cypher.
// The portable text tests every plan's tasks with EXISTS subqueries, which the engine
// answers by scanning and hash-joining whole edge tables: 0.1-1 s per plan or agency at
// scale 1000. Here the scope is bound first: the agency's tasks (read from the agency)
// and the plans holding them; the plan by id or file name; every plan when neither is
// given. The plans' tasks are read from the plan, and every expansion starts from the
// task (HINT), the test being counts over the task's edges. Every plan at once stays
// slow (seconds) either way: the pages ask per plan or per agency.
OPTIONAL MATCH (x:Agency)-[xe:LEADS|RESPONSIBLE_FOR]->(xt:Task)
WHERE x.id = $agency
HINT (x JOIN xe) JOIN xt
WITH collect(DISTINCT xt.doc_id) AS agency_docs, collect(DISTINCT id(xt)) AS agency_tasks
MATCH (d:Document)
WHERE (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
  AND (coalesce($agency, '') = '' OR list_contains(agency_docs, d.id))
MATCH (d)-[h:HAS_TASK]->(t:Task)
WHERE (coalesce($agency, '') = '' OR list_contains(agency_tasks, id(t)))
HINT (d JOIN h) JOIN t
OPTIONAL MATCH (u:Agency)-[f:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN f) JOIN u
WITH d, t, count(f) AS units,
     count(CASE WHEN label(f) = 'LEADS' AND f.basis = 'explicit' THEN 1 END) AS explicit_leads
WHERE units > 0 AND explicit_leads = 0
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
WITH d, t, a, e
ORDER BY e.rank
SKIP 0
WITH d, t, collect(DISTINCT a.name) AS assigned, collect(DISTINCT a.id) AS agency_ids,
     collect(DISTINCT e.sentence) AS sentences,
     collect(DISTINCT CASE WHEN e.basis = 'first_listed' THEN a.name END) AS found
RETURN d.id AS doc_id, d.title AS plan, d.doc_number AS doc_number, t.id AS task_id,
       t.no AS no, t.section AS section, t.title AS title,
       CASE WHEN size(sentences) = 0 THEN t.text END AS text, assigned,
       sentences, found, agency_ids
ORDER BY task_id
