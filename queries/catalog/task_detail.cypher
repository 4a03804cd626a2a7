// title: One task with the evidence for each assignment
// 标题: 某项任务及每条分配的依据
// question: Who is assigned to task 003_ce560822e58bcc91-001, and where does the plan say so?
// 问题: 这项任务分给了谁?方案在哪里这样写?
// param task (string, required): task id as shown by other queries, e.g. 003_ce560822e58bcc91-001
// 参数 task (任务): 任务编号,如 003_ce560822e58bcc91-001
// columns: task_id, plan, section, no, title, text, deadline, agency, role, basis, source, mention, start, end, sentence, correction
// example: task=003_ce560822e58bcc91-001
// One row per assignment, leads first, in printed order; a task nobody is assigned to gives
// one row with empty assignment columns. start and end are the span of the printed unit list.
// 说明: 每条分配一行,牵头在前,按原文顺序;没有任何单位的任务给出一行空白分配。
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
