// title: A plan's division-of-labour table
// question: Who leads and who works on each task of plan 003_ce560822e58bcc91?
// param doc (string, required): document id or file name, e.g. 003_ce560822e58bcc91
// columns: no, section, title, leads, lead_basis, units, implied, source, task_id, corrections
// example: doc=003_ce560822e58bcc91
// lead_basis is explicit (printed as lead) or first_listed (inferred: the first unit listed,
// who then also appears under units). Units are in printed order.
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
