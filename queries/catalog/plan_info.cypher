// title: One plan: title, issuer and date
// 标题: 方案基本信息
// question: Who issued plan 003_ce560822e58bcc91, when, under which number, with how many tasks?
// 问题: 这份方案由谁、何时、以什么文号印发,有多少项任务?
// param doc (string, required): document id or file name, e.g. 003_ce560822e58bcc91
// 参数 doc (方案): 文件编号或文件名,如 003_ce560822e58bcc91
// columns: doc_id, file, title, city, issuer, doc_number, issued, tasks
// example: doc=003_ce560822e58bcc91
// No row when the plan is unknown.
// 说明: 方案不存在时没有结果。
MATCH (d:Document)
WHERE d.id = $doc OR d.file = $doc
RETURN d.id AS doc_id, d.file AS file, d.title AS title, d.city AS city, d.issuer AS issuer,
       d.doc_number AS doc_number, d.issued AS issued, d.task_count AS tasks
