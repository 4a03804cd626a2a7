// title: Check list: how many findings each plan has, per check
// 标题: 问题清单:各方案每项检查的问题数
// question: How many tasks of each plan name no unit, print no lead, have several leads, name only collectives or vague units, give no deadline or name an unknown agency?
// 问题: 各方案分别有多少项任务未列单位、未明确牵头、仅按排序推定牵头、多个牵头、仅列集合主体、单位表述模糊、未明确时限、单位名称未收录?
// param docs (words, required): the plans to count, by id (the viewer asks a few hundred at a time and keeps the counts across writes)
// 参数 docs (方案): 要统计的方案编号,以、分隔
// param words (words, required): the vague words, e.g. 有关部门、相关单位 (the viewer gives those of queries/data/checks.yaml)
// 参数 words (模糊用语): 以、分隔的模糊用语,如 有关部门、相关单位;页面使用问题清单词表
// columns: doc_id, tasks, no_units, no_explicit_lead, first_listed_lead, several_leads, only_collectives, vague_units, no_deadline, unknown_agencies
// example: docs=000_29c4f374f04b8484、001_dd2bc50c87d10c0b, words=有关部门、有关单位、相关部门、相关单位
// One row per plan with at least one task: per check, the number of tasks the check's own
// query (check_<name>) lists for the plan, counted in one pass over the tasks and their
// edges instead of listing every finding. Lead bases are those the tallies count:
// explicit and first_listed edges are leads. `WHERE d.id IN $docs` on the scanned plans
// narrows the edge scans in LadybugDB (a whole scale-1000 graph in one pass runs past the
// time limit; a hundred plans take about 0.15 s).
// 说明: 每份方案一行,各列为对应检查项(check_*)列出的任务数,一次统计得出。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE d.id IN $docs
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH d, t, count(e) AS units,
     count(DISTINCT CASE WHEN e.basis = 'explicit' THEN a.id END) AS explicit_leads,
     count(CASE WHEN e.basis = 'first_listed' THEN 1 END) AS first_listed,
     count(CASE WHEN a.kind <> 'collective' THEN 1 END) AS singles,
     count(CASE WHEN any(w IN $words WHERE e.mention CONTAINS w OR a.name CONTAINS w)
                THEN 1 END) AS vague,
     count(CASE WHEN a.known = false THEN 1 END) AS unknown
WITH d.id AS doc_id, count(t) AS tasks,
     count(CASE WHEN units = 0 THEN 1 END) AS no_units,
     count(CASE WHEN units > 0 AND explicit_leads = 0 THEN 1 END) AS no_explicit_lead,
     count(CASE WHEN first_listed > 0 THEN 1 END) AS first_listed_lead,
     count(CASE WHEN explicit_leads > 1 THEN 1 END) AS several_leads,
     count(CASE WHEN units > 0 AND singles = 0 THEN 1 END) AS only_collectives,
     count(CASE WHEN vague > 0 THEN 1 END) AS vague_units,
     count(CASE WHEN coalesce(t.deadline, '') = '' THEN 1 END) AS no_deadline,
     count(CASE WHEN unknown > 0 THEN 1 END) AS unknown_agencies
RETURN doc_id, tasks, no_units, no_explicit_lead, first_listed_lead, several_leads,
       only_collectives, vague_units, no_deadline, unknown_agencies
ORDER BY doc_id
