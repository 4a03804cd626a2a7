// title: One task: text, plan and sectors
// 标题: 某项任务的原文、方案和领域
// question: What does task 003_ce560822e58bcc91-001 say, in which plan and section, and which sectors is it in?
// 问题: 这项任务写了什么?出自哪份方案哪一章节?属于哪些领域?
// param task (string, required): task id, e.g. 003_ce560822e58bcc91-001
// 参数 task (任务): 任务编号,如 003_ce560822e58bcc91-001
// columns: task_id, doc_id, plan, city, section, no, title, text, deadline, source, position, sectors
// example: task=003_ce560822e58bcc91-001
// No row when the id is unknown. source says where its units were printed: inline,
// attachment (a division-of-labour table) or none.
// 说明: 出处说明单位印在哪里:条目内、分工表/附件,或未列单位。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE t.id = $task
OPTIONAL MATCH (t)-[:IN_SECTOR]->(s:Sector)
RETURN t.id AS task_id, d.id AS doc_id, d.title AS plan, t.city AS city, t.section AS section,
       t.no AS no, t.title AS title, t.text AS text, t.deadline AS deadline,
       t.source AS source, t.position AS position, collect(s.name) AS sectors
