// Copy: every Task with its HAS_TASK edge, as create_tasks takes it (doc_id names the
// document the task hangs from: the parent, read from the edge, not only the property).
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
RETURN t.id AS id, d.id AS doc_id, t.no AS no, t.section AS section, t.title AS title,
       t.text AS text, t.position AS position, t.source AS source, t.deadline AS deadline,
       t.city AS city
