// task_targets, shaped for LadybugDB (same answers): each target reached from its task.
// The tasks are scanned between the smallest and the largest id asked (parameters alone
// narrow the scan) before the list is checked: `t.id IN $tasks` over every task compares
// each with the whole list (the task list's 500 tasks at scale 1000: 190 ms, thus 22–45).
MATCH (t:Task)
WHERE t.id >= list_sort($tasks)[1] AND t.id <= list_reverse_sort($tasks)[1]
  AND list_contains($tasks, t.id)
MATCH (t)-[h:STATES]->(g:Target)
HINT (t JOIN h) JOIN g
RETURN t.id AS task_id, g.metric AS metric, g.value AS value, g.unit AS value_unit,
       g.comparison AS comparison, g.year AS year, g.phrase AS phrase,
       g.position AS position
ORDER BY task_id, position
