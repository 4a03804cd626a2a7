// title: Check: tasks assigned only to collectives
// 标题: 问题清单:仅列集合主体的任务
// question: Which tasks of plan 003_ce560822e58bcc91 name only collectives such as 各县区人民政府, and no single accountable agency?
// 问题: 这份方案中哪些任务只列了“各县区人民政府”等集合主体,没有具体单位?
// param doc (string, default null): document id or file name; null for every plan
// 参数 doc (方案): 文件编号或文件名;不填为全部方案
// param agency (agency, default null): only tasks this agency is assigned to (id or name); null for every agency
// 参数 agency (单位): 只看这个单位承担的任务,单位编号或名称;不填为全部单位
// columns: doc_id, plan, doc_number, task_id, no, section, title, text, assigned, sentences, found, agency_ids
// example: doc=003_ce560822e58bcc91
// Collectives are agencies of kind collective (各县(市、区)人民政府, 市有关部门和单位, 各基础电信运营企业 …).
// 说明: 集合主体指类别为“集合主体(各…)”的单位,如各县(市、区)人民政府、市有关部门和单位、各基础电信运营企业。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
  AND (coalesce($agency, '') = ''
       OR EXISTS { MATCH (x:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) WHERE x.id = coalesce($agency, '') })
  AND EXISTS { MATCH (:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) }
  AND NOT EXISTS { MATCH (o:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) WHERE o.kind <> 'collective' }
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH d, t, a, e
ORDER BY e.rank
SKIP 0
WITH d, t, collect(DISTINCT a.name) AS assigned, collect(DISTINCT a.id) AS agency_ids,
     collect(DISTINCT e.sentence) AS sentences,
     collect(DISTINCT a.name) AS found
RETURN d.id AS doc_id, d.title AS plan, d.doc_number AS doc_number, t.id AS task_id,
       t.no AS no, t.section AS section, t.title AS title,
       CASE WHEN size(sentences) = 0 THEN t.text END AS text, assigned,
       sentences, found, agency_ids
ORDER BY task_id
