// title: Plans in the graph
// question: Which plans are loaded, from which city, with how many tasks?
// param city (city, default null): the issuing city, full or short name; null for every city
// param limit (int, default 500): how many plans to list
// param offset (int, default 0): rows to skip, for the next page (paginate with limit)
// columns: doc_id, file, title, city, issued, doc_number, tasks
// example: city=常州
WITH coalesce($city, '') AS only_city
MATCH (d:Document)
WHERE only_city = '' OR d.city = only_city
RETURN d.id AS doc_id, d.file AS file, d.title AS title, d.city AS city, d.issued AS issued,
       d.doc_number AS doc_number, d.task_count AS tasks
ORDER BY city, doc_id
SKIP $offset
LIMIT $limit
