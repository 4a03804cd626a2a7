// title: Check: tasks with several explicit leads
// 标题: 问题清单:多个牵头单位的任务
// question: Which tasks of plan 003_ce560822e58bcc91 print two or more lead units?
// 问题: 这份方案中哪些任务写明了两个及以上牵头单位?
// param doc (string, default null): document id or file name; null for every plan
// 参数 doc (方案): 文件编号或文件名;不填为全部方案
// param agency (agency, default null): only tasks this agency is assigned to (id or name); null for every agency
// 参数 agency (单位): 只看这个单位承担的任务,单位编号或名称;不填为全部单位
// columns: doc_id, plan, doc_number, task_id, no, section, title, text, assigned, sentences, found, agency_ids
// example: doc=003_ce560822e58bcc91
// Leads are counted as agencies: two printings of one agency are one lead. found: the leads.
// 说明: 按单位计数,同一单位的两种写法算一个牵头单位。涉及单位为各牵头单位。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
  AND (coalesce($agency, '') = ''
       OR EXISTS { MATCH (x:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) WHERE x.id = coalesce($agency, '') })
MATCH (y:Agency)-[l:LEADS]->(t)
WHERE l.basis = 'explicit'
WITH d, t, count(DISTINCT y.id) AS leads
WHERE leads > 1
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH d, t, a, e
ORDER BY e.rank
SKIP 0
WITH d, t, collect(DISTINCT a.name) AS assigned, collect(DISTINCT a.id) AS agency_ids,
     collect(DISTINCT e.sentence) AS sentences,
     collect(DISTINCT CASE WHEN e.basis = 'explicit' THEN a.name END) AS found
RETURN d.id AS doc_id, d.title AS plan, d.doc_number AS doc_number, t.id AS task_id,
       t.no AS no, t.section AS section, t.title AS title,
       CASE WHEN size(sentences) = 0 THEN t.text END AS text, assigned,
       sentences, found, agency_ids
ORDER BY task_id
