// Tallies (graph.tallies): every stored tally, one statement per tally in
// graph.tallies.STATEMENTS order, columns as the tally statements take them; for checking
// the kept counts against a count from scratch (graph.recount.check).
MATCH (s:Scope)
RETURN s.name AS name, s.tasks AS tasks;
MATCH (s:Scope)-[x:SPANS]->(c:City)
RETURN s.name AS scope, c.id AS city, x.tasks AS tasks;
MATCH (a:Agency)-[w:WORKS_IN]->(s:Scope)
RETURN a.id AS agency, s.name AS scope, w.tasks AS tasks, w.explicit AS explicit,
       w.first_listed AS first_listed;
MATCH (a:Agency)-[x:SHARES]->(b:Agency)
RETURN a.id AS a, b.id AS b, x.city AS city, x.shared AS shared, x.led_by_a AS led_by_a,
       x.led_by_b AS led_by_b;
MATCH (x:TypeTally)
RETURN x.key AS key, x.type AS type, x.kind AS kind, x.scope AS scope, x.tasks AS tasks,
       x.explicit AS explicit, x.first_listed AS first_listed
