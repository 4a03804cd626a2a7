// title: The plans that assign each agency tasks, for the search index
// 标题: 搜索索引读取的单位与方案对应
// question: Which plans assign tasks to each agency?
// 问题: 每个单位的任务出自哪些方案?
// columns: id, doc_id
// One row per agency and plan. The search keeps them, so that after a write it reads again
// the agencies of the plans the write removed or replaced, and no other agency.
// 说明: 每个单位与方案一行;写入后搜索据此只重读被删除或替换的方案所涉及的单位。
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(:Task)
RETURN DISTINCT a.id AS id, e.doc_id AS doc_id
