// Tallies (graph.tallies): add to the tasks of each scope (a sector, or '' for every
// sector); a scope left without tasks goes, with every tally that points to it.
UNWIND $rows AS r
MERGE (s:Scope {name: r.name})
ON CREATE SET s.tasks = r.tasks
ON MATCH SET s.tasks = s.tasks + r.tasks
WITH s
WHERE s.tasks <= 0
DETACH DELETE s
