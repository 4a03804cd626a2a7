// Copy: every MEASURES edge, as create_target_sectors takes it.
MATCH (g:Target)-[:MEASURES]->(s:Sector)
RETURN g.id AS target, s.name AS sector
