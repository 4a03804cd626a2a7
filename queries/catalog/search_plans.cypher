// title: Plans for the search index
// 标题: 搜索索引读取的方案
// question: Which plans are loaded, with their titles, 文号, issuers and content hashes?
// 问题: 收录了哪些方案?各方案的标题、文号、发文单位和内容指纹是什么?
// columns: doc_id, title, doc_number, issuer, city, issued, sha256
// The full-text search (queries.search) compares sha256 with what it indexed, so after a
// write it reads again only the plans that were added, replaced or removed.
// 说明: 全文搜索据内容指纹判断写入后哪些方案需要重读。
MATCH (d:Document)
RETURN d.id AS doc_id, d.title AS title, d.doc_number AS doc_number, d.issuer AS issuer,
       d.city AS city, d.issued AS issued, d.sha256 AS sha256
