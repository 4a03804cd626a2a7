// After a replacement or removal: cities no plan was issued in and no agency belongs to.
// (移除方案后:既无方案、也无单位的城市一并移除。)
MATCH (c:City)
WHERE NOT EXISTS { MATCH (:Document)-[:ISSUED_IN]->(c) }
  AND NOT EXISTS { MATCH (:Agency)-[:BELONGS_TO]->(c) }
DETACH DELETE c
RETURN count(*) AS removed
