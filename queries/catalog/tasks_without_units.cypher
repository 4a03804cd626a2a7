// title: Tasks nobody is assigned to
// 标题: 未列责任单位的任务
// question: Which tasks name no unit at all, not even by a standing rule?
// 问题: 哪些任务一个单位也没有写,连统一规定也没有覆盖?
// param city (city, default null): the issuing city, full or short name; null for every city
// 参数 city (城市): 发文城市,全称或简称均可;不填为全部城市
// param doc (string, default null): document id or file name; null for every plan
// 参数 doc (方案): 文件编号或文件名;不填为全部方案
// param limit (int, default 200): how many tasks to list
// 参数 limit (条数): 最多列出多少项任务
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// 参数 offset (跳过): 跳过前面多少项,用于翻页
// columns: doc_id, plan, task_id, no, section, title
// example: city=深圳
WITH coalesce($city, '') AS only_city, coalesce($doc, '') AS only_doc
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (only_city = '' OR d.city = only_city)
  AND (only_doc = '' OR d.id = only_doc OR d.file = only_doc)
  AND NOT EXISTS { MATCH (:Agency)-->(t) }
RETURN d.id AS doc_id, d.title AS plan, t.id AS task_id, t.no AS no, t.section AS section,
       t.title AS title
ORDER BY task_id
SKIP $offset
LIMIT $limit
