// plan_targets, shaped for LadybugDB (same answers): from the plan to its targets, and
// from each target to its task and sectors (HINT), not every STATES and MEASURES edge.
MATCH (d:Document)
WHERE d.id = $doc OR d.file = $doc
MATCH (d)-[h:HAS_TARGET]->(g:Target)
HINT (d JOIN h) JOIN g
WITH g
WHERE coalesce($task, '') = '' OR g.task_id = coalesce($task, '')
OPTIONAL MATCH (t:Task)-[s:STATES]->(g)
HINT (g JOIN s) JOIN t
OPTIONAL MATCH (g)-[m:MEASURES]->(x:Sector)
HINT (g JOIN m) JOIN x
RETURN g.id AS target_id, t.id AS task_id, t.no AS no, t.title AS task, g.metric AS metric,
       g.value AS value, g.unit AS value_unit, g.comparison AS comparison, g.year AS year,
       g.phrase AS phrase, collect(x.name) AS sectors, g.position AS position
ORDER BY position
