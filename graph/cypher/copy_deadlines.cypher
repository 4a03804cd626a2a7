// Copy: every Deadline with its task, as create_deadlines takes it.
MATCH (t:Task)-[:HAS_DEADLINE]->(d:Deadline)
RETURN d.id AS id, t.id AS task_id, d.doc_id AS doc_id, d.position AS position,
       d.phrase AS phrase, d.kind AS kind, d.date AS date, d.recurrence AS recurrence,
       d.start AS start, d.`end` AS `end`
