// A rebuild empties the graph by dropping every table (relationships first), inside the
// rebuild's transaction; the schema is then created again and the tables copied.
// Dropping is much faster than deleting a province's worth of nodes one by one.
DROP TABLE RESPONSIBLE_FOR;
DROP TABLE LEADS;
DROP TABLE BELONGS_TO;
DROP TABLE IN_SECTOR;
DROP TABLE HAS_TASK;
DROP TABLE ISSUED_IN;
DROP TABLE Sector;
DROP TABLE Agency;
DROP TABLE Task;
DROP TABLE Document;
DROP TABLE City
