// title: The targets stated by one agency's tasks
// 标题: 某单位所承担任务提出的量化目标
// question: Which quantitative targets do the tasks of agency ag-b8532d89a8cb set?
// 问题: 这个单位承担的任务提出了哪些量化目标?
// param agency (agency, required): agency id, e.g. ag-b8532d89a8cb
// 参数 agency (单位): 单位编号,或能确定一个单位的名称,如 常州市工信局
// columns: task_id, metric, value, value_unit, comparison, year, phrase, position
// example: agency=ag-b8532d89a8cb
// The rows task_targets gives for the agency's tasks. The tasks are reached from the agency:
// task_targets over an agency's 300 tasks, whose ids lie all over the graph, took 120-250 ms
// at scale 1000 (it scans task ids between the smallest and the largest asked), this 5-15.
// 说明: 与对这个单位的全部任务查询“任务提出的量化目标”结果相同,按任务编号和原文顺序。
MATCH (a:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t:Task)-[:STATES]->(g:Target)
WHERE a.id = $agency
WITH DISTINCT t, g
RETURN t.id AS task_id, g.metric AS metric, g.value AS value, g.unit AS value_unit,
       g.comparison AS comparison, g.year AS year, g.phrase AS phrase,
       g.position AS position
ORDER BY task_id, position
