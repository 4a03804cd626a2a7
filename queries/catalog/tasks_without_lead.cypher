// title: Tasks with no explicit lead
// 标题: 未明确牵头单位的任务
// question: Which tasks name no lead unit, and who leads them by the first-listed convention?
// 问题: 哪些任务没有写明牵头单位?按排序推定由谁牵头?
// param city (city, default null): the issuing city, full or short name; null for every city
// 参数 city (城市): 发文城市,全称或简称均可;不填为全部城市
// param doc (string, default null): document id or file name; null for every plan
// 参数 doc (方案): 文件编号或文件名;不填为全部方案
// param limit (int, default 200): how many tasks to list
// 参数 limit (条数): 最多列出多少项任务
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// 参数 offset (跳过): 跳过前面多少项,用于翻页
// columns: doc_id, plan, task_id, no, section, title, first_listed_lead, has_first_listed_lead
// example: city=常州
// has_first_listed_lead is false when the task names no unit at all.
// 说明: 任务未列任何单位时,“有推定牵头”为否。
WITH coalesce($city, '') AS only_city, coalesce($doc, '') AS only_doc
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (only_city = '' OR d.city = only_city)
  AND (only_doc = '' OR d.id = only_doc OR d.file = only_doc)
  AND NOT EXISTS { MATCH (:Agency)-[l:LEADS]->(t) WHERE l.basis = 'explicit' }
OPTIONAL MATCH (f:Agency)-[:LEADS]->(t)
RETURN d.id AS doc_id, d.title AS plan, t.id AS task_id, t.no AS no, t.section AS section,
       t.title AS title, f.name AS first_listed_lead, f IS NOT NULL AS has_first_listed_lead
ORDER BY task_id
SKIP $offset
LIMIT $limit
