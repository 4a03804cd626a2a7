// Copy: every RESPONSIBLE_FOR edge with its evidence, as create_responsible takes it.
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(t:Task)
RETURN a.id AS agency, t.id AS task, e.basis AS basis, e.source AS source,
       e.mention AS mention, e.unit AS unit, e.start AS start, e.`end` AS `end`,
       e.sentence AS sentence, e.doc_id AS doc_id, e.rank AS rank,
       e.correction AS correction
