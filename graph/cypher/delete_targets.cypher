// Remove the targets of documents about to be replaced or removed, with their edges.
// param ids: document ids.
UNWIND $ids AS id
MATCH (:Document {id: id})-[:HAS_TARGET]->(g:Target)
DETACH DELETE g
