// title: Agencies that share tasks
// 标题: 经常共同承担任务的单位
// question: Which pairs of agencies work together most often, and on how many tasks?
// 问题: 哪两个单位最常一起承担任务,共同承担多少项?
// param city (city, default null): city of the tasks, full or short name; null for every city
// 参数 city (城市): 任务所在城市,全称或简称均可;不填为全部城市
// param min_shared (int, default 2): leave out pairs sharing fewer tasks than this
// 参数 min_shared (最少共同任务): 共同任务少于此数的单位对不列出
// param limit (int, default 20): how many pairs to list
// 参数 limit (条数): 列出多少对单位
// columns: agency_a, agency_b, city, shared, led_by_a, led_by_b
// example: city=连云港, min_shared=5
// led_by_a / led_by_b count the shared tasks that agency leads (explicit or first listed).
// Pairs are formed per task from its list of agencies (cheaper than matching
// agency-task-agency paths); names are looked up one side at a time, since matching both in
// one clause is planned as a cross product of all agencies.
// 说明: 甲牵头/乙牵头:共同任务中由该单位牵头的任务数(含按排序推定的牵头)。
WITH coalesce($city, '') AS only_city
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE only_city = '' OR t.city = only_city
WITH t, collect(DISTINCT a.id) AS agencies,
     collect(DISTINCT CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN a.id END) AS leads
UNWIND agencies AS x
UNWIND agencies AS y
WITH t, x, y, leads
WHERE x < y
WITH x, y, t.city AS city, count(*) AS shared,
     count(CASE WHEN x IN leads THEN 1 END) AS led_by_a,
     count(CASE WHEN y IN leads THEN 1 END) AS led_by_b
WHERE shared >= $min_shared
MATCH (a:Agency {id: x})
WITH a, y, city, shared, led_by_a, led_by_b
MATCH (b:Agency {id: y})
RETURN a.name AS agency_a, b.name AS agency_b, city, shared, led_by_a, led_by_b
ORDER BY shared DESC, agency_a, agency_b
LIMIT $limit
