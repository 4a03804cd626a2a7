// Remove documents about to be replaced (their tasks are already gone).
UNWIND $ids AS id
MATCH (d:Document {id: id})
DETACH DELETE d
