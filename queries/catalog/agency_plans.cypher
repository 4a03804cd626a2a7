// title: The plans that assign tasks to some agencies
// 标题: 指定单位承担任务的方案
// question: Which plans give a task to 市工业和信息化局 or 市发展改革委?
// 问题: 哪些方案给这些单位分派了任务?
// param agencies (words, required): agency ids
// 参数 agencies (单位): 单位编号,以、分隔
// columns: doc_id
// example: agencies=ag-b8532d89a8cb
// `WHERE a.id IN $agencies` on the scanned agencies narrows the edge scan in LadybugDB.
// 说明: 列出给这些单位分派任务的方案编号。
MATCH (a:Agency)-[:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE a.id IN $agencies
RETURN DISTINCT t.doc_id AS doc_id
ORDER BY doc_id
