// title: Sectors and how many tasks each has
// 标题: 各领域任务数
// question: Which sectors (5G, 数据中心, …) do the plans' tasks fall in, and how many agencies work on each?
// 问题: 方案的任务分布在哪些领域(5G、数据中心……),各有多少单位参与?
// param city (city, default null): the issuing city, full or short name; null for every city
// 参数 city (城市): 发文城市,全称或简称均可;不填为全部城市
// columns: sector, tasks, agencies, cities
// example: city=深圳
// A task in two sectors counts in both. Across every city the counts are the tallies the
// graph keeps (graph.tallies): the sector's Scope holds its tasks, its SPANS edges the
// cities they were issued in, its WORKS_IN edges the agencies assigned; for one city they
// are counted from that city's tasks. The branch that does not apply matches nothing.
// 说明: 一项任务属于两个领域时两边都计。
// 说明: 全部城市的计数取自图中随每次写入更新的汇总(graph.tallies)。
MATCH (s:Scope)
WHERE coalesce($city, '') = '' AND s.name <> ''
OPTIONAL MATCH (s)-[c:SPANS]->(:City)
WITH s, count(c) AS cities
OPTIONAL MATCH (s)<-[w:WORKS_IN]-(:Agency)
RETURN s.name AS sector, s.tasks AS tasks, count(w) AS agencies, cities
ORDER BY tasks DESC, sector
UNION ALL
MATCH (t:Task)-[:IN_SECTOR]->(s:Sector)
WHERE coalesce($city, '') <> '' AND t.city = coalesce($city, '')
OPTIONAL MATCH (a:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t)
RETURN s.name AS sector, count(DISTINCT t.id) AS tasks, count(DISTINCT a.id) AS agencies,
       count(DISTINCT t.city) AS cities
ORDER BY tasks DESC, sector
