// title: Every agency by name
// 标题: 单位名录
// question: Which agencies are in the graph, in which city, of which kind and type?
// 问题: 图谱里有哪些单位?各属哪个城市、哪一类别和类型?
// columns: id, name, city, kind, type
// 说明: 问题框用这份名录在问题中认出单位名称。
// The question box reads this list to find agency names in questions (queries.linking).
MATCH (a:Agency)
RETURN a.id AS id, a.name AS name, a.city AS city, a.kind AS kind, a.type AS type
ORDER BY city, name, id
