// title: Agency types side by side across cities
// 标题: 各城市分工对比
// question: In 常州 and 深圳, how many 5G tasks does each type of agency carry, how many does it lead, and how many of them name no lead?
// 问题: 常州和深圳的5G任务中,各类单位分别承担多少项、牵头多少项,其中多少项没有写明牵头单位?
// param sector (sector, required): sector name or keyword, e.g. 5G
// 参数 sector (领域): 领域名称或关键词,如 5G
// param cities (cities, default null): the cities to compare, full or short names separated by 、 or commas; null for every city
// 参数 cities (城市): 要比较的城市,用顿号或逗号分开,全称或简称均可;不填为全部城市
// columns: city, type, agencies, tasks, led_tasks, explicit_leads, unnamed_lead
// example: sector=5G, cities=常州、深圳
// One row per city and agency type, and one row per city with type '' for all the city's
// tasks of the sector. tasks counts the tasks an agency of the type is assigned to;
// led_tasks those it leads (explicit or first listed), explicit_leads those it is printed
// as lead of; unnamed_lead those (of the city's row: of all its tasks) that print no lead.
// Agencies the resolver could not type (type '') are counted only in the city's row.
// 说明: 每个城市每类单位一行,另有单位类型为空的一行是该市该领域的全部任务。承担:该类单位参与的任务数;
// 说明: 牵头:该类单位牵头的任务数(含按排序推定);未写明牵头:其中原文没有写明牵头单位的任务数。
MATCH (t:Task)
WHERE (size($cities) = 0 OR t.city IN $cities)
  AND EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = $sector }
OPTIONAL MATCH (x:Agency)-[l:LEADS]->(t)
WHERE l.basis = 'explicit'
WITH t, count(x) = 0 AS unnamed
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WHERE a.type <> ''
RETURN t.city AS city, a.type AS type, count(DISTINCT a.id) AS agencies,
       count(DISTINCT t.id) AS tasks,
       count(DISTINCT CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN t.id END) AS led_tasks,
       count(DISTINCT CASE WHEN e.basis = 'explicit' THEN t.id END) AS explicit_leads,
       count(DISTINCT CASE WHEN unnamed THEN t.id END) AS unnamed_lead
ORDER BY city, tasks DESC, type
UNION ALL
MATCH (t:Task)
WHERE (size($cities) = 0 OR t.city IN $cities)
  AND EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = $sector }
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH t.city AS city, count(DISTINCT a.id) AS agencies, count(DISTINCT t.id) AS tasks,
     count(DISTINCT CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN t.id END) AS led_tasks,
     count(DISTINCT CASE WHEN e.basis = 'explicit' THEN t.id END) AS explicit_leads
RETURN city, '' AS type, agencies, tasks, led_tasks, explicit_leads,
       tasks - explicit_leads AS unnamed_lead
ORDER BY city, tasks DESC, type
