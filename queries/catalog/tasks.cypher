// title: Tasks, with their leads
// 标题: 任务及其牵头单位
// question: Which tasks do the plans of 常州 set for 5G, and who leads each?
// 问题: 常州的方案为5G安排了哪些任务,各由谁牵头?
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
// columns: task_id, doc_id, plan, city, section, no, title, leads, lead_basis, agencies, sectors
// example: city=常州, sector=5G
// lead_basis is explicit, first_listed, or null when the task names no unit; agencies counts
// every agency assigned. Leads are the assignments whose basis is a lead's (LEADS edges
// carry explicit or first_listed, RESPONSIBLE_FOR listed or standing_rule), read with the
// agencies in one expansion: on the seed-sized graph each expansion costs 2-3 ms of the
// 10 ms goal (`tasks(city=常州, sector=5G)` 9 -> 6 ms).
// 说明: 牵头依据为明确牵头、按排序推定,或为空(任务未列任何单位);单位数为该任务的全部单位。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (coalesce($city, '') = '' OR d.city = coalesce($city, ''))
  AND (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
  AND (coalesce($sector, '') = ''
       OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = coalesce($sector, '') })
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH d, t, collect(CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN a.name END) AS leads,
     collect(CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN e.basis END) AS bases,
     count(DISTINCT a.id) AS agencies
OPTIONAL MATCH (t)-[:IN_SECTOR]->(s:Sector)
RETURN t.id AS task_id, d.id AS doc_id, d.title AS plan, d.city AS city, t.section AS section,
       t.no AS no, t.title AS title, leads,
       CASE WHEN 'explicit' IN bases THEN 'explicit'
            WHEN 'first_listed' IN bases THEN 'first_listed' END AS lead_basis,
       agencies, collect(s.name) AS sectors
ORDER BY task_id
SKIP $offset
LIMIT $limit
