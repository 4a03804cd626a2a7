// co_responsibility, shaped for LadybugDB (same answers as co_responsibility.cypher): the
// city is compared inline on the task scan (one bound by WITH before a MATCH is compared
// only after the whole table has been materialised), each task's agencies are expanded from
// the task (HINT), and pairs are formed and counted on internal ids (cheaper to hash than
// string ids), then turned back into the portable query's order: agency_a is the one with
// the smaller id.
MATCH (t:Task)
WHERE coalesce($city, '') = '' OR t.city = coalesce($city, '')
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
HINT (t JOIN e) JOIN a
WITH id(t) AS tid, t.city AS city, collect(DISTINCT id(a)) AS agencies,
     collect(DISTINCT CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN id(a) END) AS leads
UNWIND agencies AS x
UNWIND agencies AS y
WITH city, x, y, leads
WHERE x < y
WITH x, y, city, count(*) AS shared,
     count(CASE WHEN x IN leads THEN 1 END) AS led_by_x,
     count(CASE WHEN y IN leads THEN 1 END) AS led_by_y
WHERE shared >= $min_shared
MATCH (p:Agency) WHERE id(p) = x
WITH p, y, city, shared, led_by_x, led_by_y
MATCH (q:Agency) WHERE id(q) = y
WITH CASE WHEN p.id < q.id THEN p ELSE q END AS a, CASE WHEN p.id < q.id THEN q ELSE p END AS b,
     city, shared, CASE WHEN p.id < q.id THEN led_by_x ELSE led_by_y END AS led_by_a,
     CASE WHEN p.id < q.id THEN led_by_y ELSE led_by_x END AS led_by_b
RETURN a.name AS agency_a, b.name AS agency_b, city, shared, led_by_a, led_by_b
ORDER BY shared DESC, agency_a, agency_b
LIMIT $limit
