// Cities named only by an agency's jurisdiction: create if missing, never overwrite.
UNWIND $rows AS r
MERGE (c:City {id: r.id})
ON CREATE SET c.name = r.name, c.short = r.short
