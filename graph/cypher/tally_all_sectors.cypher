// Tallies counted from scratch (graph.recount): every task's sectors, one row each.
MATCH (t:Task)-[:IN_SECTOR]->(s:Sector)
RETURN t.id AS task, s.name AS sector
