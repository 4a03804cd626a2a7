// title: Agency-task edges for drawing the network
// question: Which agencies are tied to which 5G tasks in 常州, and as lead or as unit?
// param city (city, default null): the issuing city, full or short name; null for every city
// param sector (string, default null): sector name, e.g. 5G; null for every sector
// param agency (string, default null): agency id; keeps only that agency's tasks (with all their agencies)
// param role (lead|any, default 'any'): 'lead' keeps lead edges only (explicit or first listed)
// param limit (int, default 5000): how many edges to list
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// columns: agency_id, agency, city, kind, task_id, task, no, doc_id, basis
// example: city=常州, sector=5G
// One row per edge: a first-listed lead gives a lead row and a listed row for the same pair.
WITH coalesce($city, '') AS only_city, coalesce($sector, '') AS only_sector,
     coalesce($agency, '') AS only_agency, $role AS role
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE (only_city = '' OR t.city = only_city)
  AND (role = 'any' OR e.basis IN ['explicit', 'first_listed'])
  AND (only_sector = '' OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = only_sector })
  AND (only_agency = '' OR EXISTS {
        MATCH (f:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t) WHERE f.id = only_agency })
RETURN a.id AS agency_id, a.name AS agency, a.city AS city, a.kind AS kind, t.id AS task_id,
       t.title AS task, t.no AS no, t.doc_id AS doc_id, e.basis AS basis
ORDER BY task_id, agency_id
SKIP $offset
LIMIT $limit
