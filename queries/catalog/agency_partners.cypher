// title: The agencies one agency shares most tasks with
// question: With whom does agency ag-b8532d89a8cb work most often, and who leads those tasks?
// param agency (string, required): agency id, e.g. ag-b8532d89a8cb
// param limit (int, default 10): how many partners to list
// columns: id, name, city, kind, shared, led_by_partner, led_by_agency
// example: agency=ag-b8532d89a8cb, limit=5
// led_by_partner / led_by_agency count the shared tasks each side leads (explicit or first listed).
MATCH (a:Agency)-[mine:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE a.id = $agency
MATCH (o:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WHERE o.id <> a.id
RETURN o.id AS id, o.name AS name, o.city AS city, o.kind AS kind,
       count(DISTINCT t.id) AS shared,
       count(DISTINCT CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN t.id END)
           AS led_by_partner,
       count(DISTINCT CASE WHEN mine.basis IN ['explicit', 'first_listed'] THEN t.id END)
           AS led_by_agency
ORDER BY shared DESC, name, id
LIMIT $limit
