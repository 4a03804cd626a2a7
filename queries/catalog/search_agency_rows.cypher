// title: Some agencies with every printed form of their names, for the search index
// 标题: 搜索索引重读的单位及其全部写法
// question: Under which names do the plans print agencies ag-b8532d89a8cb and …, how many tasks do they carry, in which plans?
// 问题: 方案用哪些写法提到这几个单位?各承担多少项任务,出自哪些方案?
// param agencies (words, required): agency ids, e.g. ag-b8532d89a8cb
// 参数 agencies (单位编号): 单位编号,可列多个
// columns: id, name, canonical, city, kind, type, printed, tasks, plans
// example: agencies=ag-b8532d89a8cb
// The rows of search_agencies with their plans (search_agency_plans), for the agencies asked
// only; an id no agency has gives no row.
// After a write the search reads again the agencies of the plans written or removed.
// 说明: 与 search_agencies 相同的列另加所在方案,只读所列单位;写入后搜索只重读所写方案涉及的单位。
MATCH (a:Agency)
WHERE a.id IN $agencies
OPTIONAL MATCH (a)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
RETURN a.id AS id, a.name AS name, coalesce(a.canonical, a.name) AS canonical, a.city AS city,
       a.kind AS kind, a.type AS type,
       collect(DISTINCT e.unit) AS printed, count(DISTINCT t.id) AS tasks,
       collect(DISTINCT e.doc_id) AS plans
