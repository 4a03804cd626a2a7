// title: Where the plans name one agency
// question: In which words and sentences do the plans assign tasks to agency ag-b8532d89a8cb?
// param agency (string, required): agency id, e.g. ag-b8532d89a8cb
// columns: task_id, mentions, sentences
// example: agency=ag-b8532d89a8cb
// mentions are the unit as printed (市工信局); sentences the sentence or table row of each list.
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE a.id = $agency
WITH t, e
ORDER BY e.rank
SKIP 0
RETURN t.id AS task_id, collect(DISTINCT e.mention) AS mentions,
       collect(DISTINCT e.sentence) AS sentences
ORDER BY task_id
