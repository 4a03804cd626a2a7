// Tallies (graph.tallies): which of some agency type tallies (by key) are stored already.
MATCH (x:TypeTally)
WHERE x.key IN $ids
RETURN x.key AS key
