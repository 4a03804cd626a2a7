// title: Task texts for the search index
// 标题: 搜索索引读取的任务全文
// question: What does each task of a plan (or of every plan) say, word for word?
// 问题: 某份方案(或全部方案)的每项任务原文是什么?
// param doc (string, default null): document id; null for every plan
// 参数 doc (方案): 文件编号;不填为全部方案
// columns: task_id, doc_id, city, no, title, text
// example: doc=000_29c4f374f04b8484
// The full-text search (queries.search) reads every task once at start and a changed plan's
// tasks after a write; no order is asked, the index does not need one. One plan's tasks are
// reached from the plan (5 ms at scale 1000, where comparing every task's doc_id took 100).
// 说明: 全文搜索启动时读取全部任务,写入后只重读改动过的方案。
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE coalesce($doc, '') = '' OR d.id = coalesce($doc, '')
RETURN t.id AS task_id, t.doc_id AS doc_id, t.city AS city, t.no AS no, t.title AS title,
       t.text AS text
