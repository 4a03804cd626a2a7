// title: What the graph holds
// 标题: 图谱概况
// question: How many cities, plans, tasks, agencies and assignments are loaded?
// 问题: 图谱里有多少城市、方案、任务、单位和职责分配?
// columns: cities, plans, tasks, agencies, assignments
// cities counts the jurisdictions that issued a plan; assignments counts LEADS and
// RESPONSIBLE_FOR edges (a first-listed lead is also counted as a listed unit).
// 说明: 城市数为发布方案的行政区数;职责分配数为牵头和责任单位连线数(推定牵头同时计为责任单位)。
OPTIONAL MATCH (d:Document)
WITH count(DISTINCT d.id) AS plans, count(DISTINCT d.city) AS cities
OPTIONAL MATCH (t:Task)
WITH plans, cities, count(DISTINCT t.id) AS tasks
OPTIONAL MATCH (a:Agency)
WITH plans, cities, tasks, count(DISTINCT a.id) AS agencies
OPTIONAL MATCH (:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(:Task)
RETURN cities, plans, tasks, agencies, count(e) AS assignments
