// title: A plan's division-of-labour table
// 标题: 方案的任务分工表
// question: Who leads and who works on each task of plan 003_ce560822e58bcc91?
// 问题: 这份方案的每项任务由谁牵头、谁参与?
// param doc (string, required): document id or file name, e.g. 003_ce560822e58bcc91
// 参数 doc (方案): 文件编号或文件名,如 003_ce560822e58bcc91
// columns: no, section, title, leads, lead_basis, units, implied, source, task_id, corrections
// example: doc=003_ce560822e58bcc91
// lead_basis is explicit (printed as lead) or first_listed (inferred: the first unit listed,
// who then also appears under units). Units are in printed order.
// 说明: 牵头依据为明确牵头(原文写明)或按排序推定(原文未写明,取第一个单位,该单位同时列在责任单位中);责任单位按原文顺序。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE d.id = $doc OR d.file = $doc
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH t, a, e
ORDER BY e.rank
SKIP 0
WITH t,
     collect(CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN a.name END) AS leads,
     collect(CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN e.basis END) AS bases,
     collect(CASE WHEN e.basis = 'listed' THEN a.name END) AS units,
     collect(CASE WHEN e.basis = 'standing_rule' THEN a.name END) AS implied,
     collect(DISTINCT CASE WHEN e.correction <> '' THEN e.correction END) AS corrections
RETURN t.no AS no, t.section AS section, t.title AS title, leads,
       CASE WHEN 'explicit' IN bases THEN 'explicit'
            WHEN 'first_listed' IN bases THEN 'first_listed' END AS lead_basis,
       units, implied, t.source AS source, t.id AS task_id, corrections
ORDER BY task_id
