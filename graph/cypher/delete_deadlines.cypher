// Remove the deadlines of documents about to be replaced or removed (before
// their tasks: a deadline is reached through its task). (删除方案前:其完成时限。)
// param ids: document ids.
UNWIND $ids AS id
MATCH (:Document {id: id})-[:HAS_TASK]->(:Task)-[:HAS_DEADLINE]->(d:Deadline)
DETACH DELETE d
