// title: Agency types with the most tasks, across cities
// 标题: 各类型单位承担的任务(跨城市)
// question: Which kind of bureau (工业和信息化主管部门, 通信管理部门, …) carries the most 5G obligations in all plans?
// 问题: 哪一类单位(工业和信息化主管部门、通信管理部门……)在所有方案中承担的5G任务最多?
// param sector (sector, default null): sector name, e.g. 5G; null counts tasks of every sector
// 参数 sector (领域): 领域名称或关键词,如 5G;不填统计全部领域
// param kind (kind, default null): agency kind (department, party, collective, zone, enterprise, institution, other); null for all
// 参数 kind (单位类别): 如 政府部门、企业;不填为全部类别
// param role (lead|any, default 'any'): 'lead' counts tasks led (explicit or first listed); 'any' counts every assignment
// 参数 role (角色): “牵头”只数牵头的任务(含按排序推定),“全部角色”数全部任务
// param limit (int, default 20): how many types to list
// 参数 limit (条数): 列出多少个类型
// columns: type, agencies, cities, tasks, explicit_leads, first_listed_leads
// example: sector=5G
// Agencies the resolver could not type (type '') are left out. tasks, explicit_leads and
// first_listed_leads count distinct tasks (two agencies of one type on a task count it
// once; a task has explicit leads or one first-listed lead, so the tasks led are their
// sum). The counts are the tallies the graph keeps (graph.tallies): agencies and cities
// from the agencies' WORKS_IN the sector's Scope ('' for every sector), tasks from the
// TypeTally of the type, kind ('' for any) and sector.
// 说明: 无法确定类型的单位不计入。
// 说明: 计数取自图中随每次写入更新的汇总(graph.tallies)。
MATCH (s:Scope)<-[w:WORKS_IN]-(a:Agency)
WHERE s.name = coalesce($sector, '') AND a.type <> ''
  AND (coalesce($kind, '') = '' OR a.kind = coalesce($kind, ''))
  AND ($role = 'any' OR w.explicit + w.first_listed > 0)
WITH a.type AS type, count(*) AS agencies, count(DISTINCT a.city) AS cities
MATCH (x:TypeTally)
WHERE x.scope = coalesce($sector, '') AND x.kind = coalesce($kind, '') AND x.type = type
RETURN type, agencies, cities,
       CASE WHEN $role = 'lead' THEN x.explicit + x.first_listed ELSE x.tasks END AS tasks,
       x.explicit AS explicit_leads, x.first_listed AS first_listed_leads
ORDER BY tasks DESC, type
LIMIT $limit
