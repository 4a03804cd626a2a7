// title: Check list: how many findings on each agency's tasks, per check
// 标题: 问题清单:各单位承担任务中每项检查的问题数
// question: For each agency, how many of the tasks it is assigned print no lead, have several leads, name only collectives or vague units, give no deadline or name an unknown agency?
// 问题: 各单位承担的任务中,分别有多少项未明确牵头、仅按排序推定牵头、多个牵头、仅列集合主体、单位表述模糊、未明确时限、单位名称未收录?
// param words (words, required): the vague words, e.g. 有关部门、相关单位 (the viewer gives those of queries/data/checks.yaml)
// 参数 words (模糊用语): 以、分隔的模糊用语,如 有关部门、相关单位;页面使用问题清单词表
// columns: agency_id, no_explicit_lead, first_listed_lead, several_leads, only_collectives, vague_units, no_deadline, unknown_agencies
// example: words=有关部门、有关单位、相关部门、相关单位
// One row per agency assigned at least one task: per check, the number of its tasks the
// check's own query (check_<name> with agency=…) lists, counted in one pass. A task naming
// no unit concerns no agency, so no_units has no column here.
// 说明: 每个单位一行,各列为对应检查项(check_*,按单位)列出的任务数,一次统计得出;未列单位的任务不涉及单位,不在此列。
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WITH t, count(DISTINCT CASE WHEN e.basis = 'explicit' THEN a.id END) AS explicit_leads,
     count(CASE WHEN e.basis = 'first_listed' THEN 1 END) AS first_listed,
     count(CASE WHEN a.kind <> 'collective' THEN 1 END) AS singles,
     count(CASE WHEN any(w IN $words WHERE e.mention CONTAINS w OR a.name CONTAINS w)
                THEN 1 END) AS vague,
     count(CASE WHEN a.known = false THEN 1 END) AS unknown,
     collect(DISTINCT a.id) AS agency_ids
UNWIND agency_ids AS agency_id
WITH agency_id,
     count(CASE WHEN explicit_leads = 0 THEN 1 END) AS no_explicit_lead,
     count(CASE WHEN first_listed > 0 THEN 1 END) AS first_listed_lead,
     count(CASE WHEN explicit_leads > 1 THEN 1 END) AS several_leads,
     count(CASE WHEN singles = 0 THEN 1 END) AS only_collectives,
     count(CASE WHEN vague > 0 THEN 1 END) AS vague_units,
     count(CASE WHEN coalesce(t.deadline, '') = '' THEN 1 END) AS no_deadline,
     count(CASE WHEN unknown > 0 THEN 1 END) AS unknown_agencies
RETURN agency_id, no_explicit_lead, first_listed_lead, several_leads, only_collectives,
       vague_units, no_deadline, unknown_agencies
ORDER BY agency_id
