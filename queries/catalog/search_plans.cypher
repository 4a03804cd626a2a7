// title: Plans for the search index
// 标题: 搜索索引读取的方案
// question: Which plans are loaded, with their titles, 文号, issuers, content hashes and the size of their tasks?
// 问题: 收录了哪些方案?各方案的标题、文号、发文单位、内容指纹和任务篇幅是什么?
// param doc (string, default null): document id; null for every plan
// 参数 doc (方案): 文件编号;不填为全部方案
// columns: doc_id, title, doc_number, issuer, city, issued, sha256, tasks, chars
// example: doc=000_29c4f374f04b8484
// The full-text search (queries.search) compares sha256, tasks and chars (characters of the
// tasks' titles and texts) with what it indexed, so after a write, or a reload by a newer
// parser of a plan whose text did not change, it reads again only the plans that differ;
// after a write by the viewer it reads only the plans the write loaded or removed (doc).
// 说明: 全文搜索据内容指纹、任务数和任务字数判断哪些方案需要重读;查看器自己写入后只读所写的方案。
MATCH (d:Document)
WHERE coalesce($doc, '') = '' OR d.id = coalesce($doc, '')
OPTIONAL MATCH (d)-[:HAS_TASK]->(t:Task)
RETURN d.id AS doc_id, d.title AS title, d.doc_number AS doc_number, d.issuer AS issuer,
       d.city AS city, d.issued AS issued, d.sha256 AS sha256, count(t) AS tasks,
       sum(size(coalesce(t.title, '')) + size(coalesce(t.text, ''))) AS chars
