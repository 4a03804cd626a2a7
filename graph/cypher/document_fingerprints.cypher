// Stored plans by id or by fingerprint, with their fingerprint: which correction records
// (keyed by fingerprint) belong to a plan a page shows. 按编号或指纹查方案的内容指纹,
// 用于找出属于该方案的更正记录。
// Parameters: $ids, $fingerprints (lists; either may be empty).
MATCH (d:Document)
WHERE d.id IN $ids OR d.fingerprint IN $fingerprints
RETURN d.id AS id, d.fingerprint AS fingerprint
ORDER BY id
