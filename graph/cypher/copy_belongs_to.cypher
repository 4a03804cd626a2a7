// Copy: every BELONGS_TO edge, as merge_belongs_to takes it.
MATCH (a:Agency)-[:BELONGS_TO]->(c:City)
RETURN a.id AS agency, c.id AS city
