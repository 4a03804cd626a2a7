// title: Check: tasks naming an agency the lexicon does not know
// 标题: 问题清单:单位名称未收录的任务
// question: Which tasks of plan 003_ce560822e58bcc91 name a unit that resolves to no known agency?
// 问题: 这份方案中哪些任务写了单位词表里没有的单位名称?
// param doc (string, default null): document id or file name; null for every plan
// 参数 doc (方案): 文件编号或文件名;不填为全部方案
// param agency (agency, default null): only tasks this agency is assigned to (id or name); null for every agency
// 参数 agency (单位): 只看这个单位承担的任务,单位编号或名称;不填为全部单位
// columns: doc_id, plan, doc_number, task_id, no, section, title, text, assigned, sentences, found, agency_ids
// example: doc=003_ce560822e58bcc91
// Unknown agencies are those the resolver kept as printed (known = false). found: those
// units as printed.
// 说明: 未收录的单位按原文保留(已收录为否)。涉及单位为这些单位的原文写法。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
  AND (coalesce($agency, '') = ''
       OR EXISTS { MATCH (x:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) WHERE x.id = coalesce($agency, '') })
  AND EXISTS { MATCH (u:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) WHERE u.known = false }
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH d, t, a, e
ORDER BY e.rank
SKIP 0
WITH d, t, collect(DISTINCT a.name) AS assigned, collect(DISTINCT a.id) AS agency_ids,
     collect(DISTINCT e.sentence) AS sentences,
     collect(DISTINCT CASE WHEN a.known = false THEN e.mention END) AS found
RETURN d.id AS doc_id, d.title AS plan, d.doc_number AS doc_number, t.id AS task_id,
       t.no AS no, t.section AS section, t.title AS title,
       CASE WHEN size(sentences) = 0 THEN t.text END AS text, assigned,
       sentences, found, agency_ids
ORDER BY task_id
