// title: One agency and its task counts
// question: What is agency ag-b8532d89a8cb, and how many tasks does it lead or share?
// param agency (string, required): agency id exactly as other queries show it, e.g. ag-b8532d89a8cb
// columns: id, name, city, kind, type, known, tasks, leads, explicit_leads, first_listed_leads
// example: agency=ag-b8532d89a8cb
// No row when the id is unknown. leads counts tasks led, explicit or first listed.
MATCH (a:Agency)
WHERE a.id = $agency
OPTIONAL MATCH (a)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
RETURN a.id AS id, a.name AS name, a.city AS city, a.kind AS kind, a.type AS type,
       a.known AS known, count(DISTINCT t.id) AS tasks,
       count(DISTINCT CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN t.id END) AS leads,
       count(DISTINCT CASE WHEN e.basis = 'explicit' THEN t.id END) AS explicit_leads,
       count(DISTINCT CASE WHEN e.basis = 'first_listed' THEN t.id END) AS first_listed_leads
