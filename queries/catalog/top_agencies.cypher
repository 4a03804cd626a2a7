// title: Agencies with the most tasks
// question: Which bureau carries the most 5G obligations in 常州?
// param sector (string, default null): sector name, e.g. 5G; null counts tasks of every sector
// param city (city, default null): the agency's city, full or short name (常州市 or 常州); null for all
// param kind (string, default null): agency kind (department, party, collective, zone, enterprise, institution, other); null for all
// param role (lead|any, default 'any'): 'lead' counts tasks the agency leads (explicit or first listed); 'any' counts every assignment
// param limit (int, default 20): how many agencies to list
// columns: name, city, kind, type, tasks, explicit_leads, first_listed_leads, id
// example: sector=5G, city=常州
// An agency has at most one LEADS edge per task, so lead edges count tasks; an agency
// can both lead and be listed on a task, so tasks are counted distinct.
WITH coalesce($sector, '') AS only_sector, coalesce($city, '') AS only_city,
     coalesce($kind, '') AS only_kind, $role AS role
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE (only_city = '' OR a.city = only_city)
  AND (only_kind = '' OR a.kind = only_kind)
  AND (role = 'any' OR e.basis IN ['explicit', 'first_listed'])
  AND (only_sector = '' OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = only_sector })
WITH a, count(DISTINCT t) AS tasks,
     count(CASE WHEN e.basis = 'explicit' THEN 1 END) AS explicit_leads,
     count(CASE WHEN e.basis = 'first_listed' THEN 1 END) AS first_listed_leads
RETURN a.name AS name, a.city AS city, a.kind AS kind, a.type AS type,
       tasks, explicit_leads, first_listed_leads, a.id AS id
ORDER BY tasks DESC, name, city
LIMIT $limit
