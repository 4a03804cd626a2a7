// Tallies (graph.tallies): the pairs and cities some agencies (the smaller id of the pair)
// have counts for already.
MATCH (a:Agency)-[x:SHARES]->(b:Agency)
WHERE a.id IN $ids
RETURN a.id AS a, b.id AS b, x.city AS city
