// The stored text of plans, to read them again without their files (webui corrections):
// plans by id, by fingerprint, or issued in one of the jurisdictions named (a national
// plan, stored without a city, is issued in 国务院). 按编号、指纹或发文地区取方案原文,
// 供更正后重新读取方案。
// Parameters: $ids, $fingerprints, $places (lists; any may be empty).
MATCH (d:Document)
WHERE d.id IN $ids OR d.fingerprint IN $fingerprints OR coalesce(d.city, '国务院') IN $places
RETURN d.id AS id, d.file AS file, d.encoding AS encoding, coalesce(d.place, '') AS place,
       coalesce(d.city, '国务院') AS issued_in, coalesce(d.text, '') AS text
ORDER BY id
