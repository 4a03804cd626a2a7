// The bulk load (graph.bulk): one COPY per table, in this order: node tables first, then
// the relationship tables whose ends they hold; the tallies (graph.tallies) among them.
// $rows is an Arrow table whose columns are the table's properties in schema order; a
// relationship table's two end keys come first.
COPY City FROM $rows;
COPY Sector FROM $rows;
COPY Agency FROM $rows;
COPY Document FROM $rows;
COPY Task FROM $rows;
COPY Deadline FROM $rows;
COPY Target FROM $rows;
COPY Scope FROM $rows;
COPY TypeTally FROM $rows;
COPY ISSUED_IN FROM $rows;
COPY HAS_TASK FROM $rows;
COPY IN_SECTOR FROM $rows;
COPY BELONGS_TO FROM $rows;
COPY LEADS FROM $rows;
COPY RESPONSIBLE_FOR FROM $rows;
COPY HAS_DEADLINE FROM $rows;
COPY HAS_TARGET FROM $rows;
COPY STATES FROM $rows;
COPY MEASURES FROM $rows;
COPY WORKS_IN FROM $rows;
COPY SPANS FROM $rows;
COPY SHARES FROM $rows
