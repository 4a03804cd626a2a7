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
// led_by_a / led_by_b count the shared tasks that agency leads (explicit or first listed);
// agency_a is the one with the smaller id. Pairs are counted per city of the tasks (city
// null for national plans). The counts are the tallies the graph keeps (graph.tallies):
// one SHARES edge per pair and city, stored with city '' for plans issued in no city.
// 说明: 甲牵头/乙牵头:共同任务中由该单位牵头的任务数(含按排序推定的牵头)。
// 说明: 单位对的计数取自图中随每次写入更新的汇总(graph.tallies)。
MATCH (a:Agency)-[x:SHARES]->(b:Agency)
WHERE (coalesce($city, '') = '' OR x.city = coalesce($city, ''))
  AND x.shared >= $min_shared
RETURN a.name AS agency_a, b.name AS agency_b,
       CASE WHEN x.city = '' THEN NULL ELSE x.city END AS city,
       x.shared AS shared, x.led_by_a AS led_by_a, x.led_by_b AS led_by_b
ORDER BY shared DESC, agency_a, agency_b
LIMIT $limit
