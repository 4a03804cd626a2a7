// Tallies (graph.tallies): add to the tasks of each agency type (of one kind, or '' for any
// kind) in each scope (stored already): tasks any agency of it is assigned, leads
// explicitly, leads as first listed; a type left without tasks there goes.
UNWIND $rows AS r
MERGE (x:TypeTally {key: r.key})
ON CREATE SET x.type = r.type, x.kind = r.kind, x.scope = r.scope, x.tasks = r.tasks,
              x.explicit = r.explicit, x.first_listed = r.first_listed
ON MATCH SET x.tasks = x.tasks + r.tasks, x.explicit = x.explicit + r.explicit,
             x.first_listed = x.first_listed + r.first_listed
WITH x
WHERE x.tasks <= 0
DELETE x
