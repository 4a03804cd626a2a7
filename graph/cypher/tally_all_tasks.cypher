// Tallies counted from scratch (graph.recount): every task with its city.
MATCH (t:Task)
RETURN t.id AS id, t.city AS city
