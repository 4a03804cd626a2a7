// title: Every plan's id
// 标题: 全部方案编号
// question: Which plans does the graph hold, by id?
// 问题: 图谱中有哪些方案(编号)?
// columns: doc_id
// The viewer reads per-plan answers (the check list's counts, the 督办 ledger) a few
// hundred plans at a time and keeps them across writes; this is where it starts.
// 说明: 查看器按方案分批统计并在写入后只重算改动的方案,从此处取得全部方案编号。
MATCH (d:Document)
RETURN d.id AS doc_id
ORDER BY doc_id
