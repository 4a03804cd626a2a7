// Remove documents about to be replaced or removed (their tasks are already gone).
// param ids: document ids.
UNWIND $ids AS id
MATCH (d:Document {id: id})
DETACH DELETE d
