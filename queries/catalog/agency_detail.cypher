// title: One agency and its task counts
// 标题: 单位概况与任务数
// question: What is agency ag-b8532d89a8cb, and how many tasks does it lead or share?
// 问题: 这个单位是谁?承担多少项任务,牵头多少项?
// param agency (agency, required): agency id exactly as other queries show it, e.g. ag-b8532d89a8cb
// 参数 agency (单位): 单位编号,或能确定一个单位的名称,如 市工业和信息化局(常州市)、常州市工信局
// columns: id, name, city, kind, type, known, tasks, leads, explicit_leads, first_listed_leads
// example: agency=ag-b8532d89a8cb
// No row when the id is unknown. leads counts tasks led, explicit or first listed.
// 说明: 单位编号不存在时没有结果;牵头数包括明确牵头和按排序推定的牵头。
MATCH (a:Agency)
WHERE a.id = $agency
OPTIONAL MATCH (a)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
RETURN a.id AS id, a.name AS name, a.city AS city, a.kind AS kind, a.type AS type,
       a.known AS known, count(DISTINCT t.id) AS tasks,
       count(DISTINCT CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN t.id END) AS leads,
       count(DISTINCT CASE WHEN e.basis = 'explicit' THEN t.id END) AS explicit_leads,
       count(DISTINCT CASE WHEN e.basis = 'first_listed' THEN t.id END) AS first_listed_leads
