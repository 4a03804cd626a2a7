// title: The agencies one agency shares most tasks with
// 标题: 与某单位共同承担任务最多的单位
// question: With whom does agency ag-b8532d89a8cb work most often, and who leads those tasks?
// 问题: 这个单位最常和哪些单位一起承担任务?这些任务由谁牵头?
// param agency (agency, required): agency id, e.g. ag-b8532d89a8cb
// 参数 agency (单位): 单位编号,或能确定一个单位的名称,如 常州市工信局、市工业和信息化局(常州市)
// param limit (int, default 10): how many partners to list
// 参数 limit (条数): 列出多少个合作单位
// columns: id, name, city, kind, shared, led_by_partner, led_by_agency
// example: agency=ag-b8532d89a8cb, limit=5
// led_by_partner / led_by_agency count the shared tasks each side leads (explicit or first listed).
// 说明: 对方牵头/本单位牵头:共同任务中由各方牵头的任务数(含按排序推定的牵头)。
MATCH (a:Agency)-[mine:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE a.id = $agency
MATCH (o:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t)
WHERE o.id <> a.id
RETURN o.id AS id, o.name AS name, o.city AS city, o.kind AS kind,
       count(DISTINCT t.id) AS shared,
       count(DISTINCT CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN t.id END)
           AS led_by_partner,
       count(DISTINCT CASE WHEN mine.basis IN ['explicit', 'first_listed'] THEN t.id END)
           AS led_by_agency
ORDER BY shared DESC, name, id
LIMIT $limit
