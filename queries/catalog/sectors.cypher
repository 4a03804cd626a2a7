// title: Sectors and how many tasks each has
// question: Which sectors (5G, 数据中心, …) do the plans' tasks fall in, and how many agencies work on each?
// param city (city, default null): the issuing city, full or short name; null for every city
// columns: sector, tasks, agencies, cities
// example: city=深圳
// A task in two sectors counts in both.
WITH coalesce($city, '') AS only_city
MATCH (t:Task)-[:IN_SECTOR]->(s:Sector)
WHERE only_city = '' OR t.city = only_city
OPTIONAL MATCH (a:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t)
RETURN s.name AS sector, count(DISTINCT t.id) AS tasks, count(DISTINCT a.id) AS agencies,
       count(DISTINCT t.city) AS cities
ORDER BY tasks DESC, sector
