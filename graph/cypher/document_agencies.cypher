// Agencies the tasks of some documents name, before those documents are deleted: their
// shown name is worked out again afterwards. (删除方案前:其任务涉及的单位。)
// param ids: document ids.
UNWIND $ids AS id
MATCH (d:Document {id: id})-[:HAS_TASK]->(:Task)<-[:LEADS|RESPONSIBLE_FOR]-(a:Agency)
RETURN DISTINCT a.id AS agency
