// title: What the graph holds
// question: How many cities, plans, tasks, agencies and assignments are loaded?
// columns: cities, plans, tasks, agencies, assignments
// cities counts the jurisdictions that issued a plan; assignments counts LEADS and
// RESPONSIBLE_FOR edges (a first-listed lead is also counted as a listed unit).
OPTIONAL MATCH (d:Document)
WITH count(DISTINCT d.id) AS plans, count(DISTINCT d.city) AS cities
OPTIONAL MATCH (t:Task)
WITH plans, cities, count(DISTINCT t.id) AS tasks
OPTIONAL MATCH (a:Agency)
WITH plans, cities, tasks, count(DISTINCT a.id) AS agencies
OPTIONAL MATCH (:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(:Task)
RETURN cities, plans, tasks, agencies, count(e) AS assignments
