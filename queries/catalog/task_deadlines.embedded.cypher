// task_deadlines, shaped for LadybugDB (same answers): the tasks found by id first, each
// deadline reached from its task (HINT), not every HAS_DEADLINE edge joined to the list.
// The tasks are scanned between the smallest and the largest id asked (parameters alone
// narrow the scan) before the list is checked: `t.id IN $tasks` over every task compares
// each with the whole list (the task list's 500 tasks at scale 1000: 190 ms, thus 22–45).
MATCH (t:Task)
WHERE t.id >= list_sort($tasks)[1] AND t.id <= list_reverse_sort($tasks)[1]
  AND list_contains($tasks, t.id)
MATCH (t)-[h:HAS_DEADLINE]->(x:Deadline)
HINT (t JOIN h) JOIN x
RETURN t.id AS task_id, x.phrase AS phrase, x.kind AS deadline_kind, x.date AS date,
       x.recurrence AS recurrence, x.position AS position
ORDER BY task_id, position
