UNWIND $rows AS r
MATCH (d:Document {id: r.doc})
MATCH (c:City {id: r.city})
CREATE (d)-[:ISSUED_IN]->(c)
