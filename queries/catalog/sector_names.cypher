// title: Sector names
// 标题: 领域名称
// question: Which sectors have at least one task tagged, by name?
// 问题: 哪些领域至少有一项任务?
// columns: sector
// Loads prune sectors left without tasks, so every Sector node has tasks. The ranking with
// counts is the query `sectors`; this list is what filter forms offer.
// 说明: 载入时会删除没有任务的领域;带数量的排名见“各领域任务数”。
MATCH (s:Sector)
RETURN s.name AS sector
ORDER BY sector
