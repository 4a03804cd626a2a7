// title: A sector's targets, city by city
// 标题: 某领域各城市的量化目标
// question: What 5G targets do the cities set (base stations, users, coverage)?
// 问题: 各城市在5G领域提出了哪些量化目标?
// param sector (sector, required): sector name, e.g. 5G
// 参数 sector (领域): 领域名称或关键词,如 5G
// param city (city, default null): the issuing city, full or short name; null for every city
// 参数 city (城市): 发文城市,全称或简称均可;不填为全部城市
// param limit (int, default 500): how many targets to list, metric by metric
// 参数 limit (条数): 最多列出多少个目标(按指标排列)
// columns: city, metric, value, value_unit, comparison, year, plan, doc_id, task_id, no, phrase, target_id
// example: sector=5G
// A target is in a sector when its own words name it (5G基站: 5G). task_id is empty for a
// target of the plan's goals section.
// 说明: 目标本身的文字涉及该领域时才列入(如“5G基站”属5G);任务为空表示出自方案的发展目标部分。
MATCH (s:Sector)<-[:MEASURES]-(g:Target)
WHERE s.name = $sector AND (coalesce($city, '') = '' OR g.city = coalesce($city, ''))
MATCH (d:Document)-[:HAS_TARGET]->(g)
OPTIONAL MATCH (t:Task)-[:STATES]->(g)
RETURN g.city AS city, g.metric AS metric, g.value AS value, g.unit AS value_unit,
       g.comparison AS comparison, g.year AS year, d.title AS plan, d.id AS doc_id,
       t.id AS task_id, t.no AS no, g.phrase AS phrase, g.id AS target_id
ORDER BY metric, city, year, target_id
LIMIT $limit
