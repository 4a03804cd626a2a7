// title: Some tasks by id, with their leads
// 标题: 按编号列出的任务及其牵头单位
// question: Who leads tasks 003_ce560822e58bcc91-001 and 003_ce560822e58bcc91-002, in which plan and sectors?
// 问题: 这几项任务出自哪份方案、属于哪些领域、由谁牵头?
// param ids (words, required): task ids, e.g. 003_ce560822e58bcc91-001、003_ce560822e58bcc91-002
// 参数 ids (任务编号): 任务编号,可列多个
// columns: task_id, doc_id, plan, city, section, no, title, leads, lead_basis, agencies, sectors
// example: ids=003_ce560822e58bcc91-001、003_ce560822e58bcc91-002、003_ce560822e58bcc91-003
// The columns of `tasks`, for the tasks asked, in id order; an id no task has gives no row.
// The task list asks `task_ids` for a page and then this for the page's tasks.
// 说明: 与 tasks 相同的列,只列所给的任务,按编号排序;任务列表先用 task_ids 取一页编号,再用本查询取内容。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE t.id IN $ids
OPTIONAL MATCH (l:Agency)-[e:LEADS]->(t)
WITH d, t, collect(l.name) AS leads, collect(e.basis) AS bases
OPTIONAL MATCH (a:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t)
WITH d, t, leads, bases, count(DISTINCT a.id) AS agencies
OPTIONAL MATCH (t)-[:IN_SECTOR]->(s:Sector)
RETURN t.id AS task_id, d.id AS doc_id, d.title AS plan, d.city AS city, t.section AS section,
       t.no AS no, t.title AS title, leads,
       CASE WHEN 'explicit' IN bases THEN 'explicit'
            WHEN 'first_listed' IN bases THEN 'first_listed' END AS lead_basis,
       agencies, collect(s.name) AS sectors
ORDER BY task_id
