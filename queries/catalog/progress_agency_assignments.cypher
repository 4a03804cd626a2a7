// title: Assignments to follow up for one agency: each task it holds
// 标题: 督办台账(按单位):该单位承担的每项任务
// question: On which tasks must 常州市工业和信息化局 report progress, and by when?
// 问题: 这个单位须就哪些任务报送进展?何时到期?
// param agency (agency, required): agency id
// 参数 agency (单位): 单位编号
// columns: doc_id, plan, issuer, doc_number, plan_hash, task_id, no, section, title, deadline, agency_id, agency, city, role
// example: agency=ag-b8532d89a8cb
// One row per task and agency (lead, unit or by standing rule). issuer, doc_number and
// plan_hash (the plan's fingerprint: its text whatever the file; the exact text's hash
// in a graph loaded before plans kept fingerprints) make the task keys of progress
// reports (webui/supervision/keys.py); deadline is an ISO date or empty.
// The rows of progress_assignments for one agency, its id compared on the scanned agencies.
// 说明: 每项任务与每个承担单位一行(牵头、责任单位或按统一规定);时限为日期或空。
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE a.id = $agency
WITH a, t, collect(e.basis) AS bases
MATCH (d:Document)-[:HAS_TASK]->(t)
RETURN d.id AS doc_id, d.title AS plan, d.issuer AS issuer, d.doc_number AS doc_number,
       coalesce(d.fingerprint, d.sha256) AS plan_hash, t.id AS task_id, t.no AS no, t.section AS section,
       t.title AS title, t.deadline AS deadline, a.id AS agency_id, a.name AS agency,
       a.city AS city,
       CASE WHEN 'explicit' IN bases OR 'first_listed' IN bases THEN 'lead'
            WHEN 'listed' IN bases THEN 'unit' ELSE 'implied' END AS role
ORDER BY doc_id, t.position, agency
