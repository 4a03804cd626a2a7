// title: Agencies that share tasks
// question: Which pairs of agencies work together most often, and on how many tasks?
// param city (city, default null): city of the tasks, full or short name; null for every city
// param min_shared (int, default 2): leave out pairs sharing fewer tasks than this
// param limit (int, default 20): how many pairs to list
// columns: agency_a, agency_b, city, shared, led_by_a, led_by_b
// example: city=连云港, min_shared=5
// led_by_a / led_by_b count the shared tasks that agency leads (explicit or first listed);
// agency_a is the one with the smaller id. Pairs are counted per city of the tasks (city
// null for national plans). The counts are the tallies the graph keeps (graph.tallies):
// one SHARES edge per pair and city, stored with city '' for plans issued in no city.
MATCH (a:Agency)-[x:SHARES]->(b:Agency)
WHERE (coalesce($city, '') = '' OR x.city = coalesce($city, ''))
  AND x.shared >= $min_shared
RETURN a.name AS agency_a, b.name AS agency_b,
       CASE WHEN x.city = '' THEN NULL ELSE x.city END AS city,
       x.shared AS shared, x.led_by_a AS led_by_a, x.led_by_b AS led_by_b
ORDER BY shared DESC, agency_a, agency_b
LIMIT $limit
