// title: Tasks that fall due between two dates
// 标题: 按完成时限查任务
// question: Which tasks must be done by the end of 2020, and who leads them?
// 问题: 哪些任务在某日前到期?由谁牵头?
// param due_from (date, default null): earliest deadline, e.g. 2025-01-01; null for no lower bound
// 参数 due_from (最早时限): 时限不早于此日,如 2025-01-01;不填为不限
// param due_by (date, default null): latest deadline, e.g. 2025-12-31; null for no upper bound
// 参数 due_by (最晚时限): 时限不晚于此日,如 2025-12-31;不填为不限
// param city (city, default null): the issuing city, full or short name; null for every city
// 参数 city (城市): 发文城市,全称或简称均可;不填为全部城市
// param sector (sector, default null): sector name, e.g. 5G; null for every sector
// 参数 sector (领域): 领域名称,如 5G;不填为全部领域
// param limit (int, default 200): how many tasks to list
// 参数 limit (条数): 最多列出多少项任务
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// 参数 offset (跳过): 跳过前面多少项,用于翻页
// columns: deadline, doc_id, plan, task_id, no, title, leads
// example: due_from=2020-01-01, due_by=2020-12-31
// The deadline is the task's first dated one (the end of the month or year it names), as
// an ISO date; tasks that print only a recurrence (每季度) or 持续推进 have none.
// 说明: 时限取任务原文中第一个具体日期(所写月份或年份的最后一天);只写“每季度”“持续推进”的任务没有时限。
WITH coalesce($city, '') AS only_city, coalesce($sector, '') AS only_sector,
     coalesce($due_from, '') AS lo, coalesce($due_by, '') AS hi
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE t.deadline IS NOT NULL AND t.deadline <> ''
  AND (only_city = '' OR d.city = only_city)
  AND (lo = '' OR t.deadline >= lo) AND (hi = '' OR t.deadline <= hi)
  AND (only_sector = '' OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = only_sector })
OPTIONAL MATCH (a:Agency)-[:LEADS]->(t)
WITH d, t, collect(a.name) AS leads
RETURN t.deadline AS deadline, d.id AS doc_id, d.title AS plan, t.id AS task_id, t.no AS no,
       t.title AS title, leads
ORDER BY deadline, task_id
SKIP $offset
LIMIT $limit
