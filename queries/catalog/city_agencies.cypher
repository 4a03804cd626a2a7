// title: Agencies of one city
// 标题: 某城市的全部单位
// question: Which agencies of 常州市 does the graph hold, under which names?
// 问题: 图谱中常州市有哪些单位?各叫什么名称?
// param city (city, required): the agencies' city, full or short name, e.g. 常州
// 参数 city (城市): 单位所在城市,全称或简称均可,如 常州
// columns: id, name, canonical, kind, type, tasks
// example: city=常州
// name is the name the city's plans print most; canonical the lexicon's. The correction
// forms offer these as what a printed name may stand for.
// 说明: 名称为该市方案最常用的写法,规范名称取自单位词表;更正表单用它列出可选单位。
MATCH (a:Agency)
WHERE a.city = $city
OPTIONAL MATCH (a)-[:LEADS|RESPONSIBLE_FOR]->(t:Task)
RETURN a.id AS id, a.name AS name, coalesce(a.canonical, a.name) AS canonical,
       a.kind AS kind, coalesce(a.type, '') AS type, count(DISTINCT t.id) AS tasks
ORDER BY tasks DESC, name
