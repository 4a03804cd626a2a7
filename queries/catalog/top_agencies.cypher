// title: Agencies with the most tasks
// question: Which bureau carries the most 5G obligations in 常州?
// param sector (string, default null): sector name, e.g. 5G; null counts tasks of every sector
// param city (city, default null): the agency's city, full or short name (常州市 or 常州); null for all
// param kind (string, default null): agency kind (department, party, collective, zone, enterprise, institution, other); null for all
// param role (lead|any, default 'any'): 'lead' counts tasks the agency leads (explicit or first listed); 'any' counts every assignment
// param limit (int, default 20): how many agencies to list
// columns: name, city, kind, type, tasks, explicit_leads, first_listed_leads, id
// example: sector=5G, city=常州
// tasks counts distinct tasks; explicit_leads and first_listed_leads count lead edges (an
// agency has at most one per task, so the tasks it leads are their sum). The counts are the
// tallies the graph keeps (graph.tallies): an agency's WORKS_IN to the sector's Scope ('' for
// every sector) holds its tasks there and its explicit and first-listed lead edges.
MATCH (s:Scope)<-[w:WORKS_IN]-(a:Agency)
WHERE s.name = coalesce($sector, '')
  AND (coalesce($city, '') = '' OR a.city = coalesce($city, ''))
  AND (coalesce($kind, '') = '' OR a.kind = coalesce($kind, ''))
WITH a, w, CASE WHEN $role = 'lead' THEN w.explicit + w.first_listed ELSE w.tasks END AS tasks
WHERE tasks > 0
RETURN a.name AS name, a.city AS city, a.kind AS kind, a.type AS type,
       tasks, w.explicit AS explicit_leads, w.first_listed AS first_listed_leads, a.id AS id
ORDER BY tasks DESC, name, city
LIMIT $limit
