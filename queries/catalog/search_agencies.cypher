// title: Agencies with every printed form of their names, for the search index
// 标题: 搜索索引读取的单位及其全部写法
// question: Under which names do the plans print each agency, and how many tasks does it carry?
// 问题: 各方案用哪些写法提到每个单位?每个单位承担多少项任务?
// columns: id, name, canonical, city, kind, type, printed, tasks
// name is the agency as its city's plans print it, canonical its name in the lexicon;
// printed lists the unit names as the plans print them (市工信局, 工业和信息化局 …); the
// search also adds the lexicon's aliases of the agency's group (queries.search).
// 说明: 名称为该市方案中的写法,规范名称为词表中的名称;“原文写法”为方案原文中的全部写法;
// 说明: 搜索另外加上单位词表中的别称。
MATCH (a:Agency)
OPTIONAL MATCH (a)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
RETURN a.id AS id, a.name AS name, coalesce(a.canonical, a.name) AS canonical, a.city AS city,
       a.kind AS kind, a.type AS type,
       collect(DISTINCT e.unit) AS printed, count(DISTINCT t.id) AS tasks
