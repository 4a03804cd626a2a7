// Copy: every Target with its plan, as create_targets takes it.
MATCH (d:Document)-[:HAS_TARGET]->(g:Target)
RETURN g.id AS id, d.id AS doc_id, g.task_id AS task_id, g.position AS position,
       g.metric AS metric, g.value AS value, g.unit AS unit, g.comparison AS comparison,
       g.year AS year, g.phrase AS phrase, g.start AS start, g.`end` AS `end`, g.city AS city
