// Tallies (graph.tallies): add to the tasks of each scope in each city (the tasks' city);
// a count that falls to nothing goes.
UNWIND $rows AS r
MATCH (s:Scope {name: r.scope})
MATCH (c:City {id: r.city})
MERGE (s)-[x:SPANS]->(c)
ON CREATE SET x.tasks = r.tasks
ON MATCH SET x.tasks = x.tasks + r.tasks
WITH x
WHERE x.tasks <= 0
DELETE x
