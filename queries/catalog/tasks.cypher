// title: Tasks, with their leads
// question: Which tasks do the plans of 常州 set for 5G, and who leads each?
// param city (city, default null): the issuing city, full or short name; null for every city
// param doc (string, default null): document id or file name; null for every plan
// param sector (string, default null): sector name, e.g. 5G; null for every sector
// param limit (int, default 200): how many tasks to list
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// columns: task_id, doc_id, plan, city, section, no, title, leads, lead_basis, agencies, sectors
// example: city=常州, sector=5G
// lead_basis is explicit, first_listed, or null when the task names no unit; agencies counts
// every agency assigned.
WITH coalesce($city, '') AS only_city, coalesce($doc, '') AS only_doc,
     coalesce($sector, '') AS only_sector
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (only_city = '' OR d.city = only_city)
  AND (only_doc = '' OR d.id = only_doc OR d.file = only_doc)
  AND (only_sector = '' OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = only_sector })
OPTIONAL MATCH (l:Agency)-[e:LEADS]->(t)
WITH d, t, collect(l.name) AS leads, collect(e.basis) AS bases
OPTIONAL MATCH (a:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t)
WITH d, t, leads, bases, count(DISTINCT a.id) AS agencies
OPTIONAL MATCH (t)-[:IN_SECTOR]->(s:Sector)
RETURN t.id AS task_id, d.id AS doc_id, d.title AS plan, d.city AS city, t.section AS section,
       t.no AS no, t.title AS title, leads,
       CASE WHEN 'explicit' IN bases THEN 'explicit'
            WHEN 'first_listed' IN bases THEN 'first_listed' END AS lead_basis,
       agencies, collect(s.name) AS sectors
ORDER BY task_id
SKIP $offset
LIMIT $limit
