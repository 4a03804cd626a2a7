// Node and relationship counts, for load reports and tests. Counting before naming keeps
// one row per label even when it has no nodes (a literal next to count() would group).
MATCH (n:City) WITH count(n) AS count RETURN 'City' AS name, count
UNION ALL MATCH (n:Document) WITH count(n) AS count RETURN 'Document' AS name, count
UNION ALL MATCH (n:Task) WITH count(n) AS count RETURN 'Task' AS name, count
UNION ALL MATCH (n:Agency) WITH count(n) AS count RETURN 'Agency' AS name, count
UNION ALL MATCH (n:Sector) WITH count(n) AS count RETURN 'Sector' AS name, count
UNION ALL MATCH ()-[e:ISSUED_IN]->() WITH count(e) AS count RETURN 'ISSUED_IN' AS name, count
UNION ALL MATCH ()-[e:HAS_TASK]->() WITH count(e) AS count RETURN 'HAS_TASK' AS name, count
UNION ALL MATCH ()-[e:IN_SECTOR]->() WITH count(e) AS count RETURN 'IN_SECTOR' AS name, count
UNION ALL MATCH ()-[e:BELONGS_TO]->() WITH count(e) AS count RETURN 'BELONGS_TO' AS name, count
UNION ALL MATCH ()-[e:LEADS]->() WITH count(e) AS count RETURN 'LEADS' AS name, count
UNION ALL MATCH ()-[e:RESPONSIBLE_FOR]->() WITH count(e) AS count
RETURN 'RESPONSIBLE_FOR' AS name, count
UNION ALL MATCH (n:Deadline) WITH count(n) AS count RETURN 'Deadline' AS name, count
UNION ALL MATCH (n:Target) WITH count(n) AS count RETURN 'Target' AS name, count
UNION ALL MATCH ()-[e:HAS_DEADLINE]->() WITH count(e) AS count RETURN 'HAS_DEADLINE' AS name, count
UNION ALL MATCH ()-[e:HAS_TARGET]->() WITH count(e) AS count RETURN 'HAS_TARGET' AS name, count
UNION ALL MATCH ()-[e:STATES]->() WITH count(e) AS count RETURN 'STATES' AS name, count
UNION ALL MATCH ()-[e:MEASURES]->() WITH count(e) AS count RETURN 'MEASURES' AS name, count
