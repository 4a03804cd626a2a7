// title: Agency types with the most tasks, across cities
// question: Which kind of bureau (工业和信息化主管部门, 通信管理部门, …) carries the most 5G obligations in all plans?
// param sector (string, default null): sector name, e.g. 5G; null counts tasks of every sector
// param kind (string, default null): agency kind (department, party, collective, zone, enterprise, institution, other); null for all
// param role (lead|any, default 'any'): 'lead' counts tasks led (explicit or first listed); 'any' counts every assignment
// param limit (int, default 20): how many types to list
// columns: type, agencies, cities, tasks, explicit_leads, first_listed_leads
// example: sector=5G
// Agencies the resolver could not type (type '') are left out.
WITH coalesce($sector, '') AS only_sector, coalesce($kind, '') AS only_kind, $role AS role
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE a.type <> ''
  AND (only_kind = '' OR a.kind = only_kind)
  AND (role = 'any' OR e.basis IN ['explicit', 'first_listed'])
  AND (only_sector = '' OR EXISTS { MATCH (t)-[:IN_SECTOR]->(s:Sector) WHERE s.name = only_sector })
RETURN a.type AS type, count(DISTINCT a.id) AS agencies, count(DISTINCT a.city) AS cities,
       count(DISTINCT t.id) AS tasks,
       count(DISTINCT CASE WHEN e.basis = 'explicit' THEN t.id END) AS explicit_leads,
       count(DISTINCT CASE WHEN e.basis = 'first_listed' THEN t.id END) AS first_listed_leads
ORDER BY tasks DESC, type
LIMIT $limit
