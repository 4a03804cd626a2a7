// Remove the tasks of documents about to be replaced, with every edge they carry.
UNWIND $ids AS id
MATCH (d:Document {id: id})-[:HAS_TASK]->(t:Task)
DETACH DELETE t
