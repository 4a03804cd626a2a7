// title: Who is assigned to one task, with the words and sentence for each
// 标题: 某项任务的全部责任单位及原文
// question: Which agencies lead or work on task 003_ce560822e58bcc91-001, and how did the plan name them?
// 问题: 这项任务由哪些单位牵头或参与?方案原文怎么写的?
// param task (string, required): task id, e.g. 003_ce560822e58bcc91-001
// 参数 task (任务): 任务编号,如 003_ce560822e58bcc91-001
// columns: agency_id, agency, city, kind, role, basis, source, mention, unit, start, end, sentence, rank, correction
// example: task=003_ce560822e58bcc91-001
// One row per edge in printed order (rank); a first-listed lead appears as lead and as unit.
// start and end are the span of the printed unit list in the plan's text.
// 说明: 每条分配一行,按原文顺序;按排序推定的牵头单位既列为牵头也列为责任单位。起止位置是单位列表在方案全文中的位置。
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE t.id = $task
RETURN a.id AS agency_id, a.name AS agency, a.city AS city, a.kind AS kind,
       CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN 'lead'
            WHEN e.basis = 'listed' THEN 'unit' ELSE 'implied' END AS role,
       e.basis AS basis, e.source AS source, e.mention AS mention, e.unit AS unit,
       e.start AS start, e.`end` AS `end`, e.sentence AS sentence, e.rank AS rank,
       coalesce(e.correction, '') AS correction
ORDER BY rank, role
