UNWIND $rows AS r
MATCH (t:Task {id: r.task})
MATCH (s:Sector {name: r.sector})
CREATE (t)-[:IN_SECTOR]->(s)
