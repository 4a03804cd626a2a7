// title: A plan's quantitative targets
// 标题: 方案的量化目标
// question: Which targets does plan 000_29c4f374f04b8484 set, and which task states each?
// 问题: 这份方案提出了哪些量化目标?各由哪项任务提出?
// param doc (string, required): document id or file name, e.g. 000_29c4f374f04b8484
// 参数 doc (方案): 文件编号或文件名,如 000_29c4f374f04b8484
// param task (string, default null): only the targets this task states, e.g. 000_29c4f374f04b8484-001; null for all
// 参数 task (任务): 只列这项任务提出的目标,如 000_29c4f374f04b8484-001;不填为全部目标
// columns: target_id, task_id, no, task, metric, value, value_unit, comparison, year, phrase, sectors, position
// example: doc=000_29c4f374f04b8484
// Targets of the goals section (发展目标) have no task. comparison is =, ≥, >, ≤, < (a level)
// or increase_by / decrease_by (a change from the base); year is the year it is measured
// in, where printed; position is the printed order within the plan.
// 说明: 发展目标部分的目标不属于任何任务;比较方式为达到、不低于、高于、不高于、低于,或增长、下降;年份为原文所写的目标年份。
MATCH (d:Document)-[:HAS_TARGET]->(g:Target)
WHERE (d.id = $doc OR d.file = $doc)
  AND (coalesce($task, '') = '' OR g.task_id = coalesce($task, ''))
OPTIONAL MATCH (t:Task)-[:STATES]->(g)
OPTIONAL MATCH (g)-[:MEASURES]->(s:Sector)
RETURN g.id AS target_id, t.id AS task_id, t.no AS no, t.title AS task, g.metric AS metric,
       g.value AS value, g.unit AS value_unit, g.comparison AS comparison, g.year AS year,
       g.phrase AS phrase, collect(s.name) AS sectors, g.position AS position
ORDER BY position
