// Tallies counted from scratch (graph.recount): every agency-task edge with its basis.
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
RETURN t.id AS task, a.id AS agency, e.basis AS basis
