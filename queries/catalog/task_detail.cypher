// title: One task with the evidence for each assignment
// question: Who is assigned to task 003_ce560822e58bcc91-001, and where does the plan say so?
// param task (string, required): task id as shown by other queries, e.g. 003_ce560822e58bcc91-001
// columns: task_id, plan, section, no, title, text, deadline, agency, role, basis, source, mention, start, end, sentence, correction
// example: task=003_ce560822e58bcc91-001
// One row per assignment, leads first, in printed order; a task nobody is assigned to gives
// one row with empty assignment columns. start and end are the span of the printed unit list.
MATCH (d:Document)-[:HAS_TASK]->(t:Task {id: $task})
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
RETURN t.id AS task_id, d.title AS plan, t.section AS section, t.no AS no, t.title AS title,
       t.text AS text, t.deadline AS deadline, a.name AS agency,
       CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN 'lead'
            WHEN e.basis = 'listed' THEN 'unit'
            WHEN e.basis = 'standing_rule' THEN 'implied' END AS role,
       e.basis AS basis, e.source AS source, e.mention AS mention,
       e.start AS start, e.`end` AS `end`, e.sentence AS sentence,
       CASE WHEN a IS NOT NULL THEN coalesce(e.correction, '') END AS correction
ORDER BY CASE role WHEN 'lead' THEN 0 WHEN 'unit' THEN 1 ELSE 2 END, e.rank
