// title: Tasks due by a date, with their leads
// 标题: 某日前到期的任务及其牵头单位
// question: Which tasks of 开封's plans fall due by the end of 2020, and who leads each?
// 问题: 哪些任务在某日前到期?各由谁牵头?
// param due_by (date, required): latest deadline, e.g. 2020-12-31
// 参数 due_by (到期日): 时限不晚于此日,如 2020-12-31
// param due_from (date, default null): earliest deadline, e.g. 2020-01-01; null for no lower bound
// 参数 due_from (最早时限): 时限不早于此日,如 2020-01-01;不填为不限
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
// columns: task_id, doc_id, plan, city, section, no, title, leads, lead_basis, agencies, sectors, due
// example: due_by=2020-12-31, city=开封
// A task is listed when any dated deadline it prints falls in the range; due is the
// earliest of those. The columns are those of the tasks query, and due.
// 说明: 任务原文所写任一具体时限落在范围内即列出;到期日为其中最早的一个。
// The leads, agencies and sectors are read for every task due before the page is cut, with
// the sector tested on the task's collected sectors: cutting first and then matching the
// page's edges made LadybugDB read every assignment whatever the page (scale 1000: 350-370
// ms; now 110-350 for every city, 13-17 for one city's 5G tasks), and on the seed-sized
// graph each EXISTS and expansion costs 2-3 ms of the 10 ms goal (10-11 -> 6 ms).
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_DEADLINE]->(x:Deadline)
WHERE x.date IS NOT NULL AND x.date <= $due_by
  AND (coalesce($due_from, '') = '' OR x.date >= coalesce($due_from, ''))
  AND (coalesce($city, '') = '' OR d.city = coalesce($city, ''))
  AND (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
WITH d, t, min(x.date) AS due
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH d, t, due,
     collect(CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN a.name END) AS leads,
     collect(CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN e.basis END) AS bases,
     count(DISTINCT a.id) AS agencies
OPTIONAL MATCH (t)-[:IN_SECTOR]->(s:Sector)
WITH d, t, due, leads, bases, agencies, collect(s.name) AS sectors
WHERE coalesce($sector, '') = '' OR coalesce($sector, '') IN sectors
RETURN t.id AS task_id, d.id AS doc_id, d.title AS plan, d.city AS city, t.section AS section,
       t.no AS no, t.title AS title, leads,
       CASE WHEN 'explicit' IN bases THEN 'explicit'
            WHEN 'first_listed' IN bases THEN 'first_listed' END AS lead_basis,
       agencies, sectors, due
ORDER BY due, task_id
SKIP $offset
LIMIT $limit
