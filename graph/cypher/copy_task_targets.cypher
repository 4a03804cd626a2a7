// Copy: every STATES edge, as create_task_targets takes it.
MATCH (t:Task)-[:STATES]->(g:Target)
RETURN t.id AS task, g.id AS target
