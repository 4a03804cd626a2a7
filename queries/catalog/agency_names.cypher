// title: Every agency by name
// 标题: 单位名录
// question: Which agencies are in the graph, in which city, of which kind and type?
// 问题: 图谱里有哪些单位?各属哪个城市、哪一类别和类型?
// columns: id, name, city, kind, type
// 说明: 问题框用这份名录在问题中认出单位名称。
// The question box reads this list to find agency names in questions (queries.linking).
// name is the lexicon's (canonical) name: the question box reads a question's names
// through the lexicon, which gives every city's body of a kind one name (工信局 → each
// city's 市工业和信息化局); pages show an agency by the name its city's plans print (a.name),
// and every agency parameter takes either.
// 说明: 名录用规范名称(词表中的名称),页面显示各市方案中最常见的写法;单位参数两者皆可。
MATCH (a:Agency)
RETURN a.id AS id, coalesce(a.canonical, a.name) AS name, a.city AS city, a.kind AS kind,
       a.type AS type
ORDER BY city, name, id
