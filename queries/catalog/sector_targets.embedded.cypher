// sector_targets, shaped for LadybugDB (same answers): from the sector to its targets, the
// page cut first, then each target's plan and task reached from the target (HINT).
MATCH (s:Sector)<-[m:MEASURES]-(g:Target)
WHERE s.name = $sector AND (coalesce($city, '') = '' OR g.city = coalesce($city, ''))
WITH g
ORDER BY g.metric, g.city, g.year, g.id
LIMIT $limit
MATCH (d:Document)-[h:HAS_TARGET]->(g)
HINT (g JOIN h) JOIN d
OPTIONAL MATCH (t:Task)-[e:STATES]->(g)
HINT (g JOIN e) JOIN t
RETURN g.city AS city, g.metric AS metric, g.value AS value, g.unit AS value_unit,
       g.comparison AS comparison, g.year AS year, d.title AS plan, d.id AS doc_id,
       t.id AS task_id, t.no AS no, g.phrase AS phrase, g.id AS target_id
ORDER BY metric, city, year, target_id
