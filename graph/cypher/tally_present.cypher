// Tallies (graph.tallies): whether the graph holds tasks, and whether it holds the tally of
// every sector (it does whenever it holds a task, once the tallies were counted).
OPTIONAL MATCH (t:Task)
WITH count(t) AS tasks
OPTIONAL MATCH (s:Scope {name: ''})
RETURN tasks, count(s) AS counted
