// Tallies (graph.tallies): remove every tally, before counting them from scratch.
MATCH (:Agency)-[x:SHARES]->(:Agency) DELETE x;
MATCH (s:Scope) DETACH DELETE s;
MATCH (x:TypeTally) DELETE x
