// Tallies (graph.tallies): add to each agency's counts in each scope (stored already):
// tasks it is assigned, its explicit and its first-listed lead edges; an agency left
// without tasks in the scope loses the tally.
UNWIND $rows AS r
MATCH (a:Agency {id: r.agency})
MATCH (s:Scope {name: r.scope})
MERGE (a)-[w:WORKS_IN]->(s)
ON CREATE SET w.tasks = r.tasks, w.explicit = r.explicit, w.first_listed = r.first_listed
ON MATCH SET w.tasks = w.tasks + r.tasks, w.explicit = w.explicit + r.explicit,
             w.first_listed = w.first_listed + r.first_listed
WITH w
WHERE w.tasks <= 0
DELETE w
