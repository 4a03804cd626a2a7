// agency_timeline, shaped for LadybugDB (same answers as agency_timeline.cypher): each task's
// plan is joined on the task's doc_id; reached through HAS_TASK from the task it took 110–200
// ms for an agency's 300 tasks at scale 1000, on doc_id 4–16.
WITH coalesce($due_by, '') AS hi
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE a.id = $agency
WITH hi, t, collect(e.basis) AS bases
OPTIONAL MATCH (t)-[:HAS_DEADLINE]->(x:Deadline)
WITH hi, t, bases, x
WHERE hi = '' OR (x.date IS NOT NULL AND x.date <= hi)
MATCH (d:Document)
WHERE d.id = t.doc_id
RETURN t.id AS task_id, d.id AS doc_id, d.title AS plan, t.no AS no, t.title AS title,
       CASE WHEN 'explicit' IN bases OR 'first_listed' IN bases THEN 'lead'
            WHEN 'listed' IN bases THEN 'unit' ELSE 'implied' END AS role,
       x.phrase AS phrase, x.kind AS deadline_kind, x.date AS date, x.recurrence AS recurrence
ORDER BY task_id, phrase
