// title: The targets some tasks state
// 标题: 任务提出的量化目标
// question: Which quantitative targets do tasks 003_ce560822e58bcc91-001 and -002 set?
// 问题: 这些任务提出了哪些量化目标?
// param tasks (words, required): task ids, e.g. 003_ce560822e58bcc91-001、003_ce560822e58bcc91-002
// 参数 tasks (任务): 任务编号,以、分隔,如 003_ce560822e58bcc91-001、003_ce560822e58bcc91-002
// columns: task_id, metric, value, value_unit, comparison, year, phrase, position
// example: tasks=003_ce560822e58bcc91-001、003_ce560822e58bcc91-002
// position is the printed order within the plan.
// 说明: 按原文顺序列出每项任务提出的目标(指标、数值、单位、比较方式、年份)。
UNWIND $tasks AS id
MATCH (t:Task)-[:STATES]->(g:Target)
WHERE t.id = id
RETURN t.id AS task_id, g.metric AS metric, g.value AS value, g.unit AS value_unit,
       g.comparison AS comparison, g.year AS year, g.phrase AS phrase,
       g.position AS position
ORDER BY task_id, position
