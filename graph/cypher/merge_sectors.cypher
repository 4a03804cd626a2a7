// Sectors are a shared vocabulary.
UNWIND $rows AS r
MERGE (:Sector {name: r.name})
