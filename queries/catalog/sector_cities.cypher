// title: A sector's cities: agencies with tasks there, and the sector's tasks issued there
// 标题: 某领域的各城市:有任务的单位数和本市发文的任务数
// question: In which cities do agencies carry 5G tasks, how many agencies and how many tasks?
// 问题: 哪些城市的单位承担5G任务,各有多少单位、多少项任务?
// param sector (sector, required): sector name, e.g. 5G
// 参数 sector (领域): 领域名称或关键词,如 5G
// param kind (kind, default null): agency kind (department, party, collective, zone, enterprise, institution, other); null for all
// 参数 kind (单位类别): 如 政府部门、党委机构、企业、事业单位;不填为全部类别
// columns: city, agencies, tasks
// example: sector=5G
// agencies counts the city's agencies (of the kind) with at least one task of the sector;
// tasks counts the sector's tasks in plans issued in the city. Both are read from the
// tallies the graph keeps (graph.tallies: WORKS_IN and SPANS), as top_agencies is, so a
// sector page of a province lists every city without ranking every agency.
// 说明: 单位数为本市承担该领域任务的单位(按类别筛选后);任务数为本市发文中该领域的任务。计数取自图中随写入更新的汇总。
MATCH (s:Scope)<-[w:WORKS_IN]-(a:Agency)
WHERE s.name = $sector AND w.tasks > 0
  AND (coalesce($kind, '') = '' OR a.kind = coalesce($kind, ''))
WITH a.city AS city, count(a) AS agencies
OPTIONAL MATCH (t:Scope)-[n:SPANS]->(c:City)
WHERE t.name = $sector AND c.id = city
RETURN city, agencies, coalesce(n.tasks, 0) AS tasks
ORDER BY agencies DESC, city
