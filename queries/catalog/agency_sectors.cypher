// title: An agency's tasks per sector
// 标题: 某单位在各领域的任务数
// question: In which sectors does 市工信局 carry tasks, and how many in each?
// 问题: 这个单位在哪些领域承担任务,各有多少项?
// param agency (string, required): agency id, name (as shown or the lexicon's), or unit as printed in a plan, e.g. 市工信局
// 参数 agency (单位): 单位名称(显示名或规范名)、方案中的写法或单位编号,如 市工信局
// param city (city, default null): the agency's city, full or short name; null for every city
// 参数 city (城市): 单位所在城市,全称或简称均可;不填为全部城市
// param limit (int, default 500): how many (agency, sector) rows to list
// 参数 limit (条数): 最多列出多少行
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// 参数 offset (跳过): 跳过前面多少行,用于翻页
// columns: agency, city, sector, tasks, explicit_leads, first_listed_leads
// example: agency=市工信局, city=连云港
// Tasks without a sector are not counted; a task in two sectors counts in both.
// 说明: 没有归入领域的任务不计;一项任务属于两个领域时两边都计。
WITH $agency AS agency, coalesce($city, '') AS only_city
MATCH (a:Agency)
WHERE (only_city = '' OR a.city = only_city)
  AND (a.id = agency OR a.name = agency OR a.canonical = agency
       OR EXISTS { MATCH (a)-[named:LEADS|RESPONSIBLE_FOR]->(:Task) WHERE named.unit = agency })
MATCH (a)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)-[:IN_SECTOR]->(s:Sector)
RETURN a.name AS agency, a.city AS city, s.name AS sector, count(DISTINCT t) AS tasks,
       count(CASE WHEN e.basis = 'explicit' THEN 1 END) AS explicit_leads,
       count(CASE WHEN e.basis = 'first_listed' THEN 1 END) AS first_listed_leads
ORDER BY city, tasks DESC, sector, agency
SKIP $offset
LIMIT $limit
