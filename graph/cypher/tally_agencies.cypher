// Tallies (graph.tallies): the stored kind and type of some agencies, to find those a
// write is about to change (the lexicon changed since they were stored).
MATCH (a:Agency)
WHERE a.id IN $ids
RETURN a.id AS id, a.kind AS kind, a.type AS type
