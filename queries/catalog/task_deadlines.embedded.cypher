// task_deadlines, shaped for LadybugDB (same answers): the tasks found by id first, each
// deadline reached from its task (HINT), not every HAS_DEADLINE edge joined to the list.
MATCH (t:Task)
WHERE t.id IN $tasks
MATCH (t)-[h:HAS_DEADLINE]->(x:Deadline)
HINT (t JOIN h) JOIN x
RETURN t.id AS task_id, x.phrase AS phrase, x.kind AS deadline_kind, x.date AS date,
       x.recurrence AS recurrence, x.position AS position
ORDER BY task_id, position
