// Each agency belongs to the city of its jurisdiction (once, however often it is loaded).
UNWIND $rows AS r
MATCH (a:Agency {id: r.agency})
MATCH (c:City {id: r.city})
MERGE (a)-[:BELONGS_TO]->(c)
