// title: What falls due for one agency, and when
// 标题: 某单位的任务到期时间表
// question: What must 开封市工业和信息化局 deliver, and by when?
// 问题: 这个单位承担的任务各在什么时候到期?
// param agency (agency, required): agency id exactly as other queries show it, e.g. ag-4c6e31f6c0be
// 参数 agency (单位): 单位编号,或能确定一个单位的名称,如 开封市工信局
// param due_by (date, default null): only deadlines on or before this date, e.g. 2020-12-31; null for every task
// 参数 due_by (到期日): 只列此日(含)之前到期的任务,如 2020-12-31;不填为全部任务
// columns: task_id, doc_id, plan, no, title, role, phrase, deadline_kind, date, recurrence
// example: agency=ag-4c6e31f6c0be
// One row per deadline the task prints (a task with two dates is listed twice), and one
// row with an empty deadline for a task that prints none. deadline_kind is date (date: the last day
// of the month, quarter or year printed), recurring (recurrence: 每季度 …) or ongoing
// (持续推进). With due_by only dated deadlines up to that day are listed.
// 说明: 任务原文写了几个时限就列几行,未写时限的任务列一行(时限为空);时限类别为具体日期(所写月、季、年的最后一天)、周期性(每季度等)或持续推进;填写到期日时只列该日之前的具体日期。
WITH coalesce($due_by, '') AS hi
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE a.id = $agency
WITH hi, t, collect(e.basis) AS bases
OPTIONAL MATCH (t)-[:HAS_DEADLINE]->(x:Deadline)
WITH hi, t, bases, x
WHERE hi = '' OR (x.date IS NOT NULL AND x.date <= hi)
MATCH (d:Document)-[:HAS_TASK]->(t)
RETURN t.id AS task_id, d.id AS doc_id, d.title AS plan, t.no AS no, t.title AS title,
       CASE WHEN 'explicit' IN bases OR 'first_listed' IN bases THEN 'lead'
            WHEN 'listed' IN bases THEN 'unit' ELSE 'implied' END AS role,
       x.phrase AS phrase, x.kind AS deadline_kind, x.date AS date, x.recurrence AS recurrence
ORDER BY task_id, phrase
