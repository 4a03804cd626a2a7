// title: Check list: every check's findings for one plan or one agency, in one pass
// 标题: 问题清单:一份方案或一个单位的全部检查问题(一次查出)
// question: Which tasks of plan 003_ce560822e58bcc91 does each check of the list find, with the units each finding is about?
// 问题: 这份方案的任务中,每项检查分别发现了哪些问题?各涉及哪些单位?
// param doc (string, default null): document id or file name; null for every plan
// 参数 doc (方案): 文件编号或文件名;不填为全部方案
// param agency (agency, default null): only tasks this agency is assigned to (id or name); null for every agency
// 参数 agency (单位): 只看这个单位承担的任务,单位编号或名称;不填为全部单位
// param words (words, required): the vague words, e.g. 有关部门、相关单位 (the viewer gives those of queries/data/checks.yaml)
// 参数 words (模糊用语): 以、分隔的模糊用语,如 有关部门、相关单位;页面使用问题清单词表
// columns: doc_id, plan, doc_number, task_id, no, section, title, text, assigned, sentences, agency_ids, no_units, found_no_units, no_explicit_lead, found_no_explicit_lead, first_listed_lead, found_first_listed_lead, several_leads, found_several_leads, only_collectives, found_only_collectives, vague_units, found_vague_units, no_deadline, found_no_deadline, unknown_agencies, found_unknown_agencies
// example: doc=003_ce560822e58bcc91, words=有关部门、有关单位、相关部门、相关单位
// One row per task some check finds: the columns every check query returns (but found),
// then per check whether it finds the task (a column named as the check) and the units
// it is about (found_<check>). The rows a check finds, with its found, are the rows of
// that check's own query (check_<name>; tests/test_checks.py holds them to it): a plan's
// or an agency's whole list (/checks/plan/…, /checks/agency/…, the XLSX and DOCX) is one
// query instead of eight. Lead bases are those the counts read: explicit and first_listed
// edges are leads.
// 说明: 每项被任一检查发现的任务一行;各检查一列(是否发现)及其涉及单位一列(found_检查名),与各检查自身查询的结果相同。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
  AND (coalesce($agency, '') = ''
       OR EXISTS { MATCH (x:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) WHERE x.id = coalesce($agency, '') })
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WITH d, t, a, e
ORDER BY e.rank
SKIP 0
WITH d, t, collect(DISTINCT a.name) AS assigned, collect(DISTINCT a.id) AS agency_ids,
     collect(DISTINCT e.sentence) AS sentences, count(e) AS units,
     count(DISTINCT CASE WHEN e.basis = 'explicit' THEN a.id END) AS explicit_leads,
     count(CASE WHEN e.basis = 'first_listed' THEN 1 END) AS first_listed,
     count(CASE WHEN a.kind <> 'collective' THEN 1 END) AS singles,
     count(CASE WHEN any(w IN $words WHERE e.mention CONTAINS w OR a.name CONTAINS w)
                THEN 1 END) AS vague,
     count(CASE WHEN a.known = false THEN 1 END) AS unknown,
     collect(DISTINCT e.mention) AS mentions,
     collect(DISTINCT CASE WHEN e.basis = 'first_listed' THEN a.name END) AS first_listed_names,
     collect(DISTINCT CASE WHEN e.basis = 'explicit' THEN a.name END) AS explicit_names,
     collect(DISTINCT CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN a.name END)
         AS lead_names,
     collect(DISTINCT CASE WHEN any(w IN $words WHERE e.mention CONTAINS w OR a.name CONTAINS w)
                      THEN e.mention END) AS vague_mentions,
     collect(DISTINCT CASE WHEN a.known = false THEN e.mention END) AS unknown_mentions
WITH d, t, assigned, agency_ids, sentences, mentions, first_listed_names, explicit_names,
     lead_names, vague_mentions, unknown_mentions,
     units = 0 AS no_units, units > 0 AND explicit_leads = 0 AS no_explicit_lead,
     first_listed > 0 AS first_listed_lead, explicit_leads > 1 AS several_leads,
     units > 0 AND singles = 0 AS only_collectives, vague > 0 AS vague_units,
     coalesce(t.deadline, '') = '' AS no_deadline, unknown > 0 AS unknown_agencies
WHERE no_units OR no_explicit_lead OR first_listed_lead OR several_leads OR only_collectives
   OR vague_units OR no_deadline OR unknown_agencies
RETURN d.id AS doc_id, d.title AS plan, d.doc_number AS doc_number, t.id AS task_id,
       t.no AS no, t.section AS section, t.title AS title,
       CASE WHEN size(sentences) = 0 THEN t.text END AS text, assigned, sentences, agency_ids,
       no_units, mentions AS found_no_units,
       no_explicit_lead, first_listed_names AS found_no_explicit_lead,
       first_listed_lead, first_listed_names AS found_first_listed_lead,
       several_leads, explicit_names AS found_several_leads,
       only_collectives, assigned AS found_only_collectives,
       vague_units, vague_mentions AS found_vague_units,
       no_deadline, lead_names AS found_no_deadline,
       unknown_agencies, unknown_mentions AS found_unknown_agencies
ORDER BY task_id
