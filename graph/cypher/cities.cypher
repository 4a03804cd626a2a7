// Every city in the graph, for messages that list what is known.
MATCH (c:City)
RETURN c.id AS id
ORDER BY id
