// Tallies counted from scratch (graph.recount): every agency with its kind and type.
MATCH (a:Agency)
RETURN a.id AS id, a.kind AS kind, a.type AS type
