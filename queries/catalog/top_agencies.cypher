// title: Agencies with the most tasks
// 标题: 承担任务最多的单位
// question: Which bureau carries the most 5G obligations in 常州?
// 问题: 常州哪个部门承担的5G任务最多?
// param sector (sector, default null): sector name, e.g. 5G; null counts tasks of every sector
// 参数 sector (领域): 领域名称或关键词,如 5G、千兆;不填统计全部领域
// param city (city, default null): the agency's city, full or short name (常州市 or 常州); null for all
// 参数 city (城市): 单位所在城市,全称或简称均可(常州市或常州);不填为全部城市
// param kind (kind, default null): agency kind (department, party, collective, zone, enterprise, institution, other); null for all
// 参数 kind (单位类别): 如 政府部门、党委机构、企业、事业单位;不填为全部类别
// param role (lead|any, default 'any'): 'lead' counts tasks the agency leads (explicit or first listed); 'any' counts every assignment
// 参数 role (角色): “牵头”只数牵头的任务(含按排序推定),“全部角色”数全部任务
// param limit (int, default 20): how many agencies to list
// 参数 limit (条数): 列出多少个单位
// columns: name, city, kind, type, tasks, explicit_leads, first_listed_leads, id
// example: sector=5G, city=常州
// tasks counts distinct tasks; explicit_leads and first_listed_leads count lead edges (an
// agency has at most one per task, so the tasks it leads are their sum). The counts are the
// tallies the graph keeps (graph.tallies): an agency's WORKS_IN to the sector's Scope ('' for
// every sector) holds its tasks there and its explicit and first-listed lead edges.
// 说明: 同一单位在一项任务中最多牵头一次;单位可能既牵头又列为责任单位,任务按项去重计数。
// 说明: 计数取自图中随每次写入更新的汇总(graph.tallies)。
MATCH (s:Scope)<-[w:WORKS_IN]-(a:Agency)
WHERE s.name = coalesce($sector, '')
  AND (coalesce($city, '') = '' OR a.city = coalesce($city, ''))
  AND (coalesce($kind, '') = '' OR a.kind = coalesce($kind, ''))
WITH a, w, CASE WHEN $role = 'lead' THEN w.explicit + w.first_listed ELSE w.tasks END AS tasks
WHERE tasks > 0
RETURN a.name AS name, a.city AS city, a.kind AS kind, a.type AS type,
       tasks, w.explicit AS explicit_leads, w.first_listed AS first_listed_leads, a.id AS id
ORDER BY tasks DESC, name, city
LIMIT $limit
