// title: Plans in the graph
// 标题: 已收录的方案
// question: Which plans are loaded, from which city, with how many tasks?
// 问题: 收录了哪些方案,分别来自哪个城市,各有多少项任务?
// param city (city, default null): the issuing city, full or short name; null for every city
// 参数 city (城市): 发文城市,全称或简称均可;不填为全部城市
// param limit (int, default 500): how many plans to list
// 参数 limit (条数): 最多列出多少份方案
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// 参数 offset (跳过): 跳过前面多少份,用于翻页
// columns: doc_id, file, title, city, issued, doc_number, tasks
// example: city=常州
WITH coalesce($city, '') AS only_city
MATCH (d:Document)
WHERE only_city = '' OR d.city = only_city
RETURN d.id AS doc_id, d.file AS file, d.title AS title, d.city AS city, d.issued AS issued,
       d.doc_number AS doc_number, d.task_count AS tasks
ORDER BY city, doc_id
SKIP $offset
LIMIT $limit
