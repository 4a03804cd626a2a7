// title: The clauses behind a count
// 标题: 数字背后的原文依据
// question: Which tasks, in which plans and sentences, make up the 5G tasks 市工信局 of 常州 leads?
// 问题: 某单位(或某类单位)的任务数由哪些任务构成?出自哪份方案、哪一条、哪句原文?
// param agency (agency, default null): the agency counted (id or name); null for every agency
// 参数 agency (单位): 被统计的单位,单位编号或名称;不填为全部单位
// param type (string, default null): the agency type counted across cities, e.g. 工业和信息化主管部门; null for every type
// 参数 type (单位类型): 跨城市统计的单位类型,如 工业和信息化主管部门;不填为全部类型
// param kind (kind, default null): agency kind, as the ranking's kind filter; null for all
// 参数 kind (单位类别): 如 政府部门、企业;不填为全部类别
// param partner (agency, default null): only tasks this other agency also holds (the partners table); null for all
// 参数 partner (共同单位): 只看这个单位也参与的任务(共同承担任务);不填为全部
// param sector (sector, default null): only tasks of this sector, e.g. 5G; null for every sector
// 参数 sector (领域): 只看这个领域的任务,如 5G;不填为全部领域
// param role (lead|any, default 'any'): 'lead' keeps the tasks led (explicit or first listed); 'any' every assignment
// 参数 role (角色): “牵头”只看牵头的任务(含按排序推定),“全部角色”看全部任务
// param basis (any|explicit|first_listed, default 'any'): 'explicit' keeps printed leads, 'first_listed' inferred ones
// 参数 basis (牵头依据): “牵头”只看原文写明的牵头,“牵头(按排序推定)”只看推定的牵头;不选为全部
// columns: doc_id, plan, doc_number, task_id, no, section, title, basis, agency_names, mentions, sentences, agency_ids
// example: agency=ag-b8532d89a8cb, sector=5G, role=lead
// One row per task, so the rows are the count the rankings show for the same filters:
// top_agencies (tasks, explicit_leads with basis=explicit, first_listed_leads with
// basis=first_listed), agency_detail, agency_sectors, agency_partners (partner) and
// top_agency_types (type). basis is the strongest basis of the counted agencies on the task;
// mentions and sentences are how and where the plan names them.
// 说明: 每项任务一行,行数即排名中相同条件下的数字。依据为所统计单位在该任务中的最强依据;原文写法和原文是方案中写到这些单位的文字和句子。
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE (coalesce($agency, '') = '' OR a.id = coalesce($agency, ''))
  AND (coalesce($type, '') = '' OR a.type = coalesce($type, ''))
  AND (coalesce($kind, '') = '' OR a.kind = coalesce($kind, ''))
  AND ($role = 'any' OR e.basis IN ['explicit', 'first_listed'])
  AND ($basis = 'any' OR e.basis = $basis)
  AND (coalesce($sector, '') = ''
       OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = coalesce($sector, '') })
  AND (coalesce($partner, '') = ''
       OR EXISTS { MATCH (p:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t)
                   WHERE p.id = coalesce($partner, '') AND p.id <> a.id })
MATCH (d:Document)-[:HAS_TASK]->(t)
WITH d, t, a, e
ORDER BY e.rank
SKIP 0
WITH d, t, collect(DISTINCT a.name) AS agency_names, collect(DISTINCT a.id) AS agency_ids,
     collect(e.basis) AS bases, collect(DISTINCT e.mention) AS mentions,
     collect(DISTINCT e.sentence) AS sentences
RETURN d.id AS doc_id, d.title AS plan, d.doc_number AS doc_number, t.id AS task_id,
       t.no AS no, t.section AS section, t.title AS title,
       CASE WHEN 'explicit' IN bases THEN 'explicit'
            WHEN 'first_listed' IN bases THEN 'first_listed'
            WHEN 'listed' IN bases THEN 'listed' ELSE 'standing_rule' END AS basis,
       agency_names, mentions, sentences, agency_ids
ORDER BY doc_id, task_id
