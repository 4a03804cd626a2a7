// title: The deadlines of some tasks
// 标题: 任务的完成时限
// question: By when must tasks 002_56b0b1f0d4126dc9-001 and -002 be done, as printed?
// 问题: 这些任务原文写的完成时限是什么?
// param tasks (words, required): task ids, e.g. 002_56b0b1f0d4126dc9-001、002_56b0b1f0d4126dc9-002
// 参数 tasks (任务): 任务编号,以、分隔,如 002_56b0b1f0d4126dc9-001、002_56b0b1f0d4126dc9-002
// columns: task_id, phrase, deadline_kind, date, recurrence, position
// example: tasks=002_56b0b1f0d4126dc9-001、002_56b0b1f0d4126dc9-002
// Every deadline each task prints, in printed order (position). kind is date (date: the
// last day of the month, quarter or year printed), recurring (recurrence) or ongoing (deadline_kind).
// 说明: 每项任务原文写的全部时限,按原文顺序;类别为具体日期(所写月、季、年的最后一天)、周期性或持续推进。
UNWIND $tasks AS id
MATCH (t:Task)-[:HAS_DEADLINE]->(x:Deadline)
WHERE t.id = id
RETURN t.id AS task_id, x.phrase AS phrase, x.kind AS deadline_kind, x.date AS date,
       x.recurrence AS recurrence, x.position AS position
ORDER BY task_id, position
