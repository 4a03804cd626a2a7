// title: Check: tasks that name no unit
// 标题: 问题清单:未列责任单位的任务
// question: Which tasks of plan 000_29c4f374f04b8484 name no unit at all, not even by a standing rule?
// 问题: 这份方案中哪些任务一个单位也没有写,连统一规定也没有覆盖?
// param doc (string, default null): document id or file name; null for every plan
// 参数 doc (方案): 文件编号或文件名;不填为全部方案
// param agency (agency, default null): only tasks this agency is assigned to; a task naming nobody concerns no agency, so none
// 参数 agency (单位): 只看这个单位承担的任务;未列单位的任务不涉及任何单位,填写单位时没有结果
// columns: doc_id, plan, doc_number, task_id, no, section, title, text, assigned, sentences, found, agency_ids
// example: doc=000_29c4f374f04b8484
// One row per task. Every check query returns these columns: assigned are the agencies on
// the task in printed order, sentences the sentences (or table rows) naming them, text the
// item's text only where no sentence names a unit (as here), found the units the finding is
// about (none here), agency_ids the ids behind assigned.
// 说明: 每项任务一行。所列单位按原文顺序;原文是列出单位的句子或表格行;没有这样的句子时给出条目全文;本项检查没有涉及单位。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
  AND (coalesce($agency, '') = ''
       OR EXISTS { MATCH (x:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) WHERE x.id = coalesce($agency, '') })
  AND NOT EXISTS { MATCH (:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) }
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH d, t, a, e
ORDER BY e.rank
SKIP 0
WITH d, t, collect(DISTINCT a.name) AS assigned, collect(DISTINCT a.id) AS agency_ids,
     collect(DISTINCT e.sentence) AS sentences, collect(DISTINCT e.mention) AS found
RETURN d.id AS doc_id, d.title AS plan, d.doc_number AS doc_number, t.id AS task_id,
       t.no AS no, t.section AS section, t.title AS title,
       CASE WHEN size(sentences) = 0 THEN t.text END AS text, assigned,
       sentences, found, agency_ids
ORDER BY task_id
