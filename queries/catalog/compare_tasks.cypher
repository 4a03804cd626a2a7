// title: Tasks of one agency type in one city
// 标题: 某市某类单位承担的任务
// question: Which 5G tasks of 常州 is an agency of the type 工业和信息化主管部门 assigned to, and does it lead them?
// 问题: 常州的5G任务中,哪些由工业和信息化主管部门承担?是否由其牵头?
// param city (city, required): the city, full or short name
// 参数 city (城市): 城市,全称或简称均可
// param type (string, required): agency type, as the comparison names it
// 参数 type (单位类型): 单位类型,如 工业和信息化主管部门
// param sector (sector, default null): sector name, e.g. 5G; null for every sector
// 参数 sector (领域): 领域名称或关键词,如 5G;不填为全部领域
// param role (lead|any, default 'any'): 'lead' keeps the tasks the type leads (explicit or first listed)
// 参数 role (角色): 选“牵头”只列该类单位牵头的任务(含按排序推定)
// param unnamed (bool, default false): keep only the tasks that print no lead
// 参数 unnamed (仅未写明牵头): 选“是”只列原文没有写明牵头单位的任务
// columns: task_id, doc_id, plan, no, title, type_agencies, type_leads, unnamed_lead
// example: city=常州, type=工业和信息化主管部门, sector=5G
// The cells of the comparison (compare_cities) link here: its counts are this list's length.
// 说明: “各城市分工对比”的每个格子链接到这里,格中数字即此处的任务数。
MATCH (t:Task)
WHERE t.city = $city
  AND (coalesce($sector, '') = ''
       OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = coalesce($sector, '') })
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WHERE a.type = $type
WITH t, collect(DISTINCT a.name) AS type_agencies,
     count(CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN 1 END) > 0 AS type_leads
WHERE $role = 'any' OR type_leads
OPTIONAL MATCH (x:Agency)-[l:LEADS]->(t)
WHERE l.basis = 'explicit'
WITH t, type_agencies, type_leads, count(x) = 0 AS unnamed_lead
WHERE NOT $unnamed OR unnamed_lead
MATCH (d:Document)-[:HAS_TASK]->(t)
RETURN t.id AS task_id, d.id AS doc_id, d.title AS plan, t.no AS no, t.title AS title,
       type_agencies, type_leads, unnamed_lead
ORDER BY task_id
