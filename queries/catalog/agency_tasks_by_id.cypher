// title: Tasks of one agency, by its id
// 标题: 某单位(按编号)的任务清单
// question: What must agency ag-b8532d89a8cb deliver, in which plans, and with whom?
// 问题: 这个单位要完成哪些任务?出自哪些方案?和谁一起?
// param agency (agency, required): agency id, e.g. ag-b8532d89a8cb
// 参数 agency (单位): 单位编号,或能确定一个单位的名称,如 常州市工信局
// param limit (int, default 500): how many tasks to list
// 参数 limit (条数): 最多列出多少项任务
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// 参数 offset (跳过): 跳过前面多少项,用于翻页
// columns: agency, city, plan, doc_id, section, no, title, role, basis, co_agencies, sectors, task_id, corrections
// example: agency=ag-b8532d89a8cb
// The rows agency_tasks gives for one agency id, for the agency's page. agency_tasks also
// finds agencies by a unit as printed, which LadybugDB answers by reading every assignment
// whatever the value given (65-130 ms at scale 1000 after a write).
// role is lead, unit or implied; basis says why: explicit or first_listed (leads), listed or
// standing_rule (other units). A first-listed lead is also listed among the units.
// 说明: 与按单位编号查询“某单位的任务清单”结果相同。角色为牵头、责任单位或统一规定的责任单位。
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE a.id = $agency
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
