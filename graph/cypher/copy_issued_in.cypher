// Copy: every ISSUED_IN edge, as create_issued_in takes it.
MATCH (d:Document)-[:ISSUED_IN]->(c:City)
RETURN d.id AS doc, c.id AS city
