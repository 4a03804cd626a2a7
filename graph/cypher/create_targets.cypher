// Every quantitative target of a plan, hung from the plan: its goals section's (task_id
// null) and its tasks' (create_task_targets ties those to the task). value is a number,
// unit as printed (万个, %), comparison one of graph.model.COMPARISONS, year where printed.
// (方案的量化目标:指标、数值、单位、比较方式、年份。)
UNWIND $rows AS r
MATCH (d:Document {id: r.doc_id})
CREATE (d)-[:HAS_TARGET]->(:Target {id: r.id, doc_id: r.doc_id, task_id: r.task_id,
                                    position: r.position, metric: r.metric, value: r.value,
                                    unit: r.unit, comparison: r.comparison, year: r.year,
                                    phrase: r.phrase, start: r.start, `end`: r.`end`,
                                    city: r.city})
