// check_findings, shaped for LadybugDB: the same rows as check_findings.cypher. As in the
// check_*.embedded.cypher texts: the scope is bound first (the agency's tasks read from the
// agency, and the plans holding them; the plan by id or file name; every plan when neither
// is given), the plans' tasks read from the plan and their edges from the task (HINT),
// where the portable text's EXISTS and OPTIONAL MATCH scan and hash-join whole edge tables.
OPTIONAL MATCH (x:Agency)-[xe:LEADS|RESPONSIBLE_FOR]->(xt:Task)
WHERE x.id = $agency
HINT (x JOIN xe) JOIN xt
WITH collect(DISTINCT xt.doc_id) AS agency_docs, collect(DISTINCT id(xt)) AS agency_tasks
MATCH (d:Document)
WHERE (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
  AND (coalesce($agency, '') = '' OR list_contains(agency_docs, d.id))
MATCH (d)-[h:HAS_TASK]->(t:Task)
WHERE (coalesce($agency, '') = '' OR list_contains(agency_tasks, id(t)))
HINT (d JOIN h) JOIN t
OPTIONAL MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
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
