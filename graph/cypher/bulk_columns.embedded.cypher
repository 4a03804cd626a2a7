// The properties of every table in schema order, for the Arrow tables the bulk load copies.
// table_info takes only a literal table name, so there is one statement per table.
CALL table_info('City') RETURN 'City' AS label, name, type;
CALL table_info('Document') RETURN 'Document' AS label, name, type;
CALL table_info('Task') RETURN 'Task' AS label, name, type;
CALL table_info('Agency') RETURN 'Agency' AS label, name, type;
CALL table_info('Sector') RETURN 'Sector' AS label, name, type;
CALL table_info('ISSUED_IN') RETURN 'ISSUED_IN' AS label, name, type;
CALL table_info('HAS_TASK') RETURN 'HAS_TASK' AS label, name, type;
CALL table_info('IN_SECTOR') RETURN 'IN_SECTOR' AS label, name, type;
CALL table_info('BELONGS_TO') RETURN 'BELONGS_TO' AS label, name, type;
CALL table_info('LEADS') RETURN 'LEADS' AS label, name, type;
CALL table_info('RESPONSIBLE_FOR') RETURN 'RESPONSIBLE_FOR' AS label, name, type;
CALL table_info('Scope') RETURN 'Scope' AS label, name, type;
CALL table_info('TypeTally') RETURN 'TypeTally' AS label, name, type;
CALL table_info('WORKS_IN') RETURN 'WORKS_IN' AS label, name, type;
CALL table_info('SPANS') RETURN 'SPANS' AS label, name, type;
CALL table_info('SHARES') RETURN 'SHARES' AS label, name, type;
CALL table_info('Deadline') RETURN 'Deadline' AS label, name, type;
CALL table_info('Target') RETURN 'Target' AS label, name, type;
CALL table_info('HAS_DEADLINE') RETURN 'HAS_DEADLINE' AS label, name, type;
CALL table_info('HAS_TARGET') RETURN 'HAS_TARGET' AS label, name, type;
CALL table_info('STATES') RETURN 'STATES' AS label, name, type;
CALL table_info('MEASURES') RETURN 'MEASURES' AS label, name, type
