// The stored content hash of each given document id; ids not stored are simply absent.
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.sha256 AS sha256
