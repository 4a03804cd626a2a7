// title: Cities with plans
// 标题: 有方案的城市
// question: Which cities (and provinces, districts) have issued the plans loaded?
// 问题: 哪些城市(以及省、区县)发布了已收录的方案?
// columns: city, short, level, plans
// level is the jurisdiction's level (national, province, city, district). A City node
// reached only as an agency's home (a province for its bureaus) has no plans and is left out.
// 说明: 层级为行政区层级(国家、省、市、县区);只作为单位所在地出现的城市不列出。
MATCH (c:City)<-[:ISSUED_IN]-(d:Document)
RETURN c.id AS city, c.short AS short, c.level AS level, count(d) AS plans
ORDER BY city
