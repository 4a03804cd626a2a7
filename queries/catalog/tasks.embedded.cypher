// tasks, shaped for LadybugDB (same answers as tasks.cypher). Two branches, of which the
// city parameter picks one (the other stops at its first node: its guard is a CASE that is
// null unless the branch applies): with a city, start from the City node and walk to its
// plans and tasks; without, from the plans (all, or the one asked for). Parameters are used
// inline: one bound by WITH before a MATCH is compared only after the whole table has been
// materialised. The page is cut first; leads, agencies, plan and sectors are then looked up
// for its tasks only, each expansion starting from the task (HINT).
MATCH (c:City)
WHERE (CASE WHEN coalesce($city, '') <> '' THEN c.id END) IS NOT NULL
  AND (c.id = coalesce($city, '') OR c.short = coalesce($city, ''))
MATCH (c)<-[:ISSUED_IN]-(d:Document)
WHERE coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, '')
MATCH (d)-[:HAS_TASK]->(t:Task)
WHERE coalesce($sector, '') = ''
   OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = coalesce($sector, '') }
WITH t
ORDER BY t.id
SKIP $offset
LIMIT $limit
MATCH (d:Document)-[h:HAS_TASK]->(t)
HINT (t JOIN h) JOIN d
OPTIONAL MATCH (l:Agency)-[e:LEADS]->(t)
HINT (t JOIN e) JOIN l
WITH d, t, collect(l.name) AS leads, collect(e.basis) AS bases
OPTIONAL MATCH (a:Agency)-[r:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN r) JOIN a
WITH d, t, leads, bases, count(DISTINCT a.id) AS agencies
OPTIONAL MATCH (t)-[i:IN_SECTOR]->(s:Sector)
HINT (t JOIN i) JOIN s
RETURN t.id AS task_id, d.id AS doc_id, d.title AS plan, d.city AS city, t.section AS section,
       t.no AS no, t.title AS title, leads,
       CASE WHEN 'explicit' IN bases THEN 'explicit'
            WHEN 'first_listed' IN bases THEN 'first_listed' END AS lead_basis,
       agencies, collect(s.name) AS sectors
ORDER BY task_id
UNION ALL
MATCH (d:Document)
WHERE (CASE WHEN coalesce($city, '') = '' THEN d.id END) IS NOT NULL
  AND (coalesce($doc, '') = '' OR d.id = coalesce($doc, '') OR d.file = coalesce($doc, ''))
MATCH (d)-[:HAS_TASK]->(t:Task)
WHERE coalesce($sector, '') = ''
   OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = coalesce($sector, '') }
WITH t
ORDER BY t.id
SKIP $offset
LIMIT $limit
MATCH (d:Document)-[h:HAS_TASK]->(t)
HINT (t JOIN h) JOIN d
OPTIONAL MATCH (l:Agency)-[e:LEADS]->(t)
HINT (t JOIN e) JOIN l
WITH d, t, collect(l.name) AS leads, collect(e.basis) AS bases
OPTIONAL MATCH (a:Agency)-[r:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN r) JOIN a
WITH d, t, leads, bases, count(DISTINCT a.id) AS agencies
OPTIONAL MATCH (t)-[i:IN_SECTOR]->(s:Sector)
HINT (t JOIN i) JOIN s
RETURN t.id AS task_id, d.id AS doc_id, d.title AS plan, d.city AS city, t.section AS section,
       t.no AS no, t.title AS title, leads,
       CASE WHEN 'explicit' IN bases THEN 'explicit'
            WHEN 'first_listed' IN bases THEN 'first_listed' END AS lead_basis,
       agencies, collect(s.name) AS sectors
ORDER BY task_id
