// title: Find agencies and tasks by name
// 标题: 按名称查找单位和任务
// question: Which agencies and tasks have 工信 (or 数据中心, …) in their name?
// 问题: 名称中含“工信”(或“数据中心”等)的单位和任务有哪些?
// param q (string, required): a fragment of an agency name (as shown or the lexicon's), a unit as printed, or a task title
// 参数 q (关键词): 单位名称(显示名或规范名)、方案中的写法或任务标题中的几个字
// param limit (int, default 20): how many agencies and how many tasks to list
// 参数 limit (条数): 单位和任务各列出多少
// columns: kind, id, name, city, context
// example: q=工信
// context is the agency's type for agencies and the plan's title for tasks.
// 说明: 单位一行的说明是单位类型,任务一行的说明是方案标题。
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(:Task)
WHERE size($q) > 0 AND (a.name CONTAINS $q OR a.canonical CONTAINS $q OR e.unit CONTAINS $q)
WITH DISTINCT a
RETURN 'agency' AS kind, a.id AS id, a.name AS name, a.city AS city, a.type AS context
ORDER BY city, name
LIMIT $limit
UNION ALL
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE size($q) > 0 AND t.title CONTAINS $q
RETURN 'task' AS kind, t.id AS id, t.title AS name, t.city AS city, d.title AS context
ORDER BY id
LIMIT $limit
