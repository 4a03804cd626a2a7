// Tallies (graph.tallies): the counts of agencies in scopes they had none in yet.
UNWIND $rows AS r
MATCH (a:Agency {id: r.agency})
MATCH (s:Scope {name: r.scope})
CREATE (a)-[:WORKS_IN {tasks: r.tasks, explicit: r.explicit, first_listed: r.first_listed}]->(s)
