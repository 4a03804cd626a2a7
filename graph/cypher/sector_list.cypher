// Every sector in the graph, for messages that list what is known.
MATCH (s:Sector)
RETURN s.name AS name
ORDER BY name
