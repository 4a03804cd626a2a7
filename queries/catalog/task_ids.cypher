// title: Ids of a page of tasks
// 标题: 一页任务的编号
// question: Which tasks, by id, make up the first page of 常州's 5G tasks?
// 问题: 常州5G任务的第一页是哪些任务(编号)?
// param city (city, default null): the issuing city, full or short name; null for every city
// 参数 city (城市): 发文城市,全称或简称均可;不填为全部城市
// param doc (string, default null): document id or file name; null for every plan
// 参数 doc (方案): 文件编号或文件名;不填为全部方案
// param sector (sector, default null): sector name, e.g. 5G; null for every sector
// 参数 sector (领域): 领域名称或关键词,如 5G;不填为全部领域
// param limit (int, default 200): how many tasks to list
// 参数 limit (条数): 最多列出多少项任务
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// 参数 offset (跳过): 跳过前面多少项,用于翻页
// columns: task_id
// example: city=常州, sector=5G
// The ids of the rows `tasks` gives for the same parameters, in the same order. The task
// list asks these first and then `task_rows` between the first and the last of them: on
// LadybugDB a page cut before its tasks' leads and sectors are looked up makes the engine
// read every assignment, while a range of ids given as parameters lets it read only theirs.
// 说明: 与 tasks 同样参数时各行的任务编号,顺序相同;任务列表先取编号,再用 task_rows 取这一段。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (coalesce($city, '') = '' OR d.city = coalesce($city, ''))
  AND (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
  AND (coalesce($sector, '') = ''
       OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = coalesce($sector, '') })
RETURN t.id AS task_id
ORDER BY task_id
SKIP $offset
LIMIT $limit
