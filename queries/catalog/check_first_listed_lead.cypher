// title: Check: tasks led only by the first-listed convention
// 标题: 问题清单:仅按排序推定牵头的任务
// question: Which tasks of plan 001_dd2bc50c87d10c0b have a lead only because it is listed first?
// 问题: 这份方案中哪些任务的牵头单位只是按“排在第一位”的惯例推定的?
// param doc (string, default null): document id or file name; null for every plan
// 参数 doc (方案): 文件编号或文件名;不填为全部方案
// param agency (agency, default null): only tasks this agency is assigned to (id or name); null for every agency
// 参数 agency (单位): 只看这个单位承担的任务,单位编号或名称;不填为全部单位
// columns: doc_id, plan, doc_number, task_id, no, section, title, text, assigned, sentences, found, agency_ids
// example: doc=001_dd2bc50c87d10c0b
// found is the inferred lead. A task whose only units come from a standing rule has no
// inferred lead and is not listed here (it is under check_no_explicit_lead).
// 说明: 涉及单位为推定的牵头单位。只有统一规定单位的任务没有推定牵头,不在此列(见未明确牵头单位)。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
  AND (coalesce($agency, '') = ''
       OR EXISTS { MATCH (x:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) WHERE x.id = coalesce($agency, '') })
  AND EXISTS { MATCH (:Agency)-[l:LEADS]->(t) WHERE l.basis = 'first_listed' }
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
