// title: Where the plans name one agency
// 标题: 方案原文如何写到某单位
// question: In which words and sentences do the plans assign tasks to agency ag-b8532d89a8cb?
// 问题: 方案在哪些原文、以什么写法把任务分给这个单位?
// param agency (agency, required): agency id, e.g. ag-b8532d89a8cb
// 参数 agency (单位): 单位编号,或能确定一个单位的名称,如 常州市工信局
// columns: task_id, mentions, sentences
// example: agency=ag-b8532d89a8cb
// mentions are the unit as printed (市工信局); sentences the sentence or table row of each list.
// 说明: 原文写法是方案中印出的单位名称(如 市工信局);原文是每个单位列表所在的句子或表格行。
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE a.id = $agency
WITH t, e
ORDER BY e.rank
SKIP 0
RETURN t.id AS task_id, collect(DISTINCT e.mention) AS mentions,
       collect(DISTINCT e.sentence) AS sentences
ORDER BY task_id
