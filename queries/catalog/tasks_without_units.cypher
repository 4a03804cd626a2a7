// title: Tasks nobody is assigned to
// question: Which tasks name no unit at all, not even by a standing rule?
// param city (city, default null): the issuing city, full or short name; null for every city
// param doc (string, default null): document id or file name; null for every plan
// param limit (int, default 200): how many tasks to list
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// columns: doc_id, plan, task_id, no, section, title
// example: city=深圳
WITH coalesce($city, '') AS only_city, coalesce($doc, '') AS only_doc
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (only_city = '' OR d.city = only_city)
  AND (only_doc = '' OR d.id = only_doc OR d.file = only_doc)
  AND NOT EXISTS { MATCH (:Agency)-->(t) }
RETURN d.id AS doc_id, d.title AS plan, t.id AS task_id, t.no AS no, t.section AS section,
       t.title AS title
ORDER BY task_id
SKIP $offset
LIMIT $limit
