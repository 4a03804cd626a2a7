// Tallies (graph.tallies): the scopes some agencies have counts in already.
MATCH (a:Agency)-[:WORKS_IN]->(s:Scope)
WHERE a.id IN $ids
RETURN a.id AS agency, s.name AS scope
