// title: Check: tasks with vaguely named units
// 标题: 问题清单:单位表述模糊的任务
// question: Which tasks of plan 003_ce560822e58bcc91 assign work to 有关部门, 相关单位 and the like?
// 问题: 这份方案中哪些任务把工作交给“有关部门”“相关单位”这类说不清是谁的单位?
// param doc (string, default null): document id or file name; null for every plan
// 参数 doc (方案): 文件编号或文件名;不填为全部方案
// param agency (agency, default null): only tasks this agency is assigned to (id or name); null for every agency
// 参数 agency (单位): 只看这个单位承担的任务,单位编号或名称;不填为全部单位
// param words (words, required): the vague words, e.g. 有关部门、相关单位 (the viewer gives those of queries/data/checks.yaml)
// 参数 words (模糊用语): 以、分隔的模糊用语,如 有关部门、相关单位;页面使用问题清单词表
// columns: doc_id, plan, doc_number, task_id, no, section, title, text, assigned, sentences, found, agency_ids
// example: doc=003_ce560822e58bcc91, words=有关部门、有关单位、相关部门、相关单位
// A unit is vague when its printed name or the agency it resolved to contains a word.
// found: the vague units as printed.
// 说明: 单位的原文写法或对应单位名称含有任一模糊用语即算模糊。涉及单位为原文写法。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
  AND (coalesce($agency, '') = ''
       OR EXISTS { MATCH (x:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) WHERE x.id = coalesce($agency, '') })
  AND EXISTS { MATCH (v:Agency)-[f:LEADS|RESPONSIBLE_FOR]->(t)
               WHERE any(w IN $words WHERE f.mention CONTAINS w OR v.name CONTAINS w) }
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH d, t, a, e
ORDER BY e.rank
SKIP 0
WITH d, t, collect(DISTINCT a.name) AS assigned, collect(DISTINCT a.id) AS agency_ids,
     collect(DISTINCT e.sentence) AS sentences,
     collect(DISTINCT CASE WHEN any(w IN $words WHERE e.mention CONTAINS w OR a.name CONTAINS w) THEN e.mention END) AS found
RETURN d.id AS doc_id, d.title AS plan, d.doc_number AS doc_number, t.id AS task_id,
       t.no AS no, t.section AS section, t.title AS title,
       CASE WHEN size(sentences) = 0 THEN t.text END AS text, assigned,
       sentences, found, agency_ids
ORDER BY task_id
