// task_deadlines, shaped for LadybugDB (same answers): the deadlines read by the task id
// each keeps (written with its HAS_DEADLINE edge, removed with it: graph/cypher/
// create_deadlines.cypher, delete_deadlines.cypher), scanned between the smallest and the
// largest id asked (parameters alone narrow the scan) before the list is checked: `t.id IN
// $tasks` over every task compares each with the whole list (the task list's 500 tasks at
// scale 1000: 190 ms), the tasks scanned and then joined to their deadlines 22–45 ms (one
// new plan's 22 tasks 15–17), the 69,753 deadlines alone 11–14 (7–8).
MATCH (x:Deadline)
WHERE x.task_id >= list_sort($tasks)[1] AND x.task_id <= list_reverse_sort($tasks)[1]
  AND list_contains($tasks, x.task_id)
RETURN x.task_id AS task_id, x.phrase AS phrase, x.kind AS deadline_kind, x.date AS date,
       x.recurrence AS recurrence, x.position AS position
ORDER BY task_id, position
