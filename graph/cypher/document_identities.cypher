// Stored plans a new plan may be the same as (graph.identity): those whose fingerprint is
// one of the new plans', and every plan with a 文号, since issuer and 文号 are compared
// after NFKC, which Cypher cannot do. (哪些已入库方案可能与新方案相同:同一文本或同一文号。)
// param fingerprints: the new plans' fingerprints (a non-empty list).
MATCH (d:Document)
WHERE d.fingerprint IN $fingerprints OR coalesce(d.doc_number, '') <> ''
RETURN d.id AS id, d.fingerprint AS fingerprint, d.issuer AS issuer,
       d.doc_number AS doc_number
