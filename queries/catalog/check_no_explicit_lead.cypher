// title: Check: tasks with units but no lead printed
// 标题: 问题清单:未明确牵头单位的任务
// question: Which tasks of plan 000_29c4f374f04b8484 list units but print no lead, and who leads them by the first-listed convention?
// 问题: 这份方案中哪些任务列了单位却没有写明牵头单位?按排序推定由谁牵头?
// param doc (string, default null): document id or file name; null for every plan
// 参数 doc (方案): 文件编号或文件名;不填为全部方案
// param agency (agency, default null): only tasks this agency is assigned to (id or name); null for every agency
// 参数 agency (单位): 只看这个单位承担的任务,单位编号或名称;不填为全部单位
// columns: doc_id, plan, doc_number, task_id, no, section, title, text, assigned, sentences, found, agency_ids
// example: doc=000_29c4f374f04b8484
// The plan page's count 未明确牵头单位: tasks with at least one unit and no explicit lead.
// found is the lead by the first-listed convention, when the task lists a unit first.
// 说明: 即方案页的“未明确牵头单位”:任务至少列了一个单位,但没有写明牵头单位。涉及单位为按排序推定的牵头单位。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
  AND (coalesce($agency, '') = ''
       OR EXISTS { MATCH (x:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) WHERE x.id = coalesce($agency, '') })
  AND EXISTS { MATCH (:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) }
  AND NOT EXISTS { MATCH (:Agency)-[l:LEADS]->(t) WHERE l.basis = 'explicit' }
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH d, t, a, e
ORDER BY e.rank
SKIP 0
WITH d, t, collect(DISTINCT a.name) AS assigned, collect(DISTINCT a.id) AS agency_ids,
     collect(DISTINCT e.sentence) AS sentences,
     collect(DISTINCT CASE WHEN e.basis = 'first_listed' THEN a.name END) AS found
RETURN d.id AS doc_id, d.title AS plan, d.doc_number AS doc_number, t.id AS task_id,
       t.no AS no, t.section AS section, t.title AS title,
       CASE WHEN size(sentences) = 0 THEN t.text END AS text, assigned,
       sentences, found, agency_ids
ORDER BY task_id
