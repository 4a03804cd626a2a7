// Copy: every Document, as create_documents takes it.
MATCH (d:Document)
RETURN d.id AS id, d.file AS file, d.title AS title, d.issuer AS issuer,
       d.doc_number AS doc_number, d.issued AS issued, d.city AS city, d.sha256 AS sha256,
       d.encoding AS encoding, d.task_count AS task_count, d.fingerprint AS fingerprint,
       d.place AS place, d.text AS text
