// Copy: every IN_SECTOR edge, as create_in_sector takes it.
MATCH (t:Task)-[:IN_SECTOR]->(s:Sector)
RETURN t.id AS task, s.name AS sector
