// overview, shaped for LadybugDB (same answers as overview.cypher): ids are unique, so
// plans, tasks and agencies are plain counts rather than counts of distinct ids.
OPTIONAL MATCH (d:Document)
WITH count(d) AS plans, count(DISTINCT d.city) AS cities
OPTIONAL MATCH (t:Task)
WITH plans, cities, count(t) AS tasks
OPTIONAL MATCH (a:Agency)
WITH plans, cities, tasks, count(a) AS agencies
OPTIONAL MATCH (:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(:Task)
RETURN cities, plans, tasks, agencies, count(e) AS assignments
