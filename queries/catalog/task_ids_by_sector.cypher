// title: Ids of a page of tasks, of every plan or of one sector
// 标题: 一页任务的编号(全部任务或某领域的任务)
// question: Which tasks, by id, make up the first page of the province's 5G tasks?
// 问题: 全省5G任务的第一页是哪些任务(编号)?
// param sector (sector, default null): sector name, e.g. 5G; null for every sector
// 参数 sector (领域): 领域名称或关键词,如 5G;不填为全部领域
// param limit (int, default 200): how many tasks to list
// 参数 limit (条数): 最多列出多少项任务
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// 参数 offset (跳过): 跳过前面多少项,用于翻页
// columns: task_id
// example: sector=5G
// The rows task_ids gives when no city and no plan is given, for the task list, which asks
// `tasks` itself for a city or a plan: on LadybugDB task_ids' city and plan branches read
// their relationship tables even when their parameters leave them empty (28-40 ms at scale
// 1000 for the first 500 of every task, this 10-12).
// 说明: 与不指定城市和方案时的 task_ids 结果相同,按任务编号排序。
MATCH (t:Task)
WHERE coalesce($sector, '') = ''
   OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = coalesce($sector, '') }
RETURN t.id AS task_id
ORDER BY task_id
SKIP $offset
LIMIT $limit
