// title: Assignments to follow up in some plans: each task with each agency that holds it
// 标题: 督办台账(按方案):每项任务及其承担单位
// question: Which agencies must report progress on which tasks of plan 000_29c4f374f04b8484, and by when?
// 问题: 这份方案的每项任务由哪些单位报送进展?何时到期?
// param docs (words, required): the plans, by id
// 参数 docs (方案): 文件编号,以、分隔
// columns: doc_id, plan, issuer, doc_number, plan_hash, task_id, no, section, title, deadline, agency_id, agency, city, role
// example: docs=000_29c4f374f04b8484
// One row per task and agency (lead, unit or by standing rule). issuer, doc_number and
// plan_hash (the plan's fingerprint: its text whatever the file; the exact text's hash
// in a graph loaded before plans kept fingerprints) make the task keys of progress
// reports (webui/supervision/keys.py); deadline is an ISO date or empty.
// The rows of progress_assignments for these plans: `WHERE d.id IN $docs` on the scanned
// plans narrows the edge scans (the viewer keeps the 督办 ledger per plan across writes).
// 说明: 每项任务与每个承担单位一行(牵头、责任单位或按统一规定);时限为日期或空。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE d.id IN $docs
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH d, a, t, collect(e.basis) AS bases
RETURN d.id AS doc_id, d.title AS plan, d.issuer AS issuer, d.doc_number AS doc_number,
       coalesce(d.fingerprint, d.sha256) AS plan_hash, t.id AS task_id, t.no AS no, t.section AS section,
       t.title AS title, t.deadline AS deadline, a.id AS agency_id, a.name AS agency,
       a.city AS city,
       CASE WHEN 'explicit' IN bases OR 'first_listed' IN bases THEN 'lead'
            WHEN 'listed' IN bases THEN 'unit' ELSE 'implied' END AS role
ORDER BY doc_id, t.position, agency
