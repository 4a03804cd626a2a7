// task_targets, shaped for LadybugDB (same answers): each target reached from its task.
MATCH (t:Task)
WHERE t.id IN $tasks
MATCH (t)-[h:STATES]->(g:Target)
HINT (t JOIN h) JOIN g
RETURN t.id AS task_id, g.metric AS metric, g.value AS value, g.unit AS value_unit,
       g.comparison AS comparison, g.year AS year, g.phrase AS phrase,
       g.position AS position
ORDER BY task_id, position
