// Remove the tasks of documents about to be replaced or removed, with every edge they carry.
// param ids: document ids. Returns how many tasks went.
UNWIND $ids AS id
MATCH (d:Document {id: id})-[:HAS_TASK]->(t:Task)
DETACH DELETE t
RETURN count(*) AS removed
