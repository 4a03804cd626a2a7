// title: Cities with plans
// question: Which cities (and provinces, districts) have issued the plans loaded?
// columns: city, short, level, plans
// level is the jurisdiction's level (national, province, city, district). A City node
// reached only as an agency's home (a province for its bureaus) has no plans and is left out.
MATCH (c:City)<-[:ISSUED_IN]-(d:Document)
RETURN c.id AS city, c.short AS short, c.level AS level, count(d) AS plans
ORDER BY city
