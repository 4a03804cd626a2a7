// title: Check list: how many findings on each agency's tasks in each plan, per check
// 标题: 问题清单:各单位在各方案中承担任务的每项检查问题数
// question: For each agency, how many of the tasks it is assigned print no lead, have several leads, name only collectives or vague units, give no deadline or name an unknown agency?
// 问题: 各单位承担的任务中,分别有多少项未明确牵头、仅按排序推定牵头、多个牵头、仅列集合主体、单位表述模糊、未明确时限、单位名称未收录?
// param docs (words, required): the plans whose tasks are counted, by id
// 参数 docs (方案): 要统计的方案编号,以、分隔
// param words (words, required): the vague words, e.g. 有关部门、相关单位 (the viewer gives those of queries/data/checks.yaml)
// 参数 words (模糊用语): 以、分隔的模糊用语,如 有关部门、相关单位;页面使用问题清单词表
// columns: doc_id, agency_id, no_explicit_lead, first_listed_lead, several_leads, only_collectives, vague_units, no_deadline, unknown_agencies
// example: docs=000_29c4f374f04b8484、001_dd2bc50c87d10c0b, words=有关部门、有关单位、相关部门、相关单位
// One row per plan and agency assigned at least one of its tasks: per check, the number of its tasks the
// check's own query (check_<name> with agency=…) lists, counted in one pass. A task naming
// no unit concerns no agency, so no_units has no column here. An agency's count over every
// plan is the sum of its rows (a task is in one plan).
// 说明: 每个方案与单位一行,各列为对应检查项(check_*,按单位)列出的任务数,一次统计得出;未列单位的任务不涉及单位,不在此列。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE d.id IN $docs
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH t, count(DISTINCT CASE WHEN e.basis = 'explicit' THEN a.id END) AS explicit_leads,
     count(CASE WHEN e.basis = 'first_listed' THEN 1 END) AS first_listed,
     count(CASE WHEN a.kind <> 'collective' THEN 1 END) AS singles,
     count(CASE WHEN any(w IN $words WHERE e.mention CONTAINS w OR a.name CONTAINS w)
                THEN 1 END) AS vague,
     count(CASE WHEN a.known = false THEN 1 END) AS unknown,
     collect(DISTINCT a.id) AS agency_ids
UNWIND agency_ids AS agency_id
WITH t.doc_id AS doc_id, agency_id,
     count(CASE WHEN explicit_leads = 0 THEN 1 END) AS no_explicit_lead,
     count(CASE WHEN first_listed > 0 THEN 1 END) AS first_listed_lead,
     count(CASE WHEN explicit_leads > 1 THEN 1 END) AS several_leads,
     count(CASE WHEN singles = 0 THEN 1 END) AS only_collectives,
     count(CASE WHEN vague > 0 THEN 1 END) AS vague_units,
     count(CASE WHEN coalesce(t.deadline, '') = '' THEN 1 END) AS no_deadline,
     count(CASE WHEN unknown > 0 THEN 1 END) AS unknown_agencies
RETURN doc_id, agency_id, no_explicit_lead, first_listed_lead, several_leads, only_collectives,
       vague_units, no_deadline, unknown_agencies
ORDER BY doc_id, agency_id
