// Every node and relationship, one statement per label and type, for graph.export.
// Node statements return (label, key, props); edge statements return (type, source_label,
// source, target_label, target, props), the ends given by their label and key.
MATCH (n:City) RETURN 'City' AS label, n.id AS key, properties(n) AS props;
MATCH (n:Document) RETURN 'Document' AS label, n.id AS key, properties(n) AS props;
MATCH (n:Task) RETURN 'Task' AS label, n.id AS key, properties(n) AS props;
MATCH (n:Agency) RETURN 'Agency' AS label, n.id AS key, properties(n) AS props;
MATCH (n:Sector) RETURN 'Sector' AS label, n.name AS key, properties(n) AS props;
MATCH (a:Document)-[e:ISSUED_IN]->(b:City)
RETURN 'ISSUED_IN' AS type, 'Document' AS source_label, a.id AS source,
       'City' AS target_label, b.id AS target, properties(e) AS props;
MATCH (a:Document)-[e:HAS_TASK]->(b:Task)
RETURN 'HAS_TASK' AS type, 'Document' AS source_label, a.id AS source,
       'Task' AS target_label, b.id AS target, properties(e) AS props;
MATCH (a:Task)-[e:IN_SECTOR]->(b:Sector)
RETURN 'IN_SECTOR' AS type, 'Task' AS source_label, a.id AS source,
       'Sector' AS target_label, b.name AS target, properties(e) AS props;
MATCH (a:Agency)-[e:BELONGS_TO]->(b:City)
RETURN 'BELONGS_TO' AS type, 'Agency' AS source_label, a.id AS source,
       'City' AS target_label, b.id AS target, properties(e) AS props;
MATCH (a:Agency)-[e:LEADS]->(b:Task)
RETURN 'LEADS' AS type, 'Agency' AS source_label, a.id AS source,
       'Task' AS target_label, b.id AS target, properties(e) AS props;
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(b:Task)
RETURN 'RESPONSIBLE_FOR' AS type, 'Agency' AS source_label, a.id AS source,
       'Task' AS target_label, b.id AS target, properties(e) AS props;
MATCH (n:Deadline) RETURN 'Deadline' AS label, n.id AS key, properties(n) AS props;
MATCH (n:Target) RETURN 'Target' AS label, n.id AS key, properties(n) AS props;
MATCH (a:Task)-[e:HAS_DEADLINE]->(b:Deadline)
RETURN 'HAS_DEADLINE' AS type, 'Task' AS source_label, a.id AS source,
       'Deadline' AS target_label, b.id AS target, properties(e) AS props;
MATCH (a:Document)-[e:HAS_TARGET]->(b:Target)
RETURN 'HAS_TARGET' AS type, 'Document' AS source_label, a.id AS source,
       'Target' AS target_label, b.id AS target, properties(e) AS props;
MATCH (a:Task)-[e:STATES]->(b:Target)
RETURN 'STATES' AS type, 'Task' AS source_label, a.id AS source,
       'Target' AS target_label, b.id AS target, properties(e) AS props;
MATCH (a:Target)-[e:MEASURES]->(b:Sector)
RETURN 'MEASURES' AS type, 'Target' AS source_label, a.id AS source,
       'Sector' AS target_label, b.name AS target, properties(e) AS props
