// title: Where a page of network edges ends
// 标题: 网络图一页连线止于哪项任务
// question: Which is the `limit`-th task by id, up to which a page of network_edges most likely reaches?
// 问题: 网络图一页连线多半止于哪项任务(按编号排列的第若干项任务)?
// param city (city, default null): the issuing city; when given, no bound (a city's tasks are few)
// 参数 city (城市): 发文城市;给出城市时不设界限(一个城市的任务不多)
// param sector (sector, default null): sector name, e.g. 5G; null for every sector
// 参数 sector (领域): 领域名称或关键词,如 5G;不填为全部领域
// param agency (agency, default null): agency id; when given, no bound (its tasks are few)
// 参数 agency (单位): 给出单位时不设界限(单位的任务不多);单位编号或能确定一个单位的名称
// param role (lead|any, default 'any'): 'lead' sets no bound (many tasks have no lead edge)
// 参数 role (角色): 选“牵头”时不设界限(许多任务没有牵头连线)
// param limit (int, default 5000): how many edges the page holds
// 参数 limit (条数): 一页最多多少条连线
// columns: task_id
// example: sector=5G, limit=20
// The last of the first `limit` tasks by id (of the sector, when one is given), one row.
// network_edges runs this first (its `fill last`) and reads only the tasks up to this one:
// most tasks have several edges, so the page's edges lie there, and when they do not (its
// answer comes back short) it asks again without the bound. With a city, an agency or
// role=lead it returns nothing: those pages are small, or many tasks have no lead edge.
// Only the last id is returned (two ORDER BYs): 5,000 ids cost more to hand over than to find.
// Nothing either when the graph holds no more than `limit` tasks: every page would be short.
// 说明: 网络图先找出按编号排列的第若干项任务,只读到这一项为止;不够一页时再不设界限重读。
MATCH (n:Task)
WITH count(n) AS tasks
WHERE tasks > $limit
MATCH (t:Task)
WHERE coalesce($city, '') = '' AND coalesce($agency, '') = '' AND $role = 'any'
  AND (coalesce($sector, '') = ''
       OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = coalesce($sector, '') })
WITH t.id AS task_id
ORDER BY task_id
LIMIT $limit
WITH task_id
ORDER BY task_id DESC
LIMIT 1
RETURN task_id
