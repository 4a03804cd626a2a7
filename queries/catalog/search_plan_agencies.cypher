// title: The agencies some plans assign tasks to, for the search index
// 标题: 搜索索引读取的方案所涉单位
// question: Which agencies do plans 000_29c4f374f04b8484 and … assign tasks to?
// 问题: 这几份方案给哪些单位分派了任务?
// param docs (words, required): document ids, e.g. 000_29c4f374f04b8484
// 参数 docs (方案编号): 文件编号,可列多个
// columns: id
// example: docs=000_29c4f374f04b8484
// After a write the search reads again the agencies of the plans written (these) and of
// the plans removed (which it remembers), nothing else.
// 说明: 写入后搜索只重读所写方案涉及的单位。
MATCH (d:Document)-[:HAS_TASK]->(:Task)<-[:LEADS|RESPONSIBLE_FOR]-(a:Agency)
WHERE d.id IN $docs
RETURN DISTINCT a.id AS id
ORDER BY id
