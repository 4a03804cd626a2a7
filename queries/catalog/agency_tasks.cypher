// title: Tasks of one agency
// 标题: 某单位的任务清单
// question: What must 市工信局 deliver, in which plans, and with whom?
// 问题: 这个单位要完成哪些任务?出自哪些方案?和谁一起?
// param agency (string, required): agency id, name (as shown or the lexicon's), or unit as printed in a plan, e.g. 市工信局
// 参数 agency (单位): 单位名称(显示名或规范名)、方案中的写法或单位编号,如 市工信局
// param city (city, default null): the agency's city, full or short name; null for every city
// 参数 city (城市): 单位所在城市,全称或简称均可;不填为全部城市
// param limit (int, default 500): how many tasks to list
// 参数 limit (条数): 最多列出多少项任务
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// 参数 offset (跳过): 跳过前面多少项,用于翻页
// columns: agency, city, plan, doc_id, section, no, title, role, basis, co_agencies, sectors, task_id, corrections
// example: agency=市工信局, city=常州
// role is lead, unit or implied; basis says why: explicit or first_listed (leads), listed or
// standing_rule (other units). A first-listed lead is also listed among the units.
// 说明: 角色为牵头、责任单位或统一规定的责任单位;依据说明理由:明确牵头、按排序推定牵头、列为责任单位或按统一规定。
// The parameters are compared where they are used, not bound by a WITH first (LadybugDB
// compares a WITH-bound value after the MATCH has read its table). The agency's page asks
// agency_tasks_by_id, which takes an id only.
MATCH (a:Agency)-[named:LEADS|RESPONSIBLE_FOR]->(:Task)
WHERE (coalesce($city, '') = '' OR a.city = coalesce($city, ''))
  AND (a.id = $agency OR a.name = $agency OR a.canonical = $agency OR named.unit = $agency)
WITH DISTINCT a
MATCH (a)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WITH a, t, collect(e.basis) AS bases,
     collect(DISTINCT CASE WHEN e.correction <> '' THEN e.correction END) AS corrections
WITH a, t, corrections,
     CASE WHEN 'explicit' IN bases OR 'first_listed' IN bases THEN 'lead'
          WHEN 'listed' IN bases THEN 'unit' ELSE 'implied' END AS role,
     CASE WHEN 'explicit' IN bases THEN 'explicit'
          WHEN 'first_listed' IN bases THEN 'first_listed'
          WHEN 'listed' IN bases THEN 'listed' ELSE 'standing_rule' END AS basis
OPTIONAL MATCH (t)-[:IN_SECTOR]->(s:Sector)
WITH a, t, corrections, role, basis, collect(s.name) AS sectors
MATCH (o:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t)
WITH a, t, corrections, role, basis, sectors,
     collect(DISTINCT CASE WHEN o.id <> a.id THEN o.name END) AS co_agencies
MATCH (d:Document)-[:HAS_TASK]->(t)
RETURN a.name AS agency, a.city AS city, d.title AS plan, d.id AS doc_id,
       t.section AS section, t.no AS no, t.title AS title, role, basis,
       co_agencies, sectors, t.id AS task_id, corrections
ORDER BY city, doc_id, task_id, agency
SKIP $offset
LIMIT $limit
