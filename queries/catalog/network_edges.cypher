// title: Agency-task edges for drawing the network
// 标题: 网络图的单位—任务连线
// question: Which agencies are tied to which 5G tasks in 常州, and as lead or as unit?
// 问题: 常州的5G任务各与哪些单位相连,是牵头还是参与?
// param city (city, default null): the issuing city, full or short name; null for every city
// 参数 city (城市): 发文城市,全称或简称均可;不填为全部城市
// param sector (sector, default null): sector name, e.g. 5G; null for every sector
// 参数 sector (领域): 领域名称或关键词,如 5G;不填为全部领域
// param agency (agency, default null): agency id; keeps only that agency's tasks (with all their agencies)
// 参数 agency (单位): 只看这个单位的任务(连同这些任务的全部单位);单位编号或能确定一个单位的名称
// param role (lead|any, default 'any'): 'lead' keeps lead edges only (explicit or first listed)
// 参数 role (角色): 选“牵头”只保留牵头连线(含按排序推定)
// param limit (int, default 5000): how many edges to list
// 参数 limit (条数): 最多列出多少条连线
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// 参数 offset (跳过): 跳过前面多少条,用于翻页
// fill last from network_page_end: the id of the page's last task, found first; null for no bound
// columns: agency_id, agency, city, kind, task_id, task, no, doc_id, basis
// example: city=常州, sector=5G
// One row per edge: a first-listed lead gives a lead row and a listed row for the same pair.
// The page's last task is found first (network_page_end) and passed in as $last: an
// engine that narrows a scan by a parameter then reads those tasks' edges only.
// 说明: 每条连线一行:按排序推定的牵头单位既有一条牵头连线,也有一条责任单位连线。
// The parameters are compared where they are used, not bound first by a WITH: LadybugDB
// compares a WITH-bound value only after the MATCH has read its table (seed-sized graph,
// city and sector given: 4.0-4.7 -> 2.5-3.7 ms on one connection).
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE (coalesce($last, '') = '' OR t.id <= $last)
  AND (coalesce($city, '') = '' OR t.city = coalesce($city, ''))
  AND ($role = 'any' OR e.basis IN ['explicit', 'first_listed'])
  AND (coalesce($sector, '') = ''
       OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = coalesce($sector, '') })
  AND (coalesce($agency, '') = '' OR EXISTS {
        MATCH (f:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) WHERE f.id = coalesce($agency, '') })
RETURN a.id AS agency_id, a.name AS agency, a.city AS city, a.kind AS kind, t.id AS task_id,
       t.title AS task, t.no AS no, t.doc_id AS doc_id, e.basis AS basis
ORDER BY task_id, agency_id
SKIP $offset
LIMIT $limit
