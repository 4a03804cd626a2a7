// The task that states a target (and so the agencies accountable for it).
// (量化目标所在的任务。)
UNWIND $rows AS r
MATCH (t:Task {id: r.task})
MATCH (g:Target {id: r.target})
CREATE (t)-[:STATES]->(g)
