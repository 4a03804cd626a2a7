// Every deadline a task prints, as printed (phrase) and normalised: kind date (date: the
// ISO last day of the period named), recurring (recurrence: 每季度 …) or ongoing.
// Created with the task, never merged. (任务的完成时限:原文写法与规范形式。)
UNWIND $rows AS r
MATCH (t:Task {id: r.task_id})
CREATE (t)-[:HAS_DEADLINE]->(:Deadline {id: r.id, task_id: r.task_id, doc_id: r.doc_id,
                                        position: r.position, phrase: r.phrase, kind: r.kind,
                                        date: r.date, recurrence: r.recurrence,
                                        start: r.start, `end`: r.`end`})
